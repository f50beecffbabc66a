"""What `journal course roster sync` and `journal course grades push` do, printed for a terminal."""

from __future__ import annotations

from ...errors import JournalError
from ..backends import open_store
from .course import LtiCourse


def _course(folder):
    store = open_store(folder)
    if not store.settings.lti.enabled:
        raise JournalError(f"{folder}: course.toml has no [lti] issuer: the course is not registered with an LMS")
    return store, LtiCourse(folder, store.settings, store.lti)


def sync_roster(folder) -> int:
    _store, lti = _course(folder)
    found, skipped = lti.sync_roster()
    roles = {}
    for m in found:
        roles[m.role or "no role"] = roles.get(m.role or "no role", 0) + 1
    print(f"{lti.roster_path.name}: {len(found)} members (" + ", ".join(f"{n} {r}" for r, n in sorted(roles.items()))
          + ")")
    for why in skipped:
        print(f"left out: {why}")
    return 0


def push_grades(folder, *, dry_run: bool = False, tutor: str = "") -> int:
    store, lti = _course(folder)
    tutor = tutor or (store.settings.tutors[0] if store.settings.tutors else "tutor")
    pushed = lti.push_grades(store, tutor, dry_run=dry_run)
    print(("Would send" if dry_run else "Sent") + f" {len(pushed.sent)} score{'s' if len(pushed.sent) != 1 else ''}; "
          f"{pushed.unchanged} unchanged.")
    if pushed.sent:
        print("item\tlogin\tname\tscore")
        for label, login, name, score in pushed.sent:
            print(f"{label}\t{login}\t{name}\t{score:g}")
    members = lti.members()

    def who(login):                     # a person by name, the login beside it to tell namesakes apart
        name = members.get(login, {}).get("name", "")
        return f"{name} ({login})" if name else login
    for label, login in pushed.pending:
        print(f"not scored yet: {label} of {who(login)}: no released feedback on their tagged entries")
    for label, login, why in pushed.failed:
        print(f"FAILED: {label} of {who(login)}: {why}")
    return 1 if pushed.failed else 0
