"""The printed page's details: typographer's quotes in the author's prose, one date format (the long one) for
the entry, its comments and its feedback, and a portfolio cover naming the course and, after a snapshot, the
date it was submitted."""

import re

from pypdf import PdfReader

from export.entries import export_entries
from export.options import ExportOptions
from export.portfolio import export_portfolio
from journal.feedback.snapshot import take
from references.dates import long_date

POST = "joining-up-care-means-learning-together"


def pdf_text(path):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_prose_has_typographers_quotes_and_every_date_is_written_out(demo, tmp_path, monkeypatch):
    entry = demo.entry(POST)
    entry.notebook["cells"].insert(1, {"cell_type": "markdown", "metadata": {}, "id": "quotes",
                                       "source": "Schön's \"reflection-in-action\" is 'knowing' in the '90s sense."})
    entry.save()
    monkeypatch.setenv("JOURNAL_ROLE", "tutor")
    demo.feedback.add(POST, "Clear and honest.", release=True)
    monkeypatch.setenv("JOURNAL_ROLE", "author")
    options = ExportOptions.for_journal(demo, to=("pdf",))
    [outcome] = export_entries(demo, [demo.entry(POST)], options, out=tmp_path)
    text = pdf_text(outcome.path)
    assert "Schön\u2019s \u201creflection-in-action\u201d is \u2018knowing\u2019 in the \u201990s sense." in text
    assert not re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text), "an ISO date beside the long ones"
    assert "12 October 2026" in text


def test_the_portfolio_cover_names_the_course_and_the_submission(demo, tmp_path):
    snapshot = take(demo, "week-4")
    options = ExportOptions.for_journal(demo, to=("pdf",))
    [outcome] = export_portfolio(demo, options, out=tmp_path, course="Reflective practice 2026")
    cover = " ".join(PdfReader(outcome.path).pages[0].extract_text().split())
    assert "Reflective practice 2026" in cover
    assert f"Submitted {long_date(snapshot.taken_at)} (snapshot week-4)" in cover
