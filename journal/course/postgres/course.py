"""A course in PostgreSQL: the course store contract over `journals`, `entries`, `pictures` and the comment tables.

Each share adds a version (the notebook as JSONB); earlier versions stay for tutors, and
unsharing marks an entry withdrawn without deleting anything. What a share must be, a journal's
settings in a course and the checksum are the folder store's own functions, so both backends agree.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.dialects.postgresql import insert as pg_insert

from ...settings import Settings
from ..access import check_login
from ..errors import EntryNotFound
from ..protocol import SharedEntry
from ..settings import FILENAME as COURSE_TOML
from ..settings import CourseSettings, journal_settings, own_settings
from ..store import checked_notebook, index_excerpt, notebook_sha256, picture_name, share_level, shared_now
from . import database
from .comments import PgCommentStore
from .lti import PgLmsRecord
from .reviews import PgReviewStore
from .schema import entries, journals, pictures

_META = (entries.c.entry_id, entries.c.title, entries.c.date, entries.c.tags, entries.c.version,
         entries.c.shared_at, entries.c.sha256, entries.c.withdrawn, entries.c.visibility, entries.c.excerpt)


def open_course(folder, db: str | None = None) -> "PgCourseStore":
    """The course whose course.toml is in `folder`, kept in the database `db` (default: course.toml's `db`).

    This is the course server's store factory for PostgreSQL (`journal course serve --db`)."""
    settings = CourseSettings.load(Path(folder) / COURSE_TOML)
    url = db or settings.db
    if not url:
        raise database.DatabaseError(f"{Path(folder) / COURSE_TOML}: no database: set db = \"postgresql://…\" "
                                     "there or pass --db")
    if not database.is_database_url(url):
        raise database.DatabaseError(f"{database.describe(url)}: not a PostgreSQL URL (postgresql://…)")
    return PgCourseStore(url, settings)


class PgCourseStore:
    """Every journal, shared entry and comment of a course in the database at `url` (meets CourseStoreProtocol).

    `settings` is the course's course.toml (tutors, moderation defaults); the database holds the rest.
    """

    library_path = None                 # every shared entry embeds the works it cites

    def __init__(self, url: str, settings: CourseSettings | None = None, *, check: bool = True):
        self.url = url
        self.settings = settings or CourseSettings(title="Course")
        self.engine = database.open_checked(url) if check else database.engine(url)
        self._ids: dict[str, int] = {}
        self.reviews = PgReviewStore(self.engine, url)
        self.lti = PgLmsRecord(self.engine, url)

    def __repr__(self) -> str:
        return f"<PgCourseStore {database.describe(self.url)}>"

    # -- journals ------------------------------------------------------------------
    def _journal_id(self, conn, login: str) -> int:
        """The id of `login`'s journal, made on first use (a concurrent first use gets the same row)."""
        if login not in self._ids:
            check_login(login)
            conn.execute(pg_insert(journals).values(login=login).on_conflict_do_nothing(index_elements=["login"]))
            self._ids[login] = conn.execute(select(journals.c.id).where(journals.c.login == login)).scalar_one()
        return self._ids[login]

    def journals(self) -> list[str]:
        with database.reading(self.engine, self.url) as conn:
            return list(conn.execute(select(journals.c.login).where(
                select(entries.c.journal_id).where(entries.c.journal_id == journals.c.id).exists())
                .order_by(journals.c.login)).scalars())

    def own_settings(self, login: str) -> Settings | None:
        """The journal's own settings as configured (None: it has sent none)."""
        with database.reading(self.engine, self.url) as conn:
            stored = conn.execute(select(journals.c.settings).where(journals.c.login == login)).scalar()
        return None if stored is None else Settings.from_dict(stored, source=f"{login}/journal.toml")

    def journal_settings(self, login: str) -> Settings:
        return journal_settings(self.settings, login, self.own_settings(login))

    def configure(self, login: str, data: dict) -> Settings:
        settings = own_settings(login, data)
        with database.transaction(self.engine, self.url) as conn:
            jid = self._journal_id(conn, login)
            conn.execute(update(journals).where(journals.c.id == jid).values(settings=settings.to_dict()))
        return self.journal_settings(login)

    def picture(self, login: str, name: str) -> bytes:
        path = picture_name(login, name)
        with database.reading(self.engine, self.url) as conn:
            data = conn.execute(select(pictures.c.data).join_from(pictures, journals).where(
                journals.c.login == login, pictures.c.name == str(path))).scalar()
        if data is None:
            raise EntryNotFound(f"{login} has no picture {name!r}")
        return bytes(data)

    # -- entries -------------------------------------------------------------------
    def share(self, login: str, notebook: dict, visibility: str | None = None) -> SharedEntry:
        entry = checked_notebook(login, notebook, self.settings.limits)
        sha = notebook_sha256(notebook)
        with database.transaction(self.engine, self.url) as conn:
            jid = self._journal_id(conn, login)
            conn.execute(select(func.pg_advisory_xact_lock(database.LOCK_CLASS, jid)))
            newest = conn.execute(self._select(notebook=False).where(
                entries.c.journal_id == jid, entries.c.entry_id == entry.id)
                .order_by(entries.c.version.desc()).limit(1)).first()
            level = share_level(visibility, newest.visibility if newest is not None else None, self.settings)
            this_entry = (entries.c.journal_id == jid, entries.c.entry_id == entry.id)
            opening = index_excerpt(notebook)
            if newest is not None and newest.sha256 == sha and not newest.withdrawn:
                if newest.visibility != level:      # the same notebook at another level: the level only
                    conn.execute(update(entries).where(*this_entry).values(visibility=level))
                if newest.excerpt != opening:       # a row shared before excerpts were kept gets its own
                    conn.execute(update(entries).where(*this_entry, entries.c.version == newest.version)
                                 .values(excerpt=opening))
                return replace(self._shared(newest), notebook=notebook, visibility=level, excerpt=opening)
            shared = SharedEntry(login=login, entry_id=entry.id, title=entry.title, date=entry.date.isoformat(),
                                 tags=tuple(entry.tags), version=(newest.version + 1) if newest else 1,
                                 shared_at=shared_now(), sha256=sha, visibility=level, excerpt=opening,
                                 notebook=notebook)
            self._insert(conn, jid, shared)
            conn.execute(update(entries).where(*this_entry).values(withdrawn=False, visibility=level))
        return shared

    @staticmethod
    def _insert(conn, jid: int, shared: SharedEntry) -> None:
        conn.execute(insert(entries).values(
            journal_id=jid, entry_id=shared.entry_id, version=shared.version, title=shared.title,
            date=shared.date, tags=list(shared.tags), shared_at=shared.shared_at, sha256=shared.sha256,
            withdrawn=shared.withdrawn, visibility=shared.visibility, excerpt=shared.excerpt,
            notebook=shared.notebook))

    def unshare(self, login: str, entry_id: str) -> None:
        with database.transaction(self.engine, self.url) as conn:
            done = conn.execute(update(entries).where(
                entries.c.journal_id == select(journals.c.id).where(journals.c.login == login).scalar_subquery(),
                entries.c.entry_id == entry_id).values(withdrawn=True))
            if not done.rowcount:
                raise EntryNotFound(f"{login} has shared no entry {entry_id!r}")

    def _select(self, *, notebook: bool):
        cols = [journals.c.login, *_META] + ([entries.c.notebook] if notebook else [])
        return select(*cols).join_from(entries, journals, entries.c.journal_id == journals.c.id)

    @staticmethod
    def _shared(row) -> SharedEntry:
        login, eid, title, date, tags, version, shared_at, sha, withdrawn, visibility, excerpt, *nb = row
        return SharedEntry(login=login, entry_id=eid, title=title, date=date, tags=tuple(tags), version=version,
                           shared_at=shared_at, sha256=sha, withdrawn=withdrawn, visibility=visibility,
                           excerpt=excerpt, notebook=nb[0] if nb else {})

    def entries(self, login: str | None = None, *, include_withdrawn: bool = False) -> list[SharedEntry]:
        """The newest version of each entry, newest first; without the notebooks (use `entry` for one)."""
        query = self._select(notebook=False).ext(distinct_on(entries.c.journal_id, entries.c.entry_id)).order_by(
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
            raise EntryNotFound(f"{login} has shared no entry {entry_id!r}" +
                                (f" in version {version}" if version is not None else ""))
        return self._shared(row)

    def versions(self, login: str, entry_id: str) -> list[SharedEntry]:
        query = self._select(notebook=True).where(journals.c.login == login, entries.c.entry_id == entry_id)
        with database.reading(self.engine, self.url) as conn:
            found = [self._shared(r) for r in conn.execute(query.order_by(entries.c.version))]
        if not found:
            raise EntryNotFound(f"{login} has shared no entry {entry_id!r}")
        return found

    # -- comments ------------------------------------------------------------------
    def comments(self, login: str, actor) -> PgCommentStore:
        settings = self.journal_settings(login)
        with database.transaction(self.engine, self.url) as conn:
            jid = self._journal_id(conn, login)
        return PgCommentStore(self.url, jid, settings, actor, login=login)
