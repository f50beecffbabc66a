"""`journal demo`: write the built-in demo journal and run the main job on it."""

HELP = "write the demo journal and export it"
ORDER = 90
OPENS_JOURNAL = False           # it writes one where DIR says: no --dir


def add_arguments(p):
    p.add_argument("path", nargs="?", default="demo-journal", metavar="DIR",
                   help="where to write it (default: ./demo-journal)")
    p.add_argument("--force", action="store_true", help="replace a journal already in DIR")
    p.add_argument("--no-export", action="store_true", help="only write the journal; do not export it")
    p.add_argument("--author", metavar="NAME", help="the student's name (default: Sam Okafor)")
    p.add_argument("--username", metavar="LOGIN", help="the student's login (default: the current user)")


def run(args):
    from ..demo import build

    journal = build(args.path, force=args.force, author=args.author, username=args.username)
    print(f"Demo journal written to {journal.path}")
    for entry in journal.entries():
        print(f"  {entry.status:9} {entry.path}")
    if args.no_export:
        return 0
    return _export(journal)


def _export(journal):
    """Run the entries' code once (so tables and plots appear), then export entries and portfolio."""
    from export.entries import export_entries
    from export.options import ExportOptions
    from export.execute import execute
    from export.portfolio import export_portfolio

    from .export import report

    for entry in journal.entries():
        execute(entry)
    options = ExportOptions.for_journal(journal)
    print(f"Exported to {journal.exports_dir}:")
    outcomes = export_entries(journal, journal.entries(), options) + export_portfolio(journal, options)
    return report(outcomes)
