"""A review round run against a course: which entries it reviews, who can review, allocating, pseudonyms.

The course store gives the entries and keeps the record; the caller says who is in which group
(`Access.groups_of`), so the same run serves `journal course review allocate` and the server.
"""

from __future__ import annotations

from typing import Callable

from ...comments.rules import PSEUDONYM
from .allocation import Plan, allocate
from .completion import open_entries, still_asked
from .model import Round, ReviewError


def eligible(store, round: Round) -> list[tuple[str, str]]:
    """(login, entry_id) of every entry the round reviews: shared to peers, not withdrawn, its tag or dates."""
    return sorted((e.login, e.entry_id) for e in store.entries() if round.selects(e))


def students(store, access) -> list[str]:
    """Everyone who can be asked to review: the roster's people and everyone who has shared, tutors left out."""
    people = set(store.journals()) | set(access.names())
    return sorted(p for p in people if p not in access.settings.tutors)


def check_tag(store, tag: str) -> str:
    """The tag, when some shared entry carries it; else one line naming it and the tags in use."""
    tags = sorted({t for e in store.entries() for t in e.tags})
    if tag not in tags:
        raise ReviewError(f"no shared entry has the tag {tag!r} (tags in use: {', '.join(tags) or 'none'})")
    return tag


def run(store, name: str, groups_of: Callable[[str], frozenset], people: list[str]) -> Plan:
    """Allocate what the round `name` still needs and keep it; the Plan says what was added and what fell short."""
    reviews = store.reviews
    round = reviews.round(name)
    if not round.is_open:
        raise ReviewError(f"the review round {name!r} is closed: nothing more is allocated in it")
    # An allocation of an entry since withdrawn (or narrowed to tutors), not reviewed, is no one's load.
    existing = still_asked(reviews.record(), name, open_entries(store))
    plan = allocate(round, eligible(store, round), people, groups_of, existing)
    plan.added = reviews.allocate(plan.added)
    return plan


def shortfall(round: Round, plan: Plan) -> list[str]:
    """One line per entry that could not be given the round's number of reviewers."""
    return [f"{login}/{entry_id}: {got} of {round.reviewers} reviewers (no more eligible reviewer: "
            f"{'none shares a group with the author' if round.groups == 'within' else 'too few people'})"
            for (login, entry_id), got in sorted(plan.short.items())]


def pseudonym(allocations, reviewer: str, login: str, entry_id: str) -> str:
    """"Reviewer N" for `reviewer` on this entry: N is their place among the entry's reviewers in the round,
    in the order they were allocated (which the round's seed decides, not their names)."""
    on = [a.reviewer for a in allocations if (a.login, a.entry_id) == (login, entry_id)]
    return PSEUDONYM.format(n=on.index(reviewer) + 1)
