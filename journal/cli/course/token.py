"""`journal course token LOGIN`: a person's token for a course served without a hub (workshops, tests)."""

HELP = "print a person's token for a course served standalone (no hub)"
ORDER = 30


def add_arguments(p):
    p.add_argument("login", metavar="LOGIN", help="the person's login (a student's journal is named by it)")
    p.add_argument("--dir", metavar="COURSE", default=".", help="the course folder (default: the current folder)")


def run(args):
    from journal.course.access import check_login
    from journal.course.server.identity import course_secret, issue_token
    from journal.course.settings import FILENAME, CourseSettings

    CourseSettings.load(__import__("pathlib").Path(args.dir) / FILENAME)   # a course folder, or a clear error
    print(issue_token(course_secret(args.dir), check_login(args.login)))
    return 0
