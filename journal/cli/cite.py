"""`journal cite`: copy works from the journal's library into an entry's embedded bibliography."""

HELP = "embed works from the journal's references.bib in an entry, by key"
ORDER = 50


def add_arguments(p):
    p.add_argument("entry", metavar="ENTRY", help="the entry (id, file name or path)")
    p.add_argument("keys", nargs="+", metavar="KEY", help="citation keys in references.bib")
    p.add_argument("--replace", action="store_true",
                   help="overwrite an embedded work whose content differs from the library's")


def run(args):
    from . import open_journal
    from ._embedding import embed, library as library_of

    journal = open_journal(args)
    entry = journal.entry(args.entry)
    library = library_of(journal)
    unknown = [k for k in args.keys if k not in library.entries]
    if unknown:
        from references.errors import ReferencesError

        raise ReferencesError(f"{journal.library_path}: no work with key {', '.join(unknown)}")
    works = [(k, library.entries[k]) for k in dict.fromkeys(args.keys)]
    return embed(entry, works, replace=args.replace)
