"""Tutor groups: who is in each, from the roster, course.toml and the hub, never from what a client says.

A class of 300 is taught in groups of 12 to 20. A person's groups are the union of
- the roster's `group` column (`login,name,group`, several groups separated by `;`), re-read when the
  file changes, so a student moved to another group reads what that group shares from then on;
- `[groups.NAME] tutors = [...]` in course.toml, which attaches tutors to groups;
- behind a hub, the hub groups whose names start with `groups_prefix` (the prefix is left off): the course
  service asks the hub who is in them (its role has `list:groups` and `read:groups`), and the person
  asking is also known by the groups the hub's OAuth vouched for.
"""

from __future__ import annotations

import csv
import json
import logging
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import JournalError
from ..files import stamp as file_stamp

log = logging.getLogger("journal.course")
SEPARATOR = ";"
HUB_SECONDS = 30.0          # how long the hub's answer about its groups is taken as current
NO_GROUPS: dict = {}        # one object, so an answer made from it is known to be the same next time
ROSTER_SECONDS = 1.0        # how often the roster file is looked at for a change


@dataclass(frozen=True)
class Roster:
    """The course's list of people: display names, and each login's tutor groups."""

    names: dict[str, str] = field(default_factory=dict)
    groups: dict[str, frozenset] = field(default_factory=dict)


def read_roster(path: Path) -> Roster:
    """A roster CSV with a header row naming `login` and `name`, and optionally `group`."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise JournalError(f"{path}: cannot read the roster: {exc}") from None
    if rows and not {"login", "name"} <= set(rows[0]):
        raise JournalError(f"{path}: a roster needs the columns login and name (and may have group)")
    names, groups = {}, {}
    for row in rows:
        login = (row.get("login") or "").strip()
        if not login:
            continue
        names[login] = (row.get("name") or "").strip()
        listed = frozenset(g.strip() for g in (row.get("group") or "").split(SEPARATOR) if g.strip())
        if listed:
            groups[login] = groups.get(login, frozenset()) | listed
    return Roster(names, groups)


class RosterFile:
    """The roster, read again when its file changed (no file, no roster: an empty one).

    The file is looked at no more than once every `seconds`: an index page asks for the groups of every
    entry's author, and a look per question would be thousands of stat calls per page.
    """

    def __init__(self, path: Path | None, *, seconds: float = ROSTER_SECONDS):
        self.path = Path(path) if path else None
        self.seconds = seconds
        self._seen: tuple = (None, Roster())
        self._looked = float("-inf")

    def reread(self) -> None:
        """Look at the file at the next question (it was just written: a sync from the LMS)."""
        self._looked = float("-inf")

    def current(self) -> Roster:
        if self.path is None:
            return self._seen[1]
        now = time.monotonic()
        if now - self._looked >= self.seconds:
            self._looked = now
            stamp = file_stamp(self.path)
            if stamp != self._seen[0]:
                self._seen = (stamp, read_roster(self.path) if stamp else Roster())
        return self._seen[1]


class GroupSource(Protocol):
    """Somewhere that knows who is in which group (the hub)."""

    def members(self) -> dict[str, frozenset]:
        """group name (its prefix left off) -> the logins in it."""


class HubGroups:
    """The hub's groups whose names start with `prefix`, asked for with the service's own token.

    The answer is kept for HUB_SECONDS and refreshed in a thread, so no request waits on the hub; until the
    first answer arrives (and after a failed one) the last good answer stands.
    """

    def __init__(self, api_url: str, token: str, prefix: str, *, seconds: float = HUB_SECONDS):
        self.api_url, self.token, self.prefix, self.seconds = api_url.rstrip("/") + "/", token, prefix, seconds
        self._members: dict[str, frozenset] = {}
        self._fetched = float("-inf")
        self._lock = threading.Lock()
        self._refreshing = False

    def members(self) -> dict[str, frozenset]:
        if time.monotonic() - self._fetched > self.seconds:
            if self._fetched == float("-inf"):
                self.refresh()                  # the first time: the answer is needed now
            else:
                self._refresh_later()
        return self._members

    def _refresh_later(self) -> None:
        with self._lock:
            if self._refreshing:
                return
            self._refreshing = True
        threading.Thread(target=self.refresh, name="journal-hub-groups", daemon=True).start()

    def refresh(self) -> None:
        try:
            self._members = self.fetch()
        except (OSError, ValueError) as exc:
            log.warning("cannot read the hub's groups (%s): keeping what was known", exc)
        finally:
            self._fetched = time.monotonic()
            with self._lock:
                self._refreshing = False

    def fetch(self) -> dict[str, frozenset]:
        """Every page of the hub's group list (JupyterHub pages its API with offset and limit)."""
        found, offset = {}, 0
        while True:
            query = urllib.parse.urlencode({"offset": offset, "limit": 200})
            request = urllib.request.Request(f"{self.api_url}groups?{query}", headers={
                "Authorization": f"token {self.token}", "Accept": "application/jupyterhub-pagination+json"})
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(request, timeout=10) as response:
                page = json.loads(response.read())
            items = page["items"] if isinstance(page, dict) else page
            for group in items:
                name = group.get("name", "")
                if name.startswith(self.prefix) and name != self.prefix:
                    found[name[len(self.prefix):]] = frozenset(group.get("users") or ())
            following = (page.get("_pagination") or {}).get("next") if isinstance(page, dict) else None
            if not following:
                return found
            offset = following["offset"]


class Groups:
    """A person's tutor groups, and the course's groups with their members."""

    def __init__(self, settings, roster: RosterFile | None = None, hub: GroupSource | None = None):
        self.settings, self.roster, self.hub = settings, roster or RosterFile(None), hub
        self._known: tuple = (None, {}, {})      # (what it was made from, members, login -> groups)

    def _attached(self) -> dict[str, frozenset]:
        """group -> the tutors course.toml attaches to it."""
        return {name: frozenset(group.tutors) for name, group in self.settings.groups.items()}

    def _current(self) -> tuple[dict, dict]:
        """(group -> members, login -> groups), made again only when the roster or the hub's answer changed:
        an index page asks for every entry's author."""
        roster, hub = self.roster.current(), (self.hub.members() if self.hub else NO_GROUPS)
        made_from = (id(roster), id(hub))
        if self._known[0] != made_from:
            out: dict[str, set] = {name: set(who) for name, who in self._attached().items()}
            for login, groups in roster.groups.items():
                for name in groups:
                    out.setdefault(name, set()).add(login)
            for name, who in hub.items():
                out.setdefault(name, set()).update(who)
            members = {name: frozenset(who) for name, who in sorted(out.items())}
            by_login: dict[str, set] = {}
            for name, who in members.items():
                for login in who:
                    by_login.setdefault(login, set()).add(name)
            self._known = (made_from, members, {k: frozenset(v) for k, v in by_login.items()})
        return self._known[1], self._known[2]

    def members(self) -> dict[str, frozenset]:
        """Every group the course knows of -> its members (students and attached tutors), by name."""
        return self._current()[0]

    def of(self, login: str, vouched=()) -> frozenset:
        """The groups of `login`; `vouched` are hub groups the hub itself said this person is in (OAuth)."""
        known = self._current()[1].get(login, frozenset())
        prefix = self.settings.groups_prefix
        if not (prefix and vouched):
            return known
        return known | {g[len(prefix):] for g in vouched if g.startswith(prefix) and g != prefix}

    def names(self) -> list[str]:
        return list(self.members())
