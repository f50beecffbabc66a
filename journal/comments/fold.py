"""The comment log folded into its current state, kept current by reading only its new tail.

The current state is the fold of the log (last event wins). A long-lived process (a kernel)
keeps the folded state and the byte offset it has read up to; when the file has grown it
parses only the appended records, so checks and threads do not slow down as the store grows.
The store holds one `FoldedLog` and speaks to it only through its public methods.
"""

from __future__ import annotations

import gc
import os
import threading
import warnings
from contextlib import contextmanager
from pathlib import Path

from ..errors import JournalError
from ..feedback import model as feedback
from . import log, writer
from .errors import StoreUnavailable, unavailable
from .model import Row, commenter_keys

BINNED = ("spam", "trash")


class LogDamaged(UserWarning):
    """The comment log had a torn or damaged record; what happened to it is in the message."""


class FoldedLog:
    """The state of the log at `path`: every comment's current Row, indexed by entry and by person."""

    def __init__(self, path):
        self.path = Path(path)
        self.problems: list[str] = []   # damaged records found while reading, for the user
        self._lock = None
        # One fold may serve several threads (a server acting for many visitors): reading the
        # tail and appending change the state, so they take turns.
        self._mutex = threading.RLock()
        self._reset()

    def _reset(self) -> None:
        self._end = 0                   # bytes of the log folded so far
        self._line = 1                  # line number at self._end
        self._inode = None
        self._ignored = None            # (inode, size) of a torn tail that could not be set aside
        self._rows: dict[str, Row] = {}
        self._by_entry: dict[str, list[str]] = {}
        self._by_person: dict[str, list[str]] | None = None   # built when a submit first needs it
        self._before_bin: dict[str, str] = {}   # status before the last spam/trash, for restore
        self._feedback: dict[str, Row] = {}     # tutors' feedback: its own kinds, never a comment

    # -- the state ------------------------------------------------------------
    def refresh(self) -> None:
        """Fold in whatever other processes appended since the last read."""
        with self._mutex:
            self._sync(locked=False)

    def get(self, cid) -> Row | None:
        """One comment's current fields (call refresh() first for what others wrote)."""
        return self._rows.get(str(cid))

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self, entry_id=None) -> list[Row]:
        """Every comment, or one entry's, in the order they were first stored."""
        if entry_id is None:
            return list(self._rows.values())
        return list(map(self._rows.__getitem__, self._by_entry.get(entry_id, ())))

    def entries(self) -> dict[str, list[Row]]:
        """{entry_id: its comments} for every entry with comments."""
        row_of = self._rows.__getitem__
        return {entry: list(map(row_of, ids)) for entry, ids in self._by_entry.items()}

    def by_person(self, name: str, email: str) -> list[Row]:
        """One commenter's comments (same name or same e-mail, case-insensitively)."""
        if self._by_person is None:     # built on first use: a reader that never submits never pays
            self._by_person = {}
            for row in self._rows.values():
                self._index_person(row)
        seen, out = set(), []
        for key in _people(name, email):
            for cid in self._by_person.get(key, ()):
                if cid not in seen:
                    seen.add(cid)
                    out.append(self._rows[cid])
        return out

    def feedback_rows(self) -> list[Row]:
        """Every piece of tutors' feedback in its current state (journal.feedback decides who sees it)."""
        return list(self._feedback.values())

    def history(self, cid) -> list[dict]:
        """Every record of the log under one id, oldest first (the audit trail)."""
        return log.history(self.path, str(cid))

    def status_before_bin(self, cid) -> str | None:
        """The status a comment had before its last move to spam or trash (what restore returns it to)."""
        return self._before_bin.get(str(cid))

    # -- writing ----------------------------------------------------------------
    @contextmanager
    def writing(self, timeout=writer.LOCK_SECONDS):
        """Hold the log's lock with the state brought up to date; append() only inside this."""
        with self._mutex, self._locked(timeout):
            self._sync(locked=True)
            yield self

    def append(self, records: list[tuple[str, Row]]) -> None:
        """Write (kind, row) records and fold them in; only inside writing()."""
        written = writer.append(self.path, [log.encode(kind, row) for kind, row in records])
        if self._inode is None:
            self._inode = os.stat(self.path).st_ino
        self._end += len(written)
        self._line += written.count(b"\n")
        for kind, row in records:
            self._apply(kind, row)

    # -- reading the log --------------------------------------------------------
    def _sync(self, *, locked: bool) -> None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if self._end:
                self._reset()
            return
        except OSError as exc:
            raise unavailable(self.path, "read the comment log", exc) from None
        if st.st_ino != self._inode or st.st_size < self._end:
            self._reset()               # replaced or cut short by someone else: read it all again
            self._inode = st.st_ino
        if st.st_size == self._end or (st.st_ino, st.st_size) == self._ignored:
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
        for first, last, why in got.skipped:
            where = f"line {first}" if first == last else f"lines {first}-{last}"
            self._report(f"{self.path}: {where}: damaged record ({why}); it was skipped (it stays in the "
                         "file; every record that verifies is kept)")
        self._end, self._line = got.end, got.end_line
        if got.end < got.size:
            self._set_aside(locked, got)

    def _set_aside(self, locked: bool, got) -> None:
        """Bytes after the last record that verifies: a writer at work, or one that died mid-record."""
        if not locked:
            # A live writer holds the lock until its record is complete; once we have the
            # lock, whatever is still unfinished was left by a writer that died.
            try:
                with self._locked(timeout=2):
                    self._sync(locked=True)
            except StoreUnavailable as exc:
                # The log cannot be changed: say so once, and read past the tail from now on.
                self._ignored = (self._inode, got.size)
                self._report(f"{self.path}: an unfinished record at line {got.end_line} ({got.size - got.end} bytes) "
                             f"is ignored: it could not be set aside, {exc.path.name}: {exc.reason}")
            except JournalError:
                pass                    # the lock is busy: a writer is at work; look again next time
            return
        rejected, size = writer.set_aside(self.path, self._end)
        last = f", up to line {got.end_line + got.tail_lines - 1}" if got.tail_lines > 1 else ""
        self._report(f"{self.path}: an unfinished record at line {got.end_line} ({size} bytes{last}, left by an "
                     f"interrupted write or damaged) was moved to {rejected.name}; every complete record is kept")

    def _report(self, message: str) -> None:
        self.problems.append(message)
        warnings.warn(message, LogDamaged, stacklevel=5)

    def _apply_all(self, records) -> None:
        """Fold many records; the common case (a new comment) is inlined because a cold load
        folds every record of the log."""
        rows, by_entry, people = self._rows, self._by_entry, self._by_person
        for rec, row in zip(records, log.rows_of(records)):
            cid = row.id
            if rec.kind != "submit" or cid in rows or people is not None:
                self._apply(rec.kind, row)
                continue
            rows[cid] = row
            same_entry = by_entry.get(row.entry_id)
            if same_entry is None:
                by_entry[row.entry_id] = [cid]
            else:
                same_entry.append(cid)

    def _apply(self, kind: str, new: Row) -> None:
        """Fold one verified record into the state."""
        cid = new.id
        if kind == "submit":
            if cid in self._rows:
                return                  # the same record twice (e.g. a log joined by hand): keep the first
            self._rows[cid] = new
            self._by_entry.setdefault(new.entry_id, []).append(cid)
            if self._by_person is not None:
                self._index_person(new)
            return
        if kind in feedback.KINDS:
            feedback.apply(self._feedback, kind, new)
            return
        row = self._rows.get(cid)
        if row is None or kind not in log.KINDS:
            return                      # an event for an unknown comment, or a kind from a newer version
        if kind == "delete":            # a tombstone: gone from every view, its earlier records stay as the audit trail
            del self._rows[cid]
            self._by_entry[row.entry_id].remove(cid)
            self._before_bin.pop(cid, None)
            self._by_person = None      # rebuilt when a submit next needs it
            return
        if kind == "edit":              # new text; the status stays, who and when are recorded
            self._rows[cid] = row._replace(body=new.body, status_at=new.status_at, status_by=new.status_by,
                                           reason=new.reason)
            return
        if new.status in BINNED and row.status not in BINNED:
            self._before_bin[cid] = row.status
        self._rows[cid] = row._replace(status=new.status, status_at=new.status_at, status_by=new.status_by,
                                       reason=new.reason)

    def _index_person(self, row: Row) -> None:
        for key in _people(row.author_name, row.author_email):
            self._by_person.setdefault(key, []).append(row.id)

    def _locked(self, timeout=writer.LOCK_SECONDS):
        if self._lock is None:
            self._lock = writer.Lock(self.path)
        return self._lock.held(timeout)


def _people(name: str, email: str):
    """Keys that identify one commenter: their name and, if given, their e-mail (case-insensitive)."""
    name_key, email_key = commenter_keys(name, email)
    yield "n:" + name_key
    if email_key:
        yield "e:" + email_key
