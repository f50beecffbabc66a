"""Why a comment or a moderation call was refused, worded for the person who made it."""

from ..errors import JournalError


class CommentRefused(JournalError):
    """A comment was not stored (empty, too long, duplicate, too fast...); str() is the message to show."""


class ModerationRefused(JournalError):
    """A moderation call from a process that may not moderate (the peer role)."""


class CommentNotFound(JournalError):
    """No comment with this id in the store."""


class StoreUnavailable(JournalError):
    """The store cannot be read or written just now (a read-only or immutable file, a full disk, no
    permission); str() is one line naming the file and why. Nothing was stored.

    Where a file is at fault, `path` and `reason` say which and why (for a panel's or server's own wording).
    """

    path = None
    reason = ""
