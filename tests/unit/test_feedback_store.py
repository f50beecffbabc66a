"""Feedback in the comment log: held until released, seen only by the author (released) and tutors."""

import pytest

from journal.comments.errors import ModerationRefused
from journal.feedback.store import FeedbackNotFound
from journal.feedback.snapshot import content_hash


@pytest.fixture
def entry(journal):
    journal.settings.feedback.criteria = [{"name": "analysis", "levels": ["weak", "sound", "strong"]}]
    journal.settings.save(journal.path / "journal.toml")
    return journal.new_entry("Week one", date="2026-10-01", status="published")


def as_role(monkeypatch, role):
    monkeypatch.setenv("JOURNAL_ROLE", role)


def test_held_feedback_is_for_tutors_only(journal, entry, monkeypatch):
    as_role(monkeypatch, "tutor")
    fb = journal.feedback.add(entry.id, "Private <b>words</b>", rubric={"analysis": "sound"},
                              sha256=content_hash(entry))
    assert (fb.status, fb.rubric, fb.entry_id) == ("held", {"analysis": "sound"}, entry.id)
    assert [f.id for f in journal.feedback.list()] == [fb.id]
    for role in ("author", "peer"):
        as_role(monkeypatch, role)
        assert journal.feedback.list() == []
        with pytest.raises(FeedbackNotFound):
            journal.feedback.get(fb.id)


def test_release_shows_it_to_the_author_never_to_a_peer(journal, entry, monkeypatch):
    as_role(monkeypatch, "tutor")
    fb = journal.feedback.add(entry.id, "Well argued.")
    journal.feedback.release([fb.id])
    as_role(monkeypatch, "author")
    assert [(f.id, f.status) for f in journal.feedback.list()] == [(fb.id, "released")]
    as_role(monkeypatch, "peer")
    assert journal.feedback.list() == []
    as_role(monkeypatch, "tutor")
    journal.feedback.recall([fb.id])
    as_role(monkeypatch, "author")
    assert journal.feedback.list() == []


def test_feedback_never_shows_as_a_comment(journal, entry, monkeypatch):
    as_role(monkeypatch, "tutor")
    journal.feedback.add(entry.id, "Not a comment.", release=True)
    journal.feedback.add("", "On the whole journal.")
    for store in (journal.comments, type(journal).open(journal.path).comments):     # warm and cold folds
        assert len(store) == 0 and store.frame().empty and store.thread(entry.id).empty
        assert sum(store.counts(entry.id).values()) == 0
    assert "Not a comment." in journal.comments_path.read_text(encoding="utf-8")    # it is in the same log


def test_only_tutors_write_and_levels_are_checked(journal, entry, monkeypatch):
    for role in ("author", "peer"):
        as_role(monkeypatch, role)
        with pytest.raises(ModerationRefused, match="Only a tutor"):
            journal.feedback.add(entry.id, "Self-praise.")
    as_role(monkeypatch, "tutor")
    with pytest.raises(Exception, match="level must be one of weak, sound, strong"):
        journal.feedback.add(entry.id, "x", rubric={"analysis": "superb"})
    with pytest.raises(Exception, match="no rubric criterion 'style'"):
        journal.feedback.add(entry.id, "x", rubric={"style": "sound"})
    with pytest.raises(Exception, match="The feedback is empty"):
        journal.feedback.add(entry.id, "   ")


def test_revise_keeps_the_audit_trail_and_changed_since(journal, entry, monkeypatch):
    as_role(monkeypatch, "tutor")
    fb = journal.feedback.add(entry.id, "First go.", sha256=content_hash(entry))
    assert journal.feedback.state(entry) == "held"
    journal.feedback.revise(fb.id, body="Second go.", rubric={"analysis": "strong"})
    journal.feedback.release([fb.id])
    kinds = [r["kind"] for r in journal.feedback.history(fb.id)]
    assert kinds == ["feedback", "revise", "release"]
    assert journal.feedback.get(fb.id).body == "Second go."
    assert journal.feedback.state(entry) == "released"
    entry.notebook["cells"][1]["source"] = "I rewrote this after the feedback."
    entry.save()
    assert journal.feedback.state(type(entry).load(entry.path)) == "changed since"


def test_meets_the_feedback_protocol_and_shares_the_comment_log(journal, entry, monkeypatch):
    from journal.comments import Actor
    from journal.comments.protocol import FeedbackStoreProtocol
    assert isinstance(journal.feedback, FeedbackStoreProtocol)
    as_tutor = journal.comments.as_actor(Actor("tess", "tutor")).feedback(journal.settings.feedback)
    fb = as_tutor.add(entry.id, "Signed by the acting tutor.")
    assert fb.tutor == "tess" and fb.status_by == "tess"
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    assert [f.id for f in journal.feedback.list()] == [fb.id]          # the same log, seen at once


def test_a_journal_in_a_class_folder_takes_the_class_rubric_where_the_class_sets_one(journal, entry, monkeypatch):
    """The core asks the course (through its registered entry point) for a class folder's course.toml."""
    as_role(monkeypatch, "tutor")
    course = journal.path.parent / "course.toml"
    course.write_text('[feedback]\ncriteria = [{ name = "action plan", levels = ["missing", "present"] }]\n',
                      encoding="utf-8")
    fb = journal.feedback.add(entry.id, "Plan seen.", rubric={"action plan": "present"})
    assert fb.rubric == {"action plan": "present"}
    with pytest.raises(Exception, match="no rubric criterion 'analysis'"):
        journal.feedback.add(entry.id, "x", rubric={"analysis": "sound"})     # the class's rubric, not its own
    course.write_text('[feedback]\nbank = ["Link this to your reading."]\n', encoding="utf-8")
    assert journal.feedback.add(entry.id, "y", rubric={"analysis": "sound"}).rubric == {"analysis": "sound"}
