"""The one contract every course store meets: the folder backend and the PostgreSQL backend.

The course server, `journal course …` and the exports go through it and nothing else, so a backend
is added without touching them. A course store never reads a student's home directory: entries
arrive through `share` (the course server's API) as whole notebooks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .errors import EntryNotFound  # noqa: F401  (raised by every backend's entry, versions, unshare)

if TYPE_CHECKING:
    from pathlib import Path

    from ..comments.protocol import Actor, CommentStoreProtocol
    from ..settings import Settings
    from .lti.record import LmsRecordProtocol
    from .reviews.model import ReviewStoreProtocol


@dataclass(frozen=True)
class SharedEntry:
    """One shared version of an entry, as the course holds it."""

    login: str                          # the student whose journal it is
    entry_id: str
    title: str
    date: str                           # ISO date of the entry
    tags: tuple[str, ...] = ()
    version: int = 1                    # 1, 2, … each share of the same entry adds one
    shared_at: str = ""                 # ISO timestamp (UTC)
    sha256: str = ""                    # of the notebook JSON as stored
    withdrawn: bool = False             # unshared: tutors still see it, peers do not
    excerpt: str = ""                   # its opening words, for an index ('' where the store keeps none)
    visibility: str = "course"          # who reads it: tutors, group or course (visibility.py)
    notebook: dict = field(default_factory=dict, repr=False, compare=False)


@runtime_checkable
class CourseStoreProtocol(Protocol):
    """A course's journals, shared entries (with earlier versions) and one comment store per journal."""

    settings: object                    # the course's CourseSettings (course.toml)
    # The reference library entries are rendered with besides the works they embed: a single journal's own
    # references.bib; None for a course, whose entries arrive with every work they cite embedded.
    library_path: "Path | None"
    reviews: "ReviewStoreProtocol"      # the course's peer review rounds, kept by the same backend
    lti: "LmsRecordProtocol"            # what the course keeps of its LMS (members, scores pushed), likewise

    def journals(self) -> list[str]:
        """Logins of every student who has shared anything, sorted."""

    def share(self, login: str, notebook: dict, visibility: str | None = None) -> SharedEntry:
        """Store a published entry's notebook as its newest version (drafts raise JournalError), readable at
        `visibility` (None: the level it had, or the course's default). The same notebook again at another
        level changes the level only."""

    def unshare(self, login: str, entry_id: str) -> None:
        """Withdraw an entry from peers; its versions stay for tutors."""

    def entries(self, login: str | None = None, *, include_withdrawn: bool = False) -> list[SharedEntry]:
        """The newest version of each shared entry (of one student, or of all), newest first."""

    def entry(self, login: str, entry_id: str, *, version: int | None = None) -> SharedEntry:
        """One entry (the newest version unless `version`); EntryNotFound when there is none."""

    def versions(self, login: str, entry_id: str) -> list[SharedEntry]:
        """Every shared version of one entry, oldest first."""

    def comments(self, login: str, actor: "Actor") -> "CommentStoreProtocol":
        """The comment store of one student's journal, acted on by `actor`."""

    def journal_settings(self, login: str) -> "Settings":
        """The journal's settings, its moderation rules being the course's narrowed by the journal's own."""

    def configure(self, login: str, data: dict) -> "Settings":
        """Keep a journal's title, author, citation style and own [comments] rules (sent from its journal.toml)."""

    def picture(self, login: str, name: str) -> bytes:
        """A picture kept beside the journal's entries; EntryNotFound for anything else."""
