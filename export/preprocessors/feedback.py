"""Attach the tutor's feedback on an entry after its comments: for its author (released pieces) or,
in a tutor's export with `with_feedback`, every piece with its status. Never for anyone else."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from journal.feedback.text import feedback_section
from journal.roles import MODERATORS

from . import journal_of


def visible_feedback(journal, entry_id: str, with_feedback: bool) -> tuple[list, bool]:
    """(pieces, tutor_view) an export of `entry_id` may show; the store has already hidden what the
    reader may not see, and a tutor's export shows feedback only when asked."""
    store = None if journal is None or not entry_id else journal.feedback
    if store is None:
        return [], False
    role = store.actor.role
    if role == "tutor" and not with_feedback or role not in MODERATORS:
        return [], False
    return [f for f in store.list(entry_id) if f.status != "recalled"], role == "tutor"


class AttachFeedback(Preprocessor):
    """Put the feedback section's HTML in `resources["journal"]["feedback_html"]`."""

    with_feedback = Bool(False, help="A tutor's export: include every piece of feedback, held ones marked"
                         ).tag(config=True)

    def preprocess(self, nb, resources):
        info = resources.setdefault("journal", {})
        entry_id = nb.metadata.get("journal", {}).get("id")
        pieces, tutor_view = visible_feedback(journal_of(resources), entry_id, self.with_feedback)
        info["feedback_html"] = feedback_section(pieces, tutor_view=tutor_view)
        return nb, resources
