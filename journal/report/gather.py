"""Read what a report needs from each journal: its entries and its comment log, as plain rows.

Reading is the slow part of a class report (a notebook per entry), so each journal is read once
into small tuples and everything after that is pandas.

Students are keyed by their journal's folder, not by the login in its journal.toml: copies of one
journal (six `journal demo`s, a journal handed in twice) all claim the same login, and a report
must still count each folder on its own and say which folders clash.
"""

from __future__ import annotations

import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..course.classfolder import login_of
from ..errors import JournalError

ENTRY_COLUMNS = ("student", "entry_id", "date", "words", "citations", "published")
COMMENT_COLUMNS = ("owner", "entry_id", "id", "parent_id", "author_name", "author_email", "author_role",
                   "submitted_at", "status", "status_at", "status_by")
LIVE = ("approved", "pending")          # spam and trash count nowhere, so they are never orphans worth naming
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass
class Gathered:
    """Rows from every journal read, the people they belong to, and the journals that could not be read."""

    students: list[dict] = field(default_factory=list)     # student (the folder's key), login, name, path
    entries: list[tuple] = field(default_factory=list)
    comments: list[tuple] = field(default_factory=list)    # comments on entries that exist
    orphaned: list[tuple] = field(default_factory=list)    # live comments on entries that no longer exist
    feedback: dict = field(default_factory=dict)           # student -> state
    problems: list[str] = field(default_factory=list)      # what could not be read
    warnings: list[str] = field(default_factory=list)      # what was read but needs a tutor's eye


def gather(journals, *, feedback_state=None) -> Gathered:
    """Rows of `journals` (Journal objects); `feedback_state(journal, entries)` gives one student's feedback state."""
    out = Gathered()
    journals = _distinct(journals)
    keys = student_keys([journal.path for journal in journals])
    for journal, student in zip(journals, keys):
        try:
            entries = journal.entries()
        except JournalError as exc:
            out.problems.append(str(exc))
            continue
        out.students.append({"student": student, "login": login_of(journal), "name": journal.author,
                             "path": journal.path})
        for e in entries:
            out.entries.append((student, e.id, e.date, e.words, len(e.citations), e.published))
        store = journal.comments
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")     # a damaged log is reported once, below
            frame = store.frame()
        out.problems.extend(store.problems)
        existing = {e.id for e in entries}
        for row in frame.itertuples(index=False):
            if row.entry_id not in existing and row.status not in LIVE:
                continue
            (out.comments if row.entry_id in existing else out.orphaned).append(
                (student, row.entry_id, row.id, row.parent_id, row.author_name, row.author_email,
                 row.author_role, row.submitted_at, row.status, row.status_at, row.status_by))
        if feedback_state is not None:
            out.feedback[student] = feedback_state(journal, entries)
    out.warnings.extend(login_clashes(out.students))
    return out


def _distinct(journals) -> list:
    """`journals` without repeats: a folder named twice (`--class a a`) is still one student."""
    seen, found = set(), []
    for journal in journals:
        where = journal.path.resolve()
        if where not in seen:
            seen.add(where)
            found.append(journal)
    return found


def student_keys(paths) -> list[str]:
    """One distinct key per journal folder: its name, or as much of its path as tells it apart."""
    paths = list(paths)
    depth = {n: 1 for n in range(len(paths))}
    while True:
        keys = ["/".join(p.parts[-depth[n]:]) for n, p in enumerate(paths)]
        seen = Counter(keys)
        clashing = [n for n, key in enumerate(keys) if seen[key] > 1 and depth[n] < len(paths[n].parts)]
        if not clashing:
            return keys
        for n in clashing:
            depth[n] += 1


def login_clashes(students) -> list[str]:
    """One line per login that several journals claim, naming the folders."""
    folders = defaultdict(list)
    for s in students:
        if s["login"]:
            folders[s["login"]].append(s["student"])
    return [f"{_number(len(found))} journals claim the login {login}: {', '.join(found)}"
            for login, found in folders.items() if len(found) > 1]


def _number(n: int) -> str:
    return NUMBERS[n] if n < len(NUMBERS) else str(n)
