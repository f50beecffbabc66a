"""The journal sidebar's operations: list, new entry, publish, export. Thin calls into the core."""

from __future__ import annotations

from pathlib import Path

from ..anatomy import journal_or_none, panel_source
from ..errors import JournalError
from ..templates import TEMPLATES


def overview(journal, root: Path) -> dict:
    """The journal, its entries (paths relative to the server's root) and, for moderators, what waits."""
    from ..cli.list import rows

    role = journal.comments.role
    entries = rows(journal)
    for row in entries:
        row["path"] = relative(Path(row["path"]), root)
    pending = sum(r["pending"] for r in entries) if role in ("author", "tutor") else None
    if role not in ("author", "tutor"):
        for row in entries:
            row.pop("pending")  # a peer never learns what waits for moderation
    return {"title": journal.title, "author": journal.author, "role": role, "path": relative(journal.path, root),
            "pending": pending, "entries": entries, "templates": TEMPLATES}


def new_entry(journal, root: Path, title: str, template: str) -> str:
    return relative(journal.new_entry(title, template=template).path, root)


def set_status(journal, notebook: Path, status: str) -> str:
    entry = journal.entry(notebook)
    entry.set_meta(status=status)
    entry.save()
    return entry.status


def export(journal, notebook: Path, root: Path, to: str) -> str:
    """Export one entry to `to` (html or pdf); the output's path relative to the root."""
    from ..cli.export import export_one

    outcome = export_one(journal, journal.entry(notebook), to)
    if outcome.status == "failed":
        raise JournalError(outcome.error)
    return relative(outcome.path, root)


def entry_info(notebook: Path) -> dict:
    """Whether the notebook is an entry of a journal, and the one panel code the extension may run."""
    from ..entry import Entry
    from ..errors import EntryError

    try:
        entry = Entry.load(notebook)
    except EntryError:
        return {"entry": False}
    if journal_or_none(notebook.parent) is None:
        return {"entry": True, "journal": False, "panel_source": None}
    return {"entry": True, "journal": True, "id": entry.id, "panel_source": panel_source(entry.id)}


def relative(path: Path, root: Path) -> str:
    return Path(path).resolve().relative_to(root.resolve()).as_posix()
