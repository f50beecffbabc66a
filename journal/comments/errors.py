"""Why a comment or a moderation call was refused, worded for the person who made it."""

import errno
from pathlib import Path

from ..errors import JournalError, StoreUnavailable  # noqa: F401  (re-exported: the comment stores raise it)


class CommentRefused(JournalError):
    """A comment was not stored (empty, too long, duplicate, too fast...); str() is the message to show."""


class ModerationRefused(JournalError):
    """A moderation call from a process that may not moderate (the peer role)."""


class CommentNotFound(JournalError):
    """No comment with this id in the store."""


def unavailable(path: Path, doing: str, exc: OSError) -> StoreUnavailable:
    """The one-line error for a log that the system will not let us read or write."""
    why = exc.strerror or str(exc)
    hint = _HINTS.get(exc.errno)
    reason = f"{why} ({hint})" if hint else why
    error = StoreUnavailable(f"{path}: cannot {doing}: {reason}")
    error.path, error.reason = Path(path), reason
    return error


_HINTS = {errno.EPERM: "the file or its folder is read-only or immutable", errno.EACCES: "no permission",
          errno.EROFS: "the disk is mounted read-only", errno.ENOSPC: "the disk is full",
          errno.EDQUOT: "the disk quota is used up", errno.EFBIG: "the file has reached its size limit",
          errno.ENOTDIR: "a part of the path is a file, not a folder"}
