"""The served folder: an index page and one page per published entry, nothing else of the journal."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

from ..anatomy import PANEL_TAG, REFERENCE_LIST_TAG, has_tag as _tagged, panel_source
from ..entry import write_notebook

INDEX = "index.ipynb"
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
# Files next to the entries that a page may need at run time (data a plot reads, pictures).
# They are copied but never fetchable unless Voilà's allowlist admits them (pictures only).
_SKIP = {".ipynb_checkpoints", "__pycache__"}


def page_name(entry) -> str:
    """The file name of an entry's page in the served folder (never the index's)."""
    name = entry.path.name
    return f"entry-{name}" if name == INDEX else name


def prepare(journal, root) -> list[str]:
    """Write the index and a page per published entry into the empty folder `root`; return page names.

    Drafts are never copied. Each page has its citations resolved, the reference list appended
    and the comment panel as its last cell. `journal.toml`, the comment store and the library stay
    outside `root`, so Voilà cannot serve them.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    _copy_assets(journal.entries_dir, root)
    names = []
    for entry in journal.entries(published_only=True):
        nb = entry_page(entry, library_path=journal.library_path, style=journal.settings.style)
        write_notebook(nb, root / page_name(entry))
        names.append(page_name(entry))
    write_notebook(index_page(journal), root / INDEX)
    return names


def entry_page(entry, *, library_path=None, style: str = "harvard") -> dict:
    """The served notebook of one entry, as a dict."""
    from nbformat.v4 import new_code_cell, new_markdown_cell
    from references import cite_notebook

    nb = copy.deepcopy(entry.notebook)
    cells = [c for c in nb["cells"] if not _tagged(c, REFERENCE_LIST_TAG) and not _tagged(c, PANEL_TAG)]
    prose = [i for i, c in enumerate(cells) if c.get("cell_type") == "markdown"]
    result = cite_notebook([cells[i].get("source", "") for i in prose], entry.references, library_path,
                           source=entry.path.name, style=style)
    for i, source in zip(prose, result.cells):
        cells[i]["source"] = source
    for cell in cells:
        if cell.get("cell_type") == "code":
            # Without this tag Voilà stops at the first failing cell and the panel is never shown.
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if "raises-exception" not in tags:
                tags.append("raises-exception")
    if result.reference_list:
        cells.append(new_markdown_cell(result.reference_list, metadata={"tags": [REFERENCE_LIST_TAG]}))
    # The panel cell is rewritten so the page always shows this entry's thread, last.
    cells.append(new_code_cell(panel_source(entry.id), metadata={"tags": [PANEL_TAG]}))
    nb["cells"] = cells
    nb["metadata"]["kernelspec"] = KERNELSPEC
    nb["metadata"]["title"] = entry.title          # the browser tab's title
    return nb


def index_page(journal) -> dict:
    """The index notebook: the journal's title and a live list of published entries."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    heading = new_markdown_cell(f"# {_escape_markdown(journal.title)}")
    listing = new_code_cell("from journal.serve.index import show_index\nshow_index()")
    nb = new_notebook(cells=[heading, listing])
    nb["metadata"]["kernelspec"] = KERNELSPEC
    nb["metadata"]["language_info"] = {"name": "python"}
    nb["metadata"]["title"] = journal.title
    return nb


def _escape_markdown(text: str) -> str:
    import html

    return html.escape(text).replace("*", r"\*").replace("_", r"\_").replace("[", r"\[")


def _ignore(folder, names) -> set[str]:
    """What copytree leaves out: hidden files, notebooks, caches, and links (they may point anywhere)."""
    skipped = shutil.ignore_patterns(".*", "*.ipynb", *_SKIP)(folder, names)
    return skipped | {n for n in names if Path(folder, n).is_symlink()}


def _copy_assets(src: Path, dst: Path) -> None:
    if not src.is_dir():
        return
    for item in src.iterdir():
        if item.name.startswith(".") or item.name in _SKIP or item.is_symlink() or item.suffix == ".ipynb":
            continue
        if item.is_dir():
            shutil.copytree(item, dst / item.name, ignore=_ignore)
        else:
            shutil.copy2(item, dst / item.name)
