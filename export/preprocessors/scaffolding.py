"""Drop the parts of an entry that only make sense in JupyterLab: the title heading, the comment panel and the
templates' prompts (with the headings of sections the student left unwritten)."""

from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from journal.anatomy import SCAFFOLDING_TAGS, cell_tags, is_title_cell
from journal.prompts import written_cells
from references.jupyter import is_show_cell


class DropScaffolding(Preprocessor):
    """Remove the first cell when it repeats the title, the comment panel, any saved reference list,
    `references.show()` cells, the templates' prompts and the headings of sections holding nothing else.

    The template prints the title from metadata and the export makes its own reference list, so a
    preview of the list would print it twice.
    """

    drop_tags = Unicode(" ".join(SCAFFOLDING_TAGS),
                        help="Space-separated cell tags whose cells are left out of exports").tag(config=True)

    def preprocess(self, nb, resources):
        title = resources.get("journal", {}).get("title", "")
        tags = set(self.drop_tags.split())
        cells = [c for c in nb.cells if not tags & set(cell_tags(c))
                 and not (c.cell_type == "code" and is_show_cell(c.source))]
        if cells and is_title_cell(cells[0], title):
            cells = cells[1:]
        nb.cells = written_cells(cells)
        return nb, resources
