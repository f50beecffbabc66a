"""Tutors' feedback of one journal in PostgreSQL: what `journal.feedback.store.FeedbackStore` needs of a log.

The CSV store gives FeedbackStore its FoldedLog; this gives it the same four things over the
database: the folded rows, a write that appends events and folds them in one transaction under
the journal's advisory lock, refresh, and the audit trail. Who may see or write what stays in
`journal.feedback` (one rule for every backend).
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import insert, select, update

from ...comments.model import FIELDS, Row
from ...feedback import model
from . import database
from .schema import comment_events, feedback


class PgFeedbackLog:
    """The feedback kinds of one journal's `comment_events`, folded into `feedback`."""

    def __init__(self, store):
        self._store = store             # the PgCommentStore: url, engine, journal id, events

    @property
    def path(self) -> str:
        """Where the feedback lives, for messages."""
        return f"{database.describe(self._store.url)} journal {self._store.login or self._store.journal_id}"

    def refresh(self) -> None:
        """Nothing to do: every read asks the database."""

    def feedback_rows(self) -> list[Row]:
        with database.reading(self._store.engine, self._store.url) as conn:
            return [Row(*r) for r in conn.execute(select(*[feedback.c[f] for f in FIELDS])
                                                  .where(feedback.c.journal_id == self._store.journal_id))]

    def history(self, fid) -> list[dict]:
        return self._store.events(fid)

    @contextmanager
    def writing(self):
        store = self._store
        with database.transaction(store.engine, store.url, lock=store.journal_id) as conn:
            yield _Writing(conn, store.journal_id)


class _Writing:
    """append() inside one transaction: the events, then each piece's new state (model.apply, as the CSV fold)."""

    def __init__(self, conn, journal_id):
        self._conn, self._jid = conn, journal_id

    def append(self, records) -> None:
        conn, jid = self._conn, self._jid
        conn.execute(insert(comment_events), [{"journal_id": jid, "kind": kind, **row._asdict()}
                                              for kind, row in records])
        for kind, row in records:
            found = conn.execute(select(*[feedback.c[f] for f in FIELDS])
                                 .where(feedback.c.journal_id == jid, feedback.c.id == row.id)).first()
            rows = {} if found is None else {row.id: Row(*found)}
            model.apply(rows, kind, row)
            if row.id not in rows:
                continue
            values = rows[row.id]._asdict()
            if found is None:
                conn.execute(insert(feedback).values(journal_id=jid, **values))
            else:
                conn.execute(update(feedback).where(feedback.c.journal_id == jid, feedback.c.id == row.id)
                             .values(**values))
