"""One journal's comments in PostgreSQL: the comment store contract over `comment_events` and `comments`.

The moderation rules are the CSV store's (`journal.comments.rules`); this module supplies what they
need to know from the database. Every write runs in one transaction holding the journal's advisory
lock, so the duplicate, flood and first-time rules see every earlier comment even when several
course servers take posts for the same journal at once; the event and the comment's new state are
written in that same transaction.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, func, insert, or_, select, update

from ...comments import rules
from ...comments.carry import carried
from ...comments.errors import CommentNotFound
from ...comments.model import FIELDS, STATUSES, Comment, commenter_keys, iso, new_id, parse_iso, utc_now
from ...comments.protocol import MODERATION, Acting, Actor, checked_actor
from ...comments.thread import order
from ...feedback.store import FeedbackStore
from ...roles import MODERATORS
from . import database
from .feedback import PgFeedbackLog
from .schema import comment_events, comments

_COLUMNS = [comments.c[name] for name in FIELDS]
_ID, _PARENT, _STATUS = FIELDS.index("id"), FIELDS.index("parent_id"), FIELDS.index("status")


class PgCommentStore(Acting):
    """Every comment of one journal (`journal_id` in the course database at `url`)."""

    def __init__(self, url: str, journal_id: int, settings, actor: Actor | None = None, *, login: str = ""):
        self.url, self.journal_id, self.settings, self.login = url, journal_id, settings, login
        self.engine = database.engine(url)
        self.problems: list[str] = []   # the database keeps no damaged records; kept for the contract
        self._actor = actor

    # -- who acts (actor, role, can_moderate, require_moderator: Acting) ---------
    def as_actor(self, actor: Actor) -> "PgCommentStore":
        return PgCommentStore(self.url, self.journal_id, self.settings, checked_actor(actor), login=self.login)

    def refresh(self) -> None:
        """Nothing to do: every read asks the database."""

    def stamp(self) -> tuple:
        """The journal's last event: every submit, moderation and edit appends one."""
        with database.reading(self.engine, self.url) as conn:
            last = conn.execute(select(func.max(comment_events.c.seq))
                                .where(comment_events.c.journal_id == self.journal_id)).scalar()
        return self.journal_id, last or 0

    def feedback(self, criteria):
        """Tutors' feedback kept in this journal's event log, acted on as this store's actor (see
        journal.feedback.store); `criteria` is the rubric and comment bank (FeedbackSettings)."""

        return FeedbackStore(PgFeedbackLog(self), criteria, lambda: self.actor, person=self.for_person)

    # -- writing -----------------------------------------------------------------
    def _write(self):
        return database.transaction(self.engine, self.url, lock=self.journal_id)

    def submit(self, entry_id, *, name, body, email=None, reply_to=None, role=None) -> Comment:
        actor = self.role
        role = rules.check_role(actor if role is None else role, actor, person=self.for_person)
        name, email, reply_to = (name or "").strip(), (email or "").strip(), (reply_to or "").strip()
        entry_id = "" if entry_id is None else str(entry_id)
        rules.check_fields(entry_id, name, email, body)
        with self._write() as conn:
            events = []
            if reply_to:
                parent = self._get(conn, reply_to)
                # A moderator answering a pending comment approves it with the reply (as the CSV store does).
                answering_pending = parent is not None and parent.status == "pending" and actor in MODERATORS
                rules.check_reply(reply_to, parent, entry_id, pending_ok=answering_pending)
                if answering_pending:
                    events.append(self._status_event(parent, "approved", "approve", actor))
            now = utc_now()
            rules.check_duplicate(self._is_duplicate(conn, entry_id, name, email, body))
            if role == "peer" and not rules.is_pseudonym(name):
                rules.check_flood(self._seconds_since_last(conn, name, email, now),
                                  self.settings.comments.flood_seconds)
            status, reason = rules.decide(role=role, name=name, email=email, body=body,
                                          settings=self.settings.comments,
                                          known_commenter=self._has_approved(conn, name, email))
            at = iso(now)
            comment = Comment(new_id(now), entry_id, reply_to, name, email, role, body, at, status, at, "rules",
                              reason)
            events.append(("submit", comment.row()))
            self._record(conn, events)
        return comment

    def carry(self, events) -> int:
        """Take in another log's comments with their whole history (`carry.carried`: a comment held already is
        left alone), in one transaction; moderators only. Returns how many comments were added."""
        self.require_moderator()
        with self._write() as conn:
            held = set(conn.execute(select(comments.c.id).where(comments.c.journal_id == self.journal_id)).scalars())
            records = carried(events, held.__contains__)
            if records:
                self._record(conn, records)
        return sum(kind == "submit" for kind, _ in records)

    def _record(self, conn, events) -> None:
        """Append (kind, row) events to the log and fold each into the comment's current state."""
        conn.execute(insert(comment_events), [{"journal_id": self.journal_id, "kind": kind, **dict(zip(FIELDS, row))}
                                              for kind, row in events])
        for kind, row in events:
            values = dict(zip(FIELDS, row))
            if kind == "submit":
                conn.execute(insert(comments).values(journal_id=self.journal_id, **values,
                                                     **person_keys(values["author_name"], values["author_email"])))
                continue
            changed = ("body", "status", "status_at", "status_by", "reason") if kind == "edit" else \
                ("status", "status_at", "status_by", "reason")
            conn.execute(update(comments).where(self._mine_by_id(values["id"]))
                         .values({k: values[k] for k in changed}))

    def _status_event(self, current: Comment, status, kind, actor) -> tuple[str, tuple]:
        by = self.actor.user or actor
        row = [""] * len(FIELDS)
        row[_ID] = current.id
        row[_STATUS:] = status, iso(utc_now()), by, f"{MODERATION[kind]} by the {actor}"
        return kind, tuple(row)

    def _moderate(self, cid, status, kind) -> Comment:
        actor = self.require_moderator()
        with self._write() as conn:
            current = self._require(conn, cid)
            if kind == "restore":
                if current.status not in ("spam", "trash"):
                    return current
                status = self._status_before_bin(conn, current.id)
            if current.status == status:
                return current
            self._record(conn, [self._status_event(current, status, kind, actor)])
            return self._require(conn, cid)

    def edit(self, cid, body) -> Comment:
        actor = self.require_moderator()
        rules.check_body(body)
        with self._write() as conn:
            current = self._require(conn, cid)
            if current.body == body:
                return current
            row = [""] * len(FIELDS)
            row[_ID], row[FIELDS.index("body")] = current.id, body
            row[_STATUS:] = current.status, iso(utc_now()), self.actor.user or actor, f"edited by the {actor}"
            self._record(conn, [("edit", tuple(row))])
            return self._require(conn, cid)

    def _status_before_bin(self, conn, cid) -> str:
        """The status a comment had before it last went to spam or trash, replayed from its events."""
        before, status = "pending", None
        for kind, new in conn.execute(select(comment_events.c.kind, comment_events.c.status)
                                      .where(comment_events.c.journal_id == self.journal_id,
                                             comment_events.c.id == cid).order_by(comment_events.c.seq)):
            if kind not in ("submit", *MODERATION):
                continue                # an edit keeps the status
            if new in ("spam", "trash") and status not in ("spam", "trash", None):
                before = status
            status = new
        return before

    # -- reading -----------------------------------------------------------------
    def _mine_by_id(self, cid):
        return and_(comments.c.journal_id == self.journal_id, comments.c.id == str(cid))

    def _get(self, conn, cid) -> Comment | None:
        row = conn.execute(select(*_COLUMNS).where(self._mine_by_id(cid))).first()
        return Comment(*row) if row else None

    def _require(self, conn, cid) -> Comment:
        found = self._get(conn, cid)
        if found is None:
            raise CommentNotFound(f"no comment {cid!r} in the journal of {self.login or self.journal_id}")
        return found

    def get(self, cid, missing_ok=False) -> Comment | None:
        with database.reading(self.engine, self.url) as conn:
            found = self._get(conn, cid)
        if found is None and not missing_ok:
            raise CommentNotFound(f"no comment {cid!r} in the journal of {self.login or self.journal_id}")
        return self.shown(found)

    def history(self, cid) -> list[dict]:
        """The audit trail of one comment: its events, oldest first, as the CSV log's records (moderators only:
        it holds every field)."""
        self.require_moderator()
        self.get(cid)
        return self.events(cid)

    def events(self, cid) -> list[dict]:
        """Every event recorded under one id (a comment's or a piece of feedback's), oldest first."""
        names = ("kind", *FIELDS)
        with database.reading(self.engine, self.url) as conn:
            rows = conn.execute(select(comment_events.c.kind, *[comment_events.c[f] for f in FIELDS])
                                .where(comment_events.c.journal_id == self.journal_id, comment_events.c.id == str(cid))
                                .order_by(comment_events.c.seq)).all()
        return [dict(zip(names, row)) for row in rows]

    def __len__(self) -> int:
        with database.reading(self.engine, self.url) as conn:
            return conn.execute(select(func.count()).where(comments.c.journal_id == self.journal_id)).scalar()

    def _rows(self, *where) -> list[tuple]:
        with database.reading(self.engine, self.url) as conn:
            return [tuple(r) for r in conn.execute(select(*_COLUMNS).where(comments.c.journal_id == self.journal_id,
                                                                           *where).order_by(comments.c.id))]

    def frame(self, status=None, entry_id=None):
        """The current state as a DataFrame, one row per comment, oldest first; all columns str."""
        import pandas as pd

        where = []
        wanted = [status] if isinstance(status, str) else list(status or ())
        if wanted:
            where.append(comments.c.status.in_(wanted))
        if entry_id is not None:
            where.append(comments.c.entry_id == str(entry_id))
        return self.shown(pd.DataFrame(self._rows(*where), columns=list(FIELDS), dtype=str))

    def thread(self, entry_id):
        """Approved comments of one entry in display order, with an int `depth` column (0 = top)."""
        import pandas as pd

        rows = self._rows(comments.c.entry_id == str(entry_id))
        parents = {r[_ID]: r[_PARENT] for r in rows}
        approved = [r for r in rows if r[_STATUS] == "approved"]
        pairs = order(approved, parents.get, depth_limit=self.settings.comments.thread_depth, id_at=_ID,
                      parent_at=_PARENT)
        frame = pd.DataFrame([r for r, _ in pairs], columns=list(FIELDS), dtype=str)
        frame["depth"] = pd.Series([d for _, d in pairs], dtype="int64")
        return self.shown(frame)

    def counts(self, entry_id=None) -> dict:
        """{status: n} for one entry, or {entry_id: {status: n}} for every entry with comments."""
        query = select(comments.c.entry_id, comments.c.status, func.count()).where(
            comments.c.journal_id == self.journal_id).group_by(comments.c.entry_id, comments.c.status)
        if entry_id is not None:
            query = query.where(comments.c.entry_id == str(entry_id))
        out: dict = {}
        with database.reading(self.engine, self.url) as conn:
            for entry, status, n in conn.execute(query):
                out.setdefault(entry, dict.fromkeys(STATUSES, 0))[status] = n
        if entry_id is not None:
            return out.get(str(entry_id), dict.fromkeys(STATUSES, 0))
        return out

    # -- what the rules need to know ---------------------------------------------
    def _person(self, name, email):
        keys = person_keys(name, email)
        match = comments.c.name_key == keys["name_key"]
        if email:
            match = or_(match, comments.c.email_key == keys["email_key"])
        return and_(comments.c.journal_id == self.journal_id, match)

    def _is_duplicate(self, conn, entry_id, name, email, body) -> bool:
        return conn.execute(select(exists().where(self._person(name, email), comments.c.entry_id == entry_id,
                                                  comments.c.body == body, comments.c.status != "trash"))).scalar()

    def _seconds_since_last(self, conn, name, email, now) -> float | None:
        last = conn.execute(select(func.max(comments.c.submitted_at)).where(self._person(name, email))).scalar()
        return (now - parse_iso(last)).total_seconds() if last else None

    def _has_approved(self, conn, name, email) -> bool:
        keys = rules.known_commenter_key(name, email)
        if keys is None:
            return False
        return conn.execute(select(exists().where(
            comments.c.journal_id == self.journal_id, comments.c.status == "approved",
            comments.c.name_key == keys[0], comments.c.email_key == keys[1]))).scalar()

    def __repr__(self) -> str:
        return f"<PgCommentStore {database.describe(self.url)} journal {self.login or self.journal_id}>"


def person_keys(name: str, email: str) -> dict:
    """What identifies a commenter, as the CSV store compares them: name and e-mail, case-folded."""
    name_key, email_key = commenter_keys(name, email)
    return {"name_key": name_key, "email_key": email_key}
