"""Peers' comments: an append-only log, its fold into a store, and the moderation rules."""

from .errors import CommentNotFound, CommentRefused, ModerationRefused, StoreUnavailable
from .model import FIELDS, STATUSES, Comment
from .protocol import Actor, CommentStoreProtocol
from .store import CommentStore, LogDamaged

__all__ = ["Actor", "Comment", "CommentNotFound", "CommentRefused", "CommentStore", "CommentStoreProtocol", "FIELDS",
           "LogDamaged", "ModerationRefused", "STATUSES", "StoreUnavailable"]
