"""Feedback across a class: choose pieces by student, tag or date range; the gradebook rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..course.classfolder import feedback_settings, login_of
from .store import total


@dataclass
class Piece:
    """One piece of feedback with the journal and entry it is on."""

    journal: object
    feedback: object
    entry: object = None                # None for feedback on the whole journal

    @property
    def login(self) -> str:
        return login_of(self.journal)

    @property
    def label(self) -> str:
        return self.entry.title if self.entry is not None else "(whole journal)"


def pieces(journals, *, student=None, tag=None, date_from: dt.date | None = None, date_to: dt.date | None = None,
           status=None, ids=()) -> list[Piece]:
    """Feedback the reader may see in `journals`, narrowed by each filter given."""
    wanted = set(ids)
    out = []
    for journal in journals:
        if student and login_of(journal) != student:
            continue
        entries = {e.id: e for e in journal.entries()}
        for fb in journal.feedback.list(status=status):
            if wanted and fb.id not in wanted:
                continue
            entry = entries.get(fb.entry_id)
            if (tag or date_from or date_to) and entry is None:
                continue
            if tag and tag not in entry.tags:
                continue
            if date_from and entry.date < date_from or date_to and entry.date > date_to:
                continue
            out.append(Piece(journal, fb, entry))
    return out


def gradebook(journals) -> tuple[list[str], list[list]]:
    """(header, rows) for an LMS gradebook: one row per student with their latest rubric levels and total.

    Released and held feedback both count (the tutor is marking); recalled feedback does not.
    """
    criteria_names: list[str] = []
    rows = []
    for journal in journals:
        criteria = feedback_settings(journal)
        for c in criteria.criteria:
            if c["name"] not in criteria_names:
                criteria_names.append(c["name"])
        titles = {e.id: e.title for e in journal.entries()}
        live = [f for f in journal.feedback.list() if f.status != "recalled"]
        graded = [f for f in live if f.rubric]
        latest = graded[-1] if graded else None
        login = login_of(journal)
        person = journal.settings.notify.people.get(login, {})
        text = "\n\n".join(f"{titles.get(f.entry_id, 'Whole journal') if f.entry_id else 'Whole journal'}: {f.body}"
                           for f in live)
        rows.append((login, person.get("email", ""), latest, total(latest, criteria) if latest else "", text))
    header = ["login", "email", *criteria_names, "total", "feedback"]
    out = [[login, email, *[(fb.rubric.get(n, "") if fb else "") for n in criteria_names], tot, text]
           for login, email, fb, tot, text in rows]
    return header, out
