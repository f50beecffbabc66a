"""A tutor's class without a server: a folder whose sub-folders are students' journals."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import SettingsError
from .feedback.settings import FeedbackSettings
from .notify.settings import NotifySettings
from .settings import FILENAME, check_table, read_toml


def find_journals(dirs, *, skip=()) -> list[Path]:
    """Each DIR that is a journal, else each visible sub-folder of it (a tutor's folder of students' journals)."""
    skip = {Path(s).resolve() for s in skip}
    found = []
    for folder in map(Path, dirs):
        if (folder / FILENAME).is_file() or not folder.is_dir():
            found.append(folder)
            continue
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if sub.resolve() not in skip:
                found.append(sub)
    return found


def login_of(journal) -> str:
    """The student a journal belongs to: its author's login, else its folder's name."""
    return journal.settings.username or journal.path.name


COURSE_FILE = "course.toml"


@dataclass
class TutoringSettings:
    """What a class folder's `course.toml` says about tutoring: tutors, `[notify]` and `[feedback]`.

    The course server keeps its own keys in the same file; only these three are read here.
    """

    path: Path | None = None
    tutors: list = field(default_factory=list)
    notify: NotifySettings = field(default_factory=NotifySettings)
    feedback: FeedbackSettings = field(default_factory=FeedbackSettings)

    @classmethod
    def load(cls, folder) -> "TutoringSettings":
        """The settings in `folder/course.toml`; defaults when there is no such file."""
        path = Path(folder) / COURSE_FILE
        if not path.is_file():
            return cls()
        data = read_toml(path, missing="file not found")
        tutors = data.get("tutors", [])
        if not isinstance(tutors, list) or not all(isinstance(t, str) for t in tutors):
            raise SettingsError(f"{path}: 'tutors' must be a list of strings")
        return cls(path, tutors, **tutoring_tables(data, path))


def tutoring_tables(data: dict, source) -> dict:
    """The `[notify]` and `[feedback]` tables of a course.toml (or journal.toml), checked, by name."""
    tables = {}
    for name, kind in (("notify", NotifySettings), ("feedback", FeedbackSettings)):
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise SettingsError(f"{source}: '{name}' must be a table ([{name}])")
        tables[name] = kind(**check_table(kind, table, source, prefix=f"{name}."))
        tables[name].check(source)
    return tables


def course_of(journal) -> TutoringSettings:
    """The course settings of the class folder holding `journal`, if that folder has a course.toml."""
    return TutoringSettings.load(journal.path.parent)


def feedback_settings(journal):
    """The rubric and comment bank for feedback on `journal`: its course's where the course sets them."""
    return merged_criteria(course_of(journal).feedback, journal.settings.feedback)


def merged_criteria(course: FeedbackSettings, own: FeedbackSettings) -> FeedbackSettings:
    """A course's rubric and comment bank, each the journal's own where the course sets none."""
    return FeedbackSettings(criteria=course.criteria or own.criteria, bank=course.bank or own.bank)
