"""Who has done what in the course's review rounds: per person, reviews given (of those asked), received, late.

A review is late when submitted after its round's due date; an allocation not reviewed is late once
the due date has passed. An allocation whose entry has since been withdrawn, or narrowed to tutors, asks
nothing more of its reviewer (a review given before still counts). The tutor page, the "To review" page,
the participation report and the gradebook's `reviews` weight all count through `completion`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import open_to_peers
from .record import Record


@dataclass
class Completion:
    asked: int = 0              # allocations: reviews this person was asked to give
    given: int = 0              # reviews they gave
    received: int = 0           # reviews on their entries
    late: int = 0               # reviews given after the due date, and ones still owed once it has passed


def open_entries(store) -> set[tuple[str, str]]:
    """(login, entry_id) of the course's entries peers may still review."""
    return {(e.login, e.entry_id) for e in store.entries() if open_to_peers(e)}


def still_asked(record: Record, name: str | None, live: set | None) -> list:
    """The allocations (of one round, or all) that still ask something or were answered: those of entries in
    `live` (None: all), and every one reviewed."""
    if live is None:
        return record.of(name, record.allocations)
    done = {(r.round, r.reviewer, r.login, r.entry_id) for r in record.of(name, record.reviews)}
    return [a for a in record.of(name, record.allocations) if (a.login, a.entry_id) in live or (a.round, *a.key) in done]


def completion(record: Record, name: str | None = None, today: str | None = None,
               live: set | None = None) -> dict[str, Completion]:
    """login -> Completion, over one round or every round; `today` (ISO date) decides what is overdue;
    `live` (`open_entries`) the entries still open to review (None: every allocated one)."""
    today = today or dt.date.today().isoformat()
    out: dict[str, Completion] = {}
    done = {(r.round, r.reviewer, r.login, r.entry_id): r for r in record.of(name, record.reviews)}
    for a in still_asked(record, name, live):
        round = record.round(a.round)
        review = done.get((a.round, *a.key))
        person = out.setdefault(a.reviewer, Completion())
        person.asked += 1
        if review is None:
            person.late += today > round.due
            continue
        person.given += 1
        person.late += round.late(review.submitted_at)
        out.setdefault(a.login, Completion()).received += 1
    return out


def of_course(store, name: str | None = None, today: str | None = None) -> dict[str, Completion]:
    """`completion` over the course `store`'s record, counting only entries still open to review."""
    return completion(store.reviews.record(), name, today, open_entries(store))
