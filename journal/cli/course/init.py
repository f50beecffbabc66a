"""`journal course init COURSE`: make a course folder with its course.toml."""

HELP = "make a course folder with its course.toml"
ORDER = 10


def add_arguments(p):
    p.add_argument("course", metavar="COURSE", help="the course folder to make")
    p.add_argument("--title", required=True, help="the course's title, shown on every page")
    p.add_argument("--tutor", action="append", default=[], metavar="LOGIN",
                   help="a tutor's hub login (repeat for several); the hub group in --tutors-group counts too")
    p.add_argument("--tutors-group", default="tutors", metavar="GROUP",
                   help="hub group whose members are tutors (default: tutors)")
    p.add_argument("--readers-group", default="", metavar="GROUP",
                   help="hub group whose members may read (default: every hub user who may use the service)")


def run(args):
    from journal.course.server.identity import course_secret
    from journal.course.settings import create

    settings = create(args.course, title=args.title, tutors=args.tutor, tutors_group=args.tutors_group,
                      readers_group=args.readers_group)
    course_secret(args.course)   # standalone tokens are signed with it (journal course token)
    print(f"Made the course {settings.title!r} in {args.course} (settings in course.toml).")
    print(f"Serve it with: journal course serve --dir {args.course}")
    return 0
