"""The LMS record of a course in PostgreSQL: one row of `lti_record` per part (schema.py), meeting
lti.record.LmsRecordProtocol as the folder's `.lti/*.json` do."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from ...errors import JournalError
from ..lti.record import PUSHING, check_part
from . import database
from .schema import lti_record


PUSH_LOCK = -2                          # the second key of the push's advisory lock (journals: their ids)


class PgLmsRecord:
    def __init__(self, engine, url: str):
        self.engine, self.url = engine, url

    def __repr__(self) -> str:
        return f"<PgLmsRecord {database.describe(self.url)}>"

    def read(self, part: str) -> dict:
        with database.reading(self.engine, self.url) as conn:
            value = conn.execute(select(lti_record.c.value).where(lti_record.c.part == check_part(part))).scalar()
        return value if isinstance(value, dict) else {}

    def write(self, part: str, value: dict) -> None:
        row = {"part": check_part(part), "value": value}
        with database.transaction(self.engine, self.url) as conn:
            conn.execute(pg_insert(lti_record).values(**row).on_conflict_do_update(
                index_elements=["part"], set_={"value": value, "written_at": func.now()}))

    @contextmanager
    def pushing(self):
        # A session lock on a connection of its own, held for the whole push (its calls to the LMS take a
        # while): every server of the course, and the CLI, push one at a time.
        with database.reading(self.engine, self.url) as conn:
            if not conn.execute(select(func.pg_try_advisory_lock(database.LOCK_CLASS, PUSH_LOCK))).scalar():
                raise JournalError(PUSHING)
            try:
                yield
            finally:
                conn.execute(select(func.pg_advisory_unlock(database.LOCK_CLASS, PUSH_LOCK)))
