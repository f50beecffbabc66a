"""Every moderation rule and limit, through the store, with the exact message a commenter sees."""

import datetime as dt

import pytest

from journal.comments import CommentRefused, ModerationRefused
from journal.comments import store as store_module


@pytest.fixture
def peer(monkeypatch):
    monkeypatch.setenv("JOURNAL_ROLE", "peer")


@pytest.fixture
def store(journal):
    return journal.comments


def refused(store, message, *args, **kwargs):
    with pytest.raises(CommentRefused) as info:
        store.submit(*args, **kwargs)
    assert str(info.value) == message
    return info.value


def test_empty_and_blank_bodies_are_refused(store):
    for body in ("", "   \n\t "):
        refused(store, "Your comment is empty: write something before sending it.", "e", name="A", body=body)
    assert len(store) == 0


def test_body_limit_is_65525_characters(store):
    store.submit("e", name="A", body="x" * 65_525)
    refused(store, "Your comment is too long: 65,526 characters, and the limit is 65,525.", "e", name="A",
            body="y" * 65_526)
    assert len(store) == 1


def test_name_is_required_and_limited_to_245(store):
    refused(store, "Please give your name.", "e", name="  ", body="hello")
    store.submit("e", name="n" * 245, body="hello")
    refused(store, "Your name is too long: 246 characters, and the limit is 245.", "e", name="n" * 246, body="hi")


@pytest.mark.parametrize("email", ["not-an-email", "a@b", "two@@example.org", "a b@example.org", "<a@b.org>"])
def test_bad_email_is_refused(store, email):
    refused(store, f"'{email}' is not an e-mail address (leave it empty or give one like name@example.org).",
            "e", name="A", body="hi", email=email)


def test_good_email_and_no_email_are_accepted(store):
    assert store.submit("e", name="A", body="one", email="a.b+c@sub.example.ac.uk").author_email == \
        "a.b+c@sub.example.ac.uk"
    assert store.submit("e", name="B", body="two").author_email == ""


def test_reply_targets_must_exist_be_on_the_entry_and_be_approved(store, peer, monkeypatch):
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    top = store.submit("e1", name="Sam", body="approved top")
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    waiting = store.submit("e1", name="Pri", body="waits")
    refused(store, "You are replying to comment nope, which does not exist.", "e1", name="B", body="r",
            reply_to="nope")
    refused(store, f"You are replying to comment {top.id}, which belongs to another entry.", "e2", name="B",
            body="r", reply_to=top.id)
    refused(store, f"You are replying to comment {waiting.id}, which is not approved.", "e1", name="B",
            body="r", reply_to=waiting.id)
    assert store.submit("e1", name="B", body="r", reply_to=top.id).parent_id == top.id


def test_a_moderator_answering_a_pending_comment_approves_it_in_the_same_append(store, monkeypatch):
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    waiting = store.submit("e1", name="Pri", body="waits")
    other = store.submit("e1", name="Tom", body="also waits")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    store.submit("e1", name="Sam", body="Thanks, both.")
    size = store.path.stat().st_size
    # Refused (a duplicate): the pending comment stays pending and nothing is written.
    refused(store, "Duplicate comment: you have already said that on this entry.", "e1", name="Sam",
            body="Thanks, both.", reply_to=other.id)
    assert store.get(other.id).status == "pending" and store.path.stat().st_size == size
    reply = store.submit("e1", name="Sam", body="Good point.", reply_to=waiting.id)
    assert (reply.status, reply.parent_id) == ("approved", waiting.id)
    assert store.get(waiting.id).status == "approved"
    fresh = type(store)(store.path, store.settings)      # the approval is in the log, not only in memory
    assert fresh.get(waiting.id).status == "approved"


def test_exact_duplicate_is_refused_by_name_or_email(store):
    store.submit("e", name="Ann", email="ann@example.org", body="Same words")
    message = "Duplicate comment: you have already said that on this entry."
    refused(store, message, "e", name="Ann", body="Same words")
    refused(store, message, "e", name="Someone else", email="ANN@example.org", body="Same words")
    store.submit("other-entry", name="Ann", body="Same words")       # another entry is fine
    store.submit("e", name="Ann", body="Same words!")                # different text is fine


def test_a_trashed_comment_may_be_posted_again(store):
    c = store.submit("e", name="Ann", body="Again")
    store.trash(c.id)
    assert store.submit("e", name="Ann", body="Again").status == "approved"


def test_flood_control_applies_to_peers_on_any_entry(store, peer, monkeypatch):
    store.submit("e1", name="Pat", email="pat@example.org", body="first")
    refused(store, "You are commenting too quickly: wait 15 more seconds and try again.", "e2", name="Pat",
            body="second")
    refused(store, "You are commenting too quickly: wait 15 more seconds and try again.", "e2", name="P",
            email="PAT@example.org", body="second")
    store.submit("e1", name="Quinn", body="someone else")
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=14)
    monkeypatch.setattr(store_module, "utc_now", lambda: later)
    refused(store, "You are commenting too quickly: wait 1 more second and try again.", "e2", name="Pat",
            body="second")
    monkeypatch.setattr(store_module, "utc_now", lambda: later + dt.timedelta(seconds=2))
    assert store.submit("e2", name="Pat", body="second").status == "pending"


def test_author_and_tutor_are_exempt_from_flood_and_moderation(store, monkeypatch):
    for role in ("author", "tutor"):
        monkeypatch.setenv("JOURNAL_ROLE", role)
        for i in range(3):
            c = store.submit("e", name=role, body=f"note {i} http://a.example http://b.example")
            assert (c.status, c.author_role) == ("approved", role)


def test_a_peer_cannot_claim_a_higher_role(store, peer):
    refused(store, "A peer cannot comment as author: this process acts as a peer.", "e", name="A", body="x",
            role="author")
    refused(store, "A peer cannot comment as tutor: this process acts as a peer.", "e", name="A", body="x",
            role="tutor")
    refused(store, "Unknown role 'admin': use peer, author or tutor.", "e", name="A", body="x", role="admin")
    assert store.submit("e", name="A", body="x", role="peer").author_role == "peer"
    assert len(store) == 1


def test_the_author_may_post_as_a_peer_but_a_tutor_may_not_post_as_author(store, monkeypatch):
    assert store.submit("e", name="A", body="as peer", role="peer").status == "pending"
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    refused(store, "A tutor cannot comment as author: this process acts as a tutor.", "e", name="T", body="x",
            role="author")


def test_the_author_is_an_author_in_a_refusal(store):
    refused(store, "An author cannot comment as tutor: this process acts as an author.", "e", name="A", body="x",
            role="tutor")


def test_moderation_is_refused_to_peers(store, peer, monkeypatch):
    c = store.submit("e", name="A", body="wait for me")
    for act in (store.approve, store.spam, store.trash, store.restore):
        with pytest.raises(ModerationRefused, match="^Only the journal's author or a tutor can moderate"):
            act(c.id)
    assert store.get(c.id).status == "pending"
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    assert store.approve(c.id).status == "approved"


def _peer_status(journal, body, monkeypatch, name="Peer", email="", **settings):
    for key, value in settings.items():
        setattr(journal.settings.comments, key, value)
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    c = journal.comments.submit("e", name=name, email=email, body=body)
    return c.status, c.reason


def test_moderation_modes(journal, monkeypatch):
    assert _peer_status(journal, "kind words", monkeypatch) == ("pending", "moderation: all")
    assert _peer_status(journal, "more words", monkeypatch, name="P2", moderation="none") == \
        ("approved", "moderation: none")
    first = ("pending", "moderation: first-time, first comment")
    assert _peer_status(journal, "hello", monkeypatch, name="Nia", email="nia@example.org",
                        moderation="first-time") == first
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    journal.comments.approve(journal.comments.frame(status="pending").id.iloc[-1])
    monkeypatch.setattr(journal.settings.comments, "flood_seconds", 0)
    assert _peer_status(journal, "hello again", monkeypatch, name="nia", email="NIA@example.org") == \
        ("approved", "moderation: first-time, known commenter")
    # The same name with another e-mail is not the known commenter.
    assert _peer_status(journal, "impostor", monkeypatch, name="Nia", email="x@example.org") == first


def test_links_hold_a_comment_and_mostly_links_is_spam(journal, monkeypatch):
    journal.settings.comments.moderation = "none"
    body = "See http://a.example/x and also www.b.example/y for the two studies I mentioned in class."
    assert _peer_status(journal, body, monkeypatch) == ("pending", "2 links (max_links is 2)")
    assert _peer_status(journal, "Only one http://a.example/x link here, nothing more.", monkeypatch,
                        name="P2")[0] == "approved"
    assert _peer_status(journal, "http://a.example/x http://b.example/y", monkeypatch, name="P3") == \
        ("spam", "mostly links")
    assert _peer_status(journal, body, monkeypatch, name="P4", max_links=0)[0] == "approved"


def test_moderation_and_disallowed_keys_match_name_email_and_body(journal, monkeypatch):
    journal.settings.comments.moderation = "none"
    journal.settings.comments.flood_seconds = 0
    journal.settings.comments.moderation_keys = ["", "Placement"]
    journal.settings.comments.disallowed_keys = ["badword"]
    assert _peer_status(journal, "on my PLACEMENT too", monkeypatch) == ("pending", "moderation key 'Placement'")
    assert _peer_status(journal, "hi", monkeypatch, name="N", email="me@placement.example") == \
        ("pending", "moderation key 'Placement'")
    assert _peer_status(journal, "what a BadWord", monkeypatch, name="M") == ("spam", "disallowed key 'badword'")
    assert _peer_status(journal, "plain", monkeypatch, name="Badword Bob") == ("spam", "disallowed key 'badword'")
    assert _peer_status(journal, "nothing to see", monkeypatch, name="Q") == ("approved", "moderation: none")


def test_spam_score_sends_to_spam_and_explains(journal, monkeypatch):
    status, reason = _peer_status(journal, "Need help?? Buy cheap essays now, visit http://mill.example today",
                                  monkeypatch, name="Essay Service")
    assert status == "spam"
    assert reason == "spam score 1.6 (sales words: buy, cheap, essay; 1 link; repeated ! or ?)"
    journal.settings.comments.spam_threshold = 0
    assert _peer_status(journal, "Cheap essays?? Buy now", monkeypatch, name="Z")[0] == "pending"


def test_demo_peer_comments_do_not_score_as_spam():
    import csv
    from importlib import resources

    from journal.comments import spam

    text = resources.files("journal.demo").joinpath("comments.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines(keepends=True)):
        s = spam.score(row["body"], name=row["name"], email=row["email"])
        assert (s.total >= 1.0) == (row["status"] == "spam"), (row["ref"], s)


@pytest.mark.parametrize("field", ["body", "name"])
def test_a_nul_character_is_refused_by_every_store(store, field):
    """PostgreSQL's text cannot hold NUL; the CSV log refuses it too, so both backends answer alike."""
    fields = {"name": "Nul Tester", "body": "A thought"}
    fields[field] += "\x00"
    with pytest.raises(CommentRefused, match="cannot be stored"):
        store.submit("e", **fields)
    assert len(store) == 0
