"""Read what a report needs from each journal: its entries and its comment log, as plain rows.

Reading is the slow part of a class report (a notebook per entry), so each journal is read once
into small tuples and everything after that is pandas.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from ..classes import login_of
from ..errors import JournalError

ENTRY_COLUMNS = ("login", "entry_id", "date", "words", "citations", "published")
COMMENT_COLUMNS = ("owner", "entry_id", "id", "parent_id", "author_name", "author_email", "author_role",
                   "submitted_at", "status", "status_at", "status_by")


@dataclass
class Gathered:
    """Rows from every journal read, the people they belong to, and the journals that could not be read."""

    students: list[dict] = field(default_factory=list)     # login, name, path
    entries: list[tuple] = field(default_factory=list)
    comments: list[tuple] = field(default_factory=list)
    feedback: dict = field(default_factory=dict)           # login -> state
    problems: list[str] = field(default_factory=list)


def gather(journals, *, feedback_state=None) -> Gathered:
    """Rows of `journals` (Journal objects); `feedback_state(journal, entries)` gives one student's feedback state."""
    out = Gathered()
    for journal in journals:
        login = login_of(journal)
        try:
            entries = journal.entries()
        except JournalError as exc:
            out.problems.append(str(exc))
            continue
        out.students.append({"login": login, "name": journal.author, "path": journal.path})
        for e in entries:
            out.entries.append((login, e.id, e.date, e.words, len(e.citations), e.published))
        store = journal.comments
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")     # a damaged log is reported once, below
            frame = store.frame()
        out.problems.extend(store.problems)
        for row in frame.itertuples(index=False):
            out.comments.append((login, row.entry_id, row.id, row.parent_id, row.author_name, row.author_email,
                                 row.author_role, row.submitted_at, row.status, row.status_at, row.status_by))
        if feedback_state is not None:
            out.feedback[login] = feedback_state(journal, entries)
    return out
