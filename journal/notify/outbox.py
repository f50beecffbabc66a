"""The cursor of what was mailed: one line per message sent, appended and flushed to disk right after the
SMTP server accepted it, so a run that crashes part-way sends none of the earlier messages again.

`notifications.csv` sits beside what it is about: a journal's (its author's digests) or a class
folder's (the tutors' summaries). Every event a message carried is named in its line, so an event
is never mailed twice to one person.
"""

from __future__ import annotations

import csv
import io
import os
from contextlib import contextmanager
from pathlib import Path

from ..errors import JournalError

FILENAME = "notifications.csv"
COLUMNS = ("sent_at", "login", "email", "period", "message_id", "events")


class Outbox:
    """What was already mailed from one folder."""

    def __init__(self, folder):
        self.path = Path(folder) / FILENAME

    def rows(self) -> list[dict]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as exc:
            raise JournalError(f"{self.path}: cannot read: {exc}") from None
        lines = text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines.pop()                 # a line torn by a crash: that message was not recorded as sent
        return [r for r in csv.DictReader(lines) if None not in r.values()]

    def mailed(self, login: str) -> set[str]:
        """Keys of every event already mailed to `login`."""
        return {key for r in self.rows() if r["login"] == login for key in r["events"].split()}

    def periods(self, login: str) -> set[str]:
        """The digest periods (a day or an ISO week) in which `login` was already sent a digest."""
        return {r["period"] for r in self.rows() if r["login"] == login}

    @contextmanager
    def locked(self):
        """One sender at a time per folder (two cron jobs must not both send the same digest)."""
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.path) + ".lock")
        try:
            lock.acquire(timeout=30)
        except Timeout:
            raise JournalError(f"{self.path}: another 'journal notify' is sending; try again later") from None
        try:
            yield self
        finally:
            lock.release()

    def record(self, *, sent_at: str, login: str, email: str, period: str, message_id: str, events) -> None:
        """Append one sent message and fsync before anything else is sent."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if not self.path.exists() or self.path.stat().st_size == 0:
            writer.writerow(COLUMNS)
        writer.writerow((sent_at, login, email, period, message_id, " ".join(events)))
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, out.getvalue().encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
