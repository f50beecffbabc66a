"""`journal list`: the entries with their words, citations and comment counts."""

import json
import sys

from ..overview import entry_rows

HELP = "list entries with words, citations and comment counts"
ORDER = 30


def add_arguments(p):
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args):
    from . import open_journal
    from ._terminal import printable  # a title may hide terminal escapes or reverse the line (U+202E)

    journal = open_journal(args)
    problems: list[str] = []
    data = entry_rows(journal, problems)
    for problem in problems:
        print(f"journal: warning: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if not data:
        print(f"No entries yet in {journal.entries_dir}. Start one with: journal new \"Title\"")
        return 0
    header = ("date", "status", "words", "cites", "approved", "pending", "title")
    table = [header] + [(r["date"], r["status"], str(r["words"]), str(r["citations"]), str(r["approved"]),
                         str(r["pending"]), printable(r["title"])) for r in data]
    widths = [max(len(row[i]) for row in table) for i in range(len(header) - 1)]
    for row in table:
        cells = [cell.rjust(w) if cell.isdigit() else cell.ljust(w) for cell, w in zip(row, widths)]
        print("  ".join(cells + [row[-1]]))
    return 0
