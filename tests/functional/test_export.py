"""Exports read back: PDF text, metadata, pages and pictures; HTML without scripts; portfolio; incremental."""

import json
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from export.entries import export_entries
from export.options import ExportOptions
from export.portfolio import export_portfolio

POST = "joining-up-care-means-learning-together"
HOSTILE = '<img src=x onerror="alert(1)">'


def comment(store, entry_id, name, body, then=None):
    c = store.submit(entry_id, name=name, body=body, email=f"{name.split()[0].lower()}@example.org", role="peer")
    if then:
        getattr(store, then)(c.id)
    return c


@pytest.fixture
def commented(demo):
    """The demo journal with an approved, a hostile approved, a pending and a spam comment on the post."""
    store = demo.comments
    comment(store, POST, "Quentin Approved", "A clear account of three purposes in one room.", "approve")
    comment(store, POST, "Mallory " + HOSTILE, "Look: <script>alert('x')</script> end", "approve")
    comment(store, POST, "Pat Pending", "This pending remark must stay private.")
    comment(store, POST, "Sid Spammer", "Cheap pills spamword here.", "spam")
    return demo


def pdf_text(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_entry_pdf_reads_back(commented, tmp_path):
    options = ExportOptions.for_journal(commented, to=("pdf",))
    [outcome] = export_entries(commented, [commented.entry(POST)], options, out=tmp_path / "out")
    assert outcome.status == "written"
    reader = PdfReader(outcome.path)
    text = " ".join(pdf_text(outcome.path).split())
    assert "Joining up care means learning together" in text and "Sam Okafor" in text
    assert "(Department of Health, 2010a)" in text
    assert "References" in text and "Senge, P.M." in text.split("References", 1)[1]  # in the list, not only cited
    assert "Quentin Approved" in text and "three purposes in one room" in text
    assert "<script>" in text and "Mallory" in text  # hostile words are shown as text, not run
    assert "pending remark" not in text and "Pat Pending" not in text
    assert "Cheap pills" not in text and "Sid Spammer" not in text
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert reader.metadata.title == "Joining up care means learning together"
    assert reader.metadata.author == "Sam Okafor"
    assert "integration" in reader.metadata.get("/Keywords", "")
    assert [item.title for item in reader.outline if not isinstance(item, list)][0].startswith("Joining up care")
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert any(link.get("/Dest") or "/Dest" in link.get("/A", {}) or link.get("/A", {}).get("/D") for link in links)
    assert "# Joining up care" not in text and "comment_panel" not in text
    assert "import pandas" not in text  # code is hidden by default


def assert_inert(html):
    """No <script> element and no event-handler attribute anywhere in the page."""
    from html.parser import HTMLParser

    found = []

    class Finder(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend([tag] if tag == "script" else [n for n, _ in attrs if n.lower().startswith("on")])

    Finder().feed(html)
    assert found == []


def test_first_page_is_not_blank(demo, tmp_path):
    options = ExportOptions.for_journal(demo, to=("pdf",))
    [outcome] = export_entries(demo, [demo.entry(POST)], options, out=tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(outcome.path), str(tmp_path / "p")],
                   check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = sum(1 for v in image.tobytes() if v < 128)
    assert dark > 0.01 * image.width * image.height


def test_html_escapes_comments_and_has_no_script(commented, tmp_path):
    options = ExportOptions.for_journal(commented, to=("html",), show_code=True)
    [outcome] = export_entries(commented, [commented.entry(POST)], options, out=tmp_path)
    html = outcome.path.read_text()
    assert_inert(html)
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html and "Mallory &lt;img src=x onerror" in html
    assert '<a class="citation" href="#ref-doh2010a">(Department of Health, 2010a)</a>' in html and 'id="ref-doh2010a"' in html
    assert '<div class="input">' in html and "study log" in html  # --show-code keeps inputs


def test_no_comments_and_letter_paper(commented, tmp_path):
    options = ExportOptions.for_journal(commented, to=("pdf",), comments=False, paper="letter")
    [outcome] = export_entries(commented, [commented.entry(POST)], options, out=tmp_path)
    assert "Quentin Approved" not in pdf_text(outcome.path)
    box = PdfReader(outcome.path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_skipping_unchanged_entries_never_loads_nbconvert(demo, tmp_path):
    """The fingerprint (feedback included) is read without the exporter: only a render pays for nbconvert."""
    export_entries(demo, demo.entries(), ExportOptions.for_journal(demo, to=("html",)), out=tmp_path)
    script = ("import sys; from journal import Journal; from export.entries import export_entries; "
              "from export.options import ExportOptions; j = Journal.open(sys.argv[1]); "
              "out = export_entries(j, j.entries(), ExportOptions.for_journal(j, to=('html',)), out=sys.argv[2]); "
              "print({o.status for o in out}, 'nbconvert' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", script, str(demo.path), str(tmp_path)], capture_output=True,
                         text=True, timeout=300, check=True)
    assert run.stdout.split() == ["{'skipped'}", "False"]


def test_incremental_skips_until_an_input_changes(commented, tmp_path):
    options = ExportOptions.for_journal(commented, to=("html",))
    entries = commented.entries()
    assert {o.status for o in export_entries(commented, entries, options, out=tmp_path)} == {"written"}
    assert {o.status for o in export_entries(commented, entries, options, out=tmp_path)} == {"skipped"}
    pending = commented.comments.frame(status="pending")
    commented.comments.approve(pending.iloc[0]["id"])
    again = {o.source: o.status for o in export_entries(commented, entries, options, out=tmp_path)}
    assert again[POST] == "written" and list(again.values()).count("skipped") == len(entries) - 1
    forced = export_entries(commented, entries, options, out=tmp_path, force=True)
    assert {o.status for o in forced} == {"written"}
    other = ExportOptions.for_journal(commented, to=("html",), show_code=True)
    assert {o.status for o in export_entries(commented, entries, other, out=tmp_path)} == {"written"}


def test_portfolio_has_cover_contents_and_entries(commented, tmp_path):
    options = ExportOptions.for_journal(commented, to=("pdf", "html"), drafts=True)
    outcomes = export_portfolio(commented, options, out=tmp_path)
    assert [o.status for o in outcomes] == ["written", "written"]
    reader = PdfReader(tmp_path / "portfolio.pdf")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "Sam Okafor's learning journal" in pages[0] and "3 entries" in pages[0] and "words" in pages[0]
    assert "Contents" in pages[1]
    for entry in commented.entries():
        start = next(i for i, p in enumerate(pages) if p.startswith(entry.title) or f" {entry.title} Sam" in p[:200])
        assert f"{entry.title}" in pages[1] and str(start + 1) in pages[1]
    assert "Quentin Approved" in " ".join(pages) and "pending remark" not in " ".join(pages)
    html = (tmp_path / "portfolio.html").read_text()
    assert len(set(__import__("re").findall(r'id="([^"]+)"', html))) == len(__import__("re").findall(r'id="([^"]+)"', html))


def test_strict_and_missing_citations(journal, tmp_path):
    entry = journal.new_entry("Citing nothing")
    entry.notebook["cells"].insert(1, {"cell_type": "markdown", "id": "cites", "metadata": {}, "source": "As [@nobody2020] said."})
    entry.save()
    html_only = ExportOptions.for_journal(journal, to=("html",))
    [outcome] = export_entries(journal, [entry], html_only, out=tmp_path)
    assert "(missing: nobody2020)" in outcome.path.read_text()
    strict = ExportOptions.for_journal(journal, to=("html",), strict=True)
    [failed] = export_entries(journal, [entry], strict, out=tmp_path, force=True)
    assert failed.status == "failed" and "nobody2020" in failed.error


def test_nbconvert_exports_a_lone_entry_with_its_own_references(demo, tmp_path):
    lone = tmp_path / "lone"
    lone.mkdir()
    source = demo.entry(POST).path
    shutil.copy(source, lone / source.name)
    comment(demo.comments, POST, "Quentin Approved", "Only inside the journal.", "approve")
    proc = subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "journal_pdf", source.name],
                          cwd=lone, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    text = " ".join(pdf_text(lone / source.with_suffix(".pdf").name).split())
    assert "(Department of Health, 2010a)" in text and "References" in text
    assert "Quentin Approved" not in text and "Comments" not in text


def test_a_library_that_is_not_utf8_fails_the_export_naming_the_file(demo, tmp_path):
    # Reference managers on Windows often save Latin-1; that is the user's to fix, not a crash.
    demo.library_path.write_bytes(demo.library_path.read_bytes() + b"\n@book{cafe, title={Caf\xe9}}\n")
    [outcome] = export_entries(demo, [demo.entry(POST)], ExportOptions.for_journal(demo, to=("html",)), out=tmp_path)
    assert outcome.status == "failed"
    assert str(demo.library_path) in outcome.error and "cannot read" in outcome.error


@pytest.mark.filterwarnings("ignore::journal.comments.fold.LogDamaged")  # the edit below breaks a checksum
def test_journals_exporting_to_one_folder_never_share_comment_digests(commented, tmp_path):
    # A tutor's class export writes every portfolio to one --out folder; a log of another journal
    # with the same size and time must not pass for this one's (it would skip a changed thread).
    import os

    from export.fingerprint import CommentDigests
    from journal.folder import Journal

    other = Journal.open(shutil.copytree(commented.path, tmp_path / "other"))
    log, stat = other.comments_path, commented.comments_path.stat()
    log.write_text(log.read_text(encoding="utf-8").replace("three purposes", "THREE purposes"), encoding="utf-8")
    os.utime(log, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert log.stat().st_size == stat.st_size
    out = tmp_path / "class"
    assert CommentDigests(commented, out)(POST) != CommentDigests(other, out)(POST)
