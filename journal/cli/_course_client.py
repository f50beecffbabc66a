"""`journal course join` and `journal course open`: a student's side of the course.

Registered by `journal course` (course.py) through `register(sub)`; the course team's side (init, serve)
lives there.
"""

import argparse

JOIN = "join the course at URL (or, on the hub, the course service the hub lists): writes [course] url"
OPEN = "put a read-only copy of a classmate's shared entry LOGIN/ENTRY in this journal, its panel talking to the course"


def register(sub) -> None:
    here = argparse.ArgumentParser(add_help=False)
    here.add_argument("--dir", metavar="DIR", default=argparse.SUPPRESS,
                      help="the journal folder (default: the journal containing the current folder)")
    p = sub.add_parser("join", parents=[here], help=JOIN, description=JOIN)
    p.add_argument("url", metavar="URL", nargs="?",
                   help="the course's address, e.g. https://hub.example.edu/services/journal/ (default: ask the hub)")
    p.add_argument("--service", default="journal", metavar="NAME",
                   help="without URL: the name of the hub's course service (default: journal)")
    p.set_defaults(course_run=run_join)
    p = sub.add_parser("open", parents=[here], help=OPEN, description=OPEN)
    p.add_argument("target", metavar="LOGIN/ENTRY", help="the classmate's login and the entry's id")
    p.set_defaults(course_run=run_open)


def run_join(args):
    from ..course.sharing import join
    from . import open_journal

    settings = join(open_journal(args), args.url, service=args.service)
    print(f"Joined the course at {settings.course.url} as {settings.course.login}")
    return 0


def run_open(args):
    from ..course.sharing import open_entry
    from . import open_journal

    path = open_entry(open_journal(args), args.target)
    print(f"{path}  (read-only; its comments are the course's)")
    return 0
