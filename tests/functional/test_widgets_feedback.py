"""The feedback tab (tutors) and the "Feedback from your tutor" section (authors), driven without a browser."""

import ipywidgets as w
import pytest

from journal import Journal


def html_of(widget) -> str:
    values = [widget.value] if isinstance(widget, w.HTML) else []
    return "\n".join(values + [html_of(child) for child in getattr(widget, "children", ())])


@pytest.fixture
def ada(tmp_path):
    journal = Journal.create(tmp_path / "ada", title="Ada's journal", author="Ada", username="ada")
    journal.settings.feedback.criteria = [{"name": "analysis", "levels": ["weak", "sound", "strong"]}]
    journal.settings.feedback.bank = ["Link this to your reading.", "What next?"]
    journal.settings.save(journal.path / "journal.toml")
    journal.new_entry("Week one", date="2026-10-01", status="published")
    return Journal.open(journal.path)


def test_tutor_writes_with_rubric_and_bank_then_releases(ada, monkeypatch):
    from widgets.feedback import FeedbackTab

    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    tab = FeedbackTab(ada)
    tab.choose("week-one")
    tab.set_level("analysis", "sound")
    tab.use_sentence(1)
    tab.text.value = "Good <i>start</i>. " + tab.text.value
    fb = tab.hold()
    assert fb is not None and tab.last_message.startswith("Held"), tab.last_message
    assert (fb.entry_id, fb.status, fb.rubric, fb.body) == ("week-one", "held", {"analysis": "sound"},
                                                             "Good <i>start</i>. What next?")
    assert "Good &lt;i&gt;start&lt;/i&gt;" in html_of(tab) and "<i>start" not in html_of(tab)
    assert tab.text.value == "" and tab.levels["analysis"].value == ""
    tab.release_all_held()
    assert [f.status for f in ada.feedback.list()] == ["released"]
    tab.buttons[fb.id].click()                      # the piece's button now recalls it
    assert ada.feedback.get(fb.id).status == "recalled"
    tab.text.value = ""
    assert tab.hold() is None and not tab.message_ok    # empty feedback is refused, nothing stored
    tab.text.value = "Say what you would keep."
    tab.bank_button.click()
    assert Journal.open(ada.path).settings.feedback.bank[-1] == "Say what you would keep."
    assert tab.bank.options[-1] == ("Say what you would keep.", 2)


def test_the_tab_names_each_button_by_its_piece_and_speaks_through_a_status_region(ada, monkeypatch):
    from widgets import cards
    from widgets.feedback import FeedbackTab

    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    tab = FeedbackTab(ada)
    # the live region is there, empty, before anything is said: a region inserted with its text goes unannounced
    assert cards.STATUS in tab.message._dom_classes and tab.message.value == ""
    held = ada.feedback.add("week-one", "Held words.")
    whole = ada.feedback.add("", "On the whole journal.", release=True)
    tab.refresh()
    assert tab.buttons[held.id].tooltip == "Release feedback on Week one to Ada"
    assert tab.buttons[whole.id].tooltip == "Recall feedback on the whole journal from Ada"
    assert all(cards.NAMED in b._dom_classes for b in tab.buttons.values())
    tab.release([])
    assert tab.message.value == cards.message("Nothing to do.", False) and "journal-message" in tab.message.value


def test_only_tutors_get_the_tab(ada, monkeypatch):
    from widgets.feedback import FeedbackTab

    for role in ("author", "peer"):
        monkeypatch.setenv("JOURNAL_ROLE", role)
        tab = FeedbackTab(Journal.open(ada.path))
        assert "written by tutors" in html_of(tab) and not hasattr(tab, "text")


def test_section_shows_released_feedback_to_the_author_only(ada, monkeypatch):
    from widgets.feedback import FeedbackSection

    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    ada.feedback.add("week-one", "Released words.", release=True)
    ada.feedback.add("week-one", "Held words.")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    section = FeedbackSection(Journal.open(ada.path), "week-one")
    assert "Feedback from your tutor" in html_of(section) and "Released words." in html_of(section)
    assert "Held words." not in html_of(section)
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    section = FeedbackSection(Journal.open(ada.path), "week-one")
    assert html_of(section).strip() == "" and section.layout.display == "none"


def test_comment_panel_shows_feedback_to_its_author_never_to_a_peer(ada, monkeypatch):
    from widgets import CommentPanel

    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    ada.feedback.add("week-one", "Released to Ada.", release=True)
    ada.feedback.add("week-one", "Still held.")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    shown = html_of(CommentPanel(Journal.open(ada.path), "week-one"))
    assert "Feedback from your tutor" in shown and "Released to Ada." in shown and "Still held." not in shown
    monkeypatch.setenv("JOURNAL_ROLE", "peer")
    panel = CommentPanel(Journal.open(ada.path), "week-one")
    assert panel.feedback is None
    assert "Released to Ada." not in html_of(panel) and "Feedback from your tutor" not in html_of(panel)


def test_moderation_panel_has_a_feedback_tab_for_tutors_only(ada, monkeypatch):
    from widgets import ModerationPanel

    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    panel = ModerationPanel(Journal.open(ada.path))
    assert panel.feedback is not None and panel.sections.titles == ("Comments", "Feedback")
    panel.show_feedback()
    assert panel.sections.selected_index == 1
    panel.feedback.choose("week-one")
    panel.feedback.text.value = "From the tab."
    assert panel.feedback.release_now().status == "released"
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    mine = ModerationPanel(Journal.open(ada.path))
    assert mine.feedback is None and "From the tab." not in html_of(mine)
