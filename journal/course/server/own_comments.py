"""What a commenter's own browser keeps after posting, as WordPress does: their name and e-mail for the next
comment, and their own held comments, shown to them alone marked "awaiting moderation".

Both cookies are signed (nobody can make one naming someone else's comment). The held comments' cookie is
bound to who posted them: on the course the hub user, on `journal serve` (no login) this browser's own
cookie; to anyone else it names nothing.
"""

from __future__ import annotations

import json

import pandas as pd

from ...comments.model import FIELDS
from ...comments.protocol import Actor
from ...comments.text import thread_list
from .guard import CLIENT_COOKIE

COMMENTER = "journal-commenter"     # {"name", "email"} typed in the last comment
HELD = "journal-held"               # {"who", "ids": [[journal login, comment id], ...]}
KEEP_DAYS = 365
MAX_HELD = 20                       # the newest held comments remembered; a cookie stays small
AWAITING = "Your comment is awaiting moderation."
# Held comments, as their writer is told: spam is told the same as pending, so a spammer learns nothing.
SHOWN = ("pending", "spam")


def _set(handler, name: str, value: dict) -> None:
    handler.set_signed_cookie(name, json.dumps(value), expires_days=KEEP_DAYS, httponly=True, samesite="Lax",
                              secure=handler.request.protocol == "https")


def _get(handler, name: str) -> dict:
    raw = handler.get_signed_cookie(name, max_age_days=KEEP_DAYS)
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _who(handler) -> str:
    """Whose held comments this request may see: the hub user, else this browser (journal serve)."""
    if not handler.conf.single and handler.person.login:
        return "u:" + handler.person.login
    client = handler.get_signed_cookie(CLIENT_COOKIE)
    return "c:" + client.decode() if client else ""


def remember(handler, login: str, comment, *, typed_name: str, email: str) -> None:
    """After a comment is stored: keep the name typed (journal serve) and the e-mail, and, when the comment is
    held, its id for whoever posted it."""
    _set(handler, COMMENTER, {"name": typed_name.strip(), "email": email.strip()})
    who = _who(handler)
    if comment.status not in SHOWN or not who:
        return
    kept = _get(handler, HELD)
    ids = kept.get("ids", []) if kept.get("who") == who else []
    _set(handler, HELD, {"who": who, "ids": [*ids, [login, comment.id]][-MAX_HELD:]})


def remembered(handler) -> tuple[str, str]:
    """(name, e-mail) from the last comment this browser posted; ('', '') when none."""
    kept = _get(handler, COMMENTER)
    return str(kept.get("name") or ""), str(kept.get("email") or "")


def own_held_html(handler, login: str, entry_id: str) -> str:
    """This person's own comments on the entry that still await moderation, marked so; '' when none."""
    kept = _get(handler, HELD)
    who = _who(handler)
    if not who or kept.get("who") != who:
        return ""
    store = handler.conf.reader(login).as_actor(Actor("", "peer"))
    rows = []
    for journal, cid in (pair for pair in kept.get("ids", []) if isinstance(pair, list) and len(pair) == 2):
        comment = store.get(cid, missing_ok=True) if journal == login else None
        if comment is not None and comment.status in SHOWN and comment.entry_id == entry_id:
            rows.append(comment.row())
    if not rows:
        return ""
    frame = pd.DataFrame(rows, columns=list(FIELDS), dtype=str)
    frame["depth"] = 0
    return (f'<div class="own-held"><p class="awaiting"><em>{AWAITING}</em> Only you see it until the author '
            f'approves it.</p>\n{thread_list(frame, indent_em=0)}</div>')
