"""One comment as stored: the schema, the statuses and roles, ids and timestamps."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import namedtuple
from dataclasses import astuple, dataclass, fields

from ..roles import ROLES  # noqa: F401  (re-exported: the roles a comment is stored under)

STATUSES = ("pending", "approved", "spam", "trash")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Comment:
    """A comment in its current state; every field is a string ('' when absent)."""

    id: str
    entry_id: str
    parent_id: str
    author_name: str
    author_email: str
    author_role: str
    body: str
    submitted_at: str
    status: str
    status_at: str
    status_by: str
    reason: str

    def row(self) -> tuple[str, ...]:
        return astuple(self)


FIELDS = tuple(f.name for f in fields(Comment))

# A comment's fields as the log and the fold carry them: a tuple is cheap to make a hundred
# thousand times on a cold load, and the names keep every reader away from index arithmetic.
Row = namedtuple("Row", FIELDS, module=__name__)
Row.__doc__ = "One comment's fields in FIELDS order (an event leaves the fields it does not set empty)."


def event_row(cid, **fields) -> Row:
    """A moderation, edit or feedback event: the id and the fields it sets, every other field empty."""
    return Row._make(("",) * len(FIELDS))._replace(id=cid, **fields)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def iso(at: dt.datetime) -> str:
    """UTC ISO 8601 to the microsecond, e.g. 2026-10-01T09:30:00.000000+00:00."""
    return at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def parse_iso(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def new_id(at: dt.datetime, salt: str | None = None) -> str:
    """A unique id that sorts by time: microseconds since 1970 in hex, then six hex digits.

    The suffix is random, or derived from `salt` so that seeded data gets stable ids.
    """
    micros = (at - _EPOCH) // dt.timedelta(microseconds=1)
    tail = secrets.token_hex(3) if salt is None else hashlib.sha256(salt.encode()).hexdigest()[:6]
    return f"{micros:014x}-{tail}"


def commenter_keys(name: str, email: str) -> tuple[str, str]:
    """How the rules recognise one commenter (duplicates, flood, known commenters): their name and their
    e-mail, case-folded; '' for no e-mail. Every store keys people this way.

    >>> commenter_keys("Ada Student", "Ada@Example.org")
    ('ada student', 'ada@example.org')
    """
    return (name or "").casefold(), (email or "").casefold()
