"""Citing in an entry: embed works in its bibliography, check its citations, resolve them, place its reference list.

Plain functions on notebooks (nbformat nodes, or the dicts `journal.entry.read_notebook` gives): the CLI, the
exporters, the servers and the JupyterLab extension all call these. They change the notebook in memory and
never save it or print; saving and telling the user is the caller's part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import references
from references.bibliography import fingerprint, load, read, to_bibtex
from references.citations import cited_keys
from references.errors import ReferencesError

from . import anatomy
from .folder import LIBRARY

#: Where a notebook keeps what `references.show()` reads: handed to `references` by its entry point.
NOTEBOOK_LAYOUT = {"metadata_path": anatomy.REFERENCES_PATH, "skip_tag": anatomy.REFERENCE_LIST_TAG,
                   "library_name": LIBRARY}
#: Fields of a work that never travel with an entry: local paths of attachments (Zotero, JabRef).
DROPPED_FIELDS = ("file",)


@dataclass
class Embedded:
    """What `embed` did: keys added, keys already there unchanged, keys kept because their content differs."""

    added: list[str] = field(default_factory=list)
    same: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def library_of(journal):
    """The journal's references.bib, loaded (empty when there is none); a file that cannot be read is a
    ReferencesError naming it."""
    return load(read(journal.library_path), str(journal.library_path))


def embedded_bibliography(nb, source: str = "the notebook"):
    """The notebook's embedded works, loaded (`references.bibliography.Loaded`); messages name `source`."""
    return load(anatomy.embedded_references(nb), f"{source} (metadata journal.references)")


def embed(nb, works, *, replace: bool = False, source: str = "the notebook") -> Embedded:
    """Add (key, pybtex Entry) `works` to the notebook's embedded BibTeX.

    A key already embedded with other content is kept unless `replace`. Refuses (ReferencesError naming
    `source`) when the embedded BibTeX is broken, since rewriting it would drop the broken works.
    """
    current = embedded_bibliography(nb, source)
    if current.problems:
        raise ReferencesError(current.problems[0] + " (fix it before adding works)")
    merged = dict(current.entries.items())
    done = Embedded()
    for key, work in works:
        for name in DROPPED_FIELDS:
            work.fields.pop(name, None)
        if key in merged and fingerprint(merged[key]) == fingerprint(work):
            done.same.append(key)
        elif key in merged and not replace:
            done.kept.append(key)
        else:
            merged[key] = work
            done.added.append(key)
    if done.added:
        meta = nb.setdefault("metadata", {}).setdefault(anatomy.METADATA_KEY, {})
        meta[anatomy.REFERENCES_PATH[-1]] = to_bibtex(merged.items())
    return done


def check(nb, library, *, source: str = "the notebook") -> dict:
    """What is wrong with the notebook's citations against `library` (a loaded bibliography).

    Keys: "missing" (cited, found nowhere), "unused" (embedded, never cited), "conflicting" (embedded with
    content other than the library's), "not embedded" (found only in the library), "problems" (broken works).
    """
    embedded = embedded_bibliography(nb, source)
    cited = cited_keys("\n\n".join(anatomy.prose(nb)))
    return {
        "missing": [k for k in cited if k not in embedded.entries and k not in library.entries],
        "unused": [k for k in embedded.entries if k not in cited],
        "conflicting": [k for k in embedded.entries if k in library.entries
                        and fingerprint(embedded.entries[k]) != fingerprint(library.entries[k])],
        "not embedded": [k for k in cited if k not in embedded.entries and k in library.entries],
        "problems": embedded.problems,
    }


def cite(nb, library_path: Path | None = None, *, style: str = "harvard", source: str = "the notebook",
         output: str = "html", strict: bool = False):
    """`references.cite_notebook` for the notebook's prose and embedded BibTeX, then the library file, if any.

    The result's `cells` are in the order of `anatomy.prose_indices(nb)`.
    """
    # Through the package, which loads pybtex on first use: importing this module must not.
    return references.cite_notebook(anatomy.prose(nb), anatomy.embedded_references(nb), library_path,
                                    source=source, style=style, output=output, strict=strict)


def resolve(nb, library_path: Path | None = None, **options):
    """Like `cite`, and write the rendered citations into the prose cells; returns the result."""
    result = cite(nb, library_path, **options)
    for i, text in zip(anatomy.prose_indices(nb), result.cells):
        nb["cells"][i]["source"] = text
    return result


def place_list(nb, markdown: str) -> None:
    """Replace the generated reference-list cell (or add one before the comment panel); none when `markdown` is ''."""
    cells = [c for c in nb["cells"] if not anatomy.is_reference_list(c)]
    if markdown:
        cell = anatomy.reference_list_cell(markdown.strip(), editable=False)
        if nb.get("nbformat_minor", 0) < 5:  # cell ids exist from nbformat 4.5 on
            del cell["id"]
        cells.insert(anatomy.panel_index(cells), cell)
    nb["cells"] = cells
