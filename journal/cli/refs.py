"""`journal refs add|check|render`: an entry's embedded bibliography and its reference list."""

import argparse
import sys

from ..settings import STYLES
from . import NAMES_AN_ENTRY

HELP = "embed works from a .bib file, check citations, or write an entry's reference list"
ORDER = 51


def add_arguments(p):
    sub = p.add_subparsers(dest="refs_command", metavar="ACTION")
    sub.required = True
    here = dict(default=argparse.SUPPRESS, metavar="DIR", help="the journal folder")

    add = sub.add_parser("add", help="embed works from any .bib file (Zotero, JabRef, ...) in an entry")
    add.add_argument("entry", metavar="ENTRY", help=f"the entry: {NAMES_AN_ENTRY}")
    add.add_argument("bibfile", metavar="FILE.bib")
    add.add_argument("--key", action="append", metavar="KEY", help="embed only this work (repeatable)")
    add.add_argument("--replace", action="store_true", help="overwrite embedded works with different content")
    add.add_argument("--dir", **here)

    check = sub.add_parser("check", help="report missing keys, unused works and conflicting duplicates")
    check.add_argument("entries", nargs="*", metavar="ENTRY", help=f"the entries: {NAMES_AN_ENTRY}")
    check.add_argument("--all", action="store_true", help="check every entry")
    check.add_argument("--dir", **here)

    render = sub.add_parser("render", help="write the reference list into a generated Markdown cell")
    render.add_argument("entries", nargs="+", metavar="ENTRY", help=f"the entries: {NAMES_AN_ENTRY}")
    render.add_argument("--style", choices=STYLES, help="citation style (default: style in journal.toml)")
    render.add_argument("--dir", **here)


def run(args):
    from . import open_journal

    journal = open_journal(args)
    return {"add": run_add, "check": run_check, "render": run_render}[args.refs_command](journal, args)


def run_add(journal, args):
    from pathlib import Path

    from references.bibliography import load
    from references.errors import ReferencesError

    from ._embedding import embed, works_of

    path = Path(args.bibfile)
    try:
        source = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferencesError(f"{path}: cannot read: {exc}") from None
    loaded = load(source, str(path))
    for problem in loaded.problems:
        print(f"journal: warning: {problem}", file=sys.stderr)
    works = works_of(loaded.entries, args.key or list(loaded.entries), path)
    status = embed(journal.entry(args.entry), works, replace=args.replace)
    return 1 if loaded.problems else status


MESSAGES = {
    "missing": "cited but found nowhere",
    "unused": "embedded but never cited",
    "conflicting": "embedded with different content from references.bib (the embedded one is used)",
    "not embedded": "found only in references.bib (run: journal cite {id} {keys})",
}


def run_check(journal, args):
    from references.errors import ReferencesError

    from ..citing import check
    from ..suggest import closest
    from ._embedding import library as library_of

    if not args.all and not args.entries:
        raise ReferencesError("name the entries to check, or use --all")
    entries = journal.entries() if args.all else [journal.entry(e) for e in args.entries]
    library = library_of(journal)
    for problem in library.problems:
        print(f"journal: warning: {problem}", file=sys.stderr)
    missing = 0
    for entry in entries:
        found = check(entry.notebook, library, source=entry.path.name)
        missing += len(found["missing"])
        for problem in found["problems"]:
            print(f"{entry.id}: {problem}")
        for kind, message in MESSAGES.items():
            if found[kind]:
                keys = " ".join(found[kind])
                print(f"{entry.id}: {kind}: {keys}: {message.format(id=entry.id, keys=keys)}")
        for key in found["missing"]:
            meant = closest(key, list(library.entries))
            if meant is not None:
                print(f"{entry.id}: {key}: did you mean {meant}?")
        if not any(found.values()):
            print(f"{entry.id}: ok ({len(entry.citations)} cited)")
    return 1 if missing else 0


def run_render(journal, args):
    from ..citing import cite, place_list

    for name in args.entries:
        entry = journal.entry(name)
        result = cite(entry.notebook, journal.library_path, output="markdown", source=entry.path.name,
                      style=args.style or journal.settings.style)
        place_list(entry.notebook, result.reference_list)
        entry.save()
        state = f"{len(result.keys)} cited" + (f", missing: {', '.join(result.missing)}" if result.missing else "")
        print(f"{entry.id}: reference list written ({state})")
    return 0

