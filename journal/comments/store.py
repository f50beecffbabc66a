"""The comment store: submitting, moderating and querying comments over the folded log."""

from __future__ import annotations

from collections import Counter
from operator import attrgetter

from ..feedback.store import FeedbackStore
from ..files import stamp as file_stamp
from ..roles import MODERATORS
from . import log, rules
from .carry import carried
from .errors import CommentNotFound
from .fold import BINNED, FoldedLog, LogDamaged
from .model import FIELDS, STATUSES, Comment, Row, commenter_keys, event_row, iso, new_id, parse_iso, utc_now
from .protocol import DELETED, MODERATION, Acting, Actor, checked_actor
from .thread import order

__all__ = ["CommentStore", "LogDamaged"]



class CommentStore(Acting):
    """Every comment of one journal, stored in an append-only CSV log at `path`.

    Who acts comes from the process (JupyterHub user, JOURNAL_ROLE, journal.toml), looked up at
    each call, unless the store was made for one actor with `as_actor`.
    """

    empties_trash = True

    def __init__(self, path, settings, *, actor: Actor | None = None, fold: FoldedLog | None = None):
        self._log = FoldedLog(path) if fold is None else fold
        self.settings = settings
        self._actor = actor

    @property
    def path(self):
        return self._log.path

    @property
    def problems(self) -> list[str]:
        """Damage found while reading the log, worded for the user (shared by every view of it)."""
        return self._log.problems

    def as_actor(self, actor: Actor) -> "CommentStore":
        """The same comments, read from the same folded log (nothing is read again), acted on by `actor`."""
        return CommentStore(self.path, self.settings, actor=checked_actor(actor), fold=self._log)

    def refresh(self) -> None:
        """Take in what others wrote since the last read."""
        self._log.refresh()

    def stamp(self) -> tuple:
        """The log's path and file stamp: an append, a rewrite or another log changes it."""
        return str(self.path), *(file_stamp(self.path) or ())

    def feedback(self, criteria):
        """Tutors' feedback kept in this same log (same lock, checksums and audit trail), acted on as this
        store's actor; `criteria` is the rubric and comment bank (FeedbackSettings)."""
        return FeedbackStore(self._log, criteria, lambda: self.actor, person=self.for_person)

    # -- writing -------------------------------------------------------------
    def submit(self, entry_id, *, name, body, email=None, reply_to=None, role=None) -> Comment:
        """Store a comment after the moderation rules; refusals raise CommentRefused."""
        actor = self.actor
        role = rules.check_role(actor.role if role is None else role, actor.role, person=self.for_person)
        name, email, reply_to = (name or "").strip(), (email or "").strip(), (reply_to or "").strip()
        entry_id = "" if entry_id is None else str(entry_id)
        rules.check_fields(entry_id, name, email, body)
        with self._log.writing() as fold:
            approve_parent = []
            if reply_to:
                parent = fold.get(reply_to)
                parent = None if parent is None else Comment(*parent)
                # A moderator answering a pending comment approves it with the reply, as WordPress's
                # "Approve and Reply" does: one append, after every check, so a refusal changes nothing.
                answering_pending = parent is not None and parent.status == "pending" and actor.role in MODERATORS
                rules.check_reply(reply_to, parent, entry_id, pending_ok=answering_pending)
                if answering_pending:
                    approve_parent = [self._status_event(reply_to, "approved", "approve", actor)]
            now = utc_now()
            mine = fold.by_person(name, email)
            rules.check_duplicate(any(r.entry_id == entry_id and r.body == body and r.status != "trash"
                                      for r in mine))
            if role == "peer" and not rules.is_pseudonym(name):
                last = max((r.submitted_at for r in mine), default=None)
                rules.check_flood((now - parse_iso(last)).total_seconds() if last else None,
                                  self.settings.comments.flood_seconds)
            status, reason = rules.decide(role=role, name=name, email=email, body=body,
                                          settings=self.settings.comments,
                                          known_commenter=_has_approved(mine, name, email))
            at = iso(now)
            row = Row(new_id(now), entry_id, reply_to, name, email, role, body, at, status, at, "rules", reason)
            fold.append([*approve_parent, ("submit", row)])
        return Comment(*row)

    def import_trusted(self, comments) -> None:
        """Append trusted, complete comments as they are (for seeding): no rules, no flood control."""
        with self._log.writing() as fold:
            fold.append([("submit", Row(*c.row())) for c in comments if fold.get(c.id) is None])

    def carry(self, events) -> int:
        """Take in another log's comments with their whole history (`carry.carried`: a comment held already is
        left alone); moderators only. Returns how many comments were added."""
        self._moderator()
        with self._log.writing() as fold:
            records = carried(events, lambda cid: fold.get(cid) is not None)
            if records:
                fold.append(records)
        return sum(kind == "submit" for kind, _ in records)

    # -- moderation ----------------------------------------------------------
    def edit(self, cid, body) -> Comment:
        """Replace a comment's text (moderators only, same limits as submit); the old text stays in the log."""
        actor = self._moderator()
        rules.check_body(body)
        with self._log.writing() as fold:
            row = self._row(cid)
            if row.body == body:
                return Comment(*row)
            event = event_row(row.id, body=body, status=row.status, status_at=iso(utc_now()),
                           status_by=actor.user or actor.role, reason=f"edited by the {actor.role}")
            fold.append([("edit", event)])
            return Comment(*fold.get(row.id))

    def empty_trash(self) -> int:
        """Delete every comment in the trash for good: each gets a tombstone in the log (who, when), so the audit
        trail keeps what was there; no panel, page or export shows them again."""
        actor = self._moderator()
        with self._log.writing() as fold:
            binned = [row.id for row in fold.rows() if row.status == "trash"]
            if binned:
                fold.append([("delete", event_row(cid, status="deleted", status_at=iso(utc_now()),
                                                  status_by=actor.user or actor.role,
                                                  reason=f"{DELETED} by the {actor.role}")) for cid in binned])
        return len(binned)

    def history(self, cid) -> list[dict]:
        """The audit trail of one comment: its log records, oldest first, earlier texts included (moderators
        only: it holds every field)."""
        self.require_moderator()
        self.get(cid)                   # unknown ids raise CommentNotFound
        return log.history(self.path, str(cid))

    def _moderator(self) -> Actor:
        actor = self.actor
        rules.check_moderator(actor.role, person=self.for_person)
        return actor

    def _moderate(self, cid, status, kind) -> Comment:
        actor = self._moderator()
        with self._log.writing() as fold:
            row = self._row(cid)
            if kind == "restore":
                if row.status not in BINNED:
                    return Comment(*row)
                status = fold.status_before_bin(row.id) or "pending"
            if row.status == status:
                return Comment(*row)
            fold.append([self._status_event(row.id, status, kind, actor)])
            return Comment(*fold.get(row.id))

    @staticmethod
    def _status_event(cid, status, kind, actor: Actor) -> tuple[str, Row]:
        """The (kind, row) of a moderation event setting `status`, signed by the acting user."""
        return kind, event_row(cid, status=status, status_at=iso(utc_now()), status_by=actor.user or actor.role,
                            reason=f"{MODERATION[kind]} by the {actor.role}")

    # -- queries -------------------------------------------------------------
    def _row(self, cid) -> Row:
        row = self._log.get(cid)
        if row is None:
            raise CommentNotFound(f"no comment {cid!r} in {self.path}")
        return row

    def get(self, cid, missing_ok=False) -> Comment | None:
        """One comment by id, in its current state."""
        self._log.refresh()
        if missing_ok and self._log.get(cid) is None:
            return None
        return self.shown(Comment(*self._row(cid)))

    def __len__(self) -> int:
        self._log.refresh()
        return len(self._log)

    def frame(self, status=None, entry_id=None):
        """The current state as a DataFrame, one row per comment, oldest first; all columns str."""
        import pandas as pd

        self._log.refresh()
        wanted = {status} if isinstance(status, str) else set(status or ())
        rows = self._log.rows(entry_id)
        if wanted:
            rows = [r for r in rows if r.status in wanted]
        rows.sort(key=lambda r: r.id)
        return self.shown(pd.DataFrame(rows, columns=list(FIELDS), dtype=str))

    def thread(self, entry_id):
        """Approved comments of one entry in display order, with an int `depth` column (0 = top)."""
        import pandas as pd

        self._log.refresh()
        fold = self._log
        shown = [r for r in fold.rows(entry_id) if r.status == "approved"]

        def parent_of(cid):
            row = fold.get(cid)
            return row.parent_id if row is not None else None

        pairs = order(shown, parent_of, depth_limit=self.settings.comments.thread_depth,
                      id_at=Row._fields.index("id"), parent_at=Row._fields.index("parent_id"))
        frame = pd.DataFrame([r for r, _ in pairs], columns=list(FIELDS), dtype=str)
        frame["depth"] = pd.Series([d for _, d in pairs], dtype="int64")
        return self.shown(frame)

    def counts(self, entry_id=None) -> dict:
        """{status: n} for one entry, or {entry_id: {status: n}} for every entry with comments."""
        self._log.refresh()
        if entry_id is not None:
            return _count(self._log.rows(entry_id))
        return {entry: _count(rows) for entry, rows in self._log.entries().items()}

    def __repr__(self) -> str:
        return f"<CommentStore {self.path}>"


def _count(rows) -> dict:
    out = dict.fromkeys(STATUSES, 0)
    out.update(Counter(map(_status, rows)))
    return out


_status = attrgetter("status")


def _has_approved(mine, name, email) -> bool:
    """An earlier approved comment under the same name and e-mail (as WordPress checks)."""
    keys = rules.known_commenter_key(name, email)
    return keys is not None and any(r.status == "approved" and commenter_keys(r.author_name, r.author_email) == keys
                                    for r in mine)
