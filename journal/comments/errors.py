"""Why a comment or a moderation call was refused, worded for the person who made it."""

from ..errors import JournalError


class CommentRefused(JournalError):
    """A comment was not stored (empty, too long, duplicate, too fast...); str() is the message to show."""


class ModerationRefused(JournalError):
    """A moderation call from a process that may not moderate (the peer role)."""


class CommentNotFound(JournalError):
    """No comment with this id in the store."""


class StoreUnavailable(JournalError):
    """The system refused to read or write the comment log (read-only or immutable file, full disk,
    no permission); str() is one line naming the file and why. Nothing was stored."""

    def __init__(self, path, doing: str, reason: str):
        self.path, self.doing, self.reason = path, doing, reason
        super().__init__(f"{path}: cannot {doing}: {reason}")
