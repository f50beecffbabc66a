"""A `references.show()` preview cell belongs to JupyterLab: exports leave it out, so the list shows once."""

import nbformat

from export.entries import export_entries
from export.options import ExportOptions, formats

LIST_ITEM = "Schön, D.A. (1983)"


def test_a_show_cell_never_reaches_an_export_nor_doubles_the_list(journal):
    journal.library_path.write_text("@book{schon1983, author={Sch{\\\"o}n, Donald A.}, title={The reflective "
                                    "practitioner}, year={1983}, publisher={Basic Books}}\n", encoding="utf-8")
    entry = journal.new_entry("Reading Schön", date="2026-10-01")
    nb = nbformat.read(entry.path, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell("Practice is a kind of research [@schon1983]."))
    # The preview as it is saved after running: its source and its rendered list.
    show = nbformat.v4.new_code_cell("import references; references.show()")
    show.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": f"<section><h2>References</h2><ul><li>{LIST_ITEM} <em>The reflective practitioner</em></li></ul>"
                     "</section>", "text/plain": LIST_ITEM})]
    nb.cells.insert(2, show)
    kept = nbformat.v4.new_code_cell("print('a table of my hours')")
    kept.outputs = [nbformat.v4.new_output("stream", text="a table of my hours\n")]
    nb.cells.insert(3, kept)
    nbformat.write(nb, entry.path)

    [outcome] = export_entries(journal, [journal.entry(entry.path)], ExportOptions.for_journal(journal, to=formats("html")))
    html = outcome.path.read_text(encoding="utf-8")
    assert html.count(LIST_ITEM) == 1
    assert "references.show" not in html
    assert "a table of my hours" in html  # other code output still shows
