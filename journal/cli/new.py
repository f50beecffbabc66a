"""`journal new`: start a new entry from a template."""

from ..templates import TEMPLATES
from .publish import FORCE_HELP, published

HELP = "start a new entry from a template"
ORDER = 20


def add_arguments(p):
    p.add_argument("title", help="the entry's title")
    p.add_argument("--tags", default="", help="comma-separated tags, e.g. practice,teamwork")
    p.add_argument("--template", default="blank", choices=sorted(TEMPLATES),
                   help="blank, or a reflective scaffold (gibbs, kolb, driscoll)")
    p.add_argument("--date", default=None, help="the entry's date, YYYY-MM-DD (default: today)")
    p.add_argument("--publish", action="store_true",
                   help="publish the entry at once (as journal publish: warnings first, then only with --force)")
    p.add_argument("--force", action="store_true", help=f"with --publish: {FORCE_HELP}")


def run(args):
    from . import open_journal

    journal = open_journal(args)
    entry = journal.new_entry(args.title, tags=args.tags.split(","), template=args.template, date=args.date)
    print(entry.path)
    return published(journal, entry, force=args.force) if args.publish else 0
