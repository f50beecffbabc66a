"""Tutors' feedback on one journal: write, revise, release, recall; read only what the reader may see.

Who sees what is decided here and nowhere else (`visible`): tutors see every piece, the
journal's author sees released pieces, a peer sees none. Every route (panels, exports, the
course server, digests, the CLI) reads through a FeedbackStore, so none can show a peer more.
"""

from __future__ import annotations

from ..comments import rules
from ..comments.errors import CommentRefused, ModerationRefused
from ..comments.model import Row, event_row, iso, new_id, utc_now
from ..errors import JournalError
from ..registry import CLASS_FEEDBACK, registered
from .model import STATE_CHANGED, STATE_NONE, Feedback, meta_json
from .snapshot import content_hash

WRITERS = ("tutor",)
WHOLE_JOURNAL = ""                      # the entry id of feedback on the whole journal


class FeedbackNotFound(JournalError):
    """No feedback with this id (or none this reader may see)."""


class FeedbackRefused(JournalError):
    """Feedback the course's rubric does not take (a level or criterion it does not have)."""


def visible(feedback: Feedback, role: str) -> bool:
    """Whether someone acting in `role` may read `feedback`."""
    if role == "tutor":
        return True
    if role == "author":
        return feedback.status == "released"
    return False


class FeedbackStore:
    """The feedback held in one journal's comment log, read and written as `actor` (see comments.protocol)."""

    def __init__(self, fold, criteria, actor, *, person: bool = False):
        self._fold = fold               # the comment log's FoldedLog: one read, one lock, one audit trail
        self.criteria = criteria        # FeedbackSettings: the rubric and the comment bank
        # An Actor, or a function giving the comment store's actor at each call (a process's role may change).
        self._actor = actor if callable(actor) else (lambda: actor)
        self.person = person            # acting for a person a server identified (refusals say "you are")

    @property
    def actor(self):
        return self._actor()

    @property
    def path(self):
        return self._fold.path

    # -- reading -----------------------------------------------------------
    def list(self, entry_id=None, *, status=None) -> list[Feedback]:
        """The feedback this reader may see (of one entry with `entry_id`; '' is the whole journal), oldest first."""
        self._fold.refresh()
        role = self.actor.role
        out = []
        for row in self._fold.feedback_rows():
            fb = Feedback.from_row(row)
            if entry_id is not None and fb.entry_id != entry_id:
                continue
            if status is not None and fb.status != status:
                continue
            if visible(fb, role):
                out.append(fb)
        return sorted(out, key=lambda f: f.id)

    def get(self, fid) -> Feedback:
        return find(self.list(), fid, self.path)

    def history(self, fid) -> list[dict]:
        """The audit trail of one piece of feedback (tutors only)."""
        self._writer()
        self.get(fid)
        return self._fold.history(str(fid))

    def state(self, entry) -> str:
        """none, held, released or 'changed since' (the entry was edited after its latest feedback) for one entry."""
        return entry_state(self.list(entry.id), entry)

    # -- writing (tutors) -----------------------------------------------------
    def require_tutor(self) -> None:
        """ModerationRefused unless a tutor is acting (held feedback and grades are for tutors only)."""
        self._writer()

    def _writer(self):
        if self.actor.role not in WRITERS:
            raise ModerationRefused(f"Only a tutor can write, release or recall feedback; "
                                    f"{rules.acting(self.actor.role, person=self.person)}.")
        return self.actor

    def add(self, entry_id, body, *, rubric=None, snapshot: str = "", sha256: str = "",
            release: bool = False) -> Feedback:
        """Store feedback on an entry ('' for the whole journal), held until released."""
        actor = self._writer()
        body = _text(body)
        rubric = self._check_rubric(rubric or {})
        now = utc_now()
        at = iso(now)
        row = Row(new_id(now), str(entry_id or ""), snapshot, actor.user or "tutor", "", "tutor", body, at, "held",
                  at, actor.user or "tutor", meta_json(rubric, sha256))
        records = [("feedback", row)]
        if release:
            records.append(("release", _event(row.id, "released", at, actor)))
        with self._fold.writing() as fold:
            fold.append(records)
        return self.get(row.id)

    def revise(self, fid, *, body=None, rubric=None, sha256=None) -> Feedback:
        """New text or levels for a piece of feedback; the earlier version stays in the log."""
        actor = self._writer()
        old = self.get(fid)
        body = old.body if body is None else _text(body)
        rubric = old.rubric if rubric is None else self._check_rubric(rubric)
        sha256 = old.sha256 if sha256 is None else sha256
        if (body, rubric, sha256) == (old.body, old.rubric, old.sha256):
            return old
        event = _event(old.id, old.status, iso(utc_now()), actor)._replace(body=body, reason=meta_json(rubric, sha256))
        with self._fold.writing() as fold:
            fold.append([("revise", event)])
        return self.get(old.id)

    def release(self, fids) -> list[Feedback]:
        """Release pieces of feedback all in one append, so the students see them at the same moment."""
        return self._set(fids, "released", "release")

    def recall(self, fids) -> list[Feedback]:
        """Take released (or held) feedback back out of the author's sight."""
        return self._set(fids, "recalled", "recall")

    def _set(self, fids, status, kind) -> list[Feedback]:
        actor = self._writer()
        pieces = [self.get(fid) for fid in fids]          # every id checked first: a typo changes nothing
        at = iso(utc_now())
        records = [(kind, _event(f.id, status, at, actor)) for f in pieces if f.status != status]
        if records:
            with self._fold.writing() as fold:
                fold.append(records)
        return [self.get(f.id) for f in pieces]

    def _check_rubric(self, rubric: dict) -> dict:
        """The levels checked against the rubric, in the rubric's order."""
        for name, level in rubric.items():
            levels = self.criteria.levels(name)
            if level not in levels:
                raise FeedbackRefused(f"rubric criterion {name!r}: level must be one of {', '.join(levels)}, "
                                      f"not {level!r}")
        return {c["name"]: rubric[c["name"]] for c in self.criteria.criteria if c["name"] in rubric}


def find(pieces, fid, where) -> Feedback:
    """The piece with id `fid` among those a reader sees (every store's `get`); FeedbackNotFound naming `where`."""
    for fb in pieces:
        if fb.id == str(fid):
            return fb
    raise FeedbackNotFound(f"no feedback {fid!r} in {where}")


def entry_state(pieces, entry) -> str:
    """An entry's state from the feedback on it that a reader sees, oldest first (every store's `state`)."""
    pieces = [f for f in pieces if f.status != "recalled"]
    if not pieces:
        return STATE_NONE
    latest = pieces[-1]
    if latest.sha256 and latest.sha256 != content_hash(entry):
        return STATE_CHANGED
    return latest.status


def _text(body) -> str:
    """The same limits as a comment's text, worded for feedback."""
    body = "" if body is None else str(body)
    try:
        rules.check_body(body)
    except CommentRefused as exc:
        raise CommentRefused(str(exc).replace("Your comment", "The feedback")) from None
    return body


def _event(fid, status, at, actor):
    """A release, recall or revise record: the feedback's id and the fields it sets, every other field empty."""
    return event_row(fid, status=status, status_at=at, status_by=actor.user or actor.role,
                     reason=f"{status} by the {actor.role}")


def total(feedback: Feedback, criteria) -> int:
    """The rubric's total: each criterion's level counted 1 (lowest) to n."""
    return sum(criteria.levels(name).index(level) + 1 for name, level in feedback.rubric.items()
               if level in criteria.levels(name))


def feedback_of(journal, store=None):
    """The feedback kept behind a comment store (`journal.comments` by default), under the rubric and comment bank
    of the journal's class (the course registers how a class folder sets them: registry.CLASS_FEEDBACK)."""
    store = journal.comments if store is None else store
    return store.feedback(registered(CLASS_FEEDBACK)(journal))


def journal_state(journal, entries=None) -> str:
    """One student's feedback state for a report: 'changed since' before held, held before released.

    `entries`: the journal's entries when the caller has read them already."""
    store = journal.feedback
    if store is None:
        return STATE_NONE
    states = {store.state(entry) for entry in (journal.entries() if entries is None else entries)}
    states |= {f.status for f in store.list(WHOLE_JOURNAL) if f.status != "recalled"}
    for state in (STATE_CHANGED, "held", "released"):
        if state in states:
            return state
    return STATE_NONE
