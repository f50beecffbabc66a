"""The review record of a course in PostgreSQL: `review_rounds`, `review_allocations`, `reviews` (schema.py).

Every change takes the course's review lock, reads the record, asks it (reviews.record.Record) whether
the change may be made, and writes it, all in one transaction: the same rules and words as the folder's.
"""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import insert, select, update

from ..reviews.model import Allocation, Review, Round
from ..reviews.model import now as _now
from ..reviews.record import Record
from . import database
from .schema import review_allocations, review_rounds, reviews

REVIEW_LOCK = -1                        # the second key of the review record's advisory lock (journals: their ids)


def _columns(cls, table):
    return [table.c[f.name] for f in fields(cls)]


class PgReviewStore:
    """The review rounds of a course database (meets ReviewStoreProtocol)."""

    def __init__(self, engine, url: str):
        self.engine, self.url = engine, url

    def __repr__(self) -> str:
        return f"<PgReviewStore {database.describe(self.url)}>"

    def _record(self, conn) -> Record:
        record = Record()
        for row in conn.execute(select(*_columns(Round, review_rounds)).order_by(review_rounds.c.seq)).mappings():
            record.rounds[row["name"]] = Round(**row)
        record.allocations = [Allocation(**row) for row in conn.execute(
            select(*_columns(Allocation, review_allocations)).order_by(review_allocations.c.seq)).mappings()]
        record.reviews = [Review(**row) for row in conn.execute(
            select(*_columns(Review, reviews)).order_by(reviews.c.seq)).mappings()]
        return record

    def record(self) -> Record:
        with database.reading(self.engine, self.url) as conn:
            return self._record(conn)

    def _changing(self):
        return database.transaction(self.engine, self.url, lock=REVIEW_LOCK)

    # -- reading ------------------------------------------------------------------
    def rounds(self) -> list[Round]:
        return list(self.record().rounds.values())

    def round(self, name: str) -> Round:
        return self.record().round(name)

    def allocations(self, name: str | None = None) -> list[Allocation]:
        with database.reading(self.engine, self.url) as conn:
            query = select(*_columns(Allocation, review_allocations)).order_by(review_allocations.c.seq)
            if name is not None:
                query = query.where(review_allocations.c.round == name)
            return [Allocation(**row) for row in conn.execute(query).mappings()]

    def reviews(self, name: str | None = None) -> list[Review]:
        with database.reading(self.engine, self.url) as conn:
            query = select(*_columns(Review, reviews)).order_by(reviews.c.seq)
            if name is not None:
                query = query.where(reviews.c.round == name)
            return [Review(**row) for row in conn.execute(query).mappings()]

    # -- writing ------------------------------------------------------------------
    def open_round(self, round: Round) -> Round:
        with self._changing() as conn:
            opened = self._record(conn).opening(round, _now())
            conn.execute(insert(review_rounds).values(**asdict(opened)))
        return opened

    def close_round(self, name: str) -> Round:
        with self._changing() as conn:
            closed = self._record(conn).closing(name, _now())
            conn.execute(update(review_rounds).where(review_rounds.c.name == name).values(closed_at=closed.closed_at))
        return closed

    def allocate(self, allocations) -> list[Allocation]:
        with self._changing() as conn:
            added = self._record(conn).adding(list(allocations), _now())
            if added:
                conn.execute(insert(review_allocations), [asdict(a) for a in added])
        return added

    def add_review(self, review: Review) -> Review:
        with self._changing() as conn:
            done = self._record(conn).reviewing(review, _now())
            conn.execute(insert(reviews).values(**asdict(done)))
        return done

    def load(self, rounds, allocations, done) -> None:
        with self._changing() as conn:
            self._record(conn).check_empty(database.describe(self.url))
            for table, items in ((review_rounds, rounds), (review_allocations, allocations), (reviews, done)):
                if items:
                    conn.execute(insert(table), [asdict(i) for i in items])
