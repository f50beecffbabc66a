"""Why a comment or a moderation call was refused, worded for the person who made it."""

from ..errors import JournalError


class CommentRefused(JournalError):
    """A comment was not stored (empty, too long, duplicate, too fast...); str() is the message to show."""


class ModerationRefused(JournalError):
    """A moderation call from a process that may not moderate (the peer role)."""


class CommentNotFound(JournalError):
    """No comment with this id in the store."""
