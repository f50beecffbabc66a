"""What the course keeps of its LMS, in `COURSE/.lti/`: the service addresses the latest launch gave, the
members the latest roster sync found, and the scores pushed to the gradebook (with when).

Each is one JSON file, replaced whole (write_atomic), so a reader never sees half of one.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...errors import JournalError
from ...files import write_atomic

FOLDER = ".lti"


class Record:
    def __init__(self, course_dir: Path):
        self.folder = Path(course_dir) / FOLDER

    def read(self, name: str) -> dict:
        path = self.folder / f"{name}.json"
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise JournalError(f"{path}: cannot read the course's LMS record: {exc}") from None
        return value if isinstance(value, dict) else {}

    def write(self, name: str, value: dict) -> None:
        self.folder.mkdir(mode=0o700, exist_ok=True)
        write_atomic(self.folder / f"{name}.json", json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True))

    # -- the service addresses --------------------------------------------------
    def endpoints(self) -> dict:
        return self.read("endpoints")

    def remember_endpoints(self, launch) -> None:
        """Keep the NRPS and AGS addresses of a launch when they are new (a launch is every login)."""
        known = self.endpoints()
        seen = {k: v for k, v in (("memberships_url", launch.memberships_url),
                                  ("lineitems_url", launch.lineitems_url)) if v}
        if seen and any(known.get(k) != v for k, v in seen.items()):
            self.write("endpoints", {**known, **seen})
