"""A course folder as one end of `journal course migrate` (the other: journal/course/postgres/transfer.py)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from ..comments import CommentStore, log, writer
from ..comments.carry import log_events
from ..comments.fold import FoldedLog
from ..comments.protocol import Actor
from ..entry import write_notebook
from ..folder import COMMENTS, ENTRIES
from ..settings import FILENAME as JOURNAL_TOML
from ..settings import Settings
from .settings import FILENAME as COURSE_TOML
from .store import MANIFEST, PICTURES, VERSIONS, FolderCourseStore
from .transfer import JournalCopy

MIGRATOR = Actor("journal course migrate", "tutor")
TEMPORARY = ".migrating-"


class FolderSide:
    """A course folder as a source or destination of a migration."""

    def __init__(self, root):
        self.root = Path(root)
        self.store = FolderCourseStore(self.root)
        self.reviews = self.store.reviews
        self.lti = self.store.lti

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
                copy.versions.append(replace(v, withdrawn=current.withdrawn, visibility=current.visibility))
        pictures = folder / ENTRIES
        if pictures.is_dir():
            for path in sorted(pictures.rglob("*")):
                if path.is_file() and path.suffix.lower() in PICTURES and not path.is_symlink():
                    copy.pictures[path.relative_to(pictures).as_posix()] = path.read_bytes()
        if (folder / COMMENTS).is_file():
            copy.events = log_events(folder / COMMENTS)
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
                                    "withdrawn": v.withdrawn, "shared_at": v.shared_at, "visibility": v.visibility,
                                    "excerpt": v.excerpt}
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


def start_folder(root: Path, source_settings) -> None:
    """A destination course folder: its course.toml is the source's, kept in the folder (no `db`)."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / COURSE_TOML).is_file():
        replace(source_settings, db="").save(root / COURSE_TOML)
