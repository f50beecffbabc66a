"""`journal export`: entries, a portfolio, or a whole class of journals to HTML and PDF."""

from ..settings import PAPERS, ExportSettings
from . import NAMES_AN_ENTRY

HELP = "export entries, a portfolio or a class of journals to HTML and PDF"
ORDER = 60


def add_arguments(p):
    p.add_argument("entries", nargs="*", metavar="ENTRY", help=f"entries to export: {NAMES_AN_ENTRY}")
    p.add_argument("--all", action="store_true", help="export every entry")
    p.add_argument("--portfolio", action="store_true",
                   help="export the whole journal as one document: cover, contents, every entry")
    p.add_argument("--class", dest="class_dirs", nargs="+", metavar="DIR",
                   help="export a portfolio for each journal in these folders (a tutor's class)")
    p.add_argument("--to", choices=("html", "pdf", "both"), default="both", help="output format (default: both)")
    p.add_argument("--out", metavar="DIR", help="where to write (default: the journal's exports/ folder)")
    p.add_argument("--show-code", action="store_true", default=None, help="keep code inputs (hidden by default)")
    p.add_argument("--no-comments", dest="comments", action="store_false", default=None,
                   help="leave out the approved comments")
    p.add_argument("--paper", choices=PAPERS, default=None,
                   help=f"paper size (default: paper in journal.toml, else {ExportSettings.paper})")
    p.add_argument("--drafts", action="store_true", help="include draft entries in portfolios")
    p.add_argument("--with-feedback", action="store_true",
                   help="a tutor's export: include tutors' feedback, held pieces marked")
    p.add_argument("--strict", action="store_true", help="fail on a citation whose key is in no bibliography")
    p.add_argument("--force", action="store_true", help="export again even when nothing has changed")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="processes for --class (default: 1)")


def run(args):
    from ..errors import JournalError

    if args.class_dirs:
        return _run_class(args)
    if not (args.entries or args.all or args.portfolio):
        raise JournalError("name the entries to export, or use --all, --portfolio or --class DIR")
    from export.entries import export_entries
    from export.options import ExportOptions, formats
    from export.portfolio import export_portfolio

    from . import open_journal

    journal = open_journal(args)
    options = ExportOptions.for_journal(journal, **_chosen(args), to=formats(args.to))
    outcomes = []
    if args.entries or args.all:
        entries = journal.entries() if args.all else [journal.entry(name) for name in args.entries]
        outcomes += export_entries(journal, entries, options, out=args.out, force=args.force)
    if args.portfolio:
        outcomes += export_portfolio(journal, options, out=args.out, force=args.force)
    return report(outcomes)


def report(outcomes) -> int:
    """Print one line per output; 1 when anything failed."""
    import sys

    skipped = 0
    for o in outcomes:
        if o.status == "failed":
            print(f"journal: error: {o.error}", file=sys.stderr)
        elif o.status == "skipped":
            skipped += 1
            print(f"unchanged {o.path}")
        else:
            print(f"wrote     {o.path}")
    if skipped:
        print(f"({skipped} unchanged output{'s' if skipped > 1 else ''} skipped; --force exports them again)")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _chosen(args) -> dict:
    return {"show_code": args.show_code, "comments": args.comments, "paper": args.paper,
            "strict": args.strict or None, "drafts": args.drafts or None,
            "with_feedback": args.with_feedback or None}


def _run_class(args):
    from export.student_journals import export_class, progress_bar, summary
    from export.options import formats

    from ..errors import JournalError

    if args.entries or args.all or args.portfolio:
        raise JournalError("--class exports one portfolio per journal; it takes no ENTRY, --all or --portfolio")
    if args.jobs < 1:
        raise JournalError(f"-j must be at least 1, not {args.jobs}")
    chosen = {**_chosen(args), "to": formats(args.to)}
    results = export_class(args.class_dirs, chosen, out=args.out, force=args.force, jobs=args.jobs,
                           progress=progress_bar())
    print(summary(results))
    return 0 if results and all(r.status != "failed" for r in results) else 1
