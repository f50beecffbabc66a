"""The scores of the course's gradebook items (`[grades]`), student by student.

A participation item counts from the participation report (the same numbers a tutor reads there): points per
entry shared and per comment given on a peer's entry, plus per review done in the course's review rounds (as the
tutor page counts them: reviews.completion); capped at the item's maximum. A rubric item takes the released feedback on the student's entries
with the item's tag: the levels reached as a share of the top levels, times the maximum. Held or recalled
feedback never counts; a student with no released feedback there has no score yet (None).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...feedback.store import total
from ...report import build_report
from ...report.course import SharedJournal, course_journals
from ..reviews.completion import of_course


@dataclass(frozen=True)
class Counts:
    shared: int = 0
    comments: int = 0
    reviews: int = 0


def participation(item, counts: Counts) -> float:
    points = item.shared * counts.shared + item.comments * counts.comments + item.reviews * counts.reviews
    return round(min(float(item.maximum), points), 2)


def rubric_share(pieces, criteria) -> float | None:
    """Levels reached over the top levels, across the rated criteria of `pieces`; None when none is rated."""
    reached = top = 0
    for fb in pieces:
        rated = [name for name, level in fb.rubric.items() if level in criteria.levels(name)]
        reached += total(fb, criteria)
        top += sum(len(criteria.levels(name)) for name in rated)
    return reached / top if top else None


def rubric(item, pieces, criteria) -> float | None:
    share = rubric_share(pieces, criteria)
    return None if share is None else round(item.maximum * share, 2)


def class_counts(store, tutor: str, names=None) -> dict[str, Counts]:
    """Entries shared and comments given, per journal, as the participation report counts them, and reviews
    done, per person (a reviewer may have no journal in the course). `names` (login -> name, the roster's) are
    what a comment's author is known by: the report counts a comment as given by the journal whose keeper's
    name (or login) the comment carries."""
    reviews = {login: c.given for login, c in of_course(store).items()}
    journals = course_journals(store, tutor, names=names)
    students = build_report(journals).students if journals else None
    counts = {} if students is None else {
        row["student"]: Counts(int(row["entries"]), int(row["given"]), reviews.get(row["student"], 0))
        for _, row in students.iterrows()}
    return {**{login: Counts(reviews=n) for login, n in reviews.items()}, **counts}


def released_on_tag(store, login: str, tutor: str, tag: str) -> list:
    """The released feedback on `login`'s entries tagged `tag` (as a tutor reads it)."""
    tagged = {e.entry_id for e in store.entries(login) if tag in e.tags}
    journal = SharedJournal(store, login, tutor)
    return [fb for fb in journal.feedback.list(status="released") if fb.entry_id in tagged]


def scores(store, items: dict, students: list[str], tutor: str, names=None) -> dict[str, dict[str, float | None]]:
    """{item name: {login: score or None}} for every item and every student of the roster (`names`: its names)."""
    counts = class_counts(store, tutor, names) if any(not i.rubric for i in items.values()) else {}
    journals = set(store.journals())
    out = {}
    for name, item in items.items():
        if item.rubric:
            criteria = store.settings.feedback
            out[name] = {login: rubric(item, released_on_tag(store, login, tutor, item.tag), criteria)
                         if login in journals else None for login in students}
        else:
            out[name] = {login: participation(item, counts.get(login, Counts())) for login in students}
    return out
