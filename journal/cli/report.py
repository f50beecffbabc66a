"""`journal report`: participation of a class (tables, plots, CSV), or one journal's own activity."""

HELP = "participation report: a class's (--class) or your own activity, as HTML, PDF and CSV"
ORDER = 70


def add_arguments(p):
    p.add_argument("--class", dest="class_dirs", nargs="+", metavar="DIR",
                   help="report on every journal in these folders (a tutor's class)")
    p.add_argument("--out", metavar="DIR",
                   help="where to write (default: the current folder with --class, else the journal's exports/)")
    p.add_argument("--days", type=int, default=7, metavar="N",
                   help="list students who have not posted in N days (default: 7)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="count up to this day (default: today)")
    p.add_argument("--to", choices=("html", "pdf", "both"), default="both", help="output format (default: both)")
    p.add_argument("--group", metavar="NAME", help="with --class: only the students of this tutor group, as "
                                                   "the roster (--roster) lists them")
    p.add_argument("--roster", metavar="CSV", help="the course's roster (login,name,group) that --group reads")


def run(args):
    import datetime as dt
    from pathlib import Path

    from export.options import formats
    from export.participation import write_report

    from ..errors import JournalError
    from ..report import build_report
    from ..report.access import of_group, readable_journals

    try:
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        raise JournalError(f"--as-of must be YYYY-MM-DD, not {args.as_of!r}") from None
    if args.days < 0:
        raise JournalError(f"--days must not be negative, not {args.days}")
    if args.group and not (args.class_dirs and args.roster):
        raise JournalError("--group needs --class and the roster that lists the groups (--roster CSV)")
    if args.class_dirs:
        journals = readable_journals(args.class_dirs)
        title, name, out = "Participation", "participation", Path(args.out or ".")
        if args.group:
            journals = of_group(journals, args.group, args.roster)
            title, name = f"Participation: group {args.group}", f"participation-{args.group}"
    else:
        from . import open_journal

        journal = open_journal(args)
        journals = readable_journals([journal.path])
        title, name, out = f"My activity: {journal.title}", "activity", Path(args.out or journal.exports_dir)
    report = build_report(journals, title=title, as_of=as_of, quiet_days=args.days)
    from ._terminal import printable

    for problem in [*report.problems, *report.warnings]:
        print(f"journal: warning: {printable(problem)}")
    if len(report.orphaned):
        print("orphaned comments (on entries that no longer exist; counted nowhere):")
        for o in report.orphaned.itertuples(index=False):
            print(f"  {printable(o.student)}  {printable(o.entry_id)}  {o.comments} comment{'s' * (o.comments != 1)}"
                  + (f" ({o.pending} pending)" if o.pending else ""))
    for path in write_report(report, out, name=name, formats=formats(args.to)):
        print(f"wrote     {path}")
    return 0
