"""The review record of a store that has no classmates (one journal served alone): empty, and refusing rounds."""

from __future__ import annotations

from .model import ReviewError
from .record import Record


class NoReviews:
    """Meets ReviewStoreProtocol: nothing to read, and every change refused in one line."""

    def __init__(self, where: str):
        self.where = where

    def record(self) -> Record:
        return Record()

    def rounds(self):
        return []

    def round(self, name):
        return Record().round(name)

    def allocations(self, name=None):
        return []

    def reviews(self, name=None):
        return []

    def _refuse(self, *args):
        raise ReviewError(f"{self.where} is one journal, not a course: it has no peer review rounds")

    open_round = close_round = allocate = add_review = load = _refuse
