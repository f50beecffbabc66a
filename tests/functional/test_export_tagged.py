"""Every PDF the journal writes is tagged (PDF/UA-1): a structure tree in reading order, the language, the
title shown as the document's title, bookmarks. Checked as a screen reader would meet it: headings, the
reference list as a list, comments in the order the page shows them, tables with header cells and a caption,
figures with their /Alt. `pdfinfo` says "Tagged: yes" exactly when the catalog's /MarkInfo has /Marked true."""

import re

import nbformat
import pandas as pd
from pypdf import PdfReader

from export.entries import export_entries
from export.options import ExportOptions
from export.portfolio import export_portfolio
from journal import Journal
from pdf_structure import children, structure

POST = "joining-up-care-means-learning-together"
TITLE = "Joining up care means learning together"


def with_table_and_figure(journal):
    """The demo's post with a pandas table (default index) and a figure, as a code cell's outputs."""
    entry = journal.entry(POST)
    frame = pd.DataFrame({"week": [1, 2, 3], "words": [320, 450, 610]})
    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAAAAgABVKJPXQAAAABJRU5ErkJggg==")
    entry.notebook["cells"].insert(2, nbformat.v4.new_code_cell("frame; plot()", metadata={"alt": "Words per week"}, outputs=[
        nbformat.v4.new_output("execute_result", data={"text/html": frame._repr_html_(), "text/plain": str(frame)},
                               execution_count=1),
        nbformat.v4.new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"})]))
    entry.save()
    return journal.entry(POST)


def assert_tagged(catalog, title_expected, reader):
    assert catalog["/MarkInfo"]["/Marked"].value is True, "pdfinfo would say Tagged: no"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert str(catalog["/Lang"]) == "en"
    assert reader.metadata.title == title_expected
    assert reader.outline, "no bookmarks"


def test_an_entry_pdf_is_tagged_with_its_structure_in_reading_order(demo, tmp_path):
    entry = with_table_and_figure(demo)
    options = ExportOptions.for_journal(demo, to=("pdf", "html"))
    outcomes = export_entries(demo, [entry], options, out=tmp_path)
    pdf = next(o.path for o in outcomes if o.path.suffix == ".pdf")
    html = next(o.path for o in outcomes if o.path.suffix == ".html").read_text(encoding="utf-8")
    elements, catalog = structure(pdf)
    reader = PdfReader(pdf)
    assert_tagged(catalog, TITLE, reader)
    assert [e.text for e in elements if e.tag == "H1"] == [TITLE]
    headings = [e.text for e in elements if e.tag == "H2"]
    assert "References" in headings and any(h.startswith("9 thoughts on") for h in headings)
    # The reference list is a list (WeasyPrint tags each page's part of it as a list of its own): one list
    # item per work, between its heading and the comments'.
    at = next(i for i, e in enumerate(elements) if e.tag == "H2" and e.text == "References")
    comments_at = next(i for i, e in enumerate(elements) if e.tag == "H2" and e.text.startswith("9 thoughts on"))
    items = [item.text for listing in elements[at:comments_at] if listing.tag == "L"
             for item in children(elements, listing) if item.tag == "LI"]
    works = re.findall(r'<li id="ref-', html.split('class="references"', 1)[1])
    assert len(items) == len(works) > 1 and any(i.startswith("Senge, P.M. (1990)") for i in items)
    # Comments are read in the order the page shows them.
    shown = re.findall(r'<span class="comment-author"><bdi>([^<]+)</bdi>', html)
    read = [e.text for e in elements[comments_at:] if e.tag == "P" and e.text and any(
        e.text.startswith(name) for name in shown)]
    assert [next(n for n in shown if t.startswith(n)) for t in read] == shown
    # The pandas table: a caption, its column headers as header cells, no 0 1 2 index column.
    table = next(i for i, e in enumerate(elements) if e.tag == "Table")
    cells = [e for e in elements[table + 1:] if e.tag in ("TH", "TD", "Caption")][:9]
    assert cells[0].tag == "Caption" and cells[0].text == "Table 1: output of the code cell"
    assert [(c.tag, c.text) for c in cells[1:3]] == [("TH", "week"), ("TH", "words")]
    assert [c.text for c in cells[3:5]] == ["1", "320"], "the default index is not printed"
    assert all(c.attributes.get("/Headers") for c in cells if c.tag == "TD")
    assert [e.alt for e in elements if e.tag == "Figure"] == ["Words per week"]


def test_a_portfolio_with_feedback_is_tagged_with_a_bookmark_per_entry(demo, tmp_path):
    options = ExportOptions.for_journal(demo, to=("pdf",), with_feedback=True)
    [outcome] = export_portfolio(demo, options, out=tmp_path)
    elements, catalog = structure(outcome.path)
    reader = PdfReader(outcome.path)
    assert_tagged(catalog, demo.title, reader)
    titles = [e.title for e in demo.entries() if e.published]
    h1 = [e.text for e in elements if e.tag == "H1"]
    assert h1[:2] == [demo.title, "Contents"] and sorted(h1[2:]) == sorted(titles)
    marks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert sorted(set(titles) & set(marks)) == sorted(titles)


def test_released_feedback_in_an_authors_export_is_read_after_the_comments(demo, tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    demo.feedback.add(POST, "Released words for you.", release=True)
    demo.feedback.add(POST, "Held words nobody but tutors may read.")
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    journal = Journal.open(demo.path)
    [outcome] = export_entries(journal, [journal.entry(POST)], ExportOptions.for_journal(journal, to=("pdf",)),
                               out=tmp_path)
    elements, catalog = structure(outcome.path)
    assert_tagged(catalog, TITLE, PdfReader(outcome.path))
    headings = [e.text for e in elements if e.tag == "H2"]
    assert headings.index("Feedback from your tutor") > next(i for i, h in enumerate(headings)
                                                               if h.startswith("9 thoughts on"))
    at = next(i for i, e in enumerate(elements) if e.tag == "H2" and e.text == "Feedback from your tutor")
    assert "Released words for you." in [e.text for e in elements[at:] if e.tag == "P"]
    assert not any("Held words" in (e.text or "") for e in elements)


def test_a_class_export_writes_a_tagged_portfolio_per_journal(run_cli, tmp_path):
    from journal.demo.classroom import build_class

    journals = build_class(tmp_path / "class", students=2, entries=2)
    run_cli("export", "--class", tmp_path / "class", "--to", "pdf", "--out", tmp_path / "out",
            env={"JOURNAL_ROLE": "tutor"}, check=True)
    for journal in journals:
        pdf = tmp_path / "out" / f"{journal.path.name}.pdf"
        elements, catalog = structure(pdf)
        reader = PdfReader(pdf)
        assert_tagged(catalog, journal.title, reader)
        titles = [e.title for e in journal.entries() if e.published]
        h1 = [e.text for e in elements if e.tag == "H1"]
        assert titles and h1[0] == journal.title and sorted(set(h1) & set(titles)) == sorted(titles)
        marks = [item.title for item in reader.outline if not isinstance(item, list)]
        assert set(titles) <= set(marks), "a bookmark per entry"


def test_the_participation_report_pdf_is_tagged_with_header_cells_and_captions(run_cli, tmp_path):
    from journal.demo.classroom import build_class

    build_class(tmp_path / "class", students=3, entries=2)
    run_cli("report", "--class", tmp_path / "class", "--out", tmp_path / "out", "--as-of", "2026-10-20",
            env={"JOURNAL_ROLE": "tutor"}, check=True)
    pdf = tmp_path / "out" / "participation.pdf"
    elements, catalog = structure(pdf)
    assert_tagged(catalog, "Participation", PdfReader(pdf))
    assert any(e.tag == "Caption" and e.text.startswith("Each student's entries") for e in elements)
    alts = [e.alt for e in elements if e.tag == "Figure"]
    assert alts and all(alts) and alts[0].startswith("Chart of each student's weekly activity")
    assert len([e for e in elements if e.tag == "TH"]) >= 12 + 3, "a header per column and one per student"
    assert all(e.attributes.get("/Headers") for e in elements if e.tag == "TD")
