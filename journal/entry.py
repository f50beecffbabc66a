"""One journal entry: a notebook whose `journal` metadata says what it is."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from references.citations import cited_keys, erase_citations, mask_code

from . import anatomy
from .anatomy import PANEL_TAG, REFERENCE_LIST_TAG  # noqa: F401  (the names entries have always offered)
from .errors import EntryError, read_text
from .files import write_atomic
from .prompts import written_prose

STATUSES = ("draft", "published")


def read_notebook(path: Path) -> dict:
    """The notebook at `path` as a dict, with a clear error if it is not one.

    Plain `json` keeps `journal list` fast; `nbformat` validation happens on write.
    """
    path = Path(path)
    raw = read_text(path, EntryError)
    try:
        nb = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise EntryError(f"{path}: not a notebook (invalid JSON at line {exc.lineno}: {exc.msg})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise EntryError(f"{path}: not a notebook (no list of cells)")
    if nb.get("nbformat") != 4:
        raise EntryError(f"{path}: notebook format {nb.get('nbformat')!r} is not supported (need nbformat 4)")
    for cell in nb["cells"]:
        if isinstance(cell, dict) and isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    return nb


def write_notebook(nb: dict, path: Path) -> None:
    """Validate with nbformat, then replace `path` atomically."""
    import nbformat

    node = nbformat.from_dict(nb)
    try:
        nbformat.validate(node)
    except nbformat.ValidationError as exc:
        raise EntryError(f"{path}: refusing to write an invalid notebook: {exc.message}") from None
    write_atomic(Path(path), nbformat.writes(node) + "\n")


@dataclass
class Entry:
    """An entry as read from disk; `notebook` is the parsed JSON."""

    path: Path
    notebook: dict

    @classmethod
    def load(cls, path: Path) -> "Entry":
        path = Path(path)
        entry = cls(path, read_notebook(path))
        entry.check()
        return entry

    @property
    def meta(self) -> dict:
        return anatomy.entry_metadata(self.notebook)

    def check(self) -> None:
        """Raise EntryError naming the file and field when metadata is wrong."""
        meta = self.notebook.get("metadata", {}).get(anatomy.METADATA_KEY)
        if not isinstance(meta, dict):
            raise EntryError(f"{self.path}: no 'journal' metadata (is this a journal entry?)")
        for key in ("id", "title", "date"):
            if not isinstance(meta.get(key), str) or not meta[key].strip():
                raise EntryError(f"{self.path}: metadata 'journal.{key}' is missing or not a string")
        try:
            dt.date.fromisoformat(meta["date"][:10])
        except ValueError:
            raise EntryError(f"{self.path}: metadata 'journal.date' is not an ISO date: {meta['date']!r}") from None
        if meta.get("status", "draft") not in STATUSES:
            raise EntryError(f"{self.path}: metadata 'journal.status' must be draft or published, "
                             f"not {meta.get('status')!r}")
        tags = meta.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise EntryError(f"{self.path}: metadata 'journal.tags' must be a list of strings")
        if not isinstance(meta.get("references", ""), str):
            raise EntryError(f"{self.path}: metadata 'journal.references' must be BibTeX source (a string)")

    id = property(lambda self: self.meta["id"])
    title = property(lambda self: self.meta["title"])
    author = property(lambda self: self.meta.get("author", ""))
    tags = property(lambda self: list(self.meta.get("tags", [])))
    status = property(lambda self: self.meta.get("status", "draft"))
    references = property(lambda self: self.meta.get("references", ""))

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.meta["date"][:10])

    @property
    def published(self) -> bool:
        return self.status == "published"

    def markdown_cells(self) -> list[str]:
        """Sources of the prose cells, leaving out the generated reference list."""
        return anatomy.prose(self.notebook)

    @cached_property
    def prose(self) -> str:
        return "\n\n".join(self.markdown_cells())

    @cached_property
    def words(self) -> int:
        """Words the author wrote: the templates' prompts do not count."""
        return count_words(written_prose(self.notebook))

    @cached_property
    def citations(self) -> list[str]:
        """Keys cited in the prose, in order of first appearance, each once."""
        return cited_keys(self.prose)

    def set_meta(self, **values) -> None:
        self.notebook.setdefault("metadata", {}).setdefault(anatomy.METADATA_KEY, {}).update(values)
        self.__dict__.pop("prose", None)

    def save(self) -> None:
        write_notebook(self.notebook, self.path)
        for name in ("prose", "words", "citations"):
            self.__dict__.pop(name, None)

    def __repr__(self) -> str:
        return f"<Entry {self.id} {self.date} {self.title!r}>"


_HTML_TAG = re.compile(r"<[^>\n]+>")
_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t].*$", re.M)
_MARKUP = re.compile(r"[*_`\[\]>#|]+")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"[^\W_][\w'’\-]*", re.U)


def count_words(markdown: str) -> int:
    """Words of prose in Markdown: code, markup, link targets and citation keys do not count.

    >>> count_words("# Reflecting\\n\\nI *learned* a lot [@schon1983, p. 6].\\n\\n```python\\nx = 1\\n```")
    5
    """
    text = _HTML_TAG.sub(" ", mask_code(markdown))
    text = _LINK_TARGET.sub("]", text)
    text = erase_citations(text)
    return len(_WORD.findall(text))


def excerpt(markdown: str, width: int = 200) -> str:
    """The opening of `markdown` (give it `prompts.written_prose`, so prompts are gone) on one line, cut at a
    word within `width` characters: headings, code, markup, link targets and citation keys left out.

    >>> excerpt("## Description\\n\\nI *learned* a lot [@schon1983, p. 6] on the ward.", 30)
    'I learned a lot on the ward.'
    >>> excerpt("One two three four five six", 14)
    'One two three…'
    """
    text = _HTML_TAG.sub(" ", mask_code(_HEADING_LINE.sub(" ", markdown)))
    text = _MARKUP.sub("", erase_citations(_LINK_TARGET.sub("]", text)))
    flat = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(text.split()))
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if flat[width - 1] != " ":          # mid-word: back to the word's start
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
