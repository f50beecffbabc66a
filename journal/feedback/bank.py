"""The comment bank: reusable sentences for feedback, kept per course (or per journal without one)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..classes import COURSE_FILE
from ..errors import JournalError, SettingsError, read_text
from ..settings import FILENAME


def bank_file(journal) -> Path:
    """Where the bank lives: the class folder's course.toml if there is one, else the journal's settings."""
    course = journal.path.parent / COURSE_FILE
    return course if course.is_file() else journal.path / FILENAME


def save_bank(journal, sentences) -> Path:
    """Replace the bank with `sentences` (tutors only), keeping every other setting of the file."""
    import tomli_w

    from ..roles import current_role

    if current_role(journal.settings) != "tutor":
        raise JournalError("Only a tutor can change the comment bank.")
    sentences = [str(s).strip() for s in sentences if str(s).strip()]
    path = bank_file(journal)
    try:
        data = tomllib.loads(read_text(path, SettingsError))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from None
    data.setdefault("feedback", {})["bank"] = list(dict.fromkeys(sentences))
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
    tmp.replace(path)
    return path
