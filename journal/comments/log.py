"""The append-only comment log: CSV records with a checksum each, appended under a lock.

Every record is written with the `csv` module (every field quoted, so bodies with commas,
quotes, CR or LF survive) in a single `write` followed by `fsync`. Its last field is a CRC-32
of the others, so a record torn by a crash is recognised when the log is read.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import JournalError
from .model import FIELDS

COLUMNS = ("kind", *FIELDS, "crc")
# Kinds this version folds; a reader ignores kinds it does not know, so an older version still
# loads a log written by a newer one (it just shows the text before any "edit").
KINDS = ("submit", "approve", "spam", "trash", "restore", "edit")
LOCK_SECONDS = 10
# Above this size a cold read goes through pandas' C parser, which is faster than `csv`;
# below it `csv` avoids importing pandas (so `journal list` stays quick).
PANDAS_BYTES = 1 << 20


def _csv_line(values) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(values)
    return out.getvalue().encode("utf-8")


HEADER = _csv_line(COLUMNS)


def checksum(values) -> str:
    """CRC-32 (hex) of the record's fields before the checksum."""
    return f"{zlib.crc32(chr(31).join(values).encode('utf-8', 'surrogatepass')):08x}"


def encode(kind: str, row) -> bytes:
    """One record as bytes, checksum included."""
    values = (kind, *row)
    return _csv_line((*values, checksum(values)))


@dataclass
class Read:
    """What reading the log from an offset found."""

    records: list = field(default_factory=list)   # tuples of len(COLUMNS) strings, checksum verified
    end: int = 0                                   # byte offset just after the last good record
    size: int = 0                                  # bytes in the file when it was read
    skipped: list = field(default_factory=list)   # (line, why) of damaged records followed by good ones
    end_line: int = 1                              # line number at `end`


def read(path: Path, offset: int = 0, first_line: int = 1) -> Read:
    """Good records from `offset` (a record boundary; 0 means the header comes first)."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        data = fh.read()
    result = Read(end=offset, size=offset + len(data), end_line=first_line)
    if offset == 0:
        if not data:
            return result
        if not data.startswith(HEADER):
            if HEADER.startswith(data):       # the header itself is still being written
                return result
            raise JournalError(f"{path}: not a comment log (its first line should be: {HEADER.decode().strip()})")
        data, offset, first_line = data[len(HEADER):], len(HEADER), 2
        result.end, result.end_line = offset, first_line
    if not data:
        return result
    if len(data) >= PANDAS_BYTES or "pandas" in sys.modules:
        records = _read_pandas(data)
        if records is not None:
            result.records, result.end = records, offset + len(data)
            result.end_line = first_line + data.count(b"\n")
            return result
    _read_csv(data, offset, first_line, result)
    return result


def _read_pandas(data: bytes):
    """All records via pandas' C parser, or None when anything looks wrong (then `csv` finds where)."""
    if not data.endswith(b"\n"):
        return None
    import pandas as pd

    try:
        frame = pd.read_csv(io.BytesIO(data), header=None, names=COLUMNS, dtype=object, keep_default_na=False,
                            na_filter=False, engine="c")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        return None
    records = list(zip(*(frame[c].tolist() for c in COLUMNS)))
    sep, crc32 = chr(31), zlib.crc32    # checksum() inlined: this loop runs once per record
    for rec in records:
        if f"{crc32(sep.join(rec[:-1]).encode('utf-8', 'surrogatepass')):08x}" != rec[-1]:
            return None
    return records


def _read_csv(data: bytes, offset: int, first_line: int, result: Read) -> None:
    """Records one by one, tracking the byte offset where each ends."""
    lines = data.split(b"\n")
    lines.pop()                      # bytes after the last newline: an unfinished record, if any
    consumed = [0, 0]                # bytes and lines fed to the reader so far

    def feed():
        for line in lines:
            consumed[0] += len(line) + 1
            consumed[1] += 1
            yield line.decode("utf-8", "replace") + "\n"

    reader = csv.reader(feed(), strict=True)
    bad_from = None                  # (line, offset) of the first damaged record since the last good one
    while True:
        start_line = first_line + consumed[1]
        start = offset + consumed[0]
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:            # an unterminated quote: nothing after this can be trusted
            bad_from = bad_from or (start_line, start)
            break
        if len(row) == len(COLUMNS) and checksum(row[:-1]) == row[-1]:
            if bad_from:
                result.skipped.append((bad_from[0], "damaged record (checksum does not match)"))
                bad_from = None
            result.records.append(tuple(row))
            result.end, result.end_line = offset + consumed[0], first_line + consumed[1]
        elif bad_from is None:
            bad_from = (start_line, start)


def history(path: Path, cid: str) -> list[dict]:
    """Every good record of one comment, oldest first, as {column: value} without the checksum."""
    names = COLUMNS[:-1]
    return [dict(zip(names, rec[:-1])) for rec in read(path).records if rec[1] == cid]


def append(path: Path, records: list[bytes]) -> bytes:
    """Append encoded records in one write, then fsync; the caller holds the lock. Returns what it wrote."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        data = b"".join(records)
        if os.fstat(fd).st_size == 0:
            data = HEADER + data
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    return data


def set_aside(path: Path, end: int) -> tuple[Path, int]:
    """Move the bytes after `end` into `<log>.rejected` and cut them off; the caller holds the lock."""
    rejected = path.with_name(path.name + ".rejected")
    with open(path, "rb") as fh:
        fh.seek(end)
        torn = fh.read()
    with open(rejected, "ab") as out:
        out.write(torn if torn.endswith(b"\n") else torn + b"\n")
        out.flush()
        os.fsync(out.fileno())
    os.truncate(path, end)
    return rejected, len(torn)


class Lock:
    """The OS-level lock (`<log>.lock`) that serialises appends to one log across processes."""

    def __init__(self, path: Path):
        from filelock import FileLock

        self.path = Path(path)
        self._lock = FileLock(str(self.path) + ".lock")

    @contextmanager
    def held(self, timeout=LOCK_SECONDS):
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            raise JournalError(f"{self.path}: another process has held the lock for {timeout} s; "
                               "try again") from None
        try:
            yield
        finally:
            self._lock.release()
