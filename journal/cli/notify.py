"""`journal notify`: e-mail each person their digest (comments to approve, replies, feedback, participation)."""

HELP = "e-mail digests: pending comments and replies to authors, released feedback, tutors' summaries"
ORDER = 75


def add_arguments(p):
    p.add_argument("--class", dest="class_dirs", nargs="+", metavar="DIR",
                   help="every journal in these folders (a tutor's class; course.toml there may hold [notify])")
    p.add_argument("--dry-run", action="store_true", help="print what would be sent, send and record nothing")
    p.add_argument("--now", action="store_true",
                   help="send what is new even to people who already had their daily or weekly digest")


def run(args):
    import datetime as dt
    from pathlib import Path

    from ..course.reviews import reminders
    from ..course.settings import CourseSettings
    from ..notify.send import plan, send
    from ..report.access import readable_journals
    from ._terminal import printable, printable_lines

    # Digests are built from pending comments and feedback: a peer may neither send nor preview them.
    if args.class_dirs:
        journals = readable_journals(args.class_dirs)
        folder = Path(args.class_dirs[0])
        course = CourseSettings.of_class(folder)
    else:
        from . import open_journal

        journal = open_journal(args)
        # One journal on its own has no class: nobody but its own [notify] people and tutors.
        journals, folder, course = readable_journals([journal.path]), journal.path, CourseSettings(journal.title)
    now = dt.datetime.now(dt.timezone.utc)
    # A course's reviewers are reminded of the reviews they owe; a single journal has no rounds.
    owed = reminders.of_folder(folder, now.date().isoformat()) if args.class_dirs else {}
    the_plan = plan(journals, folder=folder, course=course, now=now, ignore_schedule=args.now, owed=owed)
    if args.dry_run:
        for d in the_plan.digests:
            print(f"To: {d.email}\nSubject: {printable(d.subject)}\n\n{printable_lines(d.body)}\n")
        print(f"{len(the_plan.digests)} digests would be sent (dry run: nothing sent or recorded)")
        return 0
    sent, errors = send(the_plan, now)
    for d in sent:
        print(f"sent      {d.email}  {printable(d.subject)}")
    for error in errors:
        print(f"journal: error: {error}")
    print(f"{len(sent)} digests sent")
    return 1 if errors else 0
