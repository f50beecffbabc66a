"""Who someone is in a course and what they may do: decided from the hub identity and course.toml only.

Nothing here reads what a client sends: the server passes the login and groups the hub (or the
standalone token) vouched for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import EntryError
from ..roles import MODERATORS
from .errors import EntryNotFound, NotAllowed
from .groups import GroupSource, Groups, RosterFile
from .visibility import capped

# Hub logins and entry ids become folder and file names: refuse anything that could leave the course.
LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
ENTRY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def holds_login(login) -> bool:
    """Whether the course can keep a journal under this login (it names a folder and an address)."""
    return isinstance(login, str) and bool(LOGIN.match(login)) and ".." not in login


def check_login(login: str) -> str:
    """The login, when it can name a folder of the course; else no such journal."""
    if not holds_login(login):
        raise EntryNotFound(f"{login!r} is not a login this course can hold")
    return login


def unholdable(login: str) -> str:
    """Why a journal cannot join under `login`, worded for its owner (who can do nothing about it but ask)."""
    return (f"The login {login!r} cannot keep a journal on this course: a login here is 1 to 64 characters, "
            "letters a-z and A-Z, digits and . _ @ + -, starting with a letter or digit. Ask the course team "
            "to give you a login of that kind.")


def check_entry_id(entry_id: str) -> str:
    if not isinstance(entry_id, str) or not ENTRY_ID.match(entry_id) or ".." in entry_id:
        raise EntryError(f"{entry_id!r} is not an entry id this course can hold (letters, digits, '-', '_', '.')")
    return entry_id


@dataclass(frozen=True)
class Person:
    """A visitor as the hub (or a standalone token) identified them."""

    login: str
    display_name: str = ""
    groups: frozenset = field(default_factory=frozenset)

    @property
    def name(self) -> str:
        return self.display_name or self.login


class Access:
    """The course's rules about people: tutors, readers, tutor groups, roles on one journal."""

    def __init__(self, settings, roster: RosterFile | None = None, hub: GroupSource | None = None):
        self.settings = settings
        self.roster = roster or RosterFile(None)
        self.groups = Groups(settings, self.roster, hub)

    @classmethod
    def of_folder(cls, folder, settings, hub: GroupSource | None = None) -> "Access":
        """The rules of the course in `folder`, its names and groups from the roster it keeps there."""
        return cls(settings, RosterFile(settings.roster_path(folder)), hub)

    def person(self, login: str, groups=(), display_name: str = "") -> Person:
        return Person(login, self.names().get(login) or display_name or "", frozenset(groups or ()))

    def names(self) -> dict[str, str]:
        """login -> display name, from the roster."""
        return self.roster.current().names

    def author_of(self, store, login: str) -> str:
        """Who keeps the journal at `login` in `store`, by name: the roster, else the journal's own author."""
        return self.names().get(login) or store.journal_settings(login).author or login

    def groups_of(self, person: "Person | str") -> frozenset:
        """A person's tutor groups (for the one asking, also the hub groups their OAuth vouched for)."""
        if isinstance(person, Person):
            return self.groups.of(person.login, person.groups)
        return self.groups.of(person)

    def is_tutor(self, person: Person) -> bool:
        s = self.settings
        return person.login in s.tutors or bool(s.tutors_group and s.tutors_group in person.groups)

    def may_read(self, person: Person) -> bool:
        """Every hub user with access to the service, or the readers group only (tutors always)."""
        group = self.settings.readers_group
        return not group or group in person.groups or self.is_tutor(person)

    def role_on(self, person: Person, login: str) -> str:
        """author (their own journal), tutor, or peer."""
        if person.login == login:
            return "author"
        return "tutor" if self.is_tutor(person) else "peer"

    def may_read_entry(self, person: Person, role: str, shared, version: int | None = None) -> bool:
        """May `person`, in `role` on the journal, read this shared entry at `version` (None: the newest)?

        The one rule every page, API route, thread and count asks: the author and tutors read every entry
        and every version; a peer reads the newest version of an entry that is not withdrawn, when its
        visibility reaches them (course: every reader; group: a reader sharing a tutor group with the
        author; tutors: no peer), never wider than the course's `max_visibility` is now.
        """
        if role in MODERATORS:
            return True
        if shared.withdrawn or version not in (None, shared.version):
            return False
        level = capped(shared.visibility, self.settings)
        if level == "group":
            return bool(self.groups_of(person) & self.groups_of(shared.login))
        return level == "course"

    def require_moderator(self, person: Person, login: str) -> str:
        role = self.role_on(person, login)
        if role == "peer":
            raise NotAllowed("Only the journal's author or a tutor can moderate comments; you are a peer here.")
        return role
