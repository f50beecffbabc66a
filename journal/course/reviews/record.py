"""A course's review record as a whole (rounds, allocations, reviews) and the rules every change to it keeps.

Both backends read the record, ask it whether a change may be made, then keep the change: so a refusal is
worded the same whichever backend keeps the course.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .model import Allocation, Review, ReviewError, Round


@dataclass
class Record:
    rounds: dict[str, Round] = field(default_factory=dict)          # by name, in the order opened
    allocations: list[Allocation] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    def round(self, name: str) -> Round:
        found = self.rounds.get(name)
        if found is None:
            known = ", ".join(self.rounds) or "none is open"
            raise ReviewError(f"no review round {name!r} (rounds: {known})")
        return found

    def opening(self, round: Round, at: str) -> Round:
        round.check()
        if round.name in self.rounds:
            raise ReviewError(f"a review round {round.name!r} exists already (opened {self.rounds[round.name].opened_at})")
        return replace(round, opened_at=at, closed_at="")

    def closing(self, name: str, at: str) -> Round:
        found = self.round(name)
        if not found.is_open:
            raise ReviewError(f"the review round {name!r} was closed already ({found.closed_at})")
        return replace(found, closed_at=at)

    def adding(self, allocations, at: str) -> list[Allocation]:
        """The allocations not kept yet, stamped `at`; each of an open round."""
        have = {(a.round, *a.key) for a in self.allocations}
        out = []
        for a in allocations:
            if not self.round(a.round).is_open:
                raise ReviewError(f"the review round {a.round!r} is closed: nothing more is allocated in it")
            if (a.round, *a.key) not in have:
                have.add((a.round, *a.key))
                out.append(replace(a, allocated_at=at))
        return out

    def reviewing(self, review: Review, at: str) -> Review:
        """The review stamped `at`, when it answers an allocation of an open round not reviewed yet."""
        found = self.round(review.round)
        if not found.is_open:
            raise ReviewError(f"the review round {review.round!r} is closed")
        key = (review.round, review.reviewer, review.login, review.entry_id)
        if key not in {(a.round, *a.key) for a in self.allocations}:
            raise ReviewError(f"{review.reviewer} was not asked to review {review.login}/{review.entry_id} "
                              f"in the round {review.round!r}")
        if key in {(r.round, r.reviewer, r.login, r.entry_id) for r in self.reviews}:
            raise ReviewError(f"{review.login}/{review.entry_id} has been reviewed in the round {review.round!r} "
                              "by this reviewer already")
        return replace(review, submitted_at=at)

    def of(self, name: str | None, items: list) -> list:
        return [i for i in items if name is None or i.round == name]

    def check_empty(self, where) -> None:
        if self.rounds or self.allocations or self.reviews:
            raise ReviewError(f"{where} holds review rounds already; they were left as they are")
