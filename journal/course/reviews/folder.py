"""The folder backend's review record: `COURSE/reviews.jsonl`, one JSON object a line, only ever appended to.

Each line is a round opened, a round closed, an allocation or a review (`model.as_record`, and
{"kind": "close", "name", "closed_at"}). Every change holds `reviews.jsonl.lock`, checks itself against
the whole record (record.Record) and is appended in one write, then fsynced. A line that cannot be read
stops every reader with the file's name and the line's number; nothing is cut or rewritten, so nothing
stored is lost, and writing waits until the line is mended.
"""

from __future__ import annotations

import json
import os
from dataclasses import fields, replace
from pathlib import Path

from ...comments.errors import unavailable
from ...files import stamp as file_stamp
from .model import KINDS, Allocation, Review, ReviewError, Round, as_record
from .model import now as _now
from .record import Record

FILENAME = "reviews.jsonl"
LOCK_SECONDS = 30


class FolderReviewStore:
    """The review rounds of a course folder (meets ReviewStoreProtocol)."""

    def __init__(self, root):
        self.path = Path(root) / FILENAME
        self._cache: tuple | None = None

    def __repr__(self) -> str:
        return f"<FolderReviewStore {self.path}>"

    # -- reading ----------------------------------------------------------------
    def record(self) -> Record:
        stamp = file_stamp(self.path)
        if stamp is None:
            return Record()
        if self._cache and self._cache[0] == stamp:
            return self._cache[1]
        record = self._parse(self.path.read_bytes())
        self._cache = (stamp, record)
        return record

    def _parse(self, data: bytes) -> Record:
        record = Record()
        lines = data.split(b"\n")
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if number == len(lines):            # the file does not end with a newline: a write cut short
                self._damaged(number, "the line is unfinished (a write was cut short)")
            try:
                item = json.loads(line)
                kind = item.pop("kind")
                if kind == "close":
                    record.rounds[item["name"]] = replace(record.round(item["name"]), closed_at=item["closed_at"])
                    continue
                cls = KINDS[kind]
                names = {f.name for f in fields(cls)}
                if set(item) - names:
                    raise ValueError(f"unknown fields {', '.join(sorted(set(item) - names))}")
                value = cls(**item)
            except (ValueError, KeyError, TypeError, AttributeError, ReviewError) as exc:
                self._damaged(number, f"{type(exc).__name__}: {exc}")
            if isinstance(value, Round):
                record.rounds[value.name] = value
            elif isinstance(value, Allocation):
                record.allocations.append(value)
            else:
                record.reviews.append(value)
        return record

    def _damaged(self, number: int, why: str):
        raise ReviewError(f"{self.path}, line {number}: a damaged review record ({why}); nothing was changed. "
                          "Mend or remove that line (every other line is kept), then try again")

    def rounds(self) -> list[Round]:
        return list(self.record().rounds.values())

    def round(self, name: str) -> Round:
        return self.record().round(name)

    def allocations(self, name: str | None = None) -> list[Allocation]:
        record = self.record()
        return record.of(name, record.allocations)

    def reviews(self, name: str | None = None) -> list[Review]:
        record = self.record()
        return record.of(name, record.reviews)

    # -- writing ----------------------------------------------------------------
    def open_round(self, round: Round) -> Round:
        return self._change(lambda record: [record.opening(round, _now())])[0]

    def close_round(self, name: str) -> Round:
        return self._change(lambda record: [record.closing(name, _now())], close=True)[0]

    def allocate(self, allocations) -> list[Allocation]:
        at = _now()
        return self._change(lambda record: record.adding(list(allocations), at))

    def add_review(self, review: Review) -> Review:
        return self._change(lambda record: [record.reviewing(review, _now())])[0]

    def load(self, rounds, allocations, reviews) -> None:
        def everything(record):
            record.check_empty(self.path)
            return [*rounds, *allocations, *reviews]
        self._change(everything)

    def _change(self, decide, *, close: bool = False) -> list:
        """Under the lock: `decide(record)` gives what to append (or refuses); appended in one write."""
        from filelock import FileLock, Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.path) + ".lock", timeout=LOCK_SECONDS):
                items = decide(self.record())
                lines = [{"kind": "close", "name": i.name, "closed_at": i.closed_at} if close else as_record(i)
                         for i in items]
                if lines:
                    self._append(b"".join(json.dumps(line, ensure_ascii=False, sort_keys=True).encode("utf-8")
                                          + b"\n" for line in lines))
        except Timeout:
            raise unavailable(self.path, "change the review record", OSError("another change holds its lock")) \
                from None
        except OSError as exc:
            raise unavailable(self.path, "change the review record", exc) from None
        return items

    def _append(self, data: bytes) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            start = os.fstat(fd).st_size
            view = memoryview(data)
            try:
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            except OSError:
                os.ftruncate(fd, start)         # a refused write leaves the record as it was
                raise
        finally:
            os.close(fd)
        self._cache = None
