"""`journal course grades push [--dry-run]`: the course's `[grades]` items, scored, into the LMS's gradebook."""

HELP = "marks into the LMS's gradebook (push: create the line items, post every student's score)"
ORDER = 61


def add_arguments(p):
    p.add_argument("action", choices=["push"], help="push: post the scores of every [grades] item")
    p.add_argument("--dir", metavar="COURSE", default=".", help="the course folder (default: the current folder)")
    p.add_argument("--dry-run", action="store_true", help="print the table that would be sent; send nothing")
    p.add_argument("--as", dest="tutor", default="", metavar="LOGIN",
                   help="the tutor reading the feedback (default: the course's first tutor)")


def run(args):
    from journal.course.lti.cli import push_grades

    return push_grades(args.dir, dry_run=args.dry_run, tutor=args.tutor)
