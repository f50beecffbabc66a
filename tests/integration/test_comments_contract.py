"""The contract every comment store meets (`CommentStoreProtocol`), run against each backend.

A new backend (the course server's HTTP client, PostgreSQL) joins by adding one factory to
`FACTORIES`: a function of the test's journal (and the test's request, for fixtures such as a
database) that returns a fresh, empty store with the journal's settings, acting as the process does
(JOURNAL_ROLE and the login decide the actor). Everything below speaks only the Protocol.

The course's HTTP store cannot join here: its actor is whoever owns its hub token, decided by the
server, never the process or `as_actor`. It meets the same calls, results and refusal words in
tests/integration/hub/test_hub_store_contract.py, beside this log, through a real hub.
"""

import pytest

from journal.comments import (Actor, CommentNotFound, CommentRefused, CommentStore, CommentStoreProtocol,
                              ModerationRefused)
from journal.errors import JournalError


def csv_log(journal, request):
    return CommentStore(journal.comments_path, journal.settings)


def postgres(journal, request):
    from journal.course.postgres import PgCommentStore, PgCourseStore

    url = request.getfixturevalue("pg_url")
    login = journal.settings.username
    journal_id = PgCourseStore(url).comments(login, None).journal_id
    return PgCommentStore(url, journal_id, journal.settings, login=login)


FACTORIES = {"csv log": csv_log, "postgres": postgres}


@pytest.fixture(params=list(FACTORIES))
def store(request, journal):
    return FACTORIES[request.param](journal, request)


def test_meets_the_protocol(store):
    assert isinstance(store, CommentStoreProtocol)
    assert isinstance(store.as_actor(Actor("sam", "peer")), CommentStoreProtocol)
    assert store.problems == [] and store.settings is not None


def test_the_default_actor_is_the_process_looked_up_at_each_call(store, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")               # the journal's username: the author
    assert store.actor == Actor("ada", "author") and store.role == "author" and store.can_moderate
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    assert store.actor == Actor("ada", "peer") and not store.can_moderate
    with pytest.raises(ModerationRefused, match="acts as a peer"):
        store.require_moderator()
    monkeypatch.delenv("JOURNAL_ROLE")
    monkeypatch.setenv("JUPYTERHUB_USER", "someone")
    assert store.actor == Actor("someone", "peer")
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    assert store.require_moderator() == "tutor"


def test_a_view_acts_as_its_actor_over_the_same_comments(store, monkeypatch):
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    peer = store.as_actor(Actor("sam", "peer"))
    tutor = store.as_actor(Actor("tina", "tutor"))
    assert (peer.actor, peer.role, peer.can_moderate) == (Actor("sam", "peer"), "peer", False)
    assert (tutor.role, tutor.can_moderate) == ("tutor", True)
    c = peer.submit("e", name="Sam", body="a peer's first comment")
    assert (c.status, c.author_role) == ("pending", "peer")
    assert store.get(c.id) == c and tutor.get(c.id) == c          # one set of comments, no refresh needed
    with pytest.raises(ModerationRefused, match="you are a peer on this journal"):
        peer.approve(c.id)
    with pytest.raises(CommentRefused, match="A peer cannot comment as tutor"):
        peer.submit("e", name="Sam", body="claiming a role", role="tutor")
    approved = tutor.approve(c.id)
    assert (approved.status, approved.status_by, approved.reason) == ("approved", "tina", "approved by the tutor")
    assert peer.get(c.id).status == "approved"
    assert store.role == "author"                                  # the process's store is unchanged
    assert tutor.submit("e", name="Tina", body="a tutor's note").status == "approved"
    edited = tutor.edit(c.id, "a peer's first comment, tidied")
    assert (edited.status_by, edited.reason) == ("tina", "edited by the tutor")


@pytest.mark.parametrize("bad", [Actor("x", "admin"), Actor("x", ""), ("x", "tutor"), None])
def test_a_view_for_an_unknown_role_is_refused(store, bad):
    with pytest.raises(JournalError, match="role must be one of peer, author, tutor"):
        store.as_actor(bad)


def test_submit_moderate_and_query(store):
    peer = store.as_actor(Actor("sam", "peer"))
    top = store.submit("e", name="Ada", body="top")
    reply = peer.submit("e", name="Sam", body="a reply", reply_to=top.id)
    assert reply.status == "pending" and len(store) == 2
    assert store.counts("e") == {"pending": 1, "approved": 1, "spam": 0, "trash": 0}
    assert store.counts() == {"e": {"pending": 1, "approved": 1, "spam": 0, "trash": 0}}
    assert store.thread("e")["body"].tolist() == ["top"]
    store.approve(reply.id)
    thread = store.thread("e")
    assert list(zip(thread["body"], thread["depth"])) == [("top", 0), ("a reply", 1)]
    assert store.spam(reply.id).status == "spam"
    assert store.trash(reply.id).status == "trash"
    assert store.restore(reply.id).status == "approved"
    assert list(store.frame(status="approved")["id"]) == [top.id, reply.id]
    assert store.frame(entry_id="other").empty
    assert [h["kind"] for h in store.history(reply.id)] == ["submit", "approve", "spam", "trash", "restore"]
    assert store.get("missing", missing_ok=True) is None
    for call in (store.get, store.approve, store.history):
        with pytest.raises(CommentNotFound):
            call("missing")
    with pytest.raises(CommentRefused, match="Duplicate comment"):
        store.submit("e", name="Ada", body="top")
    store.refresh()
    assert len(store) == 2


def test_a_peer_reads_no_email_no_moderator_and_no_reason_from_any_store(store):
    """What a role may read of a comment is decided in the store (journal.comments.privacy), whoever asks."""
    from journal.comments.privacy import HIDDEN_FROM_PEERS, PEER_FIELDS

    author = store.as_actor(Actor("ada", "author"))
    c = author.submit("e", name="Ada", body="the author's own note", email="ada@example.org")
    p = store.as_actor(Actor("sam", "peer")).submit("e", name="Sam", body="a peer asks", email="sam@example.org")
    author.approve(p.id)
    peer = store.as_actor(Actor("sam", "peer"))
    assert set(HIDDEN_FROM_PEERS) == {"author_email", "status_by", "reason"}
    for comment in (peer.get(c.id), peer.get(p.id)):
        assert {f: getattr(comment, f) for f in HIDDEN_FROM_PEERS} == dict.fromkeys(HIDDEN_FROM_PEERS, "")
        assert comment.body and comment.author_name
    for frame in (peer.frame(), peer.frame(status="approved", entry_id="e"), peer.thread("e")):
        assert len(frame) == 2
        assert (frame[list(HIDDEN_FROM_PEERS)] == "").all().all()
        assert list(frame[list(PEER_FIELDS)]["author_name"]) == ["Ada", "Sam"]
    with pytest.raises(ModerationRefused):
        peer.history(p.id)
    assert author.get(p.id).author_email == "sam@example.org" and author.get(p.id).status_by == "ada"
    assert set(author.frame()["author_email"]) == {"ada@example.org", "sam@example.org"}
    assert author.history(p.id)[0]["author_email"] == "sam@example.org"


def test_a_pseudonymous_review_never_makes_its_name_a_known_commenter(store):
    """Under first-time moderation an approved comment lets its writer's next one through; "Reviewer 1"
    is whoever drew that place on each entry, so an approved review under it vouches for no later one."""
    from dataclasses import replace

    store.settings.comments = replace(store.settings.comments, moderation="first-time", flood_seconds=0)
    peer = store.as_actor(Actor("bob", "peer"))
    first = peer.submit("e", name="Reviewer 1", body="Peer review (r)\n\nA first review.")
    assert first.status == "pending"
    store.approve(first.id)
    later = store.as_actor(Actor("cal", "peer")).submit("f", name="reviewer 1", body="Peer review (r)\n\nAnother.")
    assert (later.status, later.reason) == ("pending", "moderation: first-time, first comment")
    # A named commenter is still known once approved.
    named = peer.submit("e", name="Bob", body="A comment.")
    store.approve(named.id)
    assert peer.submit("f", name="Bob", body="Another comment.").status == "approved"


def test_two_reviewers_under_the_same_pseudonym_are_not_one_flooding_commenter(store):
    """Each entry's first reviewer is "Reviewer 1": two people reviewing two entries of one journal within the
    flood interval are two commenters, not one posting too fast; a named commenter still is one."""
    from dataclasses import replace

    store.settings.comments = replace(store.settings.comments, flood_seconds=600)
    store.as_actor(Actor("bob", "peer")).submit("e", name="Reviewer 1", body="Peer review (r)\n\nOn e.")
    assert store.as_actor(Actor("cal", "peer")).submit("f", name="Reviewer 1", body="Peer review (r)\n\nOn f.")
    store.as_actor(Actor("bob", "peer")).submit("e", name="Bob", body="A comment.")
    with pytest.raises(CommentRefused, match="wait"):
        store.as_actor(Actor("bob", "peer")).submit("f", name="Bob", body="Another comment.")
