"""`POST api/comments/LOGIN/carry`: a journal that joins the course brings the comments it already had.

Only the journal's author may send them, as the events of their own comments.csv; the course keeps each
comment with its author, dates and status (`comments.carry`), once: sending them again adds nothing.
"""

from __future__ import annotations

from ...errors import JournalError
from ..errors import BadRequest, NotAllowed
from .api import ApiHandler
from .guard import Refusal, refusal


class Carry(ApiHandler):
    async def post(self, login):
        try:
            person = self.require_person()
            if self.conf.single or person.login != login:
                raise NotAllowed("You can carry the comments of your own journal only.")
            data = self.body_json()
            if not isinstance(data, dict):
                raise BadRequest('Send {"events": [...]}, the events of the journal\'s comment log.')
            events = data.get("events")
            added = await self.conf.writing(login, self.actor_on(login), lambda store: store.carry(events))
        except (JournalError, Refusal) as exc:
            return self.refused(refusal(exc, "comment"))
        self.reply({"carried": added})
