"""`references.show()`: the reference list of the notebook being edited, displayed in JupyterLab."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ReferencesError
from .cite import cite_entry

#: The entry-point group where an application says how its notebooks keep references (see `NotebookLayout`).
LAYOUT_GROUP = "references.notebook_layout"


@dataclass(frozen=True)
class NotebookLayout:
    """How notebooks keep their references; this package assumes none, the application that writes them says.

    `metadata_path`: the keys in notebook metadata that lead to embedded BibTeX source (() for none);
    `skip_tag`: the tag of generated Markdown cells that are not prose ('' for none);
    `library_name`: the file name of the shared library looked for in the notebook's folder and above
    ('' for none).
    """

    metadata_path: tuple = ()
    skip_tag: str = ""
    library_name: str = ""


def installed_layout() -> NotebookLayout:
    """The layout an installed application registers under `LAYOUT_GROUP` (the first by name); else none."""
    from importlib.metadata import entry_points

    for point in sorted(entry_points(group=LAYOUT_GROUP), key=lambda p: p.name):
        return NotebookLayout(**{k: tuple(v) if k == "metadata_path" else v for k, v in point.load().items()})
    return NotebookLayout()


class ReferenceList:
    """A rendered list: shows as HTML in Jupyter and as text elsewhere."""

    def __init__(self, html: str, text: str, missing: list[str], source: Path):
        self.html, self.text, self.missing, self.source = html, text, missing, source

    def _repr_html_(self) -> str:
        from html import escape

        body = self.html or "<p><em>No citations yet: write [@key] in a Markdown cell.</em></p>"
        if self.missing:
            keys = ", ".join(escape(k) for k in self.missing)
            body += f'<p class="missing">Not found in the embedded bibliography or the library: {keys}</p>'
        return body

    def __repr__(self) -> str:
        text = self.text or "No citations yet."
        if self.missing:
            text += "\nNot found: " + ", ".join(self.missing)
        return text


def notebook_path(path=None) -> Path:
    """The notebook to read: `path`, else the one JupyterLab told the kernel about."""
    name = path or os.environ.get("JPY_SESSION_NAME") or _session_variable()
    if not name:
        raise ReferencesError("references.show() cannot tell which notebook this is: run it in a notebook "
                              "opened in JupyterLab, or pass the path, e.g. references.show('entry.ipynb')")
    given = Path(name).expanduser()
    cwd = Path.cwd()
    # JupyterLab passes a path relative to the server's root, which may be any folder above the kernel's.
    for candidate in (given, cwd / given, cwd / given.name, *(folder / given for folder in cwd.parents)):
        if candidate.suffix == ".ipynb" and candidate.is_file():
            return candidate
    raise ReferencesError(f"{name}: notebook not found (pass its path to references.show())")


def _session_variable():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return shell.user_ns.get("__session__") if shell is not None else None


def find_library(folder: Path, name: str) -> Path | None:
    """The nearest file called `name` in `folder` or above it."""
    if not name:
        return None
    for candidate in (folder, *folder.parents):
        if (candidate / name).is_file():
            return candidate / name
    return None


def show(path=None, *, library=None, style=None, layout: NotebookLayout | None = None) -> ReferenceList:
    """The rendered reference list of a notebook; a code cell's last line `references.show()` displays it.

    `layout` says where the notebook keeps its references; by default, what the installed application says.
    """
    layout = installed_layout() if layout is None else layout
    nb_path = notebook_path(path)
    try:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReferencesError(f"{nb_path}: cannot read the notebook: {exc}") from None
    meta = nb.get("metadata", {}) if layout.metadata_path else ""
    for part in layout.metadata_path:
        meta = meta.get(part, {}) if isinstance(meta, dict) else {}
    embedded = meta if isinstance(meta, str) else ""
    library_path = Path(library) if library else find_library(nb_path.parent, layout.library_name)
    library_text = library_path.read_text(encoding="utf-8") if library_path and library_path.is_file() else ""
    cells = [_source(c) for c in nb.get("cells", []) if c.get("cell_type") == "markdown"
             and not (layout.skip_tag and layout.skip_tag in c.get("metadata", {}).get("tags", []))]
    names = (f"{nb_path.name} metadata", str(library_path or layout.library_name or "no library"))
    html = cite_entry(cells, embedded, library_text, style=style or "harvard", output="html", names=names)
    text = cite_entry(cells, embedded, library_text, style=style or "harvard", output="text", names=names)
    return ReferenceList(html.reference_list, text.reference_list, html.missing, nb_path)


def is_show_cell(source: str) -> bool:
    """True when code `source` only imports `references` and calls `show()`: a preview for JupyterLab.

    A bare `show()` counts only after `from references import show` in the same code: any other
    `show()` may be the author's own.

    >>> is_show_cell("import references; references.show()")
    True
    >>> is_show_cell("from references import show\\nshow('entry.ipynb', style='apa')")
    True
    >>> is_show_cell("show()"), is_show_cell("import references\\nx = references.show()"), is_show_cell("%time show()")
    (False, False, False)
    """
    import ast

    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    imported_show = any(isinstance(n, ast.ImportFrom) and n.module == "references" for n in body)

    def allowed(node) -> bool:
        if isinstance(node, ast.Import):
            return all(alias.name == "references" and alias.asname is None for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            return node.module == "references" and [(a.name, a.asname) for a in node.names] == [("show", None)]
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            return (isinstance(func, ast.Name) and func.id == "show" and imported_show) or (
                isinstance(func, ast.Attribute) and func.attr == "show"
                and isinstance(func.value, ast.Name) and func.value.id == "references")
        return False

    return bool(body) and any(isinstance(n, ast.Expr) for n in body) and all(allowed(n) for n in body)


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source
