"""Attach the tutor's feedback on an entry after its comments: for its author (released pieces) or,
in a tutor's export with `with_feedback`, every piece with its status. Never for anyone else."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from journal.feedback.text import feedback_section

from . import journal_of, visible_feedback


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
