"""`journal init`: make a new journal folder."""

HELP = "make a new journal folder"
ORDER = 10
OPENS_JOURNAL = False           # it makes one where DIR says: no --dir


def add_arguments(p):
    p.add_argument("path", nargs="?", default=".", metavar="DIR", help="folder to make (default: here)")
    p.add_argument("--title", help="the journal's title (default: made from the folder's name)")
    p.add_argument("--author", help="the author's name as it appears on exports (default: your full name as "
                                    "this computer knows it, else your login)")
    p.add_argument("--username", default=None, help="the author's login (default: the current user)")


def run(args):
    from ..folder import Journal
    from ._terminal import printable

    journal = Journal.create(args.path, title=args.title, author=args.author, username=args.username)
    print(f"Created journal {printable(journal.title)!r} in {journal.path}")
    chosen = []
    if args.title is None:
        chosen.append(f"title {printable(journal.title)!r} from the folder's name")
    if args.author is None:
        chosen.append(f"author {printable(journal.author)!r} from your login")
    if chosen:
        print(f"Chose the {' and the '.join(chosen)}; change them in {journal.path / 'journal.toml'}.")
    return 0
