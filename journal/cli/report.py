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
                                                   "the roster (--roster, or --course's own) lists them")
    p.add_argument("--roster", metavar="CSV", help="the course's roster (login,name,group) that --group reads "
                                                   "(default with --course: the roster its course.toml names)")
    p.add_argument("--course", metavar="DIR", help="with --class: the course folder these journals are in; adds "
                                                   "everyone's peer reviews (given, received, late) from its review "
                                                   "rounds, and its LMS roster's students with no journal here as "
                                                   "not started")


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
    if args.course and not args.class_dirs:
        raise JournalError("--course needs --class (the journals of that course to report on)")
    if args.group and args.course and not args.roster:
        args.roster = course_roster(args.course)
    if args.group and not (args.class_dirs and args.roster):
        raise JournalError("--group needs --class and the roster that lists the groups (--roster CSV, or a "
                           "--course whose course.toml names its roster)")
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
    reviews, not_started = course_parts(args, journals) if args.course else ({}, [])
    report = build_report(journals, title=title, as_of=as_of, quiet_days=args.days, reviews=reviews,
                          not_started=not_started)
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


def course_roster(course) -> str | None:
    """The roster file of the course folder (None when it keeps none)."""
    from ..course.settings import CourseSettings

    path = CourseSettings.of_class(course).roster_path(course)
    return str(path) if path else None


def course_parts(args, journals) -> tuple[dict, list]:
    """The peer reviews and the not-started students of the course `args.course`, of --group's students when
    it is given (as the roster lists them)."""
    from ..course.classfolder import login_of
    from ..course.backends import open_store
    from ..course.groups import read_roster
    from ..course.lti.course import LtiCourse
    from ..report.course import peer_reviews

    store = open_store(args.course)
    lti = LtiCourse(args.course, store.settings, store.lti)
    not_started = lti.not_started({login_of(j) for j in journals}) if lti.enabled else []
    if not args.group:
        return peer_reviews(store), not_started
    listed = read_roster(args.roster).groups
    members = {login for login, groups in listed.items() if args.group in groups}
    return peer_reviews(store, members), [(login, name) for login, name in not_started if login in members]
