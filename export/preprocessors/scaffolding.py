"""Drop the parts of an entry that only make sense in JupyterLab: the title heading and the comment panel."""

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from journal.entry import PANEL_TAG, REFERENCE_LIST_TAG
from references.jupyter import is_show_cell

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")


def is_title_cell(cell, title: str) -> bool:
    """True when `cell` is a Markdown cell holding only the heading `# <title>`."""
    if cell.cell_type != "markdown" or not title:
        return False
    match = _HEADING.match(cell.source.strip())
    return bool(match) and " ".join(match.group(1).split()) == " ".join(title.split())


class DropScaffolding(Preprocessor):
    """Remove the first cell when it repeats the title, the comment panel, any saved reference list and
    `references.show()` cells.

    The template prints the title from metadata and the export makes its own reference list, so a
    preview of the list would print it twice.
    """

    drop_tags = Unicode(f"{PANEL_TAG} {REFERENCE_LIST_TAG}",
                        help="Space-separated cell tags whose cells are left out of exports").tag(config=True)

    def preprocess(self, nb, resources):
        title = resources.get("journal", {}).get("title", "")
        tags = set(self.drop_tags.split())
        cells = [c for c in nb.cells if not tags & set(c.get("metadata", {}).get("tags", []))
                 and not (c.cell_type == "code" and is_show_cell(c.source))]
        if cells and is_title_cell(cells[0], title):
            cells = cells[1:]
        nb.cells = cells
        return nb, resources
