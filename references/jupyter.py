"""`references.show()`: the reference list of the notebook being edited, displayed in JupyterLab."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import ReferencesError
from .render import cite_entry

#: Where a notebook keeps its embedded BibTeX (metadata path), and the tag of a generated list cell.
METADATA_PATH = ("journal", "references")
GENERATED_TAG = "journal-references"
LIBRARY_NAME = "references.bib"


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


def find_library(folder: Path) -> Path | None:
    """The nearest `references.bib` in the notebook's folder or above it."""
    for candidate in (folder, *folder.parents):
        if (candidate / LIBRARY_NAME).is_file():
            return candidate / LIBRARY_NAME
    return None


def show(path=None, *, library=None, style=None) -> ReferenceList:
    """The rendered reference list of a notebook; a code cell's last line `references.show()` displays it."""
    nb_path = notebook_path(path)
    try:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReferencesError(f"{nb_path}: cannot read the notebook: {exc}") from None
    meta = nb.get("metadata", {})
    for part in METADATA_PATH:
        meta = meta.get(part, {}) if isinstance(meta, dict) else {}
    embedded = meta if isinstance(meta, str) else ""
    library_path = Path(library) if library else find_library(nb_path.parent)
    library_text = library_path.read_text(encoding="utf-8") if library_path and library_path.is_file() else ""
    cells = [_source(c) for c in nb.get("cells", []) if c.get("cell_type") == "markdown"
             and GENERATED_TAG not in c.get("metadata", {}).get("tags", [])]
    names = (f"{nb_path.name} metadata", str(library_path or LIBRARY_NAME))
    html = cite_entry(cells, embedded, library_text, style=style or "harvard", output="html", names=names)
    text = cite_entry(cells, embedded, library_text, style=style or "harvard", output="text", names=names)
    return ReferenceList(html.reference_list, text.reference_list, html.missing, nb_path)


def is_show_cell(source: str) -> bool:
    """True when code `source` only imports `references` and calls `show()`: a preview for JupyterLab.

    >>> is_show_cell("import references; references.show()")
    True
    >>> is_show_cell("from references import show\\nshow('entry.ipynb', style='apa')")
    True
    >>> is_show_cell("import references\\nx = references.show()"), is_show_cell("%time show()")
    (False, False)
    """
    import ast

    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False

    def allowed(node) -> bool:
        if isinstance(node, ast.Import):
            return all(alias.name == "references" and alias.asname is None for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            return node.module == "references" and [a.name for a in node.names] == ["show"]
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            return (isinstance(func, ast.Name) and func.id == "show") or (
                isinstance(func, ast.Attribute) and func.attr == "show"
                and isinstance(func.value, ast.Name) and func.value.id == "references")
        return False

    return bool(body) and any(isinstance(n, ast.Expr) for n in body) and all(allowed(n) for n in body)


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source
