"""The tutor page's review rounds: open one (and allocate it at once), allocate it again, close it.

They do what `journal course review open|allocate|close` does, through the same `reviews.rounds`
functions, but the server knows each person's tutor groups as the hub says them (`Access.groups_of`), so a
course whose groups live only on the hub can run a round within or across groups. The record is written
in a worker thread, as the review page writes a review; a refusal (an unknown tag, a round that exists, a
bad date) comes back on the tutor page in one line, as every form's refusal does.
"""

from __future__ import annotations

import asyncio

from ...errors import JournalError
from ..errors import BadRequest
from ..reviews import rounds
from ..reviews.model import Round, ReviewError
from .guard import Refusal, refusal
from .tutors import Tutor


class RoundForm(Tutor):
    """A change to the course's review rounds, posted from the tutor page."""

    def allocate(self, name: str) -> str:
        access = self.conf.access
        plan = rounds.run(self.conf.store, name, access.groups_of, rounds.students(self.conf.store, access))
        return " ".join(rounds.allocated(self.conf.store, name, plan))

    async def changing(self, change) -> None:
        """Run `change` (which returns what to tell the tutor) off the server's loop, then show the tutor page."""
        try:
            message, ok = await asyncio.to_thread(change), True
        except (JournalError, Refusal) as exc:
            # A round's own refusal (a tag no entry has, a name in use, a closed round) is the tutor's to mend.
            problem = refusal(BadRequest(str(exc)) if isinstance(exc, ReviewError) else exc, "change")
            if problem.status not in (400, 403):
                return self.refused(problem)
            message, ok = problem.message, False
        self.flash(message, ok=ok)
        # The tutor page's top, where its message is: in view, as after every form.
        self.redirect(self.conf.url("tutor"), status=303)


class OpenRound(RoundForm):
    """Open a round from the tutor page's form, and give its entries their reviewers straight away."""

    def round(self) -> Round:
        arg = self.get_body_argument
        which = arg("which", "tag")
        try:
            reviewers = int(arg("reviewers", ""))
        except ValueError:
            raise ReviewError(f"the number of reviewers must be a whole number, not {arg('reviewers', '')!r}") from None
        return Round(name=arg("name", "").strip(), reviewers=reviewers, due=arg("due", ""),
                     tag=arg("tag", "") if which == "tag" else "",
                     date_from=arg("from", "") if which == "dates" else "",
                     date_to=arg("to", "") if which == "dates" else "", groups=arg("groups", "any"),
                     anonymous=bool(arg("anonymous", "")), skip_moderation=bool(arg("skip_moderation", "")))

    async def post(self):
        def open_and_allocate() -> str:
            opened = rounds.open_round(self.conf.store, self.round())
            return f"Opened the review round {opened.name}. " + self.allocate(opened.name)
        await self.changing(open_and_allocate)


class ChangeRound(RoundForm):
    """Allocate a round again (entries shared since it opened get their reviewers; nothing moves), or close it."""

    async def post(self, name, action):
        def change() -> str:
            if action == "allocate":
                return self.allocate(name)
            closed = self.conf.store.reviews.close_round(name)
            return f"Closed the review round {closed.name}: nothing more is allocated or reviewed in it."
        await self.changing(change)
