"""`journal list`: the entries with their words, citations and comment counts."""

import json
import sys

from ..course.sharing import levels
from ..errors import JournalError
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
    try:
        shared = levels(journal)
    except JournalError as exc:         # the course is away: the journal's own rows still matter
        problems.append(f"cannot ask the course who reads each entry: {exc}")
        shared = {}
    for row in data:
        row["shared"] = shared.get(row["id"], "") if journal.settings.course.url else None
    for problem in problems:
        print(f"journal: warning: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if not data:
        print(f"No entries yet in {journal.entries_dir}. Start one with: journal new \"Title\"")
        return 0
    header = ("date", "status", "words", "cites", "approved", "pending", "shared with", "title")
    table = [header] + [(r["date"], r["status"], str(r["words"]), str(r["citations"]), str(r["approved"]),
                         str(r["pending"]), r["shared"] or "-", printable(r["title"])) for r in data]
    if not journal.settings.course.url:         # no course: nothing is shared with anyone
        table = [row[:6] + row[7:] for row in table]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]) - 1)]
    for row in table:
        cells = [cell.rjust(w) if cell.isdigit() else cell.ljust(w) for cell, w in zip(row, widths)]
        print("  ".join(cells + [row[-1]]))
    return 0
