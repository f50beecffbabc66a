"""Each figure's text alternative, in the order the issue gives: the output's `alt`, the cell's `alt`, the
matplotlib figure's title and axis labels (kept by the kernel's hook), else "Figure N: output of the code
cell". The HTML, the PDF's /Alt and the course's pages (the same exporter) say the same."""

import base64
import re
from html import unescape

import nbformat
import pytest

from export.entries import export_entries
from export.execute import execute
from export.options import ExportOptions
from journal.figures import ALT
from pdf_structure import structure

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")).decode()
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>A red square</title><rect width="10" height="10" fill="red"/></svg>'


def picture(mime=None, data=None, metadata=None):
    return nbformat.v4.new_output("display_data", data={mime or "image/png": data or PNG, "text/plain": "<Figure>"},
                                  metadata=metadata or {})


def figure_entry(journal):
    entry = journal.new_entry("Figures", status="published")
    cells = [
        nbformat.v4.new_code_cell("show()", outputs=[picture(metadata={ALT: "Output's own words"})]),
        nbformat.v4.new_code_cell("show()", outputs=[picture(metadata={"image/png": {ALT: "Per type words"}})]),
        nbformat.v4.new_code_cell("show()", metadata={ALT: "The cell's words"}, outputs=[picture()]),
        nbformat.v4.new_code_cell("df", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/html": "<table><tr><td>1</td></tr></table>", "image/png": PNG},
            execution_count=1)]),
        nbformat.v4.new_code_cell("show()", outputs=[picture("image/svg+xml", SVG)]),
        nbformat.v4.new_code_cell("show()", outputs=[picture()]),
    ]
    entry.notebook["cells"][1:1] = cells
    entry.save()
    return entry


def alts(html):
    figures = [tag for tag in re.findall(r"<img\b[^>]*>", html) if 'class="figure"' in tag]
    return [unescape(re.search(r'alt="([^"]*)"', tag).group(1)) for tag in figures]


WANTED = ["Output's own words", "Per type words", "The cell's words", "A red square",
          "Figure 5: output of the code cell"]


def test_each_figure_is_described_in_the_order_of_sources(journal, tmp_path):
    entry = figure_entry(journal)
    [outcome] = export_entries(journal, [entry], ExportOptions.for_journal(journal, to=("html",)), out=tmp_path)
    assert alts(outcome.path.read_text(encoding="utf-8")) == WANTED


def pdf_alts(path):
    return [e.alt for e in structure(path)[0] if e.tag == "Figure"]


def test_the_pdf_gives_each_figure_the_same_alt(journal, tmp_path):
    entry = figure_entry(journal)
    [outcome] = export_entries(journal, [entry], ExportOptions.for_journal(journal, to=("pdf",)), out=tmp_path)
    assert pdf_alts(outcome.path) == WANTED


@pytest.mark.slow
def test_a_matplotlib_figure_is_described_by_its_title_and_axis_labels(journal, tmp_path):
    """A real kernel, as `journal demo` and the export's run start it, with the hook loaded."""
    entry = journal.new_entry("A plot", status="published")
    entry.notebook["cells"].insert(1, nbformat.v4.new_code_cell(
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\nax.plot([1, 2, 3], [120, 340, 250])\n"
        "ax.set(title='Words per week', xlabel='week', ylabel='words')\nplt.show()"))
    entry.save()
    assert execute(journal.entry(entry.id))
    [outcome] = export_entries(journal, [journal.entry(entry.id)], ExportOptions.for_journal(journal, to=("html",)),
                               out=tmp_path)
    assert alts(outcome.path.read_text(encoding="utf-8")) == ["Words per week (x: week; y: words)"]
