"""Carrying one journal's comments into another store (a course the journal joins): their events as logged.

Each comment goes with its whole history (submitted, moderated, edited), so it keeps its author, its
dates and its status; a comment the store already holds is left alone, so carrying twice adds nothing.
Tutors' feedback is not carried: on a course it is the tutors' to write.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import JournalError
from . import log, rules
from .errors import CommentRefused
from .model import FIELDS, ROLES, STATUSES, Row, parse_iso

#: The event kinds of comments (a log also holds feedback, which is not carried).
KINDS = log.KINDS


def log_events(path: Path) -> list[tuple]:
    """Every event of the log at `path` as (kind, *FIELDS), in log order; JournalError naming the first damaged
    record, because a carried or migrated log must be whole."""
    got = log.read(Path(path))
    if got.skipped or got.end < got.size:
        raise JournalError(f"{path}: damaged records (first at line {(got.skipped or [(got.end_line, '')])[0][0]}); "
                           "open the journal's comments once (journal comments list) to set them aside, then try again")
    return [tuple(rec[:-1]) for rec in got.records]


def comment_events(path: Path) -> list[tuple]:
    """The events of the comments (not the feedback) in the log at `path`; none when there is no log."""
    if not Path(path).is_file():
        return []
    return [event for event in log_events(path) if event[0] in KINDS]


def carried(events, held) -> list[tuple[str, Row]]:
    """The (kind, Row) records to append for `events` (as `comment_events` gives them, e.g. sent as JSON):
    every event of each comment submitted among them that `held(cid)` says the store does not hold yet.

    CommentRefused names the first event that is not a comment's event as this version logs it.
    """
    if not isinstance(events, list):
        raise CommentRefused("Send the comments to carry as a list of events.")
    rows, submitted = [], {}
    for n, event in enumerate(events, 1):
        if not (isinstance(event, (list, tuple)) and len(event) == 1 + len(FIELDS)
                and all(isinstance(v, str) for v in event) and event[0] in KINDS):
            raise CommentRefused(f"Event {n} is not a comment's event (kind, then {len(FIELDS)} text fields).")
        kind, row = event[0], Row._make(event[1:])
        if row.author_role == "tutor":
            # The journal's own file says so, and its author could have written anything there: on the course
            # only the hub makes someone a tutor, so a carried comment speaks as a peer.
            row = row._replace(author_role="peer")
        if kind == "submit":
            _check_submitted(n, row)
            submitted.setdefault(row.id, row)
        elif row.id not in submitted:
            raise CommentRefused(f"Event {n} ({kind}) is for comment {row.id!r}, which no earlier event submits.")
        elif row.status and row.status not in STATUSES:
            raise CommentRefused(f"Event {n}: {row.status!r} is not a comment's status.")
        rows.append((kind, row))
    for cid, row in submitted.items():
        if row.parent_id and row.parent_id not in submitted and not held(row.parent_id):
            raise CommentRefused(f"Comment {cid!r} answers {row.parent_id!r}, which is neither carried nor held.")
    fresh = {cid for cid in submitted if not held(cid)}
    return [(kind, row) for kind, row in rows if row.id in fresh]


def _check_submitted(n: int, row: Row) -> None:
    try:
        rules.check_fields(row.entry_id, row.author_name, row.author_email, row.body)
    except CommentRefused as exc:
        raise CommentRefused(f"Event {n} (comment {row.id!r}): {exc}") from None
    if row.author_role not in ROLES or row.status not in STATUSES:
        raise CommentRefused(f"Event {n} (comment {row.id!r}): role {row.author_role!r} or status {row.status!r} "
                             "is not one a comment has.")
    try:
        parse_iso(row.submitted_at)
    except ValueError:
        raise CommentRefused(f"Event {n} (comment {row.id!r}): {row.submitted_at!r} is not a date.") from None
    if not row.id or row.id != row.id.strip() or "/" in row.id:
        raise CommentRefused(f"Event {n}: {row.id!r} is not a comment id.")
