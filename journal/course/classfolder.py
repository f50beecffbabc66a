"""A tutor's class without a server: a folder whose sub-folders are students' journals, and whose course.toml
(read leniently, `CourseSettings.of_class`) may say who tutors, `[notify]` and `[feedback]`."""

from __future__ import annotations

from pathlib import Path

from ..feedback.settings import FeedbackSettings
from ..settings import FILENAME as JOURNAL_TOML
from .settings import CourseSettings, merged_criteria


def find_journals(dirs, *, skip=()) -> list[Path]:
    """Each DIR that is a journal, else each visible sub-folder of it (a tutor's folder of students' journals)."""
    skip = {Path(s).resolve() for s in skip}
    found = []
    for folder in map(Path, dirs):
        if (folder / JOURNAL_TOML).is_file() or not folder.is_dir():
            found.append(folder)
            continue
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if sub.resolve() not in skip:
                found.append(sub)
    return found


def login_of(journal) -> str:
    """The student a journal belongs to: its author's login, else its folder's name."""
    return journal.settings.username or journal.path.name


def course_of(journal) -> CourseSettings:
    """The course settings of the class folder holding `journal` (the defaults where it has no course.toml)."""
    return CourseSettings.of_class(journal.path.parent)


def feedback_settings(journal) -> FeedbackSettings:
    """The rubric and comment bank for feedback on `journal`: its class's where the class sets them.

    The core asks for it through the registry (pyproject.toml: journal.class_feedback), as it knows no course."""
    return merged_criteria(course_of(journal).feedback, journal.settings.feedback)
