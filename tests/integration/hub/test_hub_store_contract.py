"""One contract, three stores: the journal's own log, and the course's HTTP store through a real hub and standalone.

Each test gets a "world": one journal's comments seen by its author, a peer and a tutor, and an entry
to comment on. In the log world they are views of the CSV log; in the course world they are HTTP
stores with three people's hub tokens, the entry shared by its author. The same calls must give the
same results, statuses and refusal messages in both, so the panels and `journal comments` cannot tell
which one they talk to.
"""

import itertools
from dataclasses import dataclass

import pytest

from journal import Journal
from journal.comments import CommentNotFound, CommentRefused, ModerationRefused
from journal.comments.privacy import shown
from journal.comments.protocol import Actor, CommentStoreProtocol
from journal.course.client import CourseClient
from journal.course.remote_store import CourseCommentStore

pytestmark = pytest.mark.slow
# Every store here acts for the person the hub (or a token) identified, so refusals say "you are".
PEER_MODERATING = "Only the journal's author or a tutor can moderate comments; you are a peer on this journal."
_n = itertools.count(1)


@dataclass
class World:
    author: CommentStoreProtocol
    peer: CommentStoreProtocol
    tutor: CommentStoreProtocol
    entry: str


def log_world(tmp_path, hub):
    journal = Journal.create(tmp_path / "log", title="Log", author="Ada", username="ada")
    entry = journal.new_entry("Week one", status="published").id

    def view(user, role):
        return journal.comments.as_actor(Actor(user, role))

    return World(view("ada", "author"), view("sam", "peer"), view(hub.tutors[0], "tutor"), entry)


def course_world(tmp_path, hub):
    n = next(_n)
    author, peer = f"auth{n}", f"peer{n}"
    journal = Journal.create(tmp_path / author, title="Course", author="Ada", username=author)
    entry = journal.new_entry("Week one", status="published")
    client = CourseClient(hub.service_url, hub.user(author))
    client.share(author, entry.notebook)

    def view(login):
        return CourseCommentStore(CourseClient(hub.service_url, hub.user(login)), author, journal.settings)

    return World(view(author), view(peer), view(hub.tutors[0]), entry.id)


def standalone_world(tmp_path, hub, standalone):
    """The same course server without a hub (a workshop on one machine): people carry the course's tokens."""
    from journal.course.server.identity import issue_token

    base, secret = standalone
    n = next(_n)
    author, peer = f"solo{n}", f"mate{n}"
    journal = Journal.create(tmp_path / author, title="Workshop", author="Ada", username=author)
    entry = journal.new_entry("Week one", status="published")
    CourseClient(base, issue_token(secret, author)).share(author, entry.notebook)

    def view(login):
        return CourseCommentStore(CourseClient(base, issue_token(secret, login)), author, journal.settings)

    return World(view(author), view(peer), view(hub.tutors[0]), entry.id)


@pytest.fixture(scope="module")
def standalone(tmp_path_factory, server_process, hub):
    from journal.course.server.identity import course_secret
    from journal.course.server.ports import free_port
    from journal.course.settings import create

    folder = tmp_path_factory.mktemp("standalone") / "course"
    create(folder, title="Workshop", tutors=list(hub.tutors))
    port = free_port()
    server_process(["course", "serve", "--dir", folder, "--port", port], port)
    return f"http://127.0.0.1:{port}/", course_secret(folder)


WORLDS = {"csv log": log_world, "course over the hub": course_world, "course standalone": standalone_world}


@pytest.fixture(params=list(WORLDS))
def world(request, tmp_path, hub):
    if request.param == "course standalone":
        return standalone_world(tmp_path, hub, request.getfixturevalue("standalone"))
    return WORLDS[request.param](tmp_path, hub)


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises((CommentRefused, ModerationRefused, CommentNotFound)) as caught:
        call(*args, **kwargs)
    return f"{type(caught.value).__name__}: {caught.value}"


def test_every_view_meets_the_protocol_and_knows_its_role(world):
    for store, role in ((world.author, "author"), (world.peer, "peer"), (world.tutor, "tutor")):
        assert isinstance(store, CommentStoreProtocol)
        assert store.problems == [] and store.settings is not None
        assert (store.role, store.actor.role, store.can_moderate) == (role, role, role != "peer")
    assert world.tutor.require_moderator() == "tutor"
    assert refusal(world.peer.require_moderator) == f"ModerationRefused: {PEER_MODERATING}"


def test_submit_moderate_and_query(world):
    author, peer, tutor, e = world.author, world.peer, world.tutor, world.entry
    top = author.submit(e, name="Ada", body="top")
    assert (top.status, top.author_role) == ("approved", "author")
    reply = peer.submit(e, name="Sam", body="a reply", reply_to=top.id)
    assert (reply.status, reply.author_role, reply.parent_id) == ("pending", "peer", top.id)
    assert len(author) == 2
    assert author.counts(e) == {"pending": 1, "approved": 1, "spam": 0, "trash": 0}
    assert author.counts() == {e: {"pending": 1, "approved": 1, "spam": 0, "trash": 0}}
    assert author.thread(e)["body"].tolist() == ["top"]
    assert refusal(peer.approve, reply.id) == f"ModerationRefused: {PEER_MODERATING}"
    approved = author.approve(reply.id)
    assert (approved.status, approved.reason) == ("approved", "approved by the author")
    thread = peer.thread(e)
    assert list(zip(thread["body"], thread["depth"])) == [("top", 0), ("a reply", 1)]
    assert str(thread["depth"].dtype) == "int64"
    assert tutor.spam(reply.id).status == "spam"
    assert tutor.trash(reply.id).status == "trash"
    assert tutor.restore(reply.id).status == "approved"
    assert list(author.frame(status="approved")["id"]) == [top.id, reply.id]
    assert list(author.frame(status=["approved", "pending"])["id"]) == [top.id, reply.id]
    assert author.frame(entry_id="other").empty
    assert list(author.frame().columns)[:3] == ["id", "entry_id", "parent_id"]
    assert [h["kind"] for h in author.history(reply.id)] == ["submit", "approve", "spam", "trash", "restore"]
    assert author.get(reply.id) == tutor.get(reply.id)
    assert peer.get(reply.id) == shown(author.get(reply.id), "peer")        # what a peer may read of it
    author.refresh()
    assert len(author) == 2


def test_refusals_are_the_same_words(world):
    author, peer, e = world.author, world.peer, world.entry
    top = author.submit(e, name="Ada", body="top")
    assert refusal(author.submit, e, name="Ada", body="top").startswith("CommentRefused: Duplicate comment")
    assert refusal(peer.submit, e, name="Sam", body="   ") == \
        "CommentRefused: Your comment is empty: write something before sending it."
    assert refusal(peer.submit, e, name="Sam", body="claiming a role", role="tutor") == \
        "CommentRefused: A peer cannot comment as tutor: you are a peer on this journal."
    held = peer.submit(e, name="Sam", body="first thought")
    assert refusal(peer.submit, e, name="Sam", body="a reply to a held comment", reply_to=held.id).startswith(
        "CommentRefused: ")
    assert author.get("0" * 14 + "-abcdef", missing_ok=True) is None
    for call in (author.get, author.approve, author.history):
        assert refusal(call, "0" * 14 + "-abcdef").startswith("CommentNotFound: ")
    assert top.id in set(author.frame()["id"])


def test_moderators_edit_and_the_log_keeps_the_earlier_text(world):
    tutor, peer, e = world.tutor, world.peer, world.entry
    comment = peer.submit(e, name="Sam", body="teh first thought")
    edited = tutor.edit(comment.id, "the first thought")
    assert (edited.body, edited.status, edited.status_by, edited.reason) == \
        ("the first thought", "pending", tutor.actor.user, "edited by the tutor")
    assert refusal(peer.edit, comment.id, "mine now") == f"ModerationRefused: {PEER_MODERATING}"
    assert [h["kind"] for h in tutor.history(comment.id)] == ["submit", "edit"]
