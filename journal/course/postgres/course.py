"""A course in PostgreSQL: the course store contract over `journals`, `entries` and the comment tables.

Each share adds a version (the notebook as JSONB); earlier versions stay for tutors, and
unsharing marks an entry withdrawn without deleting anything.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from ...comments.model import iso, utc_now
from ...entry import Entry
from ...errors import EntryNotFound, JournalError
from ...settings import Settings
from ..protocol import SharedEntry
from . import database
from .comments import PgCommentStore
from .schema import entries, journals

_META = (entries.c.entry_id, entries.c.title, entries.c.date, entries.c.tags, entries.c.version,
         entries.c.shared_at, entries.c.sha256, entries.c.withdrawn)


def notebook_sha256(notebook: dict) -> str:
    """A checksum of a notebook's content that survives JSONB (which keeps neither key order nor spacing)."""
    text = json.dumps(notebook, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def default_settings(login: str) -> Settings:
    """A journal's settings when it has none of its own: the login is its author."""
    return Settings(title=f"{login}'s journal", author=login, username=login)


class PgCourseStore:
    """Every journal, shared entry and comment of a course in the database at `url`.

    `settings_for(login)` gives a journal's settings when the database holds none of its own
    (the course's moderation defaults).
    """

    def __init__(self, url: str, settings_for=default_settings, *, check: bool = True):
        self.url = url
        self.engine = database.open_checked(url) if check else database.engine(url)
        self.settings_for = settings_for
        self._ids: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"<PgCourseStore {database.describe(self.url)}>"

    # -- journals ------------------------------------------------------------------
    def _journal_id(self, conn, login: str) -> int:
        """The id of `login`'s journal, made on first use (a concurrent first use gets the same row)."""
        if login not in self._ids:
            conn.execute(pg_insert(journals).values(login=login).on_conflict_do_nothing(index_elements=["login"]))
            self._ids[login] = conn.execute(select(journals.c.id).where(journals.c.login == login)).scalar_one()
        return self._ids[login]

    def journals(self) -> list[str]:
        with database.reading(self.engine, self.url) as conn:
            return list(conn.execute(select(journals.c.login).where(
                select(entries.c.journal_id).where(entries.c.journal_id == journals.c.id).exists())
                .order_by(journals.c.login)).scalars())

    def settings(self, login: str) -> Settings:
        with database.reading(self.engine, self.url) as conn:
            stored = conn.execute(select(journals.c.settings).where(journals.c.login == login)).scalar()
        if stored is None:
            return self.settings_for(login)
        return Settings.from_dict(stored, source=f"the settings of {login}'s journal in the course database")

    def set_settings(self, login: str, settings: Settings | None) -> None:
        """Keep a journal's own settings in the database (None: use the course's defaults again)."""
        with database.transaction(self.engine, self.url) as conn:
            jid = self._journal_id(conn, login)
            conn.execute(update(journals).where(journals.c.id == jid)
                         .values(settings=None if settings is None else settings.to_dict()))

    # -- entries -------------------------------------------------------------------
    def share(self, login: str, notebook: dict) -> SharedEntry:
        entry = Entry(Path(login) / "shared.ipynb", notebook)
        entry.check()
        if not entry.published:
            raise JournalError(f"{entry.id}: drafts cannot be shared; publish the entry first")
        with database.transaction(self.engine, self.url) as conn:
            jid = self._journal_id(conn, login)
            conn.execute(select(func.pg_advisory_xact_lock(database.LOCK_CLASS, jid)))
            version = 1 + (conn.execute(select(func.max(entries.c.version)).where(
                entries.c.journal_id == jid, entries.c.entry_id == entry.id)).scalar() or 0)
            shared = SharedEntry(login=login, entry_id=entry.id, title=entry.title, date=entry.meta["date"],
                                 tags=tuple(entry.tags), version=version, shared_at=iso(utc_now()),
                                 sha256=notebook_sha256(notebook), notebook=notebook)
            self._insert(conn, jid, shared)
            conn.execute(update(entries).where(entries.c.journal_id == jid, entries.c.entry_id == entry.id)
                         .values(withdrawn=False))
        return shared

    @staticmethod
    def _insert(conn, jid: int, shared: SharedEntry) -> None:
        conn.execute(insert(entries).values(
            journal_id=jid, entry_id=shared.entry_id, version=shared.version, title=shared.title,
            date=shared.date, tags=list(shared.tags), shared_at=shared.shared_at, sha256=shared.sha256,
            withdrawn=shared.withdrawn, notebook=shared.notebook))

    def unshare(self, login: str, entry_id: str) -> None:
        with database.transaction(self.engine, self.url) as conn:
            done = conn.execute(update(entries).where(
                entries.c.journal_id == select(journals.c.id).where(journals.c.login == login).scalar_subquery(),
                entries.c.entry_id == entry_id).values(withdrawn=True))
            if not done.rowcount:
                raise EntryNotFound(f"{login}/{entry_id}: no such shared entry")

    def _select(self, *, notebook: bool):
        cols = [journals.c.login, *_META] + ([entries.c.notebook] if notebook else [])
        return select(*cols).join_from(entries, journals, entries.c.journal_id == journals.c.id)

    @staticmethod
    def _shared(row) -> SharedEntry:
        login, eid, title, date, tags, version, shared_at, sha, withdrawn, *nb = row
        return SharedEntry(login=login, entry_id=eid, title=title, date=date, tags=tuple(tags), version=version,
                           shared_at=shared_at, sha256=sha, withdrawn=withdrawn, notebook=nb[0] if nb else {})

    def entries(self, login: str | None = None, *, include_withdrawn: bool = False) -> list[SharedEntry]:
        """The newest version of each entry, newest first; without the notebooks (use `entry` for one)."""
        query = self._select(notebook=False).distinct(entries.c.journal_id, entries.c.entry_id).order_by(
            entries.c.journal_id, entries.c.entry_id, entries.c.version.desc())
        if login is not None:
            query = query.where(journals.c.login == login)
        if not include_withdrawn:
            query = query.where(entries.c.withdrawn.is_(False))
        with database.reading(self.engine, self.url) as conn:
            found = [self._shared(r) for r in conn.execute(query)]
        return sorted(found, key=lambda e: (e.date, e.shared_at, e.login, e.entry_id), reverse=True)

    def entry(self, login: str, entry_id: str, *, version: int | None = None) -> SharedEntry:
        query = self._select(notebook=True).where(journals.c.login == login, entries.c.entry_id == entry_id)
        query = query.where(entries.c.version == version) if version is not None else \
            query.order_by(entries.c.version.desc()).limit(1)
        with database.reading(self.engine, self.url) as conn:
            row = conn.execute(query).first()
        if row is None:
            which = f" version {version}" if version is not None else ""
            raise EntryNotFound(f"{login}/{entry_id}{which}: no such shared entry")
        return self._shared(row)

    def versions(self, login: str, entry_id: str) -> list[SharedEntry]:
        query = self._select(notebook=True).where(journals.c.login == login, entries.c.entry_id == entry_id)
        with database.reading(self.engine, self.url) as conn:
            return [self._shared(r) for r in conn.execute(query.order_by(entries.c.version))]

    # -- comments ------------------------------------------------------------------
    def comments(self, login: str, actor) -> PgCommentStore:
        settings = self.settings(login)
        with database.transaction(self.engine, self.url) as conn:
            jid = self._journal_id(conn, login)
        return PgCommentStore(self.url, jid, settings, actor, login=login)
