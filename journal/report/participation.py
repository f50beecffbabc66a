"""The participation tables: per student per week, and per student overall, with who needs a nudge.

Counted from the journals' own files, so it works on a tutor's folder and on one journal alike:
- entries, words and citations: published entries, by the week of their date;
- comments given: approved or pending comments a student wrote on another student's journal;
  received: those on the student's entries by anyone else; replies: comments a student wrote that
  answer another comment (spam and trash count nowhere);
- only comments on entries that exist count: those left on entries since deleted (or withdrawn from
  a course) are listed apart, as orphaned, and count nowhere;
- wait: hours between a comment being submitted and a moderator approving it (comments published
  at once by the rules do not count);
- pending: comments on the student's entries still awaiting moderation.
A comment is the student's when its name is their login or their name as in their journal.toml (a
name or login that two journals claim is nobody's: it cannot be told whose it is).
Each student is a journal folder (the `student` column), whatever login its journal.toml records;
`label` is what a person reads (people.py). The network counts the comments each student gave on
each peer's journal, as `given` does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..feedback.store import journal_state
from .gather import COMMENT_COLUMNS, ENTRY_COLUMNS, Gathered, gather
from .people import labels

WEEKLY_COLUMNS = ("student", "login", "name", "week", "entries", "words", "citations", "given", "received",
                  "replies", "median_wait_hours", "pending", "last_active", "feedback")
STUDENT_COLUMNS = ("student", "login", "name", "label", "entries", "words", "citations", "given", "received", "replies",
                   "median_wait_hours", "pending", "last_active", "days_quiet", "feedback")
COUNTS = ("entries", "words", "citations", "given", "received", "replies", "pending")
ORPHAN_COLUMNS = ("student", "entry_id", "comments", "pending", "first", "last")
NETWORK_COLUMNS = ("giver", "owner", "comments")


@dataclass
class Report:
    """What `build_report` found; the frames' columns are WEEKLY_COLUMNS and STUDENT_COLUMNS."""

    title: str
    as_of: dt.date
    quiet_days: int
    weekly: object                      # pandas DataFrame, one row per student per week
    students: object                    # pandas DataFrame, one row per student
    weeks: list = field(default_factory=list)
    problems: list = field(default_factory=list)        # what could not be read
    warnings: list = field(default_factory=list)        # read, but a tutor should know (logins claimed twice)
    orphaned: object = None             # pandas DataFrame (ORPHAN_COLUMNS): comments on entries that are gone
    network: object = None              # pandas DataFrame (NETWORK_COLUMNS): who commented on whose journal
    reviews: dict = field(default_factory=dict)         # login -> peer reviews (course.reviews.completion)
    not_started: list = field(default_factory=list)     # (login, name): on the LMS roster, with no journal yet

    @property
    def not_posted(self) -> list[str]:
        """Students (their `student` keys) with no published entry in the last `quiet_days` days."""
        s = self.students
        return s.loc[s["days_quiet"].isna() | (s["days_quiet"] >= self.quiet_days), "student"].tolist()

    @property
    def never_commented(self) -> list[str]:
        """Students (their `student` keys) who have never commented on a peer's entry."""
        s = self.students
        return s.loc[s["given"] == 0, "student"].tolist()


def build_report(journals, *, title: str = "Participation", as_of: dt.date | None = None, quiet_days: int = 7,
                 feedback_state=None, reviews=None, not_started=()) -> Report:
    """The participation report of `journals` (Journal objects) as of `as_of` (default today).

    `feedback_state(journal, entries)` gives a student's feedback state (default: from their journal's feedback,
    as this process may see it). A course adds its `reviews` (login -> Completion) and the LMS roster's
    students who have `not_started` ((login, name)).
    """
    report = tabulate(gather(journals, feedback_state=feedback_state or journal_state), title=title,
                      as_of=as_of or dt.date.today(), quiet_days=quiet_days)
    report.reviews, report.not_started = dict(reviews or {}), list(not_started)
    return report


def tabulate(found: Gathered, *, title: str, as_of: dt.date, quiet_days: int) -> Report:
    # pandas is imported where the tables are made, not above: it is heavy, and commands that only read
    # `report.access` (`journal notify`) import this package too.
    import pandas as pd

    people = pd.DataFrame(found.students, columns=["student", "login", "name", "path"])
    entries = pd.DataFrame(found.entries, columns=list(ENTRY_COLUMNS))
    entries = entries[entries["published"].astype(bool)]
    entries = entries.assign(week=_week(pd.to_datetime(entries["date"])))
    comments = _comments(pd.DataFrame(found.comments, columns=list(COMMENT_COLUMNS)), people)

    given = comments[comments["live"] & comments["giver"].notna() & (comments["giver"] != comments["owner"])]
    received = comments[comments["live"] & (comments["giver"] != comments["owner"])]
    replies = comments[comments["live"] & comments["giver"].notna() & (comments["parent_id"] != "")]
    waited = comments[comments["wait_hours"].notna() & comments["giver"].notna()]
    pending = comments[comments["status"] == "pending"]

    parts = [
        entries.groupby(["student", "week"]).agg(entries=("entry_id", "size"), words=("words", "sum"),
                                               citations=("citations", "sum")),
        given.groupby(["giver", "week"]).size().rename("given").rename_axis(["student", "week"]),
        received.groupby(["owner", "week"]).size().rename("received").rename_axis(["student", "week"]),
        replies.groupby(["giver", "week"]).size().rename("replies").rename_axis(["student", "week"]),
        waited.groupby(["giver", "week"])["wait_hours"].median().rename("median_wait_hours")
              .rename_axis(["student", "week"]),
        pending.groupby(["owner", "week"]).size().rename("pending").rename_axis(["student", "week"]),
    ]
    weeks = _weeks(entries, comments, as_of)
    grid = pd.MultiIndex.from_product([people["student"].tolist(), weeks], names=["student", "week"])
    weekly = pd.concat(parts, axis=1).reindex(grid)
    for col in COUNTS:
        weekly[col] = weekly[col].fillna(0).astype("int64")

    active = pd.concat([entries.groupby("student")["date"].max().map(_as_date),
                        given.groupby("giver")["submitted"].max().dt.date.rename_axis("student")]
                       ).groupby(level=0).max()
    last_posted = entries.groupby("student")["date"].max().map(_as_date)
    students = (weekly[list(COUNTS)].groupby(level="student").sum().reindex(people["student"]).fillna(0)
                .astype("int64"))
    students["median_wait_hours"] = waited.groupby("giver")["wait_hours"].median().reindex(students.index)
    by_key = people.set_index("student")
    students.insert(0, "label", labels(people.to_dict("records")))
    students.insert(0, "name", by_key["name"])
    students.insert(0, "login", by_key["login"])
    students["last_active"] = active.reindex(students.index)
    students["days_quiet"] = last_posted.reindex(students.index).map(
        lambda d: (as_of - d).days if isinstance(d, dt.date) else None).astype("Float64")
    students["feedback"] = [found.feedback.get(key, "none") for key in students.index]
    students = students.reset_index()[list(STUDENT_COLUMNS)]

    weekly = weekly.reset_index()
    per_student = students.set_index("student")
    for col in ("login", "name", "last_active", "feedback"):
        weekly[col] = weekly["student"].map(per_student[col])
    weekly = weekly[list(WEEKLY_COLUMNS)]
    network = (given.groupby(["giver", "owner"]).size().rename("comments").reset_index()
               .astype({"comments": "int64"})[list(NETWORK_COLUMNS)])
    return Report(title, as_of, quiet_days, weekly, students, weeks, list(found.problems), list(found.warnings),
                  _orphaned(pd.DataFrame(found.orphaned, columns=list(COMMENT_COLUMNS))), network)


def _comments(frame, people):
    """Comments with who wrote them (a student's key or None), their week, wait and whether they count."""
    import pandas as pd                 # heavy: see tabulate

    claims = {}
    for student, login, name in zip(people["student"], people["login"], people["name"]):
        for key in {str(name).strip().casefold(), str(login).casefold()} - {""}:
            claims.setdefault(key, set()).add(student)
    names = {key: next(iter(found)) for key, found in claims.items() if len(found) == 1}
    giver = frame["author_name"].str.strip().str.casefold().map(names)
    # The author's own comments are theirs whatever name they typed.
    giver = giver.where(frame["author_role"] != "author", frame["owner"])
    submitted = pd.to_datetime(frame["submitted_at"], utc=True, format="ISO8601")
    status_at = pd.to_datetime(frame["status_at"], utc=True, format="ISO8601")
    # Published at once (by the rules, or seeded so) means no wait to count.
    moderated = (frame["status"] == "approved") & (status_at > submitted)
    wait = ((status_at - submitted).dt.total_seconds() / 3600).where(moderated)
    return frame.assign(giver=giver, submitted=submitted, week=_week(submitted.dt.tz_localize(None)),
                        live=frame["status"].isin(["approved", "pending"]), wait_hours=wait)


def _orphaned(frame):
    """Per student and vanished entry: how many live comments it still has, how many pending, and when."""
    grouped = frame.groupby(["owner", "entry_id"], sort=True)
    return grouped.agg(comments=("id", "size"), pending=("status", lambda s: int((s == "pending").sum())),
                       first=("submitted_at", "min"), last=("submitted_at", "max")
                       ).reset_index().rename(columns={"owner": "student"})[list(ORPHAN_COLUMNS)]


def _week(stamps):
    """The Monday starting the week of each timestamp, as an ISO date string."""
    days = stamps.dt.normalize()
    return (days - _days(days.dt.day_of_week)).dt.strftime("%Y-%m-%d")


def _days(n):
    import pandas as pd                 # heavy: see tabulate

    return pd.to_timedelta(n, unit="D")


def _weeks(entries, comments, as_of: dt.date) -> list[str]:
    """Every week from the first activity to the week of `as_of` or of the last activity, whichever is later."""
    seen = [w for w in (*entries["week"].tolist(), *comments["week"].tolist()) if isinstance(w, str)]
    last = as_of - dt.timedelta(days=as_of.weekday())
    first = min([dt.date.fromisoformat(min(seen)), last]) if seen else last
    last = max([dt.date.fromisoformat(max(seen)), last]) if seen else last
    return [(first + dt.timedelta(weeks=i)).isoformat() for i in range((last - first).days // 7 + 1)]


def _as_date(value):
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else value.date()
