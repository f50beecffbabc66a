"""Moving a course between backends (`journal course migrate`): journal by journal, checked, rerunnable.

Each journal is read whole from the source (its own settings, every shared version, its pictures,
every event of its comment log in order), written whole to the destination (one transaction in
PostgreSQL; a temporary folder renamed into place in a course folder), then read back and compared
by counts and checksums. A journal already at the destination with the same checksums is skipped,
so a migration that was interrupted is simply run again; one that differs is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..comments import CommentStore, log, writer
from ..comments.fold import FoldedLog
from ..comments.protocol import Actor
from ..entry import write_notebook
from ..errors import JournalError
from ..folder import COMMENTS, ENTRIES
from ..settings import FILENAME as JOURNAL_TOML
from ..settings import Settings
from .protocol import SharedEntry
from .settings import FILENAME as COURSE_TOML
from .store import MANIFEST, PICTURES, VERSIONS, FolderCourseStore, notebook_sha256

MIGRATOR = Actor("journal course migrate", "tutor")

TEMPORARY = ".migrating-"


@dataclass
class JournalCopy:
    """Everything a course holds of one journal, backend-neutral."""

    login: str
    settings: dict | None = None                        # the journal's own settings (None: none sent)
    versions: list[SharedEntry] = field(default_factory=list)   # every version, with its notebook
    pictures: dict[str, bytes] = field(default_factory=dict)
    events: list[tuple] = field(default_factory=list)   # (kind, *FIELDS) in log order
    comments: list[tuple] = field(default_factory=list)  # the fold of the events: each comment as it is now
    feedback: list[tuple] = field(default_factory=list)  # the fold of the feedback events: each piece as it is now

    def digest(self) -> dict:
        """Counts and checksums of what both backends keep (earlier versions: their notebooks only)."""
        newest = {}
        for v in self.versions:
            if v.version > newest.get(v.entry_id, 0):
                newest[v.entry_id] = v.version
        versions = sorted(
            [v.entry_id, v.version, notebook_sha256(v.notebook)] +
            ([v.title, v.date, list(v.tags), v.shared_at, v.sha256, v.withdrawn]
             if v.version == newest[v.entry_id] else []) for v in self.versions)
        pictures = sorted((name, hashlib.sha256(data).hexdigest()) for name, data in self.pictures.items())
        return {"versions": len(self.versions), "entries": len(newest), "events": len(self.events),
                "comments": len(self.comments), "feedback": len(self.feedback), "pictures": len(pictures),
                "checksum": {part: _sha(value) for part, value in (
                    ("settings", self.settings), ("versions", versions), ("pictures", pictures),
                    ("events", [list(e) for e in self.events]), ("comments", sorted(map(list, self.comments))),
                    ("feedback", sorted(map(list, self.feedback))))}}


def _sha(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8",
                                                                                      "surrogatepass")).hexdigest()


class FolderSide:
    """A course folder as a source or destination of a migration."""

    def __init__(self, root):
        self.root = Path(root)
        self.store = FolderCourseStore(self.root)

    def __str__(self) -> str:
        return str(self.root)

    def logins(self) -> list[str]:
        return self.store.journals()

    def has(self, login: str) -> bool:
        return (self.root / login / MANIFEST).is_file()

    def read(self, login: str) -> JournalCopy:
        folder = self.root / login
        own = folder / JOURNAL_TOML
        copy = JournalCopy(login, Settings.load(own).to_dict() if own.is_file() else None)
        for current in self.store.entries(login, include_withdrawn=True):
            for v in self.store.versions(login, current.entry_id):
                copy.versions.append(replace(v, withdrawn=current.withdrawn))
        pictures = folder / ENTRIES
        if pictures.is_dir():
            for path in sorted(pictures.rglob("*")):
                if path.is_file() and path.suffix.lower() in PICTURES and not path.is_symlink():
                    copy.pictures[path.relative_to(pictures).as_posix()] = path.read_bytes()
        if (folder / COMMENTS).is_file():
            got = log.read(folder / COMMENTS)
            if got.skipped or got.end < got.size:
                raise JournalError(f"{folder / COMMENTS}: damaged records (first at line "
                                   f"{(got.skipped or [(got.end_line, '')])[0][0]}); open the journal's comments "
                                   "once (journal comments list) to set them aside, then migrate again")
            copy.events = [tuple(rec[:-1]) for rec in got.records]
            fold = FoldedLog(folder / COMMENTS)
            # Read as the course team, who may read every field: a migration carries comments whole.
            frame = CommentStore(folder / COMMENTS, self.store.journal_settings(login), fold=fold,
                                 actor=MIGRATOR).frame()
            copy.comments = list(frame.itertuples(index=False, name=None))
            copy.feedback = sorted(tuple(row) for row in fold.feedback_rows())
        return copy

    def write(self, copy: JournalCopy) -> None:
        """Make the journal's folder whole in a temporary folder, then rename it into place."""
        final = self.root / copy.login
        tmp = self.root / f"{TEMPORARY}{copy.login}"
        shutil.rmtree(tmp, ignore_errors=True)          # left by an interrupted run
        tmp.mkdir(parents=True)
        if copy.settings is not None:
            Settings.from_dict(copy.settings, source=f"{copy.login}/{JOURNAL_TOML}").save(tmp / JOURNAL_TOML)
        manifest = {}
        for v in sorted(copy.versions, key=lambda v: (v.entry_id, v.version)):
            versions = tmp / VERSIONS / v.entry_id
            versions.mkdir(parents=True, exist_ok=True)
            write_notebook(v.notebook, versions / f"{v.version}.ipynb")
            manifest[v.entry_id] = {"title": v.title, "date": v.date, "tags": list(v.tags), "version": v.version,
                                    "file": f"{v.date}-{v.entry_id}.ipynb", "sha256": v.sha256,
                                    "withdrawn": v.withdrawn, "shared_at": v.shared_at}
        (tmp / ENTRIES).mkdir()
        for eid, info in manifest.items():
            shutil.copyfile(tmp / VERSIONS / eid / f"{info['version']}.ipynb", tmp / ENTRIES / info["file"])
        for name, data in copy.pictures.items():
            path = tmp / ENTRIES / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if copy.events:
            writer.append(tmp / COMMENTS, [log.encode(e[0], e[1:]) for e in copy.events])
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        tmp.rename(final)


def open_side(where):
    """A migration end: a PostgreSQL URL or a course folder."""
    from .postgres.database import is_database_url

    if is_database_url(str(where)):
        from .postgres.transfer import PgSide

        return PgSide(str(where))
    return FolderSide(where)


def start_folder(root: Path, source_settings) -> None:
    """A destination course folder: its course.toml is the source's, kept in the folder (no `db`)."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / COURSE_TOML).is_file():
        replace(source_settings, db="").save(root / COURSE_TOML)


def migrate(source, destination, *, say=print) -> dict:
    """Copy every journal of `source` to `destination` (both from `open_side`); {"copied", "skipped"} logins."""
    done = {"copied": [], "skipped": []}
    for login in source.logins():
        copy = source.read(login)
        want = copy.digest()
        if destination.has(login):
            there = destination.read(login).digest()
            if there != want:
                raise JournalError(f"{login}: {destination} already holds a different copy of this journal "
                                   f"({_describe(there)}; the source has {_describe(want)}); it was left as it is")
            done["skipped"].append(login)
            continue
        destination.write(copy)
        got = destination.read(login).digest()
        if got != want:
            raise JournalError(f"{login}: the copy in {destination} does not match the source after writing "
                               f"({_describe(got)} against {_describe(want)})")
        done["copied"].append(login)
        say(f"{login}: {_describe(want)}")
    return done


def _describe(digest: dict) -> str:
    return (f"{digest['entries']} entries in {digest['versions']} versions, {digest['comments']} comments in "
            f"{digest['events']} events, {digest['pictures']} pictures")
