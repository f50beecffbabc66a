"""The PostgreSQL end of `journal course migrate`: one journal read or written whole, in one transaction.

Writing loads the comment events and the comments' current state with COPY (a course may hold
millions of events).
"""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from ...comments.model import FIELDS
from ..protocol import SharedEntry
from ..transfer import JournalCopy
from . import database
from .comments import person_keys
from .lti import PgLmsRecord
from .reviews import PgReviewStore
from .schema import comment_events, comments, entries, feedback, journals, pictures

_FIELD_LIST = ", ".join(FIELDS)


class PgSide:
    """A course database as a source or destination of a migration (its schema is brought up to date)."""

    def __init__(self, url: str):
        self.url = url
        database.upgrade(url)
        self.engine = database.open_checked(url)
        self.reviews = PgReviewStore(self.engine, url)
        self.lti = PgLmsRecord(self.engine, url)

    def __str__(self) -> str:
        return database.describe(self.url)

    def logins(self) -> list[str]:
        with database.reading(self.engine, self.url) as conn:
            return list(conn.execute(select(journals.c.login).where(
                select(entries.c.journal_id).where(entries.c.journal_id == journals.c.id).exists())
                .order_by(journals.c.login)).scalars())

    def has(self, login: str) -> bool:
        """Whether the database holds anything of this journal (shared entries, comments or feedback)."""
        with database.reading(self.engine, self.url) as conn:
            jid = conn.execute(select(journals.c.id).where(journals.c.login == login)).scalar()
            if jid is None:
                return False
            return any(conn.execute(select(table.c.journal_id).where(table.c.journal_id == jid).limit(1)).first()
                       for table in (entries, comment_events, pictures))

    def read(self, login: str) -> JournalCopy:
        with database.reading(self.engine, self.url) as conn:
            jid, settings = conn.execute(select(journals.c.id, journals.c.settings)
                                         .where(journals.c.login == login)).one()
            copy = JournalCopy(login, settings)
            for row in conn.execute(select(entries).where(entries.c.journal_id == jid)
                                    .order_by(entries.c.entry_id, entries.c.version)).mappings():
                copy.versions.append(SharedEntry(
                    login=login, entry_id=row["entry_id"], title=row["title"], date=row["date"],
                    tags=tuple(row["tags"]), version=row["version"], shared_at=row["shared_at"],
                    sha256=row["sha256"], withdrawn=row["withdrawn"], visibility=row["visibility"],
                    excerpt=row["excerpt"], notebook=row["notebook"]))
            copy.pictures = {name: bytes(data) for name, data in conn.execute(
                select(pictures.c.name, pictures.c.data).where(pictures.c.journal_id == jid))}
            copy.events = [tuple(r) for r in conn.execute(
                select(comment_events.c.kind, *[comment_events.c[f] for f in FIELDS])
                .where(comment_events.c.journal_id == jid).order_by(comment_events.c.seq))]
            copy.comments = [tuple(r) for r in conn.execute(
                select(*[comments.c[f] for f in FIELDS]).where(comments.c.journal_id == jid).order_by(comments.c.id))]
            copy.feedback = [tuple(r) for r in conn.execute(
                select(*[feedback.c[f] for f in FIELDS]).where(feedback.c.journal_id == jid).order_by(feedback.c.id))]
        return copy

    def write(self, copy) -> None:
        """Replace whatever the database holds of this journal by `copy`, in one transaction."""
        with database.transaction(self.engine, self.url) as conn:
            conn.execute(pg_insert(journals).values(login=copy.login).on_conflict_do_nothing(index_elements=["login"]))
            jid = conn.execute(select(journals.c.id).where(journals.c.login == copy.login)).scalar_one()
            conn.execute(select(func.pg_advisory_xact_lock(database.LOCK_CLASS, jid)))
            conn.execute(update(journals).where(journals.c.id == jid).values(settings=copy.settings))
            for table in (feedback, comments, comment_events, pictures, entries):
                conn.execute(delete(table).where(table.c.journal_id == jid))
            if copy.versions:
                conn.execute(insert(entries), [
                    {"journal_id": jid, "entry_id": v.entry_id, "version": v.version, "title": v.title,
                     "date": v.date, "tags": list(v.tags), "shared_at": v.shared_at, "sha256": v.sha256,
                     "withdrawn": v.withdrawn, "visibility": v.visibility, "excerpt": v.excerpt,
                     "notebook": v.notebook}
                    for v in copy.versions])
            if copy.pictures:
                conn.execute(insert(pictures), [{"journal_id": jid, "name": n, "data": d}
                                                for n, d in copy.pictures.items()])
            with conn.connection.driver_connection.cursor() as cur:
                with cur.copy(f"COPY comment_events (journal_id, kind, {_FIELD_LIST}) FROM STDIN") as out:
                    for event in copy.events:
                        out.write_row((jid, *event))
                with cur.copy(f"COPY comments (journal_id, {_FIELD_LIST}, name_key, email_key) FROM STDIN") as out:
                    for row in copy.comments:
                        out.write_row((jid, *row, *person_keys(row[3], row[4]).values()))
                with cur.copy(f"COPY feedback (journal_id, {_FIELD_LIST}) FROM STDIN") as out:
                    for row in copy.feedback:
                        out.write_row((jid, *row))
