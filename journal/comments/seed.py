"""Trusted comments written straight into the store (the demo's threads), bypassing the rules."""

from __future__ import annotations

import datetime as dt

from ..errors import JournalError
from .model import ROLES, STATUSES, Comment, iso, new_id


def seed(journal, rows, source: str = "comments.csv") -> list[Comment]:
    """Store `rows` (dicts: ref, reply_to, entry, name, email, role, body, status, hours_after).

    Each comment is dated `hours_after` its entry's date (midnight UTC) and keeps its status;
    `reply_to` names the `ref` of an earlier row. Ids derive from the refs, so seeding twice
    stores nothing new.
    """
    dates = {e.id: e.date for e in journal.entries()}
    ids: dict[str, str] = {}
    comments = []
    for n, row in enumerate(rows, start=2):
        where = f"{source}: line {n}"
        if row["entry"] not in dates:
            raise JournalError(f"{where}: no entry {row['entry']!r} in {journal.entries_dir}")
        if row["reply_to"] and row["reply_to"] not in ids:
            raise JournalError(f"{where}: reply_to {row['reply_to']!r} is not an earlier ref")
        if row["status"] not in STATUSES or row["role"] not in ROLES:
            raise JournalError(f"{where}: status or role not known ({row['status']!r}, {row['role']!r})")
        day = dates[row["entry"]]
        at = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) + dt.timedelta(
            hours=float(row["hours_after"]))
        ids[row["ref"]] = cid = new_id(at, salt=f"{row['entry']}/{row['ref']}")
        stamp = iso(at)
        comments.append(Comment(cid, row["entry"], ids.get(row["reply_to"], ""), row["name"], row["email"],
                                row["role"], row["body"], stamp, row["status"], stamp, "seed", "demo comment"))
    journal.comments.import_trusted(comments)
    return comments
