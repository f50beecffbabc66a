"""`journal course`: join a course and open classmates' entries."""

HELP = "the course on JupyterHub: join it, open a classmate's shared entry"
ORDER = 59


def add_arguments(p):
    from ._course_client import register

    sub = p.add_subparsers(dest="course_command", metavar="ACTION")
    sub.required = True
    register(sub)


def run(args):
    return args.course_run(args)
