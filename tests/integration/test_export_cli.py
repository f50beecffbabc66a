"""`journal export` and `journal demo` as a user runs them: corpus, bad input, class mode."""

import json
import shutil

import pytest

from export.html import JournalHTMLExporter
from export.pdf import JournalPDFExporter


def test_every_corpus_notebook_exports(corpus, tmp_path):
    html_exporter, pdf_exporter = JournalHTMLExporter(), JournalPDFExporter()
    notebooks = sorted(corpus.glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        html, _ = html_exporter.from_filename(str(path))
        assert "<script" not in html.lower(), path.name  # outputs' scripts (notebook_inject) never reach the page
        pdf, _ = pdf_exporter.from_filename(str(path))
        assert pdf.startswith(b"%PDF"), path.name


@pytest.mark.invalid_notebooks
@pytest.mark.parametrize("content, expected", [
    ("{ not json", "invalid JSON"),
    (json.dumps({"cells": [], "nbformat": 3}), "nbformat 4"),
    (json.dumps({"cells": [{"cell_type": "code"}], "metadata": {"journal": {"id": "x", "title": "X",
                 "date": "2026-01-01"}}, "nbformat": 4, "nbformat_minor": 5}), "not a valid notebook"),
])
def test_bad_notebook_is_named(journal, run_cli, content, expected):
    bad = journal.entries_dir / "2026-01-01-bad.ipynb"
    bad.write_text(content)
    proc = run_cli("export", bad, "--dir", journal.path, "--to", "html")
    assert proc.returncode == 1
    assert str(bad) in proc.stderr and expected in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_kernel_still_exports(journal, run_cli):
    entry = journal.new_entry("A notebook from another language")
    entry.notebook["metadata"]["kernelspec"] = {"name": "no-such-kernel", "display_name": "Nothing"}
    entry.notebook["metadata"]["language_info"] = {"name": "no-such-language"}
    entry.notebook["cells"].insert(1, {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": None,
                                       "outputs": [], "source": "print('hello')"})
    entry.save()
    proc = run_cli("export", entry.id, "--dir", journal.path, "--show-code", check=True)
    assert "wrote" in proc.stdout and (journal.exports_dir / f"{entry.path.stem}.pdf").is_file()


def test_cli_exports_entries_then_skips_them(demo, run_cli, tmp_path):
    out = tmp_path / "out"
    first = run_cli("export", "--all", "--dir", demo.path, "--out", out, "--to", "html", check=True)
    assert first.stdout.count("wrote") == len(demo.entries())
    second = run_cli("export", "--all", "--dir", demo.path, "--out", out, "--to", "html", check=True)
    assert "wrote" not in second.stdout and "--force" in second.stdout
    none = run_cli("export", "--dir", demo.path)
    assert none.returncode == 1 and "--all" in none.stderr


def test_class_mode_goes_on_past_a_broken_journal(demo, run_cli, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("ada", "ben"):
        shutil.copytree(demo.path, folder / name)
    (folder / "cy").mkdir()
    (folder / "cy" / "journal.toml").write_text("title = 'Cy'\nauthor = 'Cy'\nbogus = 1\n")
    out = tmp_path / "pdfs"
    proc = run_cli("export", "--class", folder, "--to", "pdf", "-j", "2", "--out", out)
    assert proc.returncode == 1
    assert (out / "ada.pdf").is_file() and (out / "ben.pdf").is_file()
    assert "bogus" in proc.stdout and "2 of 3 journals exported" in proc.stdout
    assert "3/3" in proc.stderr
    shutil.rmtree(folder / "cy")
    again = run_cli("export", "--class", folder, "--to", "pdf", "--out", out)
    assert again.returncode == 0 and "skipped" in again.stdout


def test_demo_exports_entries_and_portfolio(run_cli, tmp_path):
    proc = run_cli("demo", tmp_path / "d", check=True)
    exports = tmp_path / "d" / "exports"
    assert f"wrote     {exports / 'portfolio.pdf'}" in proc.stdout
    assert len(list(exports.glob("*.pdf"))) == 4 and len(list(exports.glob("*.html"))) == 4
    post = next((tmp_path / "d" / "entries").glob("*joining-up-care*.ipynb"))
    outputs = [o for c in json.loads(post.read_text())["cells"] for o in c.get("outputs", [])]
    assert {"image/svg+xml", "text/html"} <= {k for o in outputs for k in o.get("data", {})}
