"""What each role may read of a comment: the one rule every comment store applies before it answers.

A peer reads what a thread shows: who wrote a comment (by name, and in which role), when, what, and what it
answers. Never the commenter's e-mail address (the README promises only the author and tutors see it), nor
who moderated it and the rules' reason (why something was held tells a spammer how to get round the rules).
The author and tutors read every field. The CSV log, PostgreSQL and the course's HTTP store all answer
through `shown`, so the API, the pages, the panels, the exports and the digests agree.
"""

from __future__ import annotations

from dataclasses import replace

from ..roles import MODERATORS
from .model import FIELDS, Comment

PEER_FIELDS = ("id", "entry_id", "parent_id", "author_name", "author_role", "body", "submitted_at", "status",
               "status_at")
HIDDEN_FROM_PEERS = tuple(f for f in FIELDS if f not in PEER_FIELDS)


def fields_for(role: str) -> tuple[str, ...]:
    """The fields of a comment `role` may read, in FIELDS order."""
    return FIELDS if role in MODERATORS else PEER_FIELDS


def shown(value, role: str):
    """A Comment, or a frame of comments, as `role` may read it: hidden fields emptied (columns kept, so every
    reader of a frame finds the schema it expects); None stays None."""
    if value is None or role in MODERATORS:
        return value
    if isinstance(value, Comment):
        return replace(value, **dict.fromkeys(HIDDEN_FROM_PEERS, ""))
    value = value.copy()
    for name in HIDDEN_FROM_PEERS:
        value[name] = ""
    return value


def record(comment: Comment, role: str) -> dict:
    """One comment as a JSON object of exactly the fields `role` may read (the course API's answer)."""
    return {name: getattr(comment, name) for name in fields_for(role)}


def records(frame, role: str) -> list[dict]:
    """A frame of comments as JSON objects of exactly the fields `role` may read (and `depth`, in a thread)."""
    names = [*fields_for(role), *(["depth"] if "depth" in frame.columns else [])]
    out = frame[names].to_dict("records")
    for r in out:
        if "depth" in r:
            r["depth"] = int(r["depth"])
    return out
