"""A review round, an allocation and a review as the course keeps them, and the contract of their store.

Every field is plain data (text, numbers, booleans), so both backends keep them alike and
`journal course migrate` compares them by checksum.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ...comments.model import iso, utc_now
from ...errors import JournalError
from ...feedback.settings import FeedbackSettings

if TYPE_CHECKING:
    from .record import Record

#: Who may review an entry: anyone, only people sharing a group with its author, only people sharing none.
GROUPINGS = ("any", "within", "across")
#: The visibilities whose entries peers can be asked to review (a `tutors` entry is for tutors alone).
REVIEWABLE = ("group", "course")
ROUND_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class ReviewError(JournalError):
    """A review round cannot do what was asked: an unknown round, a closed one, a review nobody was asked for."""


def now() -> str:
    """When a round opens or closes, an allocation is made or a review done, as both backends record it."""
    return iso(utc_now())


def open_to_peers(shared) -> bool:
    """Whether a shared entry (SharedEntry) is one peers may be asked to review: not withdrawn, and shared
    wider than to tutors. An entry withdrawn or narrowed after it was allocated is reviewed by nobody."""
    return not shared.withdrawn and shared.visibility in REVIEWABLE


def check_round_name(name) -> str:
    if not isinstance(name, str) or not ROUND_NAME.match(name):
        raise ReviewError(f"{name!r} is not a round name (1 to 64 letters, digits, '.', '_' or '-', "
                          "starting with a letter or digit)")
    return name


def check_date(text, what: str) -> str:
    """An ISO date (YYYY-MM-DD) as given, or ReviewError naming `what`."""
    try:
        dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ReviewError(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None
    return text


class ReviewSettings(FeedbackSettings):
    """`[review]` in course.toml: `criteria` a review may give levels for, as [feedback]'s rubric is written."""

    TABLE = "review"


@dataclass(frozen=True)
class Round:
    """A review round: which entries (a tag, or the dates from..to, inclusive), how many reviewers each,
    from where, and when it is due. `closed_at` is '' while it is open."""

    name: str
    reviewers: int
    due: str                            # ISO date: reviews after its end are late
    tag: str = ""
    date_from: str = ""
    date_to: str = ""
    groups: str = "any"                 # one of GROUPINGS
    anonymous: bool = False
    skip_moderation: bool = False
    opened_at: str = ""
    closed_at: str = ""

    def check(self) -> "Round":
        check_round_name(self.name)
        if not isinstance(self.reviewers, int) or isinstance(self.reviewers, bool) or self.reviewers < 1:
            raise ReviewError(f"round {self.name}: the number of reviewers must be 1 or more, not {self.reviewers!r}")
        if self.groups not in GROUPINGS:
            raise ReviewError(f"round {self.name}: groups must be one of {', '.join(GROUPINGS)}, not {self.groups!r}")
        if bool(self.tag) == bool(self.date_from or self.date_to):
            raise ReviewError(f"round {self.name}: give either a tag or the dates from and to, not both or neither")
        if not self.tag:
            if not (self.date_from and self.date_to):
                raise ReviewError(f"round {self.name}: give both dates, from and to")
            check_date(self.date_from, f"round {self.name}, from")
            check_date(self.date_to, f"round {self.name}, to")
            if self.date_from > self.date_to:
                raise ReviewError(f"round {self.name}: from {self.date_from} is after to {self.date_to}")
        check_date(self.due, f"round {self.name}, due")
        return self

    @property
    def is_open(self) -> bool:
        return not self.closed_at

    def selects(self, shared) -> bool:
        """Whether a shared entry (SharedEntry) is one this round reviews: open to peers (`open_to_peers`),
        with the round's tag or dated within its dates."""
        if not open_to_peers(shared):
            return False
        if self.tag:
            return self.tag in shared.tags
        return self.date_from <= shared.date[:10] <= self.date_to

    def late(self, at: str) -> bool:
        """Whether something done at `at` (an ISO timestamp) is after the due date's end."""
        return at[:10] > self.due


@dataclass(frozen=True)
class Allocation:
    """`reviewer` is asked to review `login`'s entry `entry_id` in `round`."""

    round: str
    reviewer: str
    login: str
    entry_id: str
    allocated_at: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.reviewer, self.login, self.entry_id


@dataclass(frozen=True)
class Review:
    """A review done: the comment it is (in `login`'s journal), the levels given, when. `reviewer` is the
    real login, kept here and nowhere a non-tutor reads (the comment of an anonymous round carries a pseudonym)."""

    round: str
    reviewer: str
    login: str
    entry_id: str
    comment_id: str
    levels: dict = field(default_factory=dict)
    submitted_at: str = ""


def as_record(item) -> dict:
    """A Round, Allocation or Review as one JSON object with its kind."""
    return {"kind": type(item).__name__.lower(), **asdict(item)}


KINDS = {cls.__name__.lower(): cls for cls in (Round, Allocation, Review)}


@runtime_checkable
class ReviewStoreProtocol(Protocol):
    """A course's review rounds, their allocations and the reviews done (`store.reviews` on every course store).

    Nothing stored is ever changed but a round's closing: allocations and reviews are only added.
    """

    def record(self) -> "Record":
        """The whole record as it is now (reviews.record.Record)."""

    def open_round(self, round: Round) -> Round:
        """Keep a new round (opened now); ReviewError when one of that name exists."""

    def close_round(self, name: str) -> Round:
        """Close an open round (closed now); ReviewError for an unknown or closed one."""

    def rounds(self) -> list[Round]:
        """Every round, in the order they were opened."""

    def round(self, name: str) -> Round:
        """One round; ReviewError naming it when there is none."""

    def allocate(self, allocations: list[Allocation]) -> list[Allocation]:
        """Keep new allocations (allocated now, all at once); those already kept are left as they are."""

    def allocations(self, name: str | None = None) -> list[Allocation]:
        """The allocations (of one round, or of all), in the order they were made."""

    def add_review(self, review: Review) -> Review:
        """Keep a review done (submitted now) for an allocation of an open round."""

    def reviews(self, name: str | None = None) -> list[Review]:
        """The reviews done (in one round, or in all), in the order they were submitted."""

    def load(self, rounds: list[Round], allocations: list[Allocation], reviews: list[Review]) -> None:
        """Keep a whole record as it is, into a store holding none (`journal course migrate`)."""
