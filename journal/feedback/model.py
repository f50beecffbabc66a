"""One piece of feedback as stored in the journal's comment log, and how its events fold.

Feedback travels in the same append-only log as comments (same checksums, lock, torn-tail
handling and audit trail) under kinds of its own, which the comment fold ignores: so no
comment view, count, thread or export can ever include it. Each record uses the comment
columns: `parent_id` holds the snapshot label, `reason` a JSON object with the rubric levels and
the entry's content hash when the feedback was written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

KINDS = ("feedback", "revise", "release", "recall")
STATUSES = ("held", "released", "recalled")
STATE_NONE, STATE_CHANGED = "none", "changed since"


@dataclass(frozen=True)
class Feedback:
    """Feedback in its current state. `entry_id` is '' for feedback on the whole journal."""

    id: str
    entry_id: str
    snapshot: str
    tutor: str
    body: str
    written_at: str
    status: str
    status_at: str
    status_by: str
    rubric: dict = field(default_factory=dict)
    sha256: str = ""

    @classmethod
    def from_row(cls, row) -> "Feedback":
        meta = _meta(row.reason)
        return cls(row.id, row.entry_id, row.parent_id, row.author_name, row.body, row.submitted_at, row.status,
                   row.status_at, row.status_by, dict(meta.get("rubric", {})), str(meta.get("sha256", "")))


def meta_json(rubric: dict, sha256: str) -> str:
    # Levels keep the order they were given in (the rubric's order), so they read as the rubric does.
    return json.dumps({"rubric": rubric, "sha256": sha256}, ensure_ascii=False)


def _meta(text: str) -> dict:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def apply(rows: dict, kind: str, new) -> None:
    """Fold one feedback record into `rows` ({id: Row}); the comment log's fold calls this for KINDS."""
    if kind == "feedback":
        rows.setdefault(new.id, new)    # the same record twice (a log joined by hand): keep the first
        return
    row = rows.get(new.id)
    if row is None:
        return
    if kind == "revise":                # new text or levels; the status stays
        rows[new.id] = row._replace(body=new.body, reason=new.reason, status_at=new.status_at,
                                    status_by=new.status_by)
    else:                               # release or recall
        rows[new.id] = row._replace(status=new.status, status_at=new.status_at, status_by=new.status_by)
