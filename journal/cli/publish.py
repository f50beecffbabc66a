"""`journal publish`: mark entries published, after warning about what is not yet written or cited."""

import sys

from . import NAMES_AN_ENTRY

HELP = "mark entries published (warns first about sections holding only their prompt and missing citations)"
ORDER = 25
FORCE_HELP = ("publish even when there are warnings (sections holding only the template's prompt, citations "
              "found in no bibliography); without it such an entry stays a draft")


def add_arguments(p):
    p.add_argument("entries", nargs="+", metavar="ENTRY", help=f"the entries to publish ({NAMES_AN_ENTRY})")
    p.add_argument("--force", action="store_true", help=FORCE_HELP)


def run(args):
    from . import open_journal

    journal = open_journal(args)
    entries = [journal.entry(text) for text in args.entries]
    return max(published(journal, entry, force=args.force) for entry in entries)


def published(journal, entry, *, force: bool) -> int:
    """Publish one entry and say so, or print its warnings and say how to publish it anyway: 1 when left a draft."""
    from ..publishing import publish

    found = publish(journal, entry, force=force)
    for warning in found:
        print(f"{entry.id}: warning: {warning}", file=sys.stderr)
    if found and not force:
        print(f"{entry.id}: left as a draft; publish it anyway with: journal publish {entry.id} --force",
              file=sys.stderr)
        return 1
    print(f"{entry.id}  published")
    return 0
