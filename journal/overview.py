"""One journal at a glance: each entry with its words, citations and comment counts.

`journal list` prints it and the JupyterLab sidebar shows it. The counts come from the journal's comment
store, whichever it is: its own log, or the course's once the journal has joined one.
"""

from __future__ import annotations

from .errors import StoreUnavailable


def entry_rows(journal, problems: list[str] | None = None) -> list[dict]:
    """One dict per entry, oldest first. A store that cannot be reached leaves the counts at 0 and says why in
    `problems` (a student offline still sees their entries)."""
    entries = journal.entries()
    try:
        counts = journal.comments.counts()
    except StoreUnavailable as exc:
        counts = {}
        if problems is not None:
            problems.append(f"comment counts unknown: {exc}")
    out = []
    for entry in entries:
        c = counts.get(entry.id, {})
        out.append({
            "id": entry.id,
            "date": entry.date.isoformat(),
            "title": entry.title,
            "status": entry.status,
            "words": entry.words,
            "citations": len(entry.citations),
            "approved": c.get("approved", 0),
            "pending": c.get("pending", 0),
            "path": str(entry.path),
        })
    return out
