"""A course's journals as the participation report reads them: shared entries and each journal's comments.

The course keeps whole notebooks (through CourseStoreProtocol), not folders; these stand-ins give
the report the same few things a journal folder gives it, read as the tutor who asked.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..comments.protocol import Actor
from ..entry import Entry


class SharedJournal:
    """One student's journal in a course, read as `tutor`: published shared entries, comments, settings."""

    def __init__(self, store, login: str, tutor: str):
        self.store, self.login, self.tutor = store, login, tutor
        # Inside the course folder where there is one, so the course's rubric (course.toml) applies.
        self.path = Path(getattr(store, "root", ".")) / login

    @cached_property
    def settings(self):
        return self.store.journal_settings(self.login)

    @property
    def author(self) -> str:
        return self.settings.author or self.login

    @property
    def title(self) -> str:
        return self.settings.title

    def entries(self) -> list[Entry]:
        found = []
        for shared in self.store.entries(self.login):
            full = self.store.entry(self.login, shared.entry_id)
            found.append(Entry(self.path / f"{full.date}-{full.entry_id}.ipynb", full.notebook))
        return sorted(found, key=lambda e: (e.date, e.path.name))

    @cached_property
    def comments(self):
        return self.store.comments(self.login, Actor(self.tutor, "tutor"))

    @property
    def comments_path(self) -> Path:
        return Path(getattr(self.comments, "path", "") or self.path / "no-log")


def course_journals(store, tutor: str) -> list[SharedJournal]:
    """Every journal of the course that has shared anything, read as `tutor`."""
    return [SharedJournal(store, login, tutor) for login in store.journals()]
