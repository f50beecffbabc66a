"""What the course keeps of its LMS: the service addresses the latest launch gave ("endpoints"), the members
the latest roster sync found ("members") and the scores pushed to the gradebook, with when ("pushed").

The course's backend keeps it: a course folder in `COURSE/.lti/*.json`, a course database in its `lti_*`
tables (postgres/lti.py). Both meet LmsRecordProtocol: each part is read and replaced whole, so a reader
never sees half of one, and `journal course migrate` carries the three parts as they are.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import ContextManager, Protocol, runtime_checkable

from filelock import FileLock, Timeout

from ...errors import JournalError
from ...files import write_atomic

FOLDER = ".lti"
PARTS = ("endpoints", "members", "pushed", "synced")
# endpoints: {"memberships_url": …, "lineitems_url": …}
# members:   {login: {"name", "role", "user_id", "groups": [...]}}
# synced:    {"at": seconds since the epoch of the last roster sync}
# pushed:    {item name: {login: {"score", "maximum", "at"}}}
#: What a second push is told while one is under way (from the CLI, the tutor page, or another server).
PUSHING = ("another push to the gradebook is under way for this course (from the tutor page or "
           "'journal course grades push'); try again when it has finished")


@runtime_checkable
class LmsRecordProtocol(Protocol):
    def read(self, part: str) -> dict:
        """The part as last written; {} before that."""

    def write(self, part: str, value: dict) -> None:
        """Replace the part whole."""

    def pushing(self) -> ContextManager[None]:
        """Hold the course's one push to the gradebook (JournalError(PUSHING) at once if another holds it), so
        two pushes never both create a line item nor write over each other's record of what was sent."""


def check_part(part: str) -> str:
    if part not in PARTS:
        raise JournalError(f"the course's LMS record has no part {part!r} (its parts: {', '.join(PARTS)})")
    return part


def remember_endpoints(record: LmsRecordProtocol, launch) -> None:
    """Keep the NRPS and AGS addresses of a launch when they are new (a launch is every login)."""
    known = record.read("endpoints")
    seen = {k: v for k, v in (("memberships_url", launch.memberships_url),
                              ("lineitems_url", launch.lineitems_url)) if v}
    if seen and any(known.get(k) != v for k, v in seen.items()):
        record.write("endpoints", {**known, **seen})


class FolderLmsRecord:
    """The record as one JSON file per part in `COURSE/.lti/`, each replaced whole (write_atomic)."""

    def __init__(self, course_dir: Path):
        self.folder = Path(course_dir) / FOLDER

    def read(self, part: str) -> dict:
        path = self.folder / f"{check_part(part)}.json"
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise JournalError(f"{path}: cannot read the course's LMS record: {exc}") from None
        return value if isinstance(value, dict) else {}

    def write(self, part: str, value: dict) -> None:
        self.folder.mkdir(mode=0o700, exist_ok=True)
        write_atomic(self.folder / f"{check_part(part)}.json",
                     json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True))

    @contextmanager
    def pushing(self):
        self.folder.mkdir(mode=0o700, exist_ok=True)
        lock = FileLock(str(self.folder / "push.lock"), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise JournalError(PUSHING) from None
        try:
            yield
        finally:
            lock.release()


class NoLmsRecord:
    """The record of a journal served alone (`journal serve`), which no LMS launches: empty, and refusing to
    keep anything, in one line naming the journal."""

    def __init__(self, where: str):
        self.where = where

    def read(self, part: str) -> dict:
        check_part(part)
        return {}

    def write(self, part: str, value: dict) -> None:
        raise JournalError(f"{self.where}: a journal served on its own is in no LMS, so it keeps no LMS record")

    def pushing(self):
        """Refused, as every change is: nothing is pushed from a journal on its own."""
        self.write("pushed", {})
