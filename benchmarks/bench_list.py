"""`journal list` on a journal of 200 entries, as a whole process (target: under 1 s)."""

import sys
import tempfile
from pathlib import Path

from common import median, table, wall


def main():
    from journal.demo import build

    with tempfile.TemporaryDirectory() as tmp:
        journal = build(Path(tmp) / "j")
        for i in range(200 - len(journal.entries())):
            journal.new_entry(f"Entry number {i}", date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}")
        python = [sys.executable, "-c", "pass"]
        listing = [sys.executable, "-m", "journal", "list", "--dir", str(journal.path)]
        base, lst = median(wall(python)), median(wall(listing))
        table(("what", "median s"), [("python -c pass", f"{base:.3f}"),
                                     ("journal list (200 entries)", f"{lst:.3f}")])
        print(f"target: journal list under 1 s: {'met' if lst < 1 else 'MISSED'}")
        return lst >= 1
