"""The feedback fragments of an entry page, as plain functions of the handler asking: the author's released
feedback (every piece, for a tutor) and the tutors' form for writing it. Nothing at all for a peer."""

from __future__ import annotations

from ...comments.protocol import Actor
from ...feedback.store import WHOLE_JOURNAL
from ...feedback.text import feedback_section
from ...roles import MODERATORS


def feedback_html(handler, login: str, entry_id: str) -> str:
    """The author's released feedback, or every piece for a tutor; '' for a peer."""
    role = handler.role_on(login)
    if role not in MODERATORS:
        return ""
    store = handler.conf.view(login, Actor(handler.person.login, role)).feedback(handler.criteria())
    return feedback_section(store.list(entry_id), tutor_view=role == "tutor", names=handler.names())


def form_html(handler, login: str, entry_id: str) -> str:
    """The form under an entry for a tutor; '' for anyone else."""
    if handler.role_on(login) != "tutor":
        return ""
    criteria = handler.criteria()
    store = handler.conf.view(login, Actor(handler.person.login, "tutor")).feedback(criteria)
    pieces = [f for f in store.list() if f.entry_id in (entry_id, WHOLE_JOURNAL)]
    return handler.render_string("feedback_form.html", login=login, entry_id=entry_id, criteria=criteria,
                                 pieces=pieces, url=handler.conf.url).decode("utf-8")
