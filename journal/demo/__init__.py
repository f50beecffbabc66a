"""The built-in demo journal: a student's posts, a reference library and peers' comments."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tomllib
from importlib import resources
from pathlib import Path

from nbformat.v4 import new_code_cell, new_markdown_cell
from references.bibliography import extract

from ..anatomy import is_panel
from ..comments.seed import seed
from ..entry import write_notebook
from ..errors import JournalError
from ..folder import Journal
from ..settings import FILENAME

TITLE = "Sam Okafor's learning journal"
AUTHOR = "Sam Okafor"
POSTS = ("joining-up-care.md", "discharge-meeting.md", "ward-round-draft.md")
CELL_BREAK = re.compile(r"^<!-- (cell|code) -->\n", re.M)


def _read(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def parse_post(text: str) -> tuple[dict, list[tuple[str, str]]]:
    """Front matter and (cell_type, source) pairs of a demo post."""
    _, front, body = text.split("+++\n", 2)
    meta = tomllib.loads(front)
    parts = CELL_BREAK.split(body)
    cells = [("markdown", parts[0].strip())]
    for kind, source in zip(parts[1::2], parts[2::2]):
        cells.append(("markdown" if kind == "cell" else "code", source.strip()))
    return meta, cells


def build(path, *, force: bool = False, author: str | None = None, username: str | None = None) -> Journal:
    """Write the demo journal into `path` and return it.

    `author` (default Sam Okafor) names the student, in journal.toml and on their own replies; `username`
    is their login (default: the current user's). Copies with different ones make a demo class.
    """
    path = Path(path)
    if path.exists() and any(path.iterdir()):
        if not force:
            raise JournalError(f"{path}: folder is not empty (use --force to replace a demo journal there)")
        if not (path / FILENAME).is_file():
            raise JournalError(f"{path}: not a journal folder, so --force will not delete it")
        shutil.rmtree(path)
    title = TITLE if author is None else f"{author.strip()}'s learning journal"
    journal = Journal.create(path, title=title, author=AUTHOR if author is None else author, username=username)
    journal.library_path.write_text(_read("references.bib"), encoding="utf-8")
    for name in POSTS:
        meta, cells = parse_post(_read(name))
        entry = journal.new_entry(meta["title"], tags=meta["tags"], template=meta["template"], date=meta["date"],
                                  status=meta["status"])
        _fill(entry, cells, meta.get("cite", []), journal)
    seed_comments(journal)
    return journal


def _fill(entry, cells, cite_keys, journal) -> None:
    """Put the post's cells between the title heading and the comment panel."""
    nb = entry.notebook
    head, panel = nb["cells"][0], nb["cells"][-1]
    assert is_panel(panel)
    body = [new_markdown_cell(src) if kind == "markdown" else new_code_cell(src) for kind, src in cells]
    nb["cells"] = [head, *body, panel]
    entry.set_meta(references=_embedded(journal, cite_keys))
    write_notebook(nb, entry.path)


def _embedded(journal, keys) -> str:
    """BibTeX source of `keys`, copied from the journal's library."""
    return extract(journal.library_path.read_text(encoding="utf-8"), keys)


def seed_comments(journal) -> None:
    """The demo's comment threads, written into the comment store with their dates and statuses."""
    rows = list(csv.DictReader(io.StringIO(_read("comments.csv"), newline="")))
    if journal.author != AUTHOR:
        for row in rows:
            # The author's replies are theirs under whatever name the demo was given; Sam's address is not.
            if row["role"] == "author":
                row["name"], row["email"] = journal.author, ""
    seed(journal, rows)
