"""The Lab's moderation panel, served: a journal's comments by status and the moderators' actions on them.

The panel is a JupyterLab main-area widget fed by this module, so it needs no kernel and shows no console.
It reads and writes the journal's own comment store (its log, or the course's once joined) through the
store's contract, as the ipywidgets panels do, and its counts are the same sum (`status_totals`), so the
two panels and the sidebar always agree.
"""

from __future__ import annotations

from journal.comments import STATUSES
from journal.comments.protocol import DELETED, MODERATION, PANEL_ACTIONS, moderator_name, status_totals

from ..errors import JournalError

#: What the panel may ask besides the moderation verbs.
OTHER_ACTIONS = ("reply", "edit", "empty-trash")
ACTIONS = (*MODERATION, *OTHER_ACTIONS)


def queue(journal, status: str) -> dict:
    """The comments with `status`, newest first, each with its entry's title; the totals by status, what each
    comment offers, and the store's stamp (the panel polls it to stay current)."""
    if status not in STATUSES:
        raise JournalError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    store = journal.comments
    reply = {"role": store.role, "can_moderate": store.can_moderate, "status": status}
    if not store.can_moderate:
        return {**reply, "totals": None, "actions": [], "empties_trash": False, "comments": []}
    store.refresh()
    try:
        titles = {entry.id: entry.title for entry in journal.entries()}
    except JournalError:  # one broken notebook must not hide the queue; ids stand in for titles
        titles = {}
    frame = store.frame(status=status)
    rows = frame.iloc[::-1].sort_values("submitted_at", ascending=False, kind="stable").to_dict("records") \
        if len(frame) else []
    comments = [{"id": str(r["id"]), "entry_id": str(r["entry_id"]),
                 "entry_title": titles.get(str(r["entry_id"]), str(r["entry_id"])),
                 "author_name": r.get("author_name") or "", "author_role": r.get("author_role") or "",
                 "author_email": r.get("author_email") or "", "submitted_at": r.get("submitted_at") or "",
                 "body": r.get("body") or "", "reason": r.get("reason") or "",
                 "held_by_rules": r.get("status_by") == "rules"} for r in rows]
    return {**reply, "totals": status_totals(store.counts()), "actions": list(PANEL_ACTIONS[status]),
            "empties_trash": store.empties_trash, "comments": comments}


def act(journal, action: str, ids: list[str], body: str = "") -> str:
    """Do `action` to the comments `ids` (a reply or an edit: to one, with `body`); what was done, in words."""
    store = journal.comments
    store.require_moderator()
    if action == "empty-trash":
        deleted = store.empty_trash()
        return f"{_comments(deleted)} {DELETED}."
    if not ids:
        raise JournalError("Tick at least one comment first.")
    if action == "edit":
        store.edit(_one(ids, action), body)
        return "Comment edited; the log keeps the earlier text."
    if action == "reply":
        parent = store.get(_one(ids, action))
        comment = store.submit(parent.entry_id, name=moderator_name(store), body=body, reply_to=parent.id)
        return "Reply published." if comment.status == "approved" else "Reply saved; it awaits moderation."
    verb = {"approve": store.approve, "spam": store.spam, "trash": store.trash, "restore": store.restore}[action]
    for cid in ids:
        verb(cid)
    return f"{MODERATION[action].capitalize()} {_comments(len(ids))}."


def _one(ids: list[str], action: str) -> str:
    if len(ids) != 1:
        raise JournalError(f"{action} takes one comment, not {len(ids)}")
    return ids[0]


def _comments(n: int) -> str:
    return f"{n} comment{'' if n == 1 else 's'}"
