"""`journal report`: a class's participation as HTML, PDF and CSV; one journal's own activity."""

import csv

import pytest

from journal import Journal


@pytest.fixture
def classroom(tmp_path):
    from journal.demo.classroom import build_class

    build_class(tmp_path / "class", students=5, entries=3)
    # A name a spreadsheet would run, markup, and a login matplotlib would take for mathematics.
    odd = Journal.create(tmp_path / "class" / "zz", title="Odd", author="=HYPERLINK(\"x\") <script>x</script>",
                         username="zz$x^{$")
    odd.new_entry("Hello", date="2026-10-01", status="published")
    return tmp_path / "class"


def test_class_report_writes_page_pdf_and_csv(run_cli, classroom, tmp_path):
    out = tmp_path / "out"
    proc = run_cli("report", "--class", classroom, "--out", out, "--days", "10", "--as-of", "2026-10-20",
                   env={"JOURNAL_ROLE": "tutor"}, check=True)
    assert all(str(out / f"participation.{ext}") in proc.stdout for ext in ("csv", "html", "pdf"))
    html = (out / "participation.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Not posted in 10 days" in html and html.count("data:image/png;base64,") == 3
    assert (out / "participation.pdf").read_bytes().startswith(b"%PDF")
    with open(out / "participation.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["login"] for r in rows} == {p.name for p in classroom.iterdir()} - {"zz"} | {"zz$x^{$"}
    assert {r["name"] for r in rows if r["login"] == "zz$x^{$"} == {"'=HYPERLINK(\"x\") <script>x</script>"}
    assert all(r["entries"].isdigit() for r in rows)


def test_a_peer_gets_no_report(run_cli, classroom, tmp_path):
    proc = run_cli("report", "--class", classroom, "--out", tmp_path / "out", env={"JOURNAL_ROLE": "peer"})
    assert proc.returncode == 1 and "only the journal's author or a tutor" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_my_activity_for_one_journal(run_cli, classroom):
    me = classroom / "bbrooks"
    proc = run_cli("report", "--dir", me, "--to", "html", check=True)
    assert "activity.html" in proc.stdout and not (me / "exports" / "activity.pdf").exists()
    html = (me / "exports" / "activity.html").read_text(encoding="utf-8")
    assert "My activity" in html and "Ben Brooks" in html and "Amara" not in html.split("<h2>Students")[1]
