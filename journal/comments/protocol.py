"""The one contract every comment store meets: the CSV log, the course server's HTTP client, PostgreSQL.

Panels, the CLI, exports and the course server speak only this, so a backend is added without
touching them. Who acts is part of the store (`actor`): in a kernel or the CLI it comes from the
process (JupyterHub user, JOURNAL_ROLE, journal.toml); in the course server it comes from the hub
identity of the request, through `as_actor`, never from anything the client sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import JournalError
from ..roles import MODERATORS, ROLES, current_role, current_user
from . import privacy, rules
from .model import STATUSES

if TYPE_CHECKING:                       # pandas is imported lazily: `journal list` must stay quick
    import pandas as pd

    from .model import Comment


#: The moderation verbs every store offers (Acting's methods of the same names), and what each did, as the log's
#: reasons, the pages and the panels say it.
MODERATION = {"approve": "approved", "spam": "marked as spam", "trash": "moved to the trash", "restore": "restored"}
#: The verbs a comment in each status offers, in the order the buttons show them.
OFFERED = {"pending": ("approve", "spam", "trash"), "approved": ("spam", "trash"), "spam": ("restore", "trash"),
           "trash": ("restore",)}
#: What the moderation panels offer on each comment of a status, in button order: the verbs, a reply where a
#: reply is published (it approves a pending comment), and an edit of the text where readers see or may see it.
PANEL_ACTIONS = {**OFFERED, "pending": (*OFFERED["pending"], "reply", "edit"),
                 "approved": ("reply", "edit", *OFFERED["approved"])}
#: Deleting for good: only from the trash, all at once, and recorded in the log as a tombstone.
DELETED = "deleted for good"


def moderator_name(store) -> str:
    """How a moderator signs a reply on `store` (any store of this contract): the author by the journal's author
    name, a tutor by their login."""
    actor = store.actor
    if actor.role == "author":
        return store.settings.author
    return actor.user or actor.role.title()


def status_totals(counts: dict) -> dict:
    """{status: n} over every entry, from a store's `counts()`: the one sum every panel and the sidebar show."""
    totals = dict.fromkeys(STATUSES, 0)
    for per_entry in counts.values():
        for status in STATUSES:
            totals[status] += per_entry.get(status, 0)
    return totals


@dataclass(frozen=True)
class Actor:
    """Who is acting on a store: a login (recorded as `status_by`) and a role (peer, author, tutor)."""

    user: str
    role: str


def checked_actor(actor) -> Actor:
    """`actor`, when it is an Actor in a known role; JournalError otherwise (every store's `as_actor`)."""
    if not isinstance(actor, Actor) or actor.role not in ROLES:
        raise JournalError(f"an actor's role must be one of {', '.join(ROLES)}, not {actor!r}")
    return actor


class Acting:
    """Who acts on a store, for every backend: the actor it was made for (`_actor`, as `as_actor` gives),
    else this process's user and role (JupyterHub user, JOURNAL_ROLE, journal.toml), looked up at each call.
    And the moderation verbs, each the backend's `_moderate(cid, status, kind)`."""

    _actor: Actor | None = None
    settings: object
    #: Whether `empty_trash` deletes for good here; a store that keeps every comment says False.
    empties_trash: bool = False

    @property
    def actor(self) -> Actor:
        if self._actor is not None:
            return self._actor
        return Actor(current_user(), current_role(self.settings))

    @property
    def role(self) -> str:
        return self.actor.role

    @property
    def for_person(self) -> bool:
        """Made for one person (`as_actor`, as a course server's request is), rather than acting as this process;
        refusals word who acts accordingly."""
        return self._actor is not None

    @property
    def can_moderate(self) -> bool:
        """Whether this store may approve, spam, trash, restore or edit (the author and tutors may)."""
        return self.role in MODERATORS

    def require_moderator(self) -> str:
        """The acting role, or ModerationRefused for a peer."""
        return rules.check_moderator(self.role, person=self.for_person)

    def shown(self, value):
        """A Comment or a frame of comments as the acting role may read it (`privacy.shown`): every backend's
        `get`, `frame` and `thread` answer through this."""
        return privacy.shown(value, self.role)

    def approve(self, cid) -> "Comment":
        return self._moderate(cid, "approved", "approve")

    def spam(self, cid) -> "Comment":
        return self._moderate(cid, "spam", "spam")

    def trash(self, cid) -> "Comment":
        return self._moderate(cid, "trash", "trash")

    def restore(self, cid) -> "Comment":
        """Take a comment out of spam or trash, back to the status it had before."""
        return self._moderate(cid, None, "restore")

    def empty_trash(self) -> int:
        """Delete every comment in the trash for good; how many. A store that keeps them refuses."""
        self.require_moderator()
        raise JournalError(f"{self!r} keeps the comments in its trash: they cannot be deleted for good here")


@runtime_checkable
class CommentStoreProtocol(Protocol):
    """Every comment of one journal; refusals raise CommentRefused, ModerationRefused or CommentNotFound."""

    settings: object                    # the journal's Settings (moderation rules, thread depth)
    problems: list[str]                 # damage found while reading, worded for the user

    @property
    def actor(self) -> Actor: ...

    @property
    def role(self) -> str: ...

    @property
    def for_person(self) -> bool: ...

    @property
    def can_moderate(self) -> bool: ...

    empties_trash: bool                 # whether empty_trash() deletes for good (else it refuses)

    def as_actor(self, actor: Actor) -> "CommentStoreProtocol":
        """The same comments, acted on by `actor` (the course server's per-request view)."""

    def refresh(self) -> None:
        """Take in what others wrote since the last read."""

    def stamp(self) -> tuple | None:
        """A cheap token that changes whenever the comments change (a cache's key); None when the store cannot
        tell cheaply, and a cache must compare what it answers."""

    def feedback(self, criteria) -> "FeedbackStoreProtocol":
        """Tutors' feedback on this journal, kept by the same backend and acting as this store acts;
        `criteria` is the course's rubric and comment bank (FeedbackSettings)."""

    # -- writing
    def submit(self, entry_id, *, name, body, email=None, reply_to=None, role=None) -> "Comment": ...
    def approve(self, cid) -> "Comment": ...
    def spam(self, cid) -> "Comment": ...
    def trash(self, cid) -> "Comment": ...
    def restore(self, cid) -> "Comment": ...
    def edit(self, cid, body) -> "Comment": ...
    def empty_trash(self) -> int: ...
    def require_moderator(self) -> str: ...

    # -- reading
    def get(self, cid, missing_ok=False) -> "Comment | None": ...
    def history(self, cid) -> list[dict]: ...
    def __len__(self) -> int: ...
    def frame(self, status=None, entry_id=None) -> "pd.DataFrame": ...
    def thread(self, entry_id) -> "pd.DataFrame": ...
    def counts(self, entry_id=None) -> dict: ...


@runtime_checkable
class FeedbackStoreProtocol(Protocol):
    """Tutors' feedback on one journal, kept by the same backend as its comments.

    Every comment store offers it as `store.feedback(criteria) -> FeedbackStoreProtocol`, acting as the
    comment store acts. Readers see what `journal.feedback.store.visible` allows: tutors every piece, the
    author released pieces, peers nothing. Writing is for tutors (ModerationRefused otherwise).
    """

    criteria: object                    # FeedbackSettings: the rubric and the comment bank

    @property
    def actor(self) -> Actor: ...

    def list(self, entry_id=None, *, status=None) -> list: ...
    def get(self, fid): ...
    def history(self, fid) -> list[dict]: ...
    def state(self, entry) -> str: ...
    def add(self, entry_id, body, *, rubric=None, snapshot: str = "", sha256: str = "", release: bool = False): ...
    def revise(self, fid, *, body=None, rubric=None, sha256=None): ...
    def release(self, fids) -> list: ...
    def recall(self, fids) -> list: ...
    def require_tutor(self) -> None: ...
