"""What each person's digest says, built only from what that person may see.

- A journal's author: comments awaiting their approval and new replies by others, on their own
  entries, and feedback released to them. Nothing from any other journal is ever read for them, but
  the reviews they still owe in the course's open rounds (`course.reviews.reminders`), as their own
  "To review" page lists them: each digest period until done or due.
- A tutor: a participation summary of the class (counts, who has not posted, who never commented),
  never comment bodies.
Each item is an event with a stable key; the outbox remembers keys already mailed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from references.dates import long_date

from ..comments.text import excerpt
from ..course.classfolder import login_of
from ..report import build_report


@dataclass
class Digest:
    """One message to one person."""

    login: str
    email: str
    subject: str
    body: str
    period: str                          # the day or ISO week this digest belongs to
    events: list = field(default_factory=list)
    outbox: Path | None = None           # the folder whose outbox records it

    @property
    def message_id(self) -> str:
        """The same for the same person and events, so a message sent again is recognisable as the same."""
        key = hashlib.sha256(f"{self.login}\n{' '.join(sorted(self.events))}".encode()).hexdigest()[:32]
        return f"<{key}@reflective-journal>"


def period(frequency: str, now: dt.datetime) -> str:
    """The day (daily) or ISO week (weekly) `now` falls in.

    >>> period("daily", dt.datetime(2026, 11, 26)), period("weekly", dt.datetime(2026, 11, 26))
    ('2026-11-26', '2026-W48')
    """
    if frequency == "daily":
        return now.date().isoformat()
    year, week, _ = now.isocalendar()
    return f"{year}-W{week:02d}"


def author_items(journal, mailed: set[str]) -> list[tuple[str, str, str]]:
    """(section, event key, line) of what is new for the journal's author."""
    store = journal.comments
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = store.frame()
    titles = {e.id: e.title for e in journal.entries()}
    items = []
    for row in frame.itertuples(index=False):
        title = titles.get(row.entry_id, row.entry_id)
        if row.status == "pending":
            key = f"pending:{row.id}"
            line = f"“{title}”: {row.author_name} wrote: {excerpt(row.body)}"
            section = "Comments awaiting your approval"
        elif row.status == "approved" and row.parent_id and row.author_role != "author":
            key = f"reply:{row.id}"
            line = f"“{title}”: {row.author_name} replied: {excerpt(row.body)}"
            section = "New replies on your entries"
        else:
            continue
        if key not in mailed:
            items.append((section, key, line))
    for key, line in _released_feedback(journal):
        if key not in mailed:
            items.append(("Feedback from your tutor", key, line))
    return items


def _released_feedback(journal):
    """(event key, line) of each piece of feedback released to the author; held and recalled pieces never.

    The key carries the release time, so feedback recalled and released again is news again.
    """
    store = journal.feedback
    if store is None:
        return []
    titles = {e.id: e.title for e in journal.entries()}
    out = []
    for fb in store.list(status="released"):
        on = f"“{titles.get(fb.entry_id, fb.entry_id)}”" if fb.entry_id else "your journal"
        out.append((f"feedback:{fb.id}:{fb.status_at}", f"{on}: {excerpt(fb.body)}"))
    return out


def review_items(owed, when: str, mailed: set[str]) -> list[tuple[str, str, str]]:
    """(section, event key, line) of each review still owed (reminders.Reminder), once per digest period."""
    items = []
    for r in owed:
        by = f" by {r.author}" if r.author else ""
        line = f"“{r.title}”{by}, round {r.round.name}, due {long_date(r.round.due)}"
        key = f"{r.key}:{when}"
        if key not in mailed:
            items.append(("Reviews to do", key, line))
    return items


def author_digest(journal, email: str, frequency: str, now: dt.datetime, mailed: set[str],
                  owed=()) -> Digest | None:
    items = author_items(journal, mailed) + review_items(owed, period(frequency, now), mailed)
    if not items:
        return None
    sections: dict[str, list[str]] = {}
    for section, _, line in items:
        sections.setdefault(section, []).append(line)
    counts = ", ".join(_count(name, len(lines)) for name, lines in sections.items())
    body = [f"Hello {journal.author},", "", f"News from your journal “{journal.title}”:", ""]
    for name, lines in sections.items():
        body += [f"{name} ({len(lines)}):", *[f"  - {line}" for line in lines], ""]
    body += [f"Open {journal.path.name} in JupyterLab to moderate and reply"
             + (", and the course's To review page to post your reviews." if owed else "."), "",
             f"You get this {frequency} digest because of [notify.people] in journal.toml."]
    return Digest(login_of(journal), email, f"Your journal: {counts}", "\n".join(body),
                  period(frequency, now), [key for _, key, _ in items], journal.path)


def tutor_digest(login: str, email: str, frequency: str, now: dt.datetime, journals, folder: Path,
                 mailed: set[str], quiet_days: int = 7) -> Digest | None:
    when = period(frequency, now)
    key = f"summary:{when}"
    if key in mailed or not journals:
        return None
    report = build_report(journals, as_of=now.date(), quiet_days=quiet_days)
    s = report.students
    names = dict(zip(s["student"], s["name"]))
    body = [f"Participation of {len(s)} students as of {now.date().isoformat()}:", "",
            f"  entries: {int(s['entries'].sum())}, words: {int(s['words'].sum())}, "
            f"comments given: {int(s['given'].sum())}, pending: {int(s['pending'].sum())}", "",
            f"Not posted in {quiet_days} days ({len(report.not_posted)}):",
            *[f"  - {names[x]} ({x})" for x in report.not_posted], "",
            f"Never commented on a peer ({len(report.never_commented)}):",
            *[f"  - {names[x]} ({x})" for x in report.never_commented], "",
            "The full report with plots: journal report --class " + str(folder)]
    return Digest(login, email, f"Participation summary: {len(report.not_posted)} not posted in {quiet_days} days",
                  "\n".join(body), when, [key], folder)


SHORT = {"Comments awaiting your approval": ("comment awaiting approval", "comments awaiting approval"),
         "New replies on your entries": ("new reply", "new replies"),
         "Feedback from your tutor": ("piece of feedback released", "pieces of feedback released"),
         "Reviews to do": ("review to do", "reviews to do")}


def _count(section: str, n: int) -> str:
    """
    >>> _count("New replies on your entries", 1), _count("New replies on your entries", 2)
    ('1 new reply', '2 new replies')
    """
    one, many = SHORT[section]
    return f"{n} {one if n == 1 else many}"


