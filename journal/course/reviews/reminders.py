"""Reviews a reviewer still owes, for their digest: open rounds, before the due date, entries they can read.

A reminder names the entry by its title and, unless the round is anonymous, its author by name: what the
reviewer's own "To review" page shows them, never more. An entry withdrawn, narrowed, or no longer within
the reviewer's reach (they moved group) is not mentioned.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import SettingsError
from ..access import Access
from ..backends import open_store
from .completion import open_entries
from .model import Allocation, Round


@dataclass(frozen=True)
class Reminder:
    round: Round
    allocation: Allocation
    title: str
    author: str                     # the author's name; '' in an anonymous round

    @property
    def key(self) -> str:
        """The digest event: one per allocation, so each reminder can be told from the others."""
        a = self.allocation
        return f"review:{a.round}:{a.login}/{a.entry_id}"


def reminders(store, access: Access, today: str) -> dict[str, list[Reminder]]:
    """reviewer login -> the reviews they still owe in open rounds due today or later."""
    record = store.reviews.record()
    live = open_entries(store)
    shared = {(e.login, e.entry_id): e for e in store.entries()}
    done = {(r.round, r.reviewer, r.login, r.entry_id) for r in record.reviews}
    out: dict[str, list[Reminder]] = {}
    for a in record.allocations:
        round, entry = record.round(a.round), shared.get((a.login, a.entry_id))
        if (not round.is_open or today > round.due or (a.round, *a.key) in done or entry is None
                or (a.login, a.entry_id) not in live
                or not access.may_read_entry(access.person(a.reviewer), "peer", entry)):
            continue
        author = "" if round.anonymous else access.author_of(store, a.login)
        out.setdefault(a.reviewer, []).append(Reminder(round, a, entry.title, author))
    return out


def of_folder(folder, today: str) -> dict[str, list[Reminder]]:
    """`reminders` of the course in `folder`, its groups from the roster and course.toml; none for a tutor's
    class folder that is not a course (no course.toml with a title: it has no review rounds)."""
    try:
        store = open_store(folder)
    except SettingsError:
        return {}
    return reminders(store, Access.of_folder(folder, store.settings), today)
