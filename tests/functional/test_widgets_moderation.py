"""The moderation panel driven as the author would, on the demo journal and on fresh ones."""

import ipywidgets as w
import pytest

from journal import Journal
from widgets import CommentPanel, ModerationPanel
from widgets.moderation_panel import STATUSES


def html_of(widget) -> str:
    """All HTML shown under `widget`."""
    values = [widget.value] if isinstance(widget, w.HTML) else []
    return "\n".join(values + [html_of(child) for child in getattr(widget, "children", ())])


def as_role(path, role, monkeypatch) -> Journal:
    """A fresh Journal (own store) at `path` acting in `role`, like another reader's process."""
    monkeypatch.setenv("JOURNAL_ROLE", role)
    return Journal.open(path)


def post(panel, body, name, email):
    panel.name.value, panel.email.value, panel.body.value = name, email, body
    panel.submit_button.click()
    assert panel.body.value == "", panel.last_message


def totals(store):
    out = dict.fromkeys(STATUSES, 0)
    for counts in store.counts().values():
        for status in STATUSES:
            out[status] += counts.get(status, 0)
    return out


def tab_labels(panel):
    return dict((value, label) for label, value in panel.tabs.options)


@pytest.fixture
def held(journal, monkeypatch):
    """A journal with two entries and three peer comments waiting, posted a little apart."""
    first = journal.new_entry("First entry", date="2026-10-01")
    second = journal.new_entry("Second entry", date="2026-10-02")
    peer = as_role(journal.path, "peer", monkeypatch)
    for entry, name, body in ((first, "Ann", "Oldest."), (second, "Ben", "Middle."), (first, "Cat", "Newest.")):
        post(CommentPanel(peer, entry.id), body, name=name, email=f"{name.lower()}@example.org")
    return as_role(journal.path, "author", monkeypatch), first, second


def test_author_clears_the_demo_pending_queue(demo):
    store = demo.comments
    before = totals(store)
    assert before["pending"] >= 1
    panel = ModerationPanel(demo)
    assert tab_labels(panel)["pending"] == f"Pending ({before['pending']})"
    assert len(panel.rows.children) == before["pending"]
    panel.select_all.value = True
    assert len(panel.selected) == before["pending"]
    panel.bulk["approve"].click()
    after = totals(store)
    assert after["pending"] == 0 and after["approved"] == before["approved"] + before["pending"]
    assert panel.rows.children == () and tab_labels(panel)["pending"] == "Pending (0)"
    # Another process opening the journal sees the queue cleared too.
    assert totals(Journal.open(demo.path).comments)["pending"] == 0


def test_demo_entry_shows_its_thread_and_moderation_updates_it(demo):
    entry = max(demo.entries(), key=lambda e: demo.comments.counts(e.id)["pending"])
    panel = CommentPanel(demo, entry.id)
    approved = demo.comments.counts(entry.id)["approved"]
    assert f"{approved} thoughts on “{entry.title}”" in panel.heading.value
    assert len(panel.thread.children) == approved
    panel.moderate_button.click()
    moderation = panel.moderation_box.children[0]
    mine = [cid for cid, row in moderation._rows.items() if row["entry_id"] == entry.id]
    moderation.approve(mine)
    assert len(panel.thread.children) == approved + len(mine)


def test_queue_is_newest_first_with_entry_email_and_reason(held):
    journal, first, second = held
    panel = ModerationPanel(journal)
    cards = [html_of(row) for row in panel.rows.children]
    assert "Newest." in cards[0] and "Middle." in cards[1] and "Oldest." in cards[2]
    assert "First entry" in cards[0] and "Second entry" in cards[1]
    assert "cat@example.org" in cards[0]
    reason = journal.comments.frame(status="pending").iloc[0]["reason"]
    if reason:
        assert "held because" in cards[0]


def test_each_button_moves_a_comment_and_restore_brings_it_back(held):
    journal, first, second = held
    store = journal.comments
    panel = ModerationPanel(journal)
    newest, middle, oldest = list(panel.buttons)
    panel.buttons[newest]["spam"].click()
    panel.buttons[middle]["trash"].click()
    panel.buttons[oldest]["approve"].click()
    status = dict(zip(store.frame()["id"], store.frame()["status"]))
    assert (status[newest], status[middle], status[oldest]) == ("spam", "trash", "approved")
    assert tab_labels(panel) == {"pending": "Pending (0)", "approved": "Approved (1)", "spam": "Spam (1)",
                                 "trash": "Trash (1)"}
    panel.show("spam")
    assert list(panel.buttons) == [newest] and set(panel.buttons[newest]) == {"restore", "trash"}
    panel.buttons[newest]["restore"].click()
    panel.show("trash")
    panel.restore([middle])
    status = dict(zip(store.frame()["id"], store.frame()["status"]))
    assert status[newest] != "spam" and status[middle] != "trash"
    assert panel.rows.children == ()


def test_author_reply_is_published_at_once_and_approves_its_parent(held):
    journal, first, second = held
    panel = ModerationPanel(journal)
    newest = list(panel.buttons)[0]
    panel.buttons[newest]["reply"].click()
    assert panel.reply_form.active and "Cat" in panel.reply_form.note.value
    panel.reply_form.body.value = "Thanks, Cat."
    panel.reply_form.submit.click()
    assert panel.last_message == "Reply published."
    thread = journal.comments.thread(first.id)
    assert list(thread["body"]) == ["Newest.", "Thanks, Cat."]
    assert list(thread["depth"]) == [0, 1] and thread.iloc[1]["parent_id"] == newest
    assert thread.iloc[1]["author_name"] == journal.settings.author
    assert thread.iloc[1]["author_role"] == "author"


def test_refused_reply_keeps_its_text_and_says_why(held):
    journal, first, second = held
    panel = ModerationPanel(journal)
    newest = list(panel.buttons)[0]
    panel.reply_to(newest)
    panel.reply_form.body.value = "   "
    before = len(journal.comments.frame())
    assert panel.send_reply() is None
    assert panel.last_message and panel.last_message in panel.message.value
    assert panel.replying_to == newest and len(journal.comments.frame()) == before


def test_bulk_actions_need_a_selection(held):
    journal, first, second = held
    panel = ModerationPanel(journal)
    panel.bulk["trash"].click()
    assert panel.last_message == "Tick at least one comment first."
    assert totals(journal.comments)["pending"] == 3
    panel.select(list(panel.buttons)[:2])
    panel.bulk["spam"].click()
    assert totals(journal.comments)["spam"] == 2 and panel.last_message == "Marked as spam 2 comments."


def test_long_queues_page(held, monkeypatch):
    journal, first, second = held
    panel = ModerationPanel(journal, page_size=2)
    assert len(panel.rows.children) == 2 and panel.more_button.layout.display == "flex"
    assert "showing the newest 2" in panel.summary.value
    panel.more_button.click()
    assert len(panel.rows.children) == 3 and panel.more_button.layout.display == "none"


def test_an_edited_comment_shows_its_new_text_after_refresh(journal, monkeypatch):
    entry = journal.new_entry("Week one", date="2026-10-01")
    cid = as_role(journal.path, "peer", monkeypatch).comments.submit(entry.id, name="Priya", body="Lovley post.").id
    panel = ModerationPanel(as_role(journal.path, "author", monkeypatch))
    assert "Lovley post." in html_of(panel.rows)
    Journal.open(journal.path).comments.edit(cid, "Lovely post.")
    panel.refresh()
    assert "Lovely post." in html_of(panel.rows) and "Lovley" not in html_of(panel.rows)


def test_edit_corrects_a_comment_and_the_log_keeps_the_old_text(held):
    author, first, _ = held
    panel = ModerationPanel(author)
    ann = next(cid for cid, row in panel._rows.items() if row["author_name"] == "Ann")
    panel.buttons[ann]["edit"].click()
    assert panel.edit_form.active and panel.edit_form.body.value == "Oldest."
    panel.edit_form.body.value = "Oldest, with the typo mended."
    panel.edit_form.submit.click()
    assert author.comments.get(ann).body == "Oldest, with the typo mended."
    assert not panel.edit_form.active and panel.message_ok
    bodies = [record["body"] for record in author.comments.history(ann)]
    assert "Oldest." in bodies and "Oldest, with the typo mended." in bodies


def test_empty_trash_deletes_for_good_with_a_tombstone_in_the_log(held):
    author, first, _ = held
    panel = ModerationPanel(author)
    ids = list(panel._rows)
    panel.trash(ids[:2])
    panel.show("trash")
    assert panel.empty_button.layout.display == "flex"
    panel.empty_button.click()
    assert "2 comments deleted for good" in panel.last_message
    assert tab_labels(panel)["trash"] == "Trash (0)" and tab_labels(panel)["pending"] == "Pending (1)"
    assert panel.empty_button.layout.display == "none"
    fresh = Journal.open(author.path)       # another process reads the log: the tombstones hold there too
    assert len(fresh.comments) == 1 and fresh.comments.frame(status="trash").empty
    kinds = [line.split(",")[0].strip('"') for line in author.comments_path.read_text().splitlines()[1:]]
    assert kinds.count("delete") == 2 and kinds.count("submit") == 3  # the audit trail keeps every record


def test_a_message_clears_on_the_next_action_or_list(held):
    author, _, _ = held
    panel = ModerationPanel(author)
    panel.approve(list(panel._rows)[0])
    assert panel.last_message == "Approved 1 comment."
    panel.show("approved")
    assert panel.last_message == "" and "journal-message" not in panel.message.value
    panel.approve([])
    panel.reply_to(list(panel._rows)[0])
    assert panel.last_message == ""


def test_every_control_of_a_comment_names_its_object(held):
    author, first, _ = held
    panel = ModerationPanel(author)
    ann = next(cid for cid, row in panel._rows.items() if row["author_name"] == "Ann")
    assert panel.checkboxes[ann].tooltip == "Select comment by Ann on First entry"
    assert panel.buttons[ann]["approve"].tooltip == "Approve comment by Ann on First entry"
    assert panel.buttons[ann]["reply"].tooltip == "Reply to Ann"
    assert all("journal-named" in b._dom_classes for b in [panel.checkboxes[ann], *panel.buttons[ann].values()])
    assert "journal-switcher" in panel.tabs._dom_classes and "journal-status" in panel.message._dom_classes
