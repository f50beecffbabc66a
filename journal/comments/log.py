"""The append-only comment log's format: CSV records with a checksum each, and reading them back.

Every record is written with the `csv` module (every field quoted, so bodies with commas,
quotes, CR or LF survive) in a single `write` followed by `fsync` (see `writer`). Its last field
is a CRC-32 of the others, so a record torn by a crash or damaged later is recognised when the
log is read.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
import zlib
from collections import namedtuple
from functools import partial
from operator import itemgetter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import JournalError
from .errors import unavailable
from .model import FIELDS, Row
from .protocol import MODERATION

COLUMNS = ("kind", *FIELDS, "crc")
# Kinds this version folds; a reader ignores kinds it does not know, so an older version still
# loads a log written by a newer one (it just shows the text before any "edit").
KINDS = ("submit", *MODERATION, "edit", "delete")
# Above this size a cold read goes through pandas' C parser, which is faster than `csv`;
# below it `csv` avoids importing pandas (so `journal list` stays quick).
PANDAS_BYTES = 1 << 20
# Longer than any record the rules let through (65,525 characters, every quote doubled, 4 bytes
# each at most): a damaged record that seems longer is cut short here.
MAX_RECORD_BYTES = 1 << 20


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


class Record(namedtuple("Record", COLUMNS)):
    """One line of the log: what happened (`kind`), the comment's fields it carries, and its checksum.

    Flat, as the line is, so reading builds one tuple per line; `row` gives the comment's fields.
    """

    __slots__ = ()

    @property
    def row(self) -> Row:
        """The fields between the kind and the checksum (an event leaves those it does not set empty)."""
        return _new_row(_fields(self))


_new_row = partial(tuple.__new__, Row)
_fields = itemgetter(slice(1, -1))


def rows_of(records):
    """Each record's `row`, made from C alone: a cold load takes one for every record of the log."""
    return map(_new_row, map(_fields, records))


@dataclass
class Read:
    """What reading the log from an offset found."""

    records: list = field(default_factory=list)   # Records whose checksum verified
    end: int = 0                                   # byte offset just after the last good record
    size: int = 0                                  # bytes in the file when it was read
    skipped: list = field(default_factory=list)   # (first line, last line, why) of damage followed by good records
    end_line: int = 1                              # line number at `end`
    tail_lines: int = 0                            # lines from `end` to `size` (a torn tail)


def read(path: Path, offset: int = 0, first_line: int = 1) -> Read:
    """Good records from `offset` (a record boundary; 0 means the header comes first)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            data = fh.read()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise unavailable(path, "read the comment log", exc) from None
    result = Read(end=offset, size=offset + len(data), end_line=first_line)
    if offset == 0:
        if not data:
            return result
        header = _header_length(data)
        if header is None:
            if any(h.startswith(data) for h in _HEADERS):     # the header itself is still being written
                return result
            raise JournalError(f"{path}: not a comment log (its first line should be: {HEADER.decode().strip()})")
        data, offset, first_line = data[header:], header, 2
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
    if result.end < result.size:
        result.tail_lines = data.count(b"\n", result.end - offset) + (not data.endswith(b"\n"))
    return result


# Editors and git (autocrlf) may add a byte-order mark or turn every LF into CRLF: the same log.
_BOM = b"\xef\xbb\xbf"
_HEADERS = (HEADER, HEADER.replace(b"\n", b"\r\n"), _BOM + HEADER, _BOM + HEADER.replace(b"\n", b"\r\n"))


def _header_length(data: bytes) -> int | None:
    for header in _HEADERS:
        if data.startswith(header):
            return len(header)
    return None


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
    # tuple.__new__ straight from C: a cold load makes one per record, and zip has the size right.
    records = list(map(partial(tuple.__new__, Record), zip(*(frame[c].tolist() for c in COLUMNS))))
    sep, crc32 = chr(31), zlib.crc32    # checksum() inlined: this loop runs once per record
    for rec in records:
        if f"{crc32(sep.join(rec[:-1]).encode('utf-8', 'surrogatepass')):08x}" != rec[-1]:
            return None
    return records


def verified(row) -> Record | None:
    """The row as a Record when it has every column and its checksum matches, else None.

    A log whose line ends were turned into CRLF carries CRLF inside multi-line fields too; such a
    record verifies once they are turned back.
    """
    if len(row) != len(COLUMNS):
        return None
    if checksum(row[:-1]) != row[-1]:
        if not any("\r\n" in value for value in row):
            return None
        row = [value.replace("\r\n", "\n") for value in row]
        if checksum(row[:-1]) != row[-1]:
            return None
    return Record._make(row)


def _read_csv(data: bytes, offset: int, first_line: int, result: Read) -> None:
    """Records one by one, tracking the byte offset and line where each ends.

    A record that does not verify costs that record only: reading starts again at the next line,
    so the first record there whose checksum verifies puts the reader back in step (a record
    always starts a line, and quotes inside fields are doubled, so no text inside a field can pass
    for the start of a record). Damaged lines stay in the file; only what follows the last good
    record is left for the caller (a torn tail).
    """
    lines = data.split(b"\n")
    lines.pop()                      # bytes after the last newline: an unfinished record, if any
    good_to = 0                      # the line after the last good record
    at = 0                           # the line the current reader starts on
    bad: list[tuple[int, str]] = []  # (line index, why) of damaged lines since the last good record
    records, width = result.records, len(COLUMNS)
    sep, crc32, new_record = chr(31), zlib.crc32, partial(tuple.__new__, Record)
    while at < len(lines):
        feed = _Feed(lines, at)
        reader = csv.reader(feed, strict=True)
        while True:
            begin, feed.taken = feed.next_line, 0
            try:
                row = next(reader)
            except StopIteration:
                at = feed.next_line
                break
            except csv.Error:
                row = None
            after = feed.next_line
            # checksum() inlined for the common case: this runs once per record of a clean log.
            if row and len(row) == width and f"{crc32(sep.join(row[:-1]).encode('utf-8', 'surrogatepass')):08x}" == row[-1]:
                rec = new_record(row)
            elif row == []:
                continue                 # a blank line: no record, and nothing lost
            else:
                rec = verified(row) if row else None
            if rec is None:
                bad.append((begin, "checksum does not match" if row and len(row) == width
                            else "not a complete record"))
                # A lost line break or a cut can leave a good record starting inside this line.
                rec, after = _record_inside(lines, begin)
                at = after
            if rec is not None:
                if bad:
                    result.skipped.extend(_runs(bad, first_line))
                    bad = []
                records.append(rec)
                good_to = after
            if at == after:
                break                    # this reader lost step: start a new one where the damage ends
    if good_to:
        result.end = offset + sum(map(len, lines[:good_to])) + good_to
        result.end_line = first_line + good_to


# Where a record may start inside a damaged line. Quotes inside a field are doubled, so `"word","`
# occurs only at a field boundary; a field that merely looks like a kind leaves too few columns.
_INSIDE = re.compile(rb'"[a-z]+","')


def _record_inside(lines, index):
    """(the first record that verifies starting inside line `index`, the line after it), or (None, index + 1)."""
    line = lines[index]
    for match in _INSIDE.finditer(line, 1):
        feed = _Feed(lines, index, head=line[match.start():])
        try:
            row = next(csv.reader(feed, strict=True))
        except (csv.Error, StopIteration):
            continue
        rec = verified(row)
        if rec is not None:
            return rec, feed.next_line
    return None, index + 1


class _Feed:
    """Decoded lines for csv.reader from line `next_line` on (the first one replaced by `head`, if
    given), counting what the reader took.

    It stops after MAX_RECORD_BYTES of one record (`taken` is reset at each record), so a stray
    quote cannot make one attempt swallow the rest of the log.
    """

    def __init__(self, lines, start, head: bytes | None = None):
        self.lines, self.next_line, self.taken, self.head = lines, start, 0, head

    def __iter__(self):
        # A generator: csv.reader pulls every line of a clean log through it, and resuming a
        # generator costs less than a __next__ call.
        if self.head is not None:
            head, self.head = self.head, None
            self.taken += len(head) + 1
            self.next_line += 1
            yield head.decode("utf-8", "replace") + "\n"
        for line in itertools.islice(self.lines, self.next_line, None):
            if self.taken > MAX_RECORD_BYTES:
                return
            self.taken += len(line) + 1
            self.next_line += 1
            yield line.decode("utf-8", "replace") + "\n"


def _runs(bad, first_line):
    """Damaged lines grouped into runs of consecutive lines: (first, last, why) with file line numbers."""
    runs = []
    for index, why in bad:
        if runs and runs[-1][1] == first_line + index - 1:
            runs[-1] = (runs[-1][0], first_line + index, runs[-1][2])
        else:
            runs.append((first_line + index, first_line + index, why))
    return runs


def history(path: Path, cid: str) -> list[dict]:
    """Every good record of one comment, oldest first, as {column: value} without the checksum."""
    return [{"kind": rec.kind, **rec.row._asdict()} for rec in read(path).records if rec.row.id == cid]
