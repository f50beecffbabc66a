"""The LMS's membership list (NRPS) as the course's roster: who is in the course, their names, roles and groups.

The roster file is the CSV `login,name,group` (several groups separated by `;`) beside course.toml; the
members' roles, LMS user ids and status are kept in the course's LMS record (`.lti/members.json`), where
the gradebook and the check at each request read them. A member the list no longer holds as Active, or
holds no more, is left out: they lose reading access at once, and their journal and comments stay stored.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ...files import write_atomic
from ..access import holds_login
from .claims import STUDENT, course_role, display_name

COLUMNS = ("login", "name", "group")
ACTIVE = "Active"


@dataclass(frozen=True)
class Member:
    login: str
    name: str
    role: str               # tutor, student or ''
    user_id: str            # the LMS's id for them (a launch's `sub`): scores are posted to it
    groups: tuple = ()


def login_of(member: dict, username_key: str) -> str:
    """The hub login the LMS member signs in under: the same claim LTI13Authenticator takes it from,
    lower-cased as the hub keeps it."""
    key = "user_id" if username_key in ("sub", "") or username_key.startswith("custom_") else username_key
    return str(member.get(key) or member.get("user_id") or "").strip().lower()


def groups_of(member: dict) -> tuple:
    """The member's groups where the platform sends them (`groups`, or Canvas's `group_enrollments`)."""
    found = member.get("groups") or [g.get("group_name") or g.get("group_id")
                                     for g in member.get("group_enrollments") or () if isinstance(g, dict)]
    return tuple(str(g).strip() for g in found if str(g or "").strip())


def members(listed: list[dict], username_key: str) -> tuple[list[Member], list[str]]:
    """The active members the course can hold, and what was left out (with why), from the membership list."""
    kept, skipped = {}, []
    for m in listed:
        login = login_of(m, username_key)
        if str(m.get("status") or ACTIVE) != ACTIVE:
            continue
        if not holds_login(login):
            skipped.append(f"{display_name(m) or m.get('user_id')}: no login the course can hold ({login!r})")
            continue
        kept[login] = Member(login, display_name(m) or login, course_role(m.get("roles")), str(m.get("user_id")),
                             groups_of(m))
    return sorted(kept.values(), key=lambda m: m.login), skipped


def roster_csv(found: list[Member]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in found:
        writer.writerow((m.login, m.name, ";".join(m.groups)))
    return out.getvalue()


def write_roster(path, found: list[Member]) -> None:
    write_atomic(path, roster_csv(found))


def as_record(found: list[Member]) -> dict:
    return {m.login: {"name": m.name, "role": m.role, "user_id": m.user_id, "groups": list(m.groups)}
            for m in found}


def students(record: dict) -> list[str]:
    """The logins of the synced roster's students."""
    return sorted(login for login, m in record.items() if m.get("role") == STUDENT)
