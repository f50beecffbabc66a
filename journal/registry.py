"""What the course fills in for the core: looked up by entry point (pyproject.toml), so the core never imports it.

A plain journal needs nothing here. One that joined a course keeps its comments in the course's store, and one
in a tutor's class folder takes its feedback rubric from the class's course.toml: both belong to the course,
which registers them under these groups with the name "course".
"""

from __future__ import annotations

from functools import cache

from .errors import JournalError

# course_comments(settings, source) -> the comment store of a journal that joined the course.
JOINED_STORES = "journal.comment_stores"
# feedback_settings(journal) -> FeedbackSettings: the rubric and comment bank of feedback on a journal.
CLASS_FEEDBACK = "journal.class_feedback"


@cache
def registered(group: str):
    """What the course registered under `group`; JournalError when nothing did (an out-of-date install)."""
    from importlib.metadata import entry_points   # 25 ms to import: only once something asks

    for point in entry_points(group=group, name="course"):
        return point.load()
    raise JournalError(f"nothing here registered '{group}' (the course does, in pyproject.toml's entry "
                       f"points: reinstall the journal package)")
