"""The JSON API for tutors' feedback. Who is asking comes from the hub (or the course's token), never from
the body; what they may see or do is `journal.feedback.store`'s one rule, on every backend.

    GET   api/feedback/LOGIN[?entry=EID]    the feedback the caller may see, oldest first: a tutor every piece,
                                            the author released pieces only; a peer gets 403. `entry=` (empty
                                            for feedback on the whole journal) keeps one entry's.
    GET   api/feedback/LOGIN/FID            one piece (404 when there is none the caller may see)
    GET   api/feedback/LOGIN/FID/history    its audit trail (tutors)
    POST  api/feedback/LOGIN                add (tutors): {"entry_id", "body", "rubric": {criterion: level},
                                            "snapshot", "sha256", "release": false} -> 201 and the piece, held
                                            unless "release" is true; the tutor named on it is the caller
    PATCH api/feedback/LOGIN/FID            revise (tutors): {"body", "rubric", "sha256"}, each optional
    POST  api/feedback/LOGIN/release        {"ids": [FID, ...]} released together (tutors) -> the pieces
    POST  api/feedback/LOGIN/recall         {"ids": [FID, ...]} taken back out of the author's sight (tutors)
    GET   api/feedback-settings             the course's rubric and comment bank ([feedback] in course.toml):
                                            {"criteria": [{"name", "levels": [lowest first]}], "bank": [...]}

A piece is {"id", "entry_id", "snapshot", "tutor", "body", "written_at", "status" (held, released,
recalled), "status_at", "status_by", "rubric", "sha256"}. Refusals are {"error", "kind"} as in the
rest of the API: 403 "moderation" (not a tutor, or a peer reading), 404 "not-found", 400 "bad-request"
(a level not in the course's rubric, an empty body), 503 "unavailable".
"""

from __future__ import annotations

from dataclasses import asdict

from ...comments.errors import ModerationRefused
from ...errors import JournalError
from ..errors import BadRequest
from .api import ApiHandler
from .guard import Refusal, refusal

PEERS_REFUSED = "Feedback is for the journal's author and its tutors."
RUBRIC_SHAPE = "'rubric' must be an object of criterion: level."


class FeedbackHandler(ApiHandler):
    def store(self, login):
        """This caller's view of the journal's feedback; a peer is refused before anything is read."""
        if self.role_on(login) == "peer":
            raise ModerationRefused(PEERS_REFUSED)
        return self.conf.view(login, self.actor_on(login)).feedback(self.criteria())

    async def change(self, login, call, status=200):
        """Run `call(feedback_store)` as the caller in the journal's writer thread; reply with what it gives."""
        try:
            self.store(login).require_tutor()          # refused before any thread is woken
            criteria = self.criteria()
            got = await self.conf.writing(login, self.actor_on(login),
                                          lambda comments: call(comments.feedback(criteria)))
        except (JournalError, Refusal) as exc:
            return self.refused(feedback_refusal(exc))
        self.reply([asdict(f) for f in got] if isinstance(got, list) else asdict(got), status=status)

    def answer(self, compute):
        try:
            self.reply(compute())
        except (JournalError, Refusal) as exc:
            self.refused(feedback_refusal(exc))

    def data(self) -> dict:
        data = self.body_json()
        if not isinstance(data, dict):
            raise BadRequest("Send a JSON object.")
        return data


class Feedback(FeedbackHandler):
    def get(self, login):
        entry = self.get_query_argument("entry", None)
        self.answer(lambda: [asdict(f) for f in self.store(login).list(entry)])

    async def post(self, login):
        try:
            data = self.data()
            rubric = data.get("rubric") or {}
            if not isinstance(rubric, dict):
                raise BadRequest(RUBRIC_SHAPE)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc))
        await self.change(login, lambda fb: fb.add(
            str(data.get("entry_id") or ""), data.get("body"), rubric=rubric, snapshot=str(data.get("snapshot") or ""),
            sha256=str(data.get("sha256") or ""), release=data.get("release") is True), status=201)


class Change(FeedbackHandler):
    async def post(self, login, what):
        try:
            ids = self.data().get("ids")
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise BadRequest("Send {\"ids\": [feedback id, ...]}.")
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc))
        await self.change(login, lambda fb: getattr(fb, what)(ids))


class OnePiece(FeedbackHandler):
    def get(self, login, fid, what=None):
        if what == "history":
            self.answer(lambda: self.store(login).history(fid))
        else:
            self.answer(lambda: asdict(self.store(login).get(fid)))

    async def patch(self, login, fid, what=None):
        try:
            data = self.data()
            if data.get("rubric") is not None and not isinstance(data["rubric"], dict):
                raise BadRequest(RUBRIC_SHAPE)
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc))
        await self.change(login, lambda fb: fb.revise(fid, body=data.get("body"), rubric=data.get("rubric"),
                                                      sha256=data.get("sha256")))


class Criteria(ApiHandler):
    def get(self):
        criteria = self.criteria()
        self.reply({"criteria": criteria.criteria, "bank": criteria.bank})


def feedback_refusal(exc) -> Refusal:
    """A refusal while writing or reading feedback, worded for it where the storage failed."""
    return refusal(exc, "feedback")
