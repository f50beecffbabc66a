"""Citations of an open notebook, as JupyterLab sends them: no kernel, no save.

The notebook's Markdown and embedded BibTeX come from the open document, so what the student sees
is what they have typed, not what was last saved. Formatting is the same pybtex style as the exports,
and embedding is the core's (`journal.citing.embed`) applied to the document's metadata.
"""

from __future__ import annotations

from pathlib import Path

from references.bibliography import load, read
from references.citations import find_citations
from references.jupyter import find_library
from references.labels import title as work_title
from references.cite import cite_entry, format_list, reference_list

from .. import anatomy, citing
from ..folder import journal_or_none
from ..folder import LIBRARY


def context_of(notebook: Path):
    """(journal or None, library path or None, style) for a notebook on disk."""
    journal = journal_or_none(notebook.parent)
    if journal is None:
        return None, find_library(notebook.parent, LIBRARY), "harvard"
    return journal, journal.library_path, journal.settings.style


def _as_notebook(embedded: str) -> dict:
    """Just enough of a notebook for the core's citing functions: its embedded BibTeX."""
    return {"metadata": {anatomy.METADATA_KEY: {anatomy.REFERENCES_PATH[-1]: embedded or ""}}}


def works(notebook: Path, embedded: str = "") -> dict:
    """Every work the notebook can cite: embedded first, then the library; author, year, title, reference."""
    _, library_path, style = context_of(notebook)
    sources = [("entry", citing.embedded_bibliography(_as_notebook(embedded), notebook.name))]
    if library_path:
        sources.append(("library", load(read(library_path), str(library_path))))
    found, where = {}, {}
    for name, loaded in sources:
        for key, work in loaded.entries.items():
            if key not in found:
                found[key], where[key] = work, name
    out = []
    # `rank`: the reference list's order, in which the dialog writes several works (author, year, suffix).
    for rank, (key, label, text) in enumerate(format_list(found, style=style, output="text")):
        out.append({"key": key, "author": label.names, "year": label.year, "title": work_title(found[key]),
                    "reference": text.strip(), "where": where[key], "rank": rank})
    return {"style": style, "works": out, "problems": [p for _, s in sources for p in s.problems]}


def cite(notebook: Path, cells: list[str], embedded: str = "") -> dict:
    """Each cell's citations rendered, the reference list, unknown keys, and works to embed.

    `embed` is the notebook's new `journal.references` when a cited work was found only in the
    library (so the open document takes it in and the entry stays self-contained), else None.
    """
    _, library_path, style = context_of(notebook)
    library = read(library_path) if library_path else ""
    names = (f"{notebook.name} (metadata journal.references)", str(library_path or LIBRARY))
    found = [find_citations(cell) for cell in cells]
    sources = [cell[c.start:c.end] for cell, cites in zip(cells, found) for c in cites]
    result = cite_entry(sources, embedded, library, style=style, output="text", names=names)
    rendered = iter(result.cells)
    per_cell = [[{"source": cell[c.start:c.end], "text": next(rendered), "keys": c.keys,
                  "missing": [k for k in c.keys if k in result.missing]} for c in cites]
                for cell, cites in zip(cells, found)]
    nb = _as_notebook(embedded)
    embedded_works = citing.embedded_bibliography(nb, notebook.name)
    library_only = [k for k in result.keys if k in result.works and k not in embedded_works.entries]
    embed = None
    if library_only and not embedded_works.problems:
        if citing.embed(nb, [(k, result.works[k]) for k in library_only], source=notebook.name).added:
            embed = anatomy.embedded_references(nb)
    return {
        "style": style,
        "cells": per_cell,
        "references": {key: text.strip() for key, _, text in format_list(result.works, style=style, output="text")},
        "list_html": reference_list(format_list(result.works, style=style, output="html"), "html"),
        "keys": result.keys,
        "missing": result.missing,
        "library_only": library_only,
        "embed": embed,
        "problems": result.problems,
        "library": library_path.name if library_path else None,
    }


def merge_from_disk(saving: str, on_disk: str) -> str | None:
    """`saving` with every work of `on_disk` it lacks (the CLI embedded them while the notebook was open).

    None when nothing is missing. A work in both keeps the version being saved.
    """
    nb = _as_notebook(saving)
    current = citing.embedded_bibliography(nb, "the notebook being saved")
    disk = load(on_disk or "", "the notebook on disk")
    lacking = [(k, w) for k, w in disk.entries.items() if k not in current.entries]
    if not lacking or current.problems:
        return None
    return anatomy.embedded_references(nb) if citing.embed(nb, lacking).added else None
