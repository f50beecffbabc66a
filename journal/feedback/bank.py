"""The comment bank: reusable sentences for feedback, kept per course (or per journal without one)."""

from __future__ import annotations

from pathlib import Path

from ..course.settings import FILENAME as COURSE_FILE
from ..errors import JournalError
from ..files import write_atomic
from ..roles import current_role
from ..settings import FILENAME, read_toml


def bank_file(journal) -> Path:
    """Where the bank lives: the class folder's course.toml if there is one, else the journal's settings."""
    course = journal.path.parent / COURSE_FILE
    return course if course.is_file() else journal.path / FILENAME


def save_bank(journal, sentences) -> Path:
    """Replace the bank with `sentences` (tutors only), keeping every other setting of the file."""
    import tomli_w

    if current_role(journal.settings) != "tutor":
        raise JournalError("Only a tutor can change the comment bank.")
    sentences = [str(s).strip() for s in sentences if str(s).strip()]
    path = bank_file(journal)
    # The file as it is, every other key kept (a course.toml holds the course server's keys too).
    data = read_toml(path, missing="file not found")
    data.setdefault("feedback", {})["bank"] = list(dict.fromkeys(sentences))
    write_atomic(path, tomli_w.dumps(data))
    return path
