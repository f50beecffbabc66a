"""Changing the comment log file: appends under its lock, and setting a torn tail aside.

Every change holds `<log>.lock`; the system's refusals (read-only or immutable, a full disk,
no permission) become StoreUnavailable naming the file, and leave the log as it was.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from ..errors import JournalError
from .errors import unavailable
from .log import HEADER

LOCK_SECONDS = 10


def append(path: Path, records: list[bytes]) -> bytes:
    """Append encoded records in one write, then fsync; the caller holds the lock. Returns what it wrote.

    When the system refuses part-way (a full disk, a size limit) the partial record is cut off
    again, so a refused write leaves the log as it was.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        raise unavailable(path, "save to the comment log", exc) from None
    start = None
    try:
        start = os.fstat(fd).st_size
        data = b"".join(records)
        if start == 0:
            data = HEADER + data
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError as exc:
        if start is not None:
            try:
                os.ftruncate(fd, start)
            except OSError:
                pass                    # then a reader finds a torn tail and sets it aside
        raise unavailable(path, "save to the comment log", exc) from None
    finally:
        os.close(fd)
    return data


def set_aside(path: Path, end: int) -> tuple[Path, int]:
    """Move the bytes after `end` into `<log>.rejected` and cut them off; the caller holds the lock.

    The log is opened for writing first: when it cannot be cut (read-only, immutable, append-only),
    nothing is copied, so a log that stays as it is does not fill `.rejected` with the same bytes
    on every read. Raises StoreUnavailable then.
    """
    rejected = path.with_name(path.name + ".rejected")
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as exc:
        raise unavailable(path, "set aside an unfinished record", exc) from None
    try:
        torn = os.pread(fd, max(0, os.fstat(fd).st_size - end), end)
        copy = torn if torn.endswith(b"\n") else torn + b"\n"
        if not _ends_with(rejected, copy):      # an earlier attempt copied it but could not cut it
            with open(rejected, "ab") as out:
                out.write(copy)
                out.flush()
                os.fsync(out.fileno())
        os.ftruncate(fd, end)
        os.fsync(fd)
    except OSError as exc:
        raise unavailable(path, "set aside an unfinished record", exc) from None
    finally:
        os.close(fd)
    return rejected, len(torn)


def _ends_with(path: Path, data: bytes) -> bool:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() < len(data):
                return False
            fh.seek(-len(data), os.SEEK_END)
            return fh.read() == data
    except OSError:
        return False


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
        except OSError as exc:
            raise unavailable(Path(self._lock.lock_file), "lock the comment log", exc) from None
        try:
            yield
        finally:
            self._lock.release()
