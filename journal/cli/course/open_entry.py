"""`journal course open LOGIN/ENTRY`: a read-only copy of a classmate's shared entry, its panel on the course."""

import argparse

NAME = "open"
HELP = "put a read-only copy of a classmate's shared entry LOGIN/ENTRY in this journal; its panel talks to the course"
ORDER = 51


def add_arguments(p):
    p.add_argument("target", metavar="LOGIN/ENTRY", help="the classmate's login and the entry's id")
    p.add_argument("--dir", metavar="DIR", default=argparse.SUPPRESS,
                   help="the journal folder (default: the journal containing the current folder)")


def run(args):
    from journal.cli import open_journal
    from journal.course.sharing import open_entry

    path = open_entry(open_journal(args), args.target)
    print(f"{path}  (read-only; its comments are the course's)")
    return 0
