"""The comments of one journal held by a course server, through its HTTP API: a CommentStoreProtocol.

The panels, the moderation panel and `journal comments` use it as they use the local log, once the
journal has joined a course (`[course] url`), and on a classmate's entry opened with `journal course open`.
Who acts, and so what may be seen or done, is decided by the server from the hub token.
"""

from __future__ import annotations

from pathlib import Path

from ..comments import CommentStore, rules
from ..comments.errors import CommentNotFound, ModerationRefused
from ..comments.model import FIELDS, STATUSES, Comment
from ..comments.protocol import Acting, Actor
from ..folder import COMMENTS
from .beside import BesideStore
from .client import CourseClient, quote
from .remote_feedback import CourseFeedbackStore
from .trust import require_trusted


class CourseCommentStore(Acting):
    """Every comment of `login`'s journal in the course at `client.url`."""

    def __init__(self, client: CourseClient, login: str, settings):
        self.client, self.login, self.settings = client, login, settings
        self.problems: list[str] = []
        self._actor: Actor | None = None

    def __repr__(self) -> str:
        return f"<CourseCommentStore {self.login} at {self.client.url}>"

    # -- who acts: the hub user of the token, in the role the server gives them on this journal --------
    @property
    def actor(self) -> Actor:
        if self._actor is None:
            user = self.client.whoami()["name"]
            role = self._call("GET", f"api/role/{quote(self.login)}")["role"]
            self._actor = Actor(user, role)
        return self._actor

    @property
    def for_person(self) -> bool:
        """Always: the course server says who the token's owner is."""
        return True

    def as_actor(self, actor: Actor) -> "CourseCommentStore":
        """Only the token's own identity: the server, not the client, says who is acting."""
        if actor != self.actor:
            raise ModerationRefused(f"This course store acts as {self.actor.user} ({self.actor.role}), the owner "
                                    "of its hub token; the course server decides who acts.")
        return self

    def refresh(self) -> None:
        """Every read asks the server; only the role is kept, and it is asked for again here."""
        self._actor = None

    def stamp(self) -> None:
        """The server says nothing cheaply of what changed: compare what it answers."""
        return None

    def feedback(self, criteria):
        """Tutors' feedback on this journal, kept by the course (`api/feedback/`), as the token's owner may
        see it; `criteria` is the rubric and comment bank (FeedbackSettings)."""

        return CourseFeedbackStore(self, criteria)

    # -- writing -------------------------------------------------------------------------------------
    def submit(self, entry_id, *, name=None, body, email=None, reply_to=None, role=None) -> Comment:
        """Post a comment; the name on it is the hub login (or roster name), whatever `name` says."""
        data = {"entry_id": "" if entry_id is None else str(entry_id), "body": body}
        if role is not None:
            data["role"] = rules.check_role(role, self.role, person=self.for_person)
        if (email or "").strip():
            data["email"] = email.strip()
        if (reply_to or "").strip():
            data["reply_to"] = reply_to.strip()
        return _comment(self._call("POST", self._path(), data))

    def approve(self, cid) -> Comment:
        return self._moderate(cid, "approve")

    def spam(self, cid) -> Comment:
        return self._moderate(cid, "spam")

    def trash(self, cid) -> Comment:
        return self._moderate(cid, "trash")

    def restore(self, cid) -> Comment:
        return self._moderate(cid, "restore")

    def edit(self, cid, body) -> Comment:
        return _comment(self._call("PATCH", self._path(cid), {"body": body}))

    def _moderate(self, cid, action) -> Comment:
        return _comment(self._call("POST", self._path(cid, action)))

    # -- reading -------------------------------------------------------------------------------------
    def get(self, cid, missing_ok=False) -> Comment | None:

        try:
            return self.shown(_comment(self._call("GET", self._path(cid))))
        except CommentNotFound:
            if missing_ok:
                return None
            raise

    def history(self, cid) -> list[dict]:
        return self._call("GET", self._path(cid, "history"))

    def __len__(self) -> int:
        return len(self._rows("all", None))

    def frame(self, status=None, entry_id=None):
        """As the local store: one row per comment, oldest first, every column str."""
        import pandas as pd

        wanted = {status} if isinstance(status, str) else set(status or ())
        asked = next(iter(wanted)) if len(wanted) == 1 else "all"
        rows = [r for r in self._rows(asked, entry_id) if not wanted or r.get("status") in wanted]
        rows.sort(key=lambda r: r.get("id", ""))
        return self.shown(pd.DataFrame([[str(r.get(f, "") or "") for f in FIELDS] for r in rows],
                                       columns=list(FIELDS), dtype=str))

    def thread(self, entry_id):
        """Approved comments of one entry in display order, with an int `depth` column."""
        import pandas as pd

        rows = self._call("GET", self._path("thread", entry_id))
        frame = pd.DataFrame([[str(r.get(f, "") or "") for f in FIELDS] for r in rows], columns=list(FIELDS),
                             dtype=str)
        frame["depth"] = pd.Series([int(r.get("depth", 0)) for r in rows], dtype="int64")
        return self.shown(frame)

    def counts(self, entry_id=None) -> dict:
        answer = self._call("GET", self._path("counts"), params={"entry": entry_id})
        if entry_id is not None:
            return {**dict.fromkeys(STATUSES, 0), **answer}
        return {entry: {**dict.fromkeys(STATUSES, 0), **n} for entry, n in answer.items()}

    # -- requests -------------------------------------------------------------------------------------
    def _rows(self, status, entry_id) -> list[dict]:
        return self._call("GET", self._path(), params={"status": status, "entry": entry_id})

    def _path(self, *parts) -> str:
        return "/".join(["api/comments", quote(self.login), *(quote(p) for p in parts)])

    def _call(self, method, path, data=None, params=None):
        return self.client.call(method, path, data, params=params)


def _comment(data: dict) -> Comment:
    return Comment(*(str(data.get(f, "") or "") for f in FIELDS))


def course_comments(settings, source) -> CourseCommentStore:
    """The comments of the journal whose settings (read from `source`) name a course it joined."""

    client = CourseClient(require_trusted(settings.course.url, source))
    store = CourseCommentStore(client, settings.course.login or client.whoami()["name"], settings)
    own = Path(source).parent / COMMENTS
    if settings.course.own_comments == "beside" and own.is_file() and own.stat().st_size:
        return BesideStore(store, CommentStore(own, settings))
    return store
