"""A course's journals as the participation report reads them: shared entries and each journal's comments.

The course keeps whole notebooks (through CourseStoreProtocol), not folders; these stand-ins give
the report the same few things a journal folder gives it, read as the tutor who asked.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..comments.protocol import Actor
from ..course.reviews.completion import of_course
from ..entry import Entry
from ..course.settings import merged_criteria


class SharedJournal:
    """One student's journal in a course, read as `tutor`: published shared entries, comments, feedback,
    settings (meets JournalProtocol)."""

    library_path = None                 # a shared entry embeds every work it cites

    def __init__(self, store, login: str, tutor: str, name: str = ""):
        self.store, self.login, self.tutor, self.name = store, login, tutor, name
        self.path = Path(login)         # names it in a report; nothing is read there

    @cached_property
    def settings(self):
        return self.store.journal_settings(self.login)

    @property
    def author(self) -> str:
        return self.name or self.settings.author or self.login

    @property
    def title(self) -> str:
        return self.settings.title

    def entries(self, *, published_only: bool = False) -> list[Entry]:
        """The newest version of each entry shared (and so published), oldest first."""
        found = []
        for shared in self.store.entries(self.login):
            full = self.store.entry(self.login, shared.entry_id)
            found.append(Entry(self.path / f"{full.date}-{full.entry_id}.ipynb", full.notebook))
        return sorted(found, key=lambda e: (e.date, e.path.name))

    @cached_property
    def comments(self):
        return self.store.comments(self.login, Actor(self.tutor, "tutor"))

    @property
    def feedback(self):
        """As the tutor reads it, under the course's rubric (or the journal's own, where the course sets none)."""
        return self.comments.feedback(merged_criteria(self.store.settings.feedback, self.settings.feedback))


def course_journals(store, tutor: str, logins=None, names=None) -> list[SharedJournal]:
    """Every journal of the course that has shared anything (of `logins` only, when given), read as `tutor`;
    each student by the name the course knows them by (`names`, its roster: the name their comments carry)."""
    names = names or {}
    return [SharedJournal(store, login, tutor, names.get(login, "")) for login in store.journals()
            if logins is None or login in logins]


def peer_reviews(store, logins=None) -> dict:
    """login -> Completion over the course's review rounds, as the tutor page counts them (of `logins` only)."""
    return {login: c for login, c in sorted(of_course(store).items()) if logins is None or login in logins}

