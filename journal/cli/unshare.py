"""`journal unshare`: withdraw shared entries from the course's readers (tutors keep the versions)."""

from . import NAMES_AN_ENTRY

HELP = "withdraw shared entries from the course (peers no longer see them)"
ORDER = 61


def add_arguments(p):
    p.add_argument("entries", nargs="+", metavar="ENTRY", help=f"the entries to withdraw ({NAMES_AN_ENTRY})")


def run(args):
    from ..course.sharing import unshare
    from ..errors import JournalError
    from . import open_journal

    journal = open_journal(args)
    for text in args.entries:
        try:
            entry_id = journal.entry(text).id
        except JournalError:
            entry_id = text             # deleted here since it was shared: the course still knows the id
        unshare(journal, entry_id)
        print(f"{entry_id}  withdrawn")
    return 0
