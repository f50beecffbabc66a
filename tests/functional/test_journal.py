"""The journal API: create, open, find, new entries from templates, lookup."""

import json

import pytest

from journal import Journal, JournalError
from journal.entry import PANEL_TAG
from journal.errors import EntryError, NotAJournal


def test_create_makes_the_folder(tmp_path):
    j = Journal.create(tmp_path / "j", title="My journal", author="Ada", username="ada")
    assert (j.path / "journal.toml").is_file()
    assert (j.path / "entries").is_dir()
    assert (j.path / "references.bib").is_file()
    assert "exports/" in (j.path / ".gitignore").read_text()
    assert Journal.open(j.path).settings.username == "ada"


def test_create_refuses_to_overwrite(journal):
    with pytest.raises(JournalError, match="a journal already exists here"):
        Journal.create(journal.path, title="Again", author="B")


def test_open_a_folder_without_settings(tmp_path):
    with pytest.raises(NotAJournal, match="not a journal folder"):
        Journal.open(tmp_path)


def test_find_walks_up(journal):
    deep = journal.path / "entries" / "sub"
    deep.mkdir()
    assert Journal.find(deep).path == journal.path


def test_find_outside_any_journal(tmp_path):
    with pytest.raises(NotAJournal, match="no journal.toml in"):
        Journal.find(tmp_path)


def test_new_entry_metadata_and_file_name(journal):
    e = journal.new_entry("Why we learn together!", tags=["a", " b "], date="2026-03-01")
    assert e.path.name == "2026-03-01-why-we-learn-together.ipynb"
    assert (e.id, e.title, e.author, e.tags, e.status) == ("why-we-learn-together", "Why we learn together!",
                                                           "Ada Student", ["a", "b"], "draft")
    assert e.notebook["metadata"]["journal"]["references"] == ""


def test_ids_never_collide(journal):
    a = journal.new_entry("Same title", date="2026-03-01")
    b = journal.new_entry("Same title", date="2026-03-02")
    assert a.id != b.id and b.id == "same-title-2"


def test_entries_sorted_by_date(journal):
    journal.new_entry("Later", date="2026-05-01")
    journal.new_entry("Earlier", date="2026-01-01")
    assert [e.title for e in journal.entries()] == ["Earlier", "Later"]


def test_duplicate_ids_on_disk_are_an_error(journal):
    a = journal.new_entry("Twin", date="2026-01-01")
    (journal.entries_dir / "2026-02-02-twin.ipynb").write_text(a.path.read_text())
    with pytest.raises(EntryError, match="id 'twin' is already used by 2026-01-01-twin.ipynb"):
        journal.entries()


def test_entry_lookup(journal):
    e = journal.new_entry("Find me", date="2026-01-01")
    assert journal.entry("find-me").path == e.path
    assert journal.entry(e.path.name).path == e.path
    assert journal.entry(e.path).path == e.path
    with pytest.raises(JournalError, match="no entry 'nope'"):
        journal.entry("nope")


@pytest.mark.parametrize("template, headings", [
    ("gibbs", ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"]),
    ("kolb", ["Concrete experience", "Reflective observation", "Abstract conceptualisation",
              "Active experimentation"]),
    ("driscoll", ["What?", "So what?", "Now what?"]),
    ("blank", []),
])
def test_templates(journal, template, headings):
    e = journal.new_entry("Templated", template=template, date="2026-01-01")
    cells = e.notebook["cells"]
    assert cells[0]["source"] == "# Templated"
    found = [c["source"].splitlines()[0][3:] for c in cells if c["source"].startswith("## ")]
    assert found == headings
    last = cells[-1]
    assert last["cell_type"] == "code" and PANEL_TAG in last["metadata"]["tags"]
    assert "comment_panel('templated')" in last["source"]


def test_unknown_template(journal):
    with pytest.raises(JournalError, match="unknown template 'haiku'"):
        journal.new_entry("x", template="haiku")


def test_bad_date(journal):
    with pytest.raises(JournalError, match="date must be YYYY-MM-DD"):
        journal.new_entry("x", date="yesterday")


def test_written_notebook_is_plain_nbformat_json(journal):
    e = journal.new_entry("Plain", date="2026-01-01")
    data = json.loads(e.path.read_text())
    assert data["nbformat"] == 4


def test_new_entry_never_replaces_a_file_whose_id_was_changed(journal):
    first = journal.new_entry("Week one", date="2026-10-01")
    first.set_meta(id="w1")
    first.save()
    second = journal.new_entry("Week one", date="2026-10-01")
    assert second.path != first.path
    assert sorted(e.id for e in journal.entries()) == ["w1", second.id]


def test_an_entry_by_its_title_and_a_miss_with_the_closest(journal):
    entry = journal.new_entry("My first week", date="2026-10-05")
    assert journal.entry("  my first   WEEK ").path == entry.path        # case and spacing aside
    with pytest.raises(JournalError, match=r"no entry 'my-first-weak' in .*entries \(did you mean my-first-week\?\)$"):
        journal.entry("my-first-weak")
    with pytest.raises(JournalError, match=r"no entry 'holiday' in .*entries$"):
        journal.entry("holiday")


def test_create_defaults_its_title_and_author(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "no-such-user-here")
    j = Journal.create(tmp_path / "ward-notes")
    assert (j.title, j.author, j.settings.username) == ("Ward notes", "no-such-user-here", "no-such-user-here")
