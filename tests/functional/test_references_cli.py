"""Citing in a journal: the demo's done-criterion, journal cite, journal refs add|check|render, show()."""

import json
import re
import shutil

import pytest

from journal.entry import PANEL_TAG, REFERENCE_LIST_TAG, Entry
from references import cite_entry

POST = "joining-up-care-means-learning-together"


def _post(journal):
    return journal.entry(POST)


def _render(journal, output):
    entry = _post(journal)
    library = journal.library_path.read_text(encoding="utf-8")
    return cite_entry(entry.markdown_cells(), entry.references, library, output=output)


def test_demo_post_renders_suffixed_citations_and_the_harvard_list(demo):
    result = _render(demo, "html")
    text = " ".join(result.cells)
    for suffix in "abc":
        assert f'<a class="citation" href="#ref-doh2010{suffix}">(Department of Health, 2010{suffix})</a>' in text
    assert result.missing == []
    plain = re.sub(r"<[^>]+>", "", result.reference_list)
    assert plain.index("Department of Health (2010a) A vision") < plain.index("Department of Health (2010b) Equity") \
        < plain.index("Department of Health (2010c) Healthy")
    assert ("Available at: https://www.england.nhs.uk/integratedcare/what-is-integrated-care/ "
            "(Accessed: 11 October 2026)") in plain
    assert "NHS England (n.d.)" in plain
    markdown = _render(demo, "markdown").reference_list
    assert ("Checkland, P. and Poulter, J. (2010) ‘Soft Systems Methodology’. In: Reynolds, M. and Holwell, S. (eds) "
            "*Systems Approaches to Managing Change: A Practical Guide*. London: Springer, pp. 191–242.") in markdown
    assert "Glasby, J. and Dickinson, H. (2014) *Partnership Working in Health and Social Care" in markdown
    assert "2nd edn. Bristol: Policy Press." in markdown


def test_the_demo_post_is_self_contained(demo):
    entry = _post(demo)
    alone = cite_entry(entry.markdown_cells(), entry.references, "", output="text")
    assert alone.missing == [] and "(Department of Health, 2010a, 2010b)" in " ".join(alone.cells)


def _plant_mistakes(demo):
    entry = _post(demo)
    cells = entry.notebook["cells"]
    cells[1]["source"] += "\n\nAs nobody has argued [@ghost2020]."
    embedded = entry.references + "\n@book{unused2001, author={Nobody, A.}, title={Never cited}, year={2001}}\n"
    embedded = embedded.replace("Basic Books", "Temple Smith")  # schon1983 now differs from the library
    entry.set_meta(references=embedded)
    entry.save()


def test_refs_check_reports_each_planted_mistake(demo, run_cli, tmp_path):
    copy = shutil.copytree(demo.path, tmp_path / "copy")
    clean = run_cli("refs", "check", "--all", "--dir", copy)
    assert clean.returncode == 0, clean.stderr
    from journal import Journal

    _plant_mistakes(Journal.open(copy))
    proc = run_cli("refs", "check", POST, "--dir", copy)
    assert proc.returncode == 1
    assert f"{POST}: missing: ghost2020" in proc.stdout
    assert f"{POST}: unused: unused2001" in proc.stdout
    assert f"{POST}: conflicting: schon1983" in proc.stdout
    others = run_cli("refs", "check", "a-discharge-meeting-that-did-not-go-to-plan", "--dir", copy)
    assert others.returncode == 0 and "ok (4 cited)" in others.stdout


def test_cite_copies_works_from_the_library(journal, run_cli):
    journal.library_path.write_text("@book{senge1990, author={Senge, Peter M.}, title={The Fifth Discipline}, "
                                    "year={1990}, publisher={Doubleday}}\n", encoding="utf-8")
    entry = journal.new_entry("Reading Senge")
    proc = run_cli("cite", entry.id, "senge1990", "--dir", journal.path)
    assert proc.returncode == 0, proc.stderr
    assert "senge1990" in Entry.load(entry.path).references
    again = run_cli("cite", entry.id, "senge1990", "--dir", journal.path)
    assert "already embedded: senge1990" in again.stdout
    unknown = run_cli("cite", entry.id, "nosuch", "--dir", journal.path)
    assert unknown.returncode == 1 and "no work with key nosuch" in unknown.stderr


def test_refs_add_embeds_from_an_exported_file_and_reports_broken_works(journal, run_cli, tmp_path):
    bib = tmp_path / "zotero.bib"
    bib.write_text("@article{okafor_learning_2011,\n\ttitle = {Learning},\n\tauthor = {Okafor, Sam},\n"
                   "\tyear = {2011},\n\tfile = {Full Text:/home/sam/x.pdf:application/pdf},\n}\n\n"
                   "@book{broken, title = {Unclosed}\n", encoding="utf-8")
    entry = journal.new_entry("Week one")
    proc = run_cli("refs", "add", entry.id, bib, "--dir", journal.path)
    assert proc.returncode == 1  # something was skipped
    assert f"{bib}, line 8: entry broken" in proc.stderr
    embedded = Entry.load(entry.path).references
    assert "okafor_learning_2011" in embedded and "/home/sam" not in embedded and "broken" not in embedded


def test_refs_render_writes_one_tagged_cell_before_the_panel(demo, run_cli):
    for _ in range(2):
        proc = run_cli("refs", "render", POST, "--dir", demo.path)
        assert proc.returncode == 0, proc.stderr
    cells = _post(demo).notebook["cells"]
    tagged = [i for i, c in enumerate(cells) if REFERENCE_LIST_TAG in c["metadata"].get("tags", [])]
    assert len(tagged) == 1
    assert PANEL_TAG in cells[tagged[0] + 1]["metadata"]["tags"]
    assert cells[tagged[0]]["source"].startswith("## References\n\nCheckland, P. and Poulter, J. (2010)")
    assert _post(demo).citations == _render(demo, "text").keys  # the list is not read as prose


def test_refs_render_follows_the_journal_style_and_the_style_option(demo, run_cli):
    toml = demo.path / "journal.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('style = "harvard"', 'style = "apa"'), encoding="utf-8")
    assert run_cli("refs", "render", POST, "--dir", demo.path).returncode == 0
    listed = next(c["source"] for c in _post(demo).notebook["cells"]
                  if REFERENCE_LIST_TAG in c["metadata"].get("tags", []))
    assert listed.startswith("## References\n\nCheckland, P., & Poulter, J. (2010). Soft Systems Methodology. "
                             "In M. Reynolds & S. Holwell (Eds.), *Systems Approaches to Managing Change")
    assert "Department of Health. (2010a). *A vision" in listed
    proc = run_cli("refs", "render", POST, "--style", "harvard", "--dir", demo.path)
    assert proc.returncode == 0, proc.stderr
    listed = next(c["source"] for c in _post(demo).notebook["cells"]
                  if REFERENCE_LIST_TAG in c["metadata"].get("tags", []))
    assert listed.startswith("## References\n\nCheckland, P. and Poulter, J. (2010)")


def test_show_finds_the_notebook_from_the_session_variable(demo, monkeypatch):
    import references

    entry = _post(demo)
    monkeypatch.chdir(entry.path.parent)
    monkeypatch.setenv("JPY_SESSION_NAME", f"entries/{entry.path.name}")
    shown = references.show()
    assert '<li id="ref-doh2010b">' in shown._repr_html_()
    assert "Department of Health (2010c) Healthy lives" in repr(shown)
    monkeypatch.delenv("JPY_SESSION_NAME")
    with pytest.raises(references.ReferencesError, match="cannot tell which notebook"):
        references.show()
    assert "Senge" in repr(references.show(entry.path))


@pytest.mark.parametrize("command", [["refs", "render", "POST"], ["refs", "check", "--all"], ["cite", "POST", "senge1990"]])
def test_a_library_that_is_not_utf8_is_named_not_a_traceback(demo, run_cli, command):
    demo.library_path.write_bytes(demo.library_path.read_bytes() + b"\n@book{cafe, title={Caf\xe9}}\n")
    post = next(e for e in demo.entries() if e.published).id
    result = run_cli(*[post if part == "POST" else part for part in command], "--dir", str(demo.path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "references.bib: cannot read" in result.stderr
