"""Deadline snapshots: what each entry was at a deadline, copied and hashed, kept beside the journal.

A snapshot is a folder `snapshots/<label>/` in the journal holding a copy of every published entry
and `manifest.json` (label, when it was taken, and per entry its file, title, date and content
hash). Snapshots are never replaced: feedback refers to one by its label, and an entry whose
content hash differs from its snapshot's has "changed since" that feedback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import JournalError

FOLDER = "snapshots"
MANIFEST = "manifest.json"
LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def content_hash(entry) -> str:
    """SHA-256 of what the author wrote: title, date, tags, references and every cell's type and source.

    Outputs, execution counts and widget state are left out, so re-running a cell changes nothing.
    """
    meta = entry.meta
    cells = [(c.get("cell_type", ""), _text(c.get("source", ""))) for c in entry.notebook.get("cells", [])]
    data = [meta.get("title", ""), meta.get("date", ""), meta.get("tags", []), meta.get("references", ""), cells]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _text(source) -> str:
    """A cell's source as one string: nbformat also allows a list of lines, which must hash the same."""
    return "".join(source) if isinstance(source, list) else source


@dataclass
class Snapshot:
    """One snapshot of one journal, as its manifest describes it."""

    path: Path
    label: str
    taken_at: str
    entries: dict = field(default_factory=dict)       # entry id -> {"file", "title", "date", "sha256"}

    def hash_of(self, entry_id: str) -> str:
        return self.entries.get(entry_id, {}).get("sha256", "")


def take(journal, label: str | None = None, *, drafts: bool = False) -> Snapshot:
    """Freeze the journal's published entries (and drafts with `drafts`) under `label` (default: today)."""
    label = label or dt.date.today().isoformat()
    if not LABEL.match(label):
        raise JournalError(f"snapshot label {label!r}: use letters, digits, '.', '_' or '-' (at most 64)")
    root = journal.path / FOLDER
    target = root / label
    if target.exists():
        raise JournalError(f"{target}: a snapshot called {label!r} already exists; snapshots are never replaced")
    entries = [e for e in journal.entries() if drafts or e.published]
    work = root / f".{label}.{os.getpid()}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    manifest = {"label": label, "taken_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "journal": journal.title, "author": journal.author, "entries": {}}
    for entry in entries:
        shutil.copy2(entry.path, work / entry.path.name)
        manifest["entries"][entry.id] = {"file": entry.path.name, "title": entry.title,
                                         "date": entry.date.isoformat(), "sha256": content_hash(entry)}
    (work / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    try:
        work.rename(target)              # the whole snapshot appears at once, or not at all
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
        raise JournalError(f"{target}: a snapshot called {label!r} already exists") from None
    return load(journal, label)


def load(journal, label: str) -> Snapshot:
    path = journal.path / FOLDER / label / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise JournalError(f"no snapshot {label!r} in {journal.path / FOLDER}") from None
    except (OSError, ValueError) as exc:
        raise JournalError(f"{path}: cannot read the snapshot's manifest: {exc}") from None
    return Snapshot(path.parent, data.get("label", label), data.get("taken_at", ""), data.get("entries", {}))


def snapshots(journal) -> list[Snapshot]:
    """Every snapshot of the journal, oldest first."""
    root = journal.path / FOLDER
    if not root.is_dir():
        return []
    found = [load(journal, p.name) for p in root.iterdir() if (p / MANIFEST).is_file()]
    return sorted(found, key=lambda s: (s.taken_at, s.label))


def latest(journal) -> Snapshot | None:
    found = snapshots(journal)
    return found[-1] if found else None
