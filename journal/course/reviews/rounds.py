"""A review round run against a course: which entries it reviews, who can review, allocating, pseudonyms.

The course store gives the entries and keeps the record; the caller says who is in which group
(`Access.groups_of`), so the same run serves `journal course review allocate` and the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...comments.rules import PSEUDONYM
from .allocation import Plan, allocate
from .completion import completion, open_entries, still_asked
from .model import Round, ReviewError


def eligible(store, round: Round) -> list[tuple[str, str]]:
    """(login, entry_id) of every entry the round reviews: shared to peers, not withdrawn, its tag or dates."""
    return sorted((e.login, e.entry_id) for e in store.entries() if round.selects(e))


def students(store, access) -> list[str]:
    """Everyone who can be asked to review: the roster's people and everyone who has shared, tutors left out."""
    people = set(store.journals()) | set(access.names())
    return sorted(p for p in people if p not in access.settings.tutors)


def tags_in_use(store) -> list[str]:
    """Every tag some shared entry carries: what a round can be opened on."""
    return sorted({t for e in store.entries() for t in e.tags})


def check_tag(store, tag: str) -> str:
    """The tag, when some shared entry carries it; else one line naming it and the tags in use."""
    tags = tags_in_use(store)
    if tag not in tags:
        raise ReviewError(f"no shared entry has the tag {tag!r} (tags in use: {', '.join(tags) or 'none'})")
    return tag


def open_round(store, round: Round) -> Round:
    """Keep a new round after checking it (its tag in use by some shared entry): the CLI and the tutor page."""
    round.check()
    if round.tag:
        check_tag(store, round.tag)
    return store.reviews.open_round(round)


@dataclass(frozen=True)
class Progress:
    """One round at a glance: its reviews given of those asked, and how many are late."""

    round: Round
    given: int
    asked: int
    late: int

    @property
    def entries(self) -> str:
        """Which entries the round reviews, in words."""
        r = self.round
        return f"tag {r.tag}" if r.tag else f"{r.date_from} to {r.date_to}"


def progress(store) -> list[Progress]:
    """Every round of the course with its completion, counting only entries still open to review."""
    record, live = store.reviews.record(), open_entries(store)
    out = []
    for round in record.rounds.values():
        people = completion(record, round.name, live=live).values()
        out.append(Progress(round, sum(p.given for p in people), sum(p.asked for p in people),
                            sum(p.late for p in people)))
    return out


def run(store, name: str, groups_of: Callable[[str], frozenset], people: list[str]) -> Plan:
    """Allocate what the round `name` still needs and keep it; the Plan says what was added and what fell short."""
    reviews = store.reviews
    round = reviews.round(name)
    if not round.is_open:
        raise ReviewError(f"the review round {name!r} is closed: nothing more is allocated in it")
    # An allocation of an entry since withdrawn (or narrowed to tutors), not reviewed, is no one's load.
    existing = still_asked(reviews.record(), name, open_entries(store))
    group_only = [(e.login, e.entry_id) for e in store.entries() if e.visibility == "group"]
    plan = allocate(round, eligible(store, round), people, groups_of, existing, group_only)
    plan.added = reviews.allocate(plan.added)
    return plan


def shortfall(round: Round, plan: Plan) -> list[str]:
    """One line per entry that could not be given the round's number of reviewers."""
    def why(key) -> str:
        if key in plan.group_only and round.groups != "within":
            return "it is shared with the author's tutor group alone, and too few of them are left"
        return "none shares a group with the author" if round.groups == "within" else "too few people"
    return [f"{login}/{entry_id}: {got} of {round.reviewers} reviewers (no more eligible reviewer: "
            f"{why((login, entry_id))})" for (login, entry_id), got in sorted(plan.short.items())]


def allocated(store, name: str, plan: Plan) -> list[str]:
    """What an allocation run did, in lines: how many reviews it added, then each entry that fell short."""
    total = len(store.reviews.allocations(name))
    return ([f"Allocated {len(plan.added)} review{'s' if len(plan.added) != 1 else ''} in the round {name} "
             f"({total} in all)."] + [f"short: {line}" for line in shortfall(store.reviews.round(name), plan)])


def pseudonym(allocations, reviewer: str, login: str, entry_id: str) -> str:
    """"Reviewer N" for `reviewer` on this entry: N is their place among the entry's reviewers in the round,
    in the order they were allocated (which the round's seed decides, not their names)."""
    on = [a.reviewer for a in allocations if (a.login, a.entry_id) == (login, entry_id)]
    return PSEUDONYM.format(n=on.index(reviewer) + 1)
