"""A comment store acted on by one person of the course, whatever process runs it.

The one seam between the course and the comment store's idea of who acts; the store's own
`as_actor` replaces it.
"""

from __future__ import annotations

from ..comments.model import INDEX
from ..comments.protocol import Actor
from ..comments.store import CommentStore

_BY = INDEX["status_by"]


class ActingCommentStore(CommentStore):
    """A journal's CommentStore whose role and signature come from `actor`, not from the environment."""

    def __init__(self, path, settings, actor: Actor):
        super().__init__(path, settings)
        self._actor = actor

    @property
    def actor(self) -> Actor:
        return self._actor

    @property
    def role(self) -> str:
        return self._actor.role

    def as_actor(self, actor: Actor) -> "ActingCommentStore":
        return ActingCommentStore(self.path, self.settings, actor)

    def _append(self, records) -> None:
        # Moderation and edit events are signed with the acting login, never the server's own user.
        signed = []
        for kind, row in records:
            if kind != "submit":
                row = (*row[:_BY], self._actor.user, *row[_BY + 1:])
            signed.append((kind, row))
        super()._append(signed)
