"""Tutors' feedback on one journal held by a course server, through `api/feedback/` (FeedbackStoreProtocol).

A joined journal's author sees their released feedback in the panel, and a tutor uses the Feedback
tab against the course, as with a local log. The server decides who is asking (the hub token) and
what they may see; a peer is refused, so a peer's panel shows none.
"""

from __future__ import annotations

from ..comments.errors import ModerationRefused
from ..feedback.model import Feedback
from ..feedback.settings import FeedbackSettings
from ..feedback.store import WRITERS, FeedbackNotFound, entry_state, find
from ..roles import a_role
from .client import quote


class CourseFeedbackStore:
    """The feedback on `comments.login`'s journal in the course `comments.client` talks to."""

    def __init__(self, comments, criteria=None):
        self._comments = comments       # the CourseCommentStore: client, login, and who the token acts as
        self._criteria = criteria

    @property
    def criteria(self):
        """The course's rubric and comment bank: the server checks levels against them, so the tab offers them."""
        if self._criteria is None or not (self._criteria.criteria or self._criteria.bank):

            got = self._call("GET", "api/feedback-settings")
            self._criteria = FeedbackSettings(criteria=list(got.get("criteria") or []), bank=list(got.get("bank") or []))
        return self._criteria

    def __repr__(self) -> str:
        return f"<CourseFeedbackStore {self._comments.login} at {self._comments.client.url}>"

    @property
    def actor(self):
        return self._comments.actor

    @property
    def path(self) -> str:
        return f"{self._comments.client.url} journal {self._comments.login}"

    # -- reading -------------------------------------------------------------------------------------
    def list(self, entry_id=None, *, status=None) -> list[Feedback]:
        if self.actor.role not in WRITERS + ("author",):
            return []                   # the server refuses a peer; nothing to ask for
        found = [_piece(d) for d in self._call("GET", self._path(), params={"entry": entry_id})]
        return sorted((f for f in found if status is None or f.status == status), key=lambda f: f.id)

    def get(self, fid) -> Feedback:
        return find(self.list(), fid, self.path)

    def history(self, fid) -> list[dict]:
        return self._call("GET", self._path(fid, "history"))

    def state(self, entry) -> str:
        return entry_state(self.list(entry.id), entry)

    # -- writing (tutors; the server checks again) ----------------------------------------------------
    def require_tutor(self) -> None:
        if self.actor.role not in WRITERS:
            raise ModerationRefused(f"Only a tutor can write, release or recall feedback; the course knows "
                                    f"{self.actor.user} as {a_role(self.actor.role)} on this journal.")

    def add(self, entry_id, body, *, rubric=None, snapshot: str = "", sha256: str = "",
            release: bool = False) -> Feedback:
        return _piece(self._call("POST", self._path(), {
            "entry_id": str(entry_id or ""), "body": body, "rubric": rubric or {}, "snapshot": snapshot,
            "sha256": sha256, "release": bool(release)}))

    def revise(self, fid, *, body=None, rubric=None, sha256=None) -> Feedback:
        return _piece(self._call("PATCH", self._path(fid), {"body": body, "rubric": rubric, "sha256": sha256}))

    def release(self, fids) -> list[Feedback]:
        return [_piece(d) for d in self._call("POST", self._path("release"), {"ids": [str(f) for f in fids]})]

    def recall(self, fids) -> list[Feedback]:
        return [_piece(d) for d in self._call("POST", self._path("recall"), {"ids": [str(f) for f in fids]})]

    # -- requests -------------------------------------------------------------------------------------
    def _path(self, *parts) -> str:
        return "/".join(["api/feedback", quote(self._comments.login), *(quote(p) for p in parts)])

    def _call(self, method, path, data=None, params=None):
        return self._comments.client.call(method, path, data, params=params, missing=FeedbackNotFound)


def _piece(data: dict) -> Feedback:
    return Feedback(**{name: data[name] for name in Feedback.__dataclass_fields__ if name in data})
