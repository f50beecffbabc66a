"""Tutors write feedback on the course server: a form under an entry (rubric levels from the course's
`[feedback]` criteria, the comment bank offered, hold or release) and a release or recall button per piece.

Plain HTML forms with the XSRF token; no script is needed. The tutor named on the feedback is the
person the hub (or token) says is asking; only tutors get the form, and only tutors' posts are taken.
"""

from __future__ import annotations

from ...comments.errors import ModerationRefused
from ...comments.protocol import Actor
from ...errors import JournalError
from ...feedback.store import WHOLE_JOURNAL
from ..errors import BadRequest
from .feedback_api import feedback_refusal
from .guard import Refusal
from .pages import EntryPage

ACTIONS = ("add", "release", "recall")


class PostFeedback(EntryPage):
    async def post(self, login, entry_id):
        try:
            message = await self.act(login, entry_id)
        except (JournalError, Refusal) as exc:
            problem = feedback_refusal(exc)
            if problem.status in (400, 503):
                self.set_status(problem.status)
                return await self.show(login, entry_id, message=problem.message, ok=False)
            return self.refused(problem)
        self.flash(message, ok=True)
        self.redirect(self.conf.journal_url(login, entry_id) + "#feedback-form", status=303)

    async def act(self, login, entry_id) -> str:
        if self.role_on(login) != "tutor":
            raise ModerationRefused("Only tutors write, release or recall feedback.")
        self.readable(login, entry_id)
        action = self.get_body_argument("action", "")
        if action not in ACTIONS:
            raise BadRequest("Unknown feedback action.")
        criteria = self.criteria()
        actor = Actor(self.require_person().login, "tutor")
        if action == "add":
            on = WHOLE_JOURNAL if self.get_body_argument("on", "entry") == "journal" else entry_id
            body = self.get_body_argument("feedback", "").strip()
            chosen = self.get_body_argument("bank", "")
            if chosen.isdigit() and int(chosen) < len(criteria.bank):
                body = " ".join(part for part in (criteria.bank[int(chosen)], body) if part)
            rubric = {c["name"]: self.get_body_argument(f"rubric-{c['name']}", "") for c in criteria.criteria}
            rubric = {name: level for name, level in rubric.items() if level}
            release = self.get_body_argument("release", "") == "1"
            await self.conf.writing(login, actor, lambda comments: comments.feedback(criteria).add(
                on, body, rubric=rubric, release=release))
            return "Feedback released." if release else "Feedback saved, held until released."
        fid = self.get_body_argument("id", "")
        await self.conf.writing(login, actor, lambda comments: getattr(comments.feedback(criteria), action)([fid]))
        return "Feedback released." if action == "release" else "Feedback recalled."

