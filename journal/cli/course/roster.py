"""`journal course roster sync`: the LMS's membership list (NRPS) becomes the course's roster."""

HELP = "the course's roster from its LMS (sync: read the membership list, names, roles and groups)"
ORDER = 60


def add_arguments(p):
    p.add_argument("action", choices=["sync"], help="sync: replace the roster with the LMS's membership list")
    p.add_argument("--dir", metavar="COURSE", default=".", help="the course folder (default: the current folder)")


def run(args):
    from journal.course.lti.cli import sync_roster

    return sync_roster(args.dir)
