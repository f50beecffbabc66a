"""`journal list`: the entries with their words, citations and comment counts."""

import json

HELP = "list entries with words, citations and comment counts"
ORDER = 30


def add_arguments(p):
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


def rows(journal):
    """One dict per entry: what `journal list` shows."""
    entries = journal.entries()
    counts = journal.comments.counts() if journal.comments_path.exists() else {}
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


def run(args):
    from . import open_journal
    from ._terminal import printable  # a title may hide terminal escapes or reverse the line (U+202E)

    journal = open_journal(args)
    data = rows(journal)
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
