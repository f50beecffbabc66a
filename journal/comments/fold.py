"""The comment log folded into its current state, kept current by reading only its new tail.

The current state is the fold of the log (last event wins). A long-lived process (a kernel)
keeps the folded state and the byte offset it has read up to; when the file has grown it
parses only the appended records, so checks and threads do not slow down as the store grows.
"""

from __future__ import annotations

import gc
import os
import warnings
from pathlib import Path

from ..errors import JournalError
from . import log
from .model import FIELDS, INDEX

ID, ENTRY, PARENT, NAME, EMAIL, ROLE, BODY, AT, STATUS = (INDEX[f] for f in FIELDS[:9])


class LogDamaged(UserWarning):
    """The comment log had a torn or damaged record; what happened to it is in the message."""


class FoldedLog:
    """The state of the log at `path`: every comment's current row, indexed by entry (and by person)."""

    def __init__(self, path):
        self.path = Path(path)
        self.problems: list[str] = []   # damaged records found while reading, for the user
        self._lock = None
        self._reset()

    def _reset(self) -> None:
        self._end = 0                   # bytes of the log folded so far
        self._line = 1                  # line number at self._end
        self._inode = None
        self._rows: dict[str, list[str]] = {}
        self._by_entry: dict[str, list[str]] = {}
        self._by_person: dict[str, list[str]] | None = None   # built when a submit first needs it
        self._before_bin: dict[str, str] = {}   # status before the last spam/trash, for restore

    # -- reading -------------------------------------------------------------
    def refresh(self) -> None:
        """Fold in whatever other processes appended since the last read."""
        self._sync(locked=False)

    def _sync(self, *, locked: bool) -> None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if self._end:
                self._reset()
            return
        if st.st_ino != self._inode or st.st_size < self._end:
            self._reset()               # replaced or cut short by someone else: read it all again
            self._inode = st.st_ino
        if st.st_size == self._end:
            return
        # The collector is paused while reading and folding: everything made here lives on, so
        # collecting would only rescan it (a third of a cold load's time at 100,000 comments).
        paused = gc.isenabled()
        gc.disable()
        try:
            got = log.read(self.path, self._end, self._line)
            self._apply_all(got.records)
        finally:
            if paused:
                gc.enable()
        for line, why in got.skipped:
            self._report(f"{self.path}: line {line}: {why}; it was skipped")
        self._end, self._line = got.end, got.end_line
        if got.end < got.size:
            self._set_aside(locked, got.end_line)

    def _set_aside(self, locked: bool, line: int) -> None:
        """Unfinished bytes at the end: a writer at work, or one that died mid-record."""
        if not locked:
            # A live writer holds the lock until its record is complete; once we have the
            # lock, whatever is still unfinished was left by a writer that died.
            try:
                with self._locked(timeout=2):
                    self._sync(locked=True)
            except JournalError:
                pass
            return
        rejected, size = log.set_aside(self.path, self._end)
        self._report(f"{self.path}: an unfinished record at line {line} ({size} bytes, left by an interrupted "
                     f"write) was moved to {rejected.name}; every record before it is kept")

    def _report(self, message: str) -> None:
        self.problems.append(message)
        warnings.warn(message, LogDamaged, stacklevel=4)

    def _apply_all(self, records) -> None:
        """Fold many records; the common case (a new comment) is inlined because a cold load
        folds every record of the log."""
        rows, by_entry, people = self._rows, self._by_entry, self._by_person
        for rec in records:
            cid = rec[1]
            if rec[0] != "submit" or cid in rows or people is not None:
                self._apply(rec)
                continue
            rows[cid] = row = list(rec[1:-1])
            same_entry = by_entry.get(row[ENTRY])
            if same_entry is None:
                by_entry[row[ENTRY]] = [cid]
            else:
                same_entry.append(cid)

    def _apply(self, rec) -> None:
        """Fold one verified record into the state."""
        kind, cid = rec[0], rec[1]
        if kind == "submit":
            if cid in self._rows:
                return                  # the same record twice (e.g. a log joined by hand): keep the first
            row = list(rec[1:-1])
            self._rows[cid] = row
            self._by_entry.setdefault(row[ENTRY], []).append(cid)
            if self._by_person is not None:
                for key in _people(row[NAME], row[EMAIL]):
                    self._by_person.setdefault(key, []).append(cid)
            return
        row = self._rows.get(cid)
        if row is None or kind not in log.KINDS:
            return                      # an event for an unknown comment, or a kind from a newer version
        if kind == "edit":              # new text; the status stays, who and when are recorded
            row[BODY] = rec[1 + BODY]
            row[STATUS + 1:] = rec[2 + STATUS:-1]
            return
        old, new = row[STATUS], rec[1 + STATUS]
        if new in ("spam", "trash") and old not in ("spam", "trash"):
            self._before_bin[cid] = old
        row[STATUS:] = rec[1 + STATUS:-1]

    # -- writing (the caller holds the lock) --------------------------------
    def _locked(self, timeout=log.LOCK_SECONDS):
        if self._lock is None:
            self._lock = log.Lock(self.path)
        return self._lock.held(timeout)

    def _append(self, records: list[tuple[str, tuple]]) -> None:
        """Write (kind, row) records and fold them in; the caller holds the lock and has synced."""
        written = log.append(self.path, [log.encode(kind, row) for kind, row in records])
        if self._inode is None:
            self._inode = os.stat(self.path).st_ino
        self._end += len(written)
        self._line += written.count(b"\n")
        for kind, row in records:
            self._apply((kind, *row, ""))


def _people(name: str, email: str):
    """Keys that identify one commenter: their name and, if given, their e-mail (case-insensitive)."""
    yield "n:" + name.casefold()
    if email:
        yield "e:" + email.casefold()
