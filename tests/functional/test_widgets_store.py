"""The panels work with any store that meets CommentStoreProtocol, and their state can be observed."""

import pytest
import traitlets

from journal import Journal
from journal.comments.protocol import Actor, CommentStoreProtocol
from widgets import CommentPanel, ModerationPanel

MEMBERS = ({n for n in vars(CommentStoreProtocol) if not n.startswith("_")}
           | set(CommentStoreProtocol.__annotations__) | {"__len__"})


class ProtocolOnly:
    """The journal's own store seen through the protocol alone, as the course server's client would
    be: reaching for anything else (its path, its log, its private state) is an AttributeError."""

    def __init__(self, store, user):
        self._store, self._user = store, user

    def __getattr__(self, name):
        if name not in MEMBERS:
            raise AttributeError(f"{name!r} is not part of CommentStoreProtocol")
        return getattr(self._store, name)

    def __len__(self):
        return len(self._store)

    @property
    def actor(self):
        return Actor(self._user, self._store.role)

    def as_actor(self, actor):
        raise AssertionError("a panel never acts for someone else")


def as_role(path, role, monkeypatch) -> Journal:
    monkeypatch.setenv("JOURNAL_ROLE", role)
    return Journal.open(path)


def test_both_panels_run_on_a_store_that_offers_only_the_protocol(journal, monkeypatch):
    entry = journal.new_entry("Week one", date="2026-10-01")
    peer = as_role(journal.path, "peer", monkeypatch)
    for name in ("Ann", "Ben"):
        peer.comments.submit(entry.id, name=name, body=f"{name}'s thought.")
    tutor = as_role(journal.path, "tutor", monkeypatch)
    store = ProtocolOnly(tutor.comments, user="helen")
    assert isinstance(store, CommentStoreProtocol)

    panel = CommentPanel(tutor, entry.id, store=store, name="Helen")
    assert panel.store is store and "No comments yet" in panel.heading.value
    panel.toggle_moderation()
    moderation = panel.moderation
    assert moderation.store is store and len(moderation.buttons) == 2
    ann, ben = sorted(moderation.buttons, key=lambda cid: store.get(cid).author_name)
    moderation.approve([ann])
    assert "1 thought" in panel.heading.value          # the comment panel heard the change
    moderation.reply_to(ben)
    moderation.reply_form.body.value = "Good point, Ben."
    reply = moderation.send_reply()
    assert reply.author_name == "helen"                 # a tutor signs with the store's actor
    assert store.get(ben).status == "approved"
    panel.body.value = "Welcome, both."
    panel.reply_to(ann)
    assert panel.submit().parent_id == ann
    assert "4 thoughts" in panel.heading.value
    moderation.trash([ann])
    assert "Moved to the trash 1 comment." == moderation.last_message


def test_a_store_outside_the_journal_is_used_as_given(journal, tmp_path, monkeypatch):
    """The store passed in, not the journal's own file, is the one read and written."""
    entry = journal.new_entry("Week one", date="2026-10-01")
    other = Journal.create(tmp_path / "course", title="Course copy", author="Ada Student", username="ada")
    panel = CommentPanel(journal, entry.id, store=other.comments)
    panel.body.value = "Kept in the course copy."
    assert panel.submit() is not None
    assert len(journal.comments) == 0 and list(other.comments.frame()["body"]) == ["Kept in the course copy."]


def test_panel_state_is_observable_and_drives_the_form(journal):
    entry = journal.new_entry("Week one", date="2026-10-01")
    panel = CommentPanel(journal, entry.id, name="Ada")
    seen = []
    panel.observe(lambda change: seen.append((change["name"], change["new"])),
                  names=["replying_to", "last_message", "moderating"])
    panel.body.value = "First."
    first = panel.submit()
    panel.reply_buttons[first.id].click()
    panel.toggle_moderation()
    # Replying is the next action: the answer to the last one is cleared.
    assert seen == [("last_message", "Your comment is published"), ("last_message", ""), ("replying_to", first.id),
                    ("moderating", True)]
    panel.replying_to = None                              # the state leads; the widgets follow
    assert panel.reply_bar.layout.display == "none" and panel.submit_button.description == "Post comment"
    panel.moderating = False
    assert panel.moderation_box.children == ()


def test_change_callbacks_can_be_added_and_removed(journal, monkeypatch):
    entry = journal.new_entry("Week one", date="2026-10-01")
    peer = as_role(journal.path, "peer", monkeypatch)
    ids = [peer.comments.submit(entry.id, name=n, body=f"{n}.").id for n in ("Ann", "Ben")]
    moderation = ModerationPanel(as_role(journal.path, "author", monkeypatch))
    calls = []

    def heard():
        calls.append(moderation.last_message)

    moderation.on_change(heard)
    moderation.approve([ids[0]])
    assert calls == ["Approved 1 comment."]
    moderation.on_change(heard, remove=True)
    moderation.approve([ids[1]])
    assert calls == ["Approved 1 comment."]


def test_a_store_that_may_not_moderate_gets_no_moderation(journal, monkeypatch):
    entry = journal.new_entry("Week one", date="2026-10-01")
    viewer = as_role(journal.path, "peer", monkeypatch)
    store = ProtocolOnly(viewer.comments, user="priya")
    panel = CommentPanel(viewer, entry.id, store=store)
    assert panel.moderate_button is None and panel.role == "peer"
    panel.toggle_moderation()
    assert panel.moderation is None and not panel.moderating


def test_only_a_comment_shown_can_be_answered(journal):
    entry = journal.new_entry("Week one", date="2026-10-01")
    panel = CommentPanel(journal, entry.id, name="Ada")
    panel.reply_to("no-such-comment")
    assert panel.replying_to is None and panel.last_message == CommentPanel.GONE
    with pytest.raises(traitlets.TraitError, match=CommentPanel.GONE):
        panel.replying_to = "no-such-comment"
    assert panel.reply_bar.layout.display == "none"
