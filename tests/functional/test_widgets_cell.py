"""The last cell of every entry: finding the journal and entry, or a notice instead of a traceback."""

import nbformat
import pytest
from nbclient import NotebookClient

import widgets
from journal.errors import JournalError
from journal.templates import panel_source


def test_found_from_the_entry_folder(journal, monkeypatch):
    entry = journal.new_entry("Week one")
    monkeypatch.delenv("JOURNAL_DIR", raising=False)
    monkeypatch.chdir(journal.entries_dir)
    panel = widgets.load_panel(entry.id)
    assert isinstance(panel, widgets.CommentPanel)
    assert panel.entry_id == entry.id and panel.journal.path.resolve() == journal.path.resolve()


def test_journal_dir_wins_over_the_current_folder(journal, tmp_path, monkeypatch):
    entry = journal.new_entry("Week one")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("JOURNAL_DIR", str(journal.path))
    assert widgets.load_panel(entry.id).entry_id == entry.id
    monkeypatch.setenv("JOURNAL_DIR", str(elsewhere))
    with pytest.raises(JournalError, match="JOURNAL_DIR=.*is not a journal folder"):
        widgets.load_panel(entry.id)


def test_no_journal_or_no_entry_is_a_clear_message(journal, tmp_path, monkeypatch):
    monkeypatch.delenv("JOURNAL_DIR", raising=False)
    lonely = tmp_path / "sent-to-tutor"
    lonely.mkdir()
    monkeypatch.chdir(lonely)
    with pytest.raises(JournalError) as excinfo:
        widgets.load_panel("week-one")
    assert str(excinfo.value) == widgets.NO_JOURNAL
    monkeypatch.chdir(journal.path)
    with pytest.raises(JournalError, match="has no entry 'no-such-entry'"):
        widgets.load_panel("no-such-entry")
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    with pytest.raises(JournalError, match="does not say which entry"):
        widgets.load_panel()


def test_without_an_id_the_session_notebook_names_the_entry(journal, monkeypatch):
    entry = journal.new_entry("Week one")
    monkeypatch.delenv("JOURNAL_DIR", raising=False)
    monkeypatch.chdir(journal.entries_dir)
    monkeypatch.setenv("JPY_SESSION_NAME", str(entry.path))
    assert widgets.load_panel().entry_id == entry.id


def _run_panel_cell(folder, source):
    """Execute one panel cell in a real kernel started in `folder`; return the cell's outputs."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(source))
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb.cells[0].outputs


@pytest.mark.slow
def test_in_a_kernel_entry_shows_a_widget_and_a_stray_notebook_a_notice(journal, tmp_path, monkeypatch):
    entry = journal.new_entry("Week one")
    monkeypatch.delenv("JOURNAL_DIR", raising=False)
    outputs = _run_panel_cell(journal.entries_dir, panel_source(entry.id))
    assert [o.output_type for o in outputs] == ["display_data"]
    assert "application/vnd.jupyter.widget-view+json" in outputs[0].data

    lonely = tmp_path / "lonely"
    lonely.mkdir()
    outputs = _run_panel_cell(lonely, panel_source(entry.id))
    assert [o.output_type for o in outputs] == ["display_data"]
    assert "not inside a journal" in outputs[0].data["text/html"]
