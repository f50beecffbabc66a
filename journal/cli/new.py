"""`journal new`: start a new entry from a template."""

from ..templates import TEMPLATES

HELP = "start a new entry from a template"
ORDER = 20


def add_arguments(p):
    p.add_argument("title", help="the entry's title")
    p.add_argument("--tags", default="", help="comma-separated tags, e.g. practice,teamwork")
    p.add_argument("--template", default="blank", choices=sorted(TEMPLATES),
                   help="blank, or a reflective scaffold (gibbs, kolb, driscoll)")
    p.add_argument("--date", default=None, help="the entry's date, YYYY-MM-DD (default: today)")
    p.add_argument("--publish", action="store_true", help="mark the entry published rather than draft")


def run(args):
    from . import open_journal

    journal = open_journal(args)
    entry = journal.new_entry(args.title, tags=args.tags.split(","), template=args.template, date=args.date,
                              status="published" if args.publish else "draft")
    print(entry.path)
    return 0
