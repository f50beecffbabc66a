"""`journal cite`: copy works from the journal's library into an entry's embedded bibliography."""

from . import NAMES_AN_ENTRY

HELP = "embed works from the journal's references.bib in an entry, by key"
ORDER = 50


def add_arguments(p):
    p.add_argument("entry", metavar="ENTRY", help=f"the entry ({NAMES_AN_ENTRY})")
    p.add_argument("keys", nargs="+", metavar="KEY", help="citation keys in references.bib")
    p.add_argument("--replace", action="store_true",
                   help="overwrite an embedded work whose content differs from the library's")


def run(args):
    from . import open_journal
    from ._embedding import embed, library as library_of, works_of

    journal = open_journal(args)
    entry = journal.entry(args.entry)
    library = library_of(journal)
    return embed(entry, works_of(library.entries, args.keys, journal.library_path), replace=args.replace)
