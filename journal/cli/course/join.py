"""`journal course join [URL]`: join a course, so that sharing and comments go to it."""

import argparse

HELP = "join the course at URL (on the hub, without URL: the course service the hub lists); writes [course] url"
ORDER = 50


def add_arguments(p):
    p.add_argument("url", metavar="URL", nargs="?",
                   help="the course's address, e.g. https://hub.example.edu/services/journal/ (default: ask the hub)")
    p.add_argument("--service", default="journal", metavar="NAME",
                   help="without URL: the name of the hub's course service (default: journal)")
    p.add_argument("--dir", metavar="DIR", default=argparse.SUPPRESS,
                   help="the journal folder (default: the journal containing the current folder)")


def run(args):
    from journal.cli import open_journal
    from journal.course.sharing import join

    settings = join(open_journal(args), args.url, service=args.service)
    print(f"Joined the course at {settings.course.url} as {settings.course.login}")
    return 0
