"""An entry's anatomy: what each cell of an entry is for, the comment-panel cell, and the journal it belongs to.

Every reader of entries (CLI, exporters, servers, the JupyterLab extension, widgets) asks here rather than
reading cell tags itself. The functions take notebooks and cells as nbformat nodes or as the plain dicts
`journal.entry.read_notebook` gives; they only read, except where the name says they write.

An entry's cells, in order:

- the **title cell**: a Markdown cell holding only `# <title>` (exports print the title from metadata instead);
- **prose**: the other Markdown cells, where `[@key]` citations are found;
- code cells the author wrote;
- the **reference list**, a generated Markdown cell tagged `journal-references` (`journal refs render`);
- the **comment panel**, a code cell tagged `journal-comments` whose source is `panel_source(entry_id)`.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The tag of the generated reference-list cell.
REFERENCE_LIST_TAG = "journal-references"
#: The tag of the comment-panel cell, the last cell of every entry.
PANEL_TAG = "journal-comments"
#: Cells with these tags are made by the journal, not written by the author: exports leave them out.
SCAFFOLDING_TAGS = (PANEL_TAG, REFERENCE_LIST_TAG)
#: The notebook metadata key of an entry, and where in the metadata its embedded BibTeX lives.
METADATA_KEY = "journal"
REFERENCES_PATH = (METADATA_KEY, "references")
#: The environment variable naming the journal folder (set by servers for their kernels).

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")


# -- cells ---------------------------------------------------------------------------------------------
def cell_tags(cell) -> list[str]:
    """The cell's tags; [] when it has none or its metadata is malformed."""
    metadata = cell.get("metadata") or {}
    tags = metadata.get("tags", []) if isinstance(metadata, dict) else []
    return tags if isinstance(tags, list) else []


def has_tag(cell, tag: str) -> bool:
    return tag in cell_tags(cell)


def is_panel(cell) -> bool:
    """True for the comment-panel cell."""
    return has_tag(cell, PANEL_TAG)


def is_reference_list(cell) -> bool:
    """True for the generated reference-list cell."""
    return has_tag(cell, REFERENCE_LIST_TAG)


def is_prose(cell) -> bool:
    """True for a Markdown cell the author wrote (the generated reference list is not prose)."""
    return cell.get("cell_type") == "markdown" and not is_reference_list(cell)


def is_runnable(cell) -> bool:
    """True for a code cell of the author's, i.e. any code cell but the comment panel."""
    return cell.get("cell_type") == "code" and not is_panel(cell)


def is_title_cell(cell, title: str) -> bool:
    """True when `cell` is a Markdown cell holding only the heading `# <title>`.

    >>> is_title_cell({"cell_type": "markdown", "source": "#  Week  three "}, "Week three")
    True
    >>> is_title_cell({"cell_type": "markdown", "source": "# Week three\\n\\nMore"}, "Week three")
    False
    """
    if cell.get("cell_type") != "markdown" or not title:
        return False
    match = _HEADING.match(_source(cell).strip())
    return bool(match) and " ".join(match.group(1).split()) == " ".join(title.split())


def prose_indices(nb) -> list[int]:
    """Indices of the prose cells of `nb`."""
    return [i for i, cell in enumerate(nb["cells"]) if is_prose(cell)]


def prose(nb) -> list[str]:
    """Sources of the prose cells of `nb`, in order."""
    return [_source(nb["cells"][i]) for i in prose_indices(nb)]


def has_code(nb) -> bool:
    """True when `nb` has a non-empty code cell besides the comment panel."""
    return any(is_runnable(cell) and _source(cell).strip() for cell in nb["cells"])


def panel_index(cells) -> int:
    """Where the comment panel is among `cells`; len(cells) when there is none (so inserting there appends)."""
    return next((i for i, cell in enumerate(cells) if is_panel(cell)), len(cells))


# -- the comment panel ---------------------------------------------------------------------------------
def panel_source(entry_id: str) -> str:
    """The code of the last cell of every entry: the comment panel for that entry."""
    return f"from widgets import comment_panel\ncomment_panel({entry_id!r})"


def panel_cell(entry_id: str):
    """A new comment-panel cell for `entry_id` (an nbformat node)."""
    from nbformat.v4 import new_code_cell

    return new_code_cell(panel_source(entry_id), metadata={"tags": [PANEL_TAG]})


def reference_list_cell(markdown: str, *, editable: bool = True):
    """A new generated reference-list cell holding `markdown` (an nbformat node)."""
    from nbformat.v4 import new_markdown_cell

    metadata = {"tags": [REFERENCE_LIST_TAG]}
    if not editable:
        metadata["editable"] = False
    return new_markdown_cell(markdown, metadata=metadata)


# -- metadata ------------------------------------------------------------------------------------------
def entry_metadata(nb) -> dict:
    """The notebook's `journal` metadata; {} when it has none (a notebook that is not an entry, or anything
    sent as one that is not shaped like a notebook)."""
    metadata = nb.get("metadata") if isinstance(nb, dict) else None
    meta = metadata.get(METADATA_KEY) if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else {}


def embedded_references(nb) -> str:
    """The BibTeX source embedded in the notebook's metadata; '' when none."""
    value = entry_metadata(nb).get(REFERENCES_PATH[-1], "")
    return value if isinstance(value, str) else ""


# -- the journal of a notebook -------------------------------------------------------------------------
def cell_source(cell) -> str:
    """The cell's source as one string (a notebook on disk may keep it as a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


_source = cell_source
