"""How the comment and moderation panels scale with the number of comments (no browser, no kernel)."""

import os
import tempfile
from pathlib import Path

from common import median, table, timed

SIZES = (10, 100, 1000)


def _journal(folder: Path, approved: int, pending: int):
    """A journal with one entry holding `approved` approved comments (a quarter are replies) and
    `pending` comments from peers waiting in the queue."""
    from journal import Journal

    os.environ["JOURNAL_ROLE"] = "author"
    journal = Journal.create(folder, title="Bench", author="Ada", username="ada")
    entry = journal.new_entry("Busy entry", date="2026-10-01")
    store, last = journal.comments, None
    for i in range(approved):
        reply = last.id if last is not None and i % 4 == 3 else None
        last = store.submit(entry.id, name=f"Reader {i}", body=f"Thought number {i}.", reply_to=reply)
    os.environ["JOURNAL_ROLE"] = "peer"
    for i in range(pending):
        store.submit(entry.id, name=f"Peer {i}", body=f"Waiting thought {i}.")
    os.environ["JOURNAL_ROLE"] = "author"
    return Journal.open(folder), entry.id


def main():
    from widgets import CommentPanel, ModerationPanel

    rows, base = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            journal, entry_id = _journal(Path(tmp) / f"j{n}", approved=n, pending=n)
            panel = CommentPanel(journal, entry_id)
            moderation = ModerationPanel(journal)
            cases = {
                "comment panel: build": lambda: CommentPanel(journal, entry_id),
                "comment panel: refresh": panel.refresh,
                "moderation: refresh (page of 50)": moderation.refresh,
            }
            for name, fn in cases.items():
                t = median(timed(fn, repeat=5))
                base.setdefault(name, t)
                rows.append((name, n, f"{t * 1000:.1f}", f"{t / base[name]:.1f}x"))
    table(("case", "comments", "median ms", f"vs {SIZES[0]}"), rows)
    return 0


if __name__ == "__main__":
    main()
