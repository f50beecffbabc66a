"""One journal folder seen as a course of one: the single-journal mode of the course server (`journal serve`).

Its published entries are what is shared; drafts never are. Nothing can be shared or withdrawn
through the server: the author publishes in their own folder.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..comments.protocol import Actor
from ..comments.store import CommentStore
from ..entry import Entry
from ..errors import JournalError
from ..files import stamp as file_stamp
from .access import LOGIN
from .errors import EntryNotFound
from .protocol import SharedEntry
from .settings import CourseSettings
from .lti.record import NoLmsRecord
from .reviews.none import NoReviews
from .store import FolderCourseStore, index_excerpt


def journal_login(journal) -> str:
    """The name the journal goes by in addresses: its owner's login, else its folder name, made safe."""
    for candidate in (journal.settings.username, journal.path.name):
        name = re.sub(r"[^A-Za-z0-9._@+-]+", "-", candidate or "").strip(".-")[:64]
        if name and LOGIN.match(name):
            return name
    return "journal"


class SingleJournalStore:
    """A journal folder as a course store (meets CourseStoreProtocol); read-only apart from comments."""

    def __init__(self, journal):
        self.journal = journal
        self.login = journal_login(journal)
        self.root = journal.path
        self.settings = CourseSettings(title=journal.title, tutors=list(journal.settings.tutors),
                                       comments=journal.settings.comments)
        self._cache: dict[str, tuple[tuple, SharedEntry | None]] = {}
        self.reviews = NoReviews(str(journal.path))
        self.lti = NoLmsRecord(str(journal.path))

    @property
    def library_path(self):
        """The journal's references.bib: its entries cite from it without embedding every work."""
        return self.journal.library_path

    def _own(self, login: str) -> None:
        if login != self.login:
            raise EntryNotFound(f"no journal {login!r} here")

    def journals(self) -> list[str]:
        return [self.login]

    def journal_settings(self, login: str):
        self._own(login)
        return self.journal.settings

    def configure(self, login: str, data: dict):
        raise JournalError("this server shows one journal folder; change its journal.toml instead")

    def share(self, login: str, notebook: dict) -> SharedEntry:
        raise JournalError("this server shows one journal folder's published entries; publish there instead")

    def unshare(self, login: str, entry_id: str) -> None:
        raise JournalError("this server shows one journal folder's published entries; unpublish there instead")

    def entries(self, login: str | None = None, *, include_withdrawn: bool = False) -> list[SharedEntry]:
        if login is not None:
            self._own(login)
        found = [e for e in (self._load(p) for p in sorted(self.journal.entries_dir.glob("*.ipynb"))) if e]
        found.sort(key=lambda e: (e.date, e.entry_id), reverse=True)
        return [replace(e, notebook={}) for e in found]

    def entry(self, login: str, entry_id: str, *, version: int | None = None) -> SharedEntry:
        self._own(login)
        for path in sorted(self.journal.entries_dir.glob("*.ipynb")):
            found = self._load(path)
            if found and found.entry_id == entry_id and version in (None, 1):
                return found
        raise EntryNotFound(f"no published entry {entry_id!r}")

    def versions(self, login: str, entry_id: str) -> list[SharedEntry]:
        return [self.entry(login, entry_id)]

    def comments(self, login: str, actor: Actor):
        self._own(login)
        return CommentStore(self.journal.comments_path, self.journal.settings).as_actor(actor)

    def picture(self, login: str, name: str) -> bytes:
        self._own(login)
        return FolderCourseStore.picture_in(self.journal.entries_dir, login, name)

    def _load(self, path: Path) -> SharedEntry | None:
        """The published entry in `path` (None for drafts), re-read only when the file changed."""
        stamp = file_stamp(path)
        if stamp is None:
            return None
        cached = self._cache.get(path.name)
        if cached and cached[0] == stamp:
            return cached[1]
        try:
            entry = Entry.load(path)
        except JournalError:
            return None                 # a broken notebook is not shown (its author sees why in `journal list`)
        shared = None
        if entry.published:
            import hashlib

            shared = SharedEntry(login=self.login, entry_id=entry.id, title=entry.title,
                                 date=entry.date.isoformat(), tags=tuple(entry.tags),
                                 sha256=hashlib.sha256(path.read_bytes()).hexdigest(), notebook=entry.notebook,
                                 excerpt=index_excerpt(entry.notebook))
        self._cache[path.name] = (stamp, shared)
        return shared
