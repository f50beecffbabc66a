"""The comment store: submitting, moderating and querying comments over the folded log."""

from __future__ import annotations

from collections import Counter

from ..roles import current_role, current_user
from . import log, rules
from .errors import CommentNotFound, ModerationRefused
from .fold import AT, BODY, EMAIL, ENTRY, ID, NAME, PARENT, STATUS, FoldedLog, LogDamaged, _people
from .model import FIELDS, STATUSES, Comment, iso, new_id, parse_iso, utc_now
from .thread import order

__all__ = ["CommentStore", "LogDamaged"]


class CommentStore(FoldedLog):
    """Every comment of one journal, stored in an append-only CSV log at `path`."""

    def __init__(self, path, settings):
        super().__init__(path)
        self.settings = settings

    @property
    def role(self) -> str:
        """The role this process acts in: JOURNAL_ROLE, else by the current user."""
        return current_role(self.settings)

    # -- writing -------------------------------------------------------------
    def submit(self, entry_id, *, name, body, email=None, reply_to=None, role=None) -> Comment:
        """Store a comment after the moderation rules; refusals raise CommentRefused."""
        actor = self.role
        role = rules.check_role(actor if role is None else role, actor)
        name, email, reply_to = (name or "").strip(), (email or "").strip(), (reply_to or "").strip()
        entry_id = "" if entry_id is None else str(entry_id)
        rules.check_fields(entry_id, name, email, body)
        with self._locked():
            self._sync(locked=True)
            approve_parent = []
            if reply_to:
                parent = self.get(reply_to, missing_ok=True)
                # A moderator answering a pending comment approves it with the reply, as WordPress's
                # "Approve and Reply" does: one append, after every check, so a refusal changes nothing.
                answering_pending = parent is not None and parent.status == "pending" and actor != "peer"
                rules.check_reply(reply_to, parent, entry_id, pending_ok=answering_pending)
                if answering_pending:
                    approve_parent = [self._status_event(reply_to, "approved", "approve", actor)]
            now = utc_now()
            rules.check_duplicate(self._is_duplicate(entry_id, name, email, body))
            if role == "peer":
                rules.check_flood(self._seconds_since_last(name, email, now), self.settings.comments.flood_seconds)
            status, reason = rules.decide(role=role, name=name, email=email, body=body,
                                          settings=self.settings.comments,
                                          known_commenter=self._has_approved(name, email))
            at = iso(now)
            row = (new_id(now), entry_id, reply_to, name, email, role, body, at, status, at, "rules", reason)
            self._append([*approve_parent, ("submit", row)])
        return Comment(*row)

    def _import(self, comments) -> None:
        """Append trusted, complete comments as they are (for seeding): no rules, no flood control."""
        with self._locked():
            self._sync(locked=True)
            fresh = [c for c in comments if c.id not in self._rows]
            self._append([("submit", c.row()) for c in fresh])

    # -- moderation ----------------------------------------------------------
    def approve(self, cid) -> Comment:
        return self._moderate(cid, "approved", "approve")

    def spam(self, cid) -> Comment:
        return self._moderate(cid, "spam", "spam")

    def trash(self, cid) -> Comment:
        return self._moderate(cid, "trash", "trash")

    def restore(self, cid) -> Comment:
        """Take a comment out of spam or trash, back to the status it had before."""
        return self._moderate(cid, None, "restore")

    def edit(self, cid, body) -> Comment:
        """Replace a comment's text (moderators only, same limits as submit); the old text stays in the log."""
        actor = self.require_moderator()
        rules.check_body(body)
        with self._locked():
            self._sync(locked=True)
            row = self._row(cid)
            if row[BODY] == body:
                return Comment(*row)
            event = [""] * len(FIELDS)
            event[ID], event[BODY] = row[ID], body
            event[STATUS:] = row[STATUS], iso(utc_now()), current_user() or actor, f"edited by the {actor}"
            self._append([("edit", tuple(event))])
        return Comment(*self._rows[row[ID]])

    def history(self, cid) -> list[dict]:
        """The audit trail of one comment: its log records, oldest first, earlier texts included."""
        self.get(cid)                   # unknown ids raise CommentNotFound
        return log.history(self.path, str(cid))

    @property
    def can_moderate(self) -> bool:
        """Whether this process may approve, spam, trash, restore or edit (the author and tutors may)."""
        return self.role in ("author", "tutor")

    def require_moderator(self) -> str:
        """The acting role, or ModerationRefused for a peer."""
        actor = self.role
        if actor not in ("author", "tutor"):
            raise ModerationRefused(f"Only the journal's author or a tutor can moderate comments; this process "
                                    f"acts as a {actor}.")
        return actor

    def _moderate(self, cid, status, kind) -> Comment:
        actor = self.require_moderator()
        with self._locked():
            self._sync(locked=True)
            row = self._row(cid)
            if kind == "restore":
                if row[STATUS] not in ("spam", "trash"):
                    return Comment(*row)
                status = self._before_bin.get(cid, "pending")
            if row[STATUS] == status:
                return Comment(*row)
            self._append([self._status_event(cid, status, kind, actor)])
        return Comment(*self._rows[cid])

    @staticmethod
    def _status_event(cid, status, kind, actor) -> tuple[str, tuple]:
        """The (kind, row) of a moderation event setting `status`, signed by the current user."""
        by = current_user() or actor
        done = {"approve": "approved", "spam": "marked spam", "trash": "trashed", "restore": "restored"}[kind]
        event = ("",) * STATUS + (status, iso(utc_now()), by, f"{done} by the {actor}")
        return kind, (cid, *event[1:])

    # -- queries -------------------------------------------------------------
    def _row(self, cid) -> list[str]:
        row = self._rows.get(str(cid))
        if row is None:
            raise CommentNotFound(f"no comment {cid!r} in {self.path}")
        return row

    def get(self, cid, missing_ok=False) -> Comment | None:
        """One comment by id, in its current state."""
        self._sync(locked=False)
        if missing_ok and str(cid) not in self._rows:
            return None
        return Comment(*self._row(cid))

    def __len__(self) -> int:
        self._sync(locked=False)
        return len(self._rows)

    def frame(self, status=None, entry_id=None):
        """The current state as a DataFrame, one row per comment, oldest first; all columns str."""
        import pandas as pd

        self._sync(locked=False)
        wanted = {status} if isinstance(status, str) else set(status or ())
        ids = self._by_entry.get(entry_id, []) if entry_id is not None else self._rows
        rows = [self._rows[i] for i in ids]
        if wanted:
            rows = [r for r in rows if r[STATUS] in wanted]
        rows.sort(key=lambda r: r[ID])
        return pd.DataFrame(rows, columns=list(FIELDS), dtype=str)

    def thread(self, entry_id):
        """Approved comments of one entry in display order, with an int `depth` column (0 = top)."""
        import pandas as pd

        self._sync(locked=False)
        shown = [self._rows[i] for i in self._by_entry.get(entry_id, ()) if self._rows[i][STATUS] == "approved"]
        pairs = order(shown, lambda cid: self._rows[cid][PARENT] if cid in self._rows else None,
                      depth_limit=self.settings.comments.thread_depth, id_at=ID, parent_at=PARENT)
        frame = pd.DataFrame([r for r, _ in pairs], columns=list(FIELDS), dtype=str)
        frame["depth"] = pd.Series([d for _, d in pairs], dtype="int64")
        return frame

    def counts(self, entry_id=None) -> dict:
        """{status: n} for one entry, or {entry_id: {status: n}} for every entry with comments."""
        self._sync(locked=False)
        if entry_id is not None:
            return self._count(self._by_entry.get(entry_id, ()))
        return {entry: self._count(ids) for entry, ids in self._by_entry.items()}

    def _count(self, ids) -> dict:
        rows = self._rows
        out = dict.fromkeys(STATUSES, 0)
        out.update(Counter([rows[cid][STATUS] for cid in ids]))
        return out

    # -- what the rules need to know -----------------------------------------
    def _mine(self, name, email):
        """This commenter's comments (by name or e-mail), from an index built on first use."""
        if self._by_person is None:
            self._by_person = {}
            for cid, row in self._rows.items():
                for key in _people(row[NAME], row[EMAIL]):
                    self._by_person.setdefault(key, []).append(cid)
        for key in _people(name, email):
            yield from (self._rows[i] for i in self._by_person.get(key, ()))

    def _is_duplicate(self, entry_id, name, email, body) -> bool:
        return any(r[ENTRY] == entry_id and r[BODY] == body and r[STATUS] != "trash" for r in self._mine(name, email))

    def _seconds_since_last(self, name, email, now) -> float | None:
        last = max((r[AT] for r in self._mine(name, email)), default=None)
        return (now - parse_iso(last)).total_seconds() if last else None

    def _has_approved(self, name, email) -> bool:
        """An earlier approved comment under the same name and e-mail (as WordPress checks)."""
        return any(r[STATUS] == "approved" and r[NAME].casefold() == name.casefold()
                   and r[EMAIL].casefold() == email.casefold() for r in self._mine(name, email))

    def __repr__(self) -> str:
        return f"<CommentStore {self.path}>"
