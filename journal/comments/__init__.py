"""Peers' comments: an append-only log, its fold into a store, and the moderation rules."""

from .errors import CommentNotFound, CommentRefused, ModerationRefused
from .model import FIELDS, STATUSES, Comment
from .store import CommentStore, LogDamaged

__all__ = ["Comment", "CommentNotFound", "CommentRefused", "CommentStore", "FIELDS", "LogDamaged",
           "ModerationRefused", "STATUSES"]
