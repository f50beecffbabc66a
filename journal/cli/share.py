"""`journal share`: send published entries to the course this journal has joined."""

from ..course.visibility import AUDIENCE, LEVELS
from . import NAMES_AN_ENTRY

HELP = "share published entries with the course (drafts never leave the journal)"
ORDER = 60


def add_arguments(p):
    p.add_argument("entries", nargs="*", metavar="ENTRY", help=f"the entries to share ({NAMES_AN_ENTRY})")
    p.add_argument("--all", action="store_true", help="share every published entry")
    p.add_argument("--visibility", choices=LEVELS, default=None,
                   help="who reads them: tutors (your tutors only), group (your tutor group and tutors) or "
                        "course (everyone on the course); default: the level an entry had, else the course's "
                        "default_visibility. Sharing again with another level changes it at once")


def run(args):
    from ..course.sharing import share
    from ..errors import JournalError
    from . import open_journal

    journal = open_journal(args)
    if args.all == bool(args.entries):
        raise JournalError("name the entries to share, or use --all (not both)")
    entries = journal.entries(published_only=True) if args.all else [journal.entry(e) for e in args.entries]
    if not entries:
        print("No published entries to share.")
        return 0
    for stored in share(journal, entries, args.visibility):
        print(f"{stored['entry_id']}  shared with {AUDIENCE[stored['visibility']]} (version {stored['version']})")
    drafts = len(journal.entries()) - len(entries) if args.all else 0
    if drafts:
        print(f"{drafts} draft(s) not shared")
    return 0
