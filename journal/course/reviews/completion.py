"""Who has done what in the course's review rounds: per person, reviews given (of those asked), received, late.

A review is late when submitted after its round's due date; an allocation not reviewed is late once
the due date has passed. The tutor page and the participation report call `completion`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .record import Record


@dataclass
class Completion:
    asked: int = 0              # allocations: reviews this person was asked to give
    given: int = 0              # reviews they gave
    received: int = 0           # reviews on their entries
    late: int = 0               # reviews given after the due date, and ones still owed once it has passed


def completion(record: Record, name: str | None = None, today: str | None = None) -> dict[str, Completion]:
    """login -> Completion, over one round or every round; `today` (ISO date) decides what is overdue."""
    today = today or dt.date.today().isoformat()
    out: dict[str, Completion] = {}
    done = {(r.round, r.reviewer, r.login, r.entry_id): r for r in record.of(name, record.reviews)}
    for a in record.of(name, record.allocations):
        round = record.round(a.round)
        person = out.setdefault(a.reviewer, Completion())
        person.asked += 1
        review = done.get((a.round, *a.key))
        if review is None:
            person.late += today > round.due
            continue
        person.given += 1
        person.late += round.late(review.submitted_at)
        out.setdefault(a.login, Completion()).received += 1
    return out
