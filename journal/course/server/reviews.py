"""Peer review on the course server: a reviewer's "To review" page, and posting a review.

A review is a comment on the entry, through the same moderation rules (approved at once when its round
skips moderation), opening with the words that mark it as a review and the levels given for the course's
`[review] criteria`. In an anonymous round the comment itself is written under the pseudonym "Reviewer N"
with no e-mail address, so no page, API, export, digest or PDF has a name to show; the reviewer's login
is kept only in the review record, which only tutors read (this page shows a tutor everyone's progress).
"""

from __future__ import annotations

import asyncio

from ...comments.protocol import Actor
from ...comments.text import HELD, PUBLISHED
from ...errors import JournalError
from ..errors import BadRequest, NotAllowed
from ..reviews.completion import completion, open_entries
from ..reviews.model import Review, ReviewError
from ..reviews.rounds import pseudonym
from .guard import Refusal, as_refusal, refusal
from .pages import PageHandler

MARK = "Peer review ({round})"


def review_body(round_name: str, levels: dict, text: str) -> str:
    """The comment a review is: the mark, the levels given (one line), then what the reviewer wrote."""
    given = " · ".join(f"{name}: {level}" for name, level in levels.items())
    return "\n\n".join(part for part in (MARK.format(round=round_name), given, text.strip()) if part)


class ToReview(PageHandler):
    """The entries this person is asked to review, round by round, with the due date and what is done."""

    @as_refusal
    def get(self):
        person = self.require_person()
        store = self.conf.store
        record = store.reviews.record()
        live = open_entries(store)
        done = {(r.round, r.reviewer, r.login, r.entry_id) for r in record.reviews}
        titles = {(e.login, e.entry_id): e.title for e in store.entries(include_withdrawn=True)}
        mine = {(e.login, e.entry_id) for e in self.visible()}
        # An entry withdrawn or narrowed since, or one this reviewer can no longer read (they moved group),
        # asks nothing and shows no title, as every page hides it.
        items = [(record.round(a.round), a, titles.get((a.login, a.entry_id), a.entry_id),
                  (a.round, *a.key) in done, (a.login, a.entry_id) not in live or (a.login, a.entry_id) not in mine)
                 for a in record.allocations if a.reviewer == person.login]
        tutor = not self.conf.single and self.conf.access.is_tutor(person)
        message, ok = self.take_flash()
        self.page("review.html", page_title="To review", items=items, names=self.names(),
                  criteria=store.settings.review.criteria, message=message, ok=ok,
                  progress=sorted(completion(record, live=live).items()) if tutor else [],
                  reviews=record.reviews if tutor else [], rounds=list(record.rounds.values()) if tutor else [],
                  titles=titles if tutor else {})


class PostReview(PageHandler):
    async def post(self, name, login, entry_id):
        try:
            message = await self.review(name, login, entry_id)
        except (JournalError, Refusal) as exc:
            problem = refusal(BadRequest(str(exc)) if isinstance(exc, ReviewError) else exc, "comment")
            if problem.status not in (400, 403):
                return self.refused(problem)
            message, ok = problem.message, False
        else:
            ok = True
        self.flash(message, ok=ok)
        self.redirect(self.conf.url("review") + f"#review-{name}-{login}-{entry_id}", status=303)

    async def review(self, name, login, entry_id) -> str:
        person = self.require_person()
        reviews = self.conf.store.reviews
        record = reviews.record()
        round = record.round(name)
        mine = [a for a in record.allocations if a.round == name and a.key == (person.login, login, entry_id)]
        if not mine or self.role_on(login) != "peer":
            raise NotAllowed(f"You were not asked to review this entry in the round {name}.")
        record.reviewing(Review(name, person.login, login, entry_id, ""), "")   # open, and not reviewed yet
        self.readable(login, entry_id)
        levels = {}
        for criterion in self.conf.store.settings.review.criteria:
            level = self.get_body_argument(f"level-{criterion['name']}", "")
            if level and level not in criterion["levels"]:
                raise BadRequest(f"{level!r} is not a level of {criterion['name']} "
                                 f"(levels: {', '.join(criterion['levels'])})")
            if level:
                levels[criterion["name"]] = level
        allocations = record.of(name, record.allocations)
        author = pseudonym(allocations, person.login, login, entry_id) if round.anonymous else person.name
        comment = await self.conf.write(login, Actor(person.login, "peer"), "submit", entry_id, name=author,
                                        body=review_body(name, levels, self.get_body_argument("body", "")),
                                        role="peer")
        if round.skip_moderation and comment.status == "pending":
            comment = await self.conf.write(login, Actor(f"review round {name}", "tutor"), "approve", comment.id)
        await asyncio.to_thread(reviews.add_review, Review(name, person.login, login, entry_id, comment.id, levels))
        return PUBLISHED if comment.status == "approved" else HELD
