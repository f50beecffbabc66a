"""`journal init`: make a new journal folder."""

HELP = "make a new journal folder"
ORDER = 10


def add_arguments(p):
    p.add_argument("path", nargs="?", default=None, metavar="DIR", help="folder to make (default: --dir or here)")
    p.add_argument("--title", required=True, help="the journal's title")
    p.add_argument("--author", required=True, help="the author's name as it appears on exports")
    p.add_argument("--username", default=None, help="the author's login (default: the current user)")


def run(args):
    from ..folder import Journal

    path = args.path or args.dir or "."
    journal = Journal.create(path, title=args.title, author=args.author, username=args.username)
    print(f"Created journal {journal.title!r} in {journal.path}")
    return 0
