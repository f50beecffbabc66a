"""A course in an LMS: who a launch lets in, the roster sync and the gradebook push, on the course's folder.

The course server asks `admit` at every request of a person the hub signed in (their launch claims are in
the hub's auth_state); `journal course roster sync` and `grades push`, and the tutor page's buttons, call
`sync_roster` and `push_grades`.
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ...environment import environment
from ...errors import JournalError
from ..errors import NotAllowed
from .claims import STUDENT, TUTOR, Launch, refusal
from .grades import scores
from .hub import LaunchClaims
from .keys import key_set, private_key
from .platform import Platform, PlatformError
from .record import LmsRecordProtocol, remember_endpoints
from .roster import as_record, members, students, write_roster

NOT_ON_ROSTER = ("You are no longer on this course's list in the LMS, so you cannot read the class's journals. "
                 "Your own journal and comments are kept. If this is a mistake, ask your tutor.")


@dataclass
class Pushed:
    """What a push sent (or would send): rows of (item label, login, name, score), and who failed and why."""

    sent: list = field(default_factory=list)
    unchanged: int = 0
    pending: list = field(default_factory=list)     # (label, login): nothing to score yet
    failed: list = field(default_factory=list)      # (label, login, why)


class LtiCourse:
    def __init__(self, course_dir, settings, record: LmsRecordProtocol):
        self.dir, self.settings, self.lti = Path(course_dir), settings, settings.lti
        self.record = record            # the course's backend keeps it (store.lti)

    @property
    def enabled(self) -> bool:
        return self.lti.enabled

    @cached_property
    def pem(self) -> str:
        return private_key(self.dir, self.lti)

    def key_set(self) -> dict:
        return key_set(self.pem)

    @property
    def roster_path(self) -> Path:
        return self.settings.roster_path(self.dir)

    def members(self) -> dict:
        """The synced roster: login -> {name, role, user_id, groups}; {} before the first sync."""
        return self.record.read("members")

    # -- a person's launch ----------------------------------------------------
    def admit(self, login: str, claims: dict | None) -> tuple[Launch | None, str]:
        """The person's launch and '' when they may in; else why not. No claims (a person who never came
        through the LMS, or a token): the synced roster alone decides."""
        launch = Launch.from_claims(claims) if claims else None
        if launch is not None:
            why = refusal(launch, self.lti)
            if why:
                return launch, why
            remember_endpoints(self.record, launch)
        synced = self.members()
        role = launch.role if launch is not None else synced.get(login, {}).get("role", "")
        # A launch the LMS issued after the last sync shows the person is on its course now (they joined
        # since); an older one says nothing against the sync that no longer lists them.
        newer = launch is not None and launch.issued_at > float(self.record.read("synced").get("at") or 0)
        if synced and role != TUTOR and login not in synced and login not in self.settings.tutors and not newer:
            return launch, NOT_ON_ROSTER
        return launch, ""

    def role(self, login: str, launch: Launch | None) -> str:
        return launch.role if launch is not None else self.members().get(login, {}).get("role", "")

    @cached_property
    def claims(self) -> LaunchClaims:
        return LaunchClaims(environment().hub_api_url)

    def person_model(self, model: dict, token: str) -> dict:
        """The hub's user model as the course reads it: the LMS role as the tutors (or readers) group, the
        name from the launch (or the roster). NotAllowed, with the reason, for a launch from elsewhere or a
        person the roster no longer holds."""
        login = model.get("name", "")
        launch, why = self.admit(login, self.claims(login, token))
        if why:
            raise NotAllowed(why)
        groups, role = set(model.get("groups") or ()), self.role(login, launch)
        if role == TUTOR and self.settings.tutors_group:
            groups.add(self.settings.tutors_group)
        if role == STUDENT and self.settings.readers_group:
            groups.add(self.settings.readers_group)
        name = (launch.name if launch is not None else "") or self.members().get(login, {}).get("name", "")
        return {**model, "groups": sorted(groups), "display_name": name or model.get("display_name") or ""}

    # -- the services ---------------------------------------------------------
    def platform(self) -> Platform:
        return Platform(self.lti, self.pem)

    def _endpoint(self, name: str, service: str) -> str:
        url = self.record.read("endpoints").get(name, "")
        if not url:
            raise JournalError(f"the LMS has not yet said where its {service} is: it sends that with a launch, "
                               "so open the course once from the LMS (as its tutor), then try again")
        return url

    def sync_roster(self) -> tuple[list, list[str]]:
        """Read the LMS's membership list and make it the roster; returns (members, what was skipped)."""
        synced_at = time.time()             # before the list is read: a launch after it may be newer than the list
        listed = self.platform().members(self._endpoint("memberships_url", "membership list (NRPS)"))
        found, skipped = members(listed, self.lti.username_key)
        write_roster(self.roster_path, found)
        self.record.write("members", as_record(found))
        self.record.write("synced", {"at": synced_at})
        return found, skipped

    def not_started(self, journals) -> list[tuple[str, str]]:
        """(login, name) of the roster's students with no journal in the course yet."""
        synced, have = self.members(), set(journals)
        return [(login, synced[login]["name"]) for login in students(synced) if login not in have]

    def push_grades(self, store, tutor: str, *, dry_run: bool = False, now=None) -> Pushed:
        """Post every roster student's score of every `[grades]` item; a score the gradebook already has (as
        the record says) is not sent again."""
        synced = self.members()
        if not synced:
            raise JournalError("no roster yet: run 'journal course roster sync' first (scores go to the LMS's "
                               "own ids of its Learners, which the roster holds)")
        if not self.settings.grades:
            raise JournalError("course.toml has no [grades] items to push")
        # One push at a time (the record's lock, across servers and the CLI): what it reads of the record
        # is still true when it writes it, and a new line item is made once.
        with nullcontext() if dry_run else self.record.pushing():
            return self._push(store, tutor, synced, dry_run, now)

    def _push(self, store, tutor: str, synced: dict, dry_run: bool, now) -> Pushed:
        learners = students(synced)         # never anyone who is not a Learner
        table = scores(store, self.settings.grades, learners, tutor, {k: m["name"] for k, m in synced.items()})
        stamp = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        pushed, result = self.record.read("pushed"), Pushed()
        book = None if dry_run else self.platform().gradebook(self._endpoint("lineitems_url", "gradebook (AGS)"))
        for name, item in self.settings.grades.items():
            line = None
            for login in learners:
                score = table[name][login]
                if score is None:
                    result.pending.append((item.label, login))
                    continue
                before = pushed.get(name, {}).get(login, {})
                if before.get("score") == score and before.get("maximum") == item.maximum:
                    result.unchanged += 1
                    continue
                result.sent.append((item.label, login, synced[login]["name"], score))
                if dry_run:
                    continue
                try:
                    line = line or book.line_item(name, item.label, item.maximum)
                    book.post(line, synced[login]["user_id"], score, item.maximum, stamp)
                except PlatformError as exc:
                    result.sent.pop()
                    result.failed.append((item.label, login, str(exc)))
                    continue
                pushed.setdefault(name, {})[login] = {"score": score, "maximum": item.maximum, "at": stamp}
        if not dry_run:
            self.record.write("pushed", pushed)
        return result

    def gradebook(self) -> dict:
        """What was pushed: {item name: {login: {score, maximum, at}}}."""
        return self.record.read("pushed")


__all__ = ["LtiCourse", "Pushed", "NOT_ON_ROSTER", "STUDENT"]
