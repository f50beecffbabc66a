"""`journal course join [URL]`: join a course, so that sharing and comments go to it."""

import argparse
import sys

HELP = "join the course at URL (on the hub, without URL: the course service the hub lists); writes [course] url"
ORDER = 50
CHOICES = ("carry", "beside")


def add_arguments(p):
    p.add_argument("url", metavar="URL", nargs="?",
                   help="the course's address, e.g. https://hub.example.edu/services/journal/ (default: ask the hub)")
    p.add_argument("--service", default="journal", metavar="NAME",
                   help="without URL: the name of the hub's course service (default: journal)")
    p.add_argument("--comments", choices=CHOICES, default=None,
                   help="the comments already in comments.csv: 'carry' them to the course (with their authors, "
                        "dates and statuses) or keep them 'beside' the course's (default: ask; without a "
                        "terminal, beside)")
    p.add_argument("--dir", metavar="DIR", default=argparse.SUPPRESS,
                   help="the journal folder (default: the journal containing the current folder)")


def run(args):
    from journal.cli import open_journal
    from journal.course.sharing import join, own_comments

    journal = open_journal(args)
    had = sum(event[0] == "submit" for event in own_comments(journal))
    choice = args.comments
    if had and choice is None:
        choice = _ask(had) if sys.stdin.isatty() else "beside"
    settings = join(journal, args.url, service=args.service, carry=choice == "carry")
    print(f"Joined the course at {settings.course.url} as {settings.course.login}")
    if had and choice == "carry":
        print(f"Carried the {_comments(had)} of comments.csv to the course, with their authors, dates and "
              "statuses; the course holds them now (comments.csv is left as it was).")
    elif had:
        print(f"The {_comments(had)} of comments.csv stay there and are shown beside the course's (journal list, "
              "the panels, the exports). To carry them to the course: journal course join --comments carry")
    return 0


def _comments(n: int) -> str:
    return "1 comment" if n == 1 else f"{n} comments"


def _ask(had: int) -> str:
    answer = input(f"This journal has {_comments(had)} in comments.csv. Carry them to the course, with their "
                   "authors, dates and statuses? [Y/n] ").strip().lower()
    return "beside" if answer in ("n", "no") else "carry"
