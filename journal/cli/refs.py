"""`journal refs add|check|render`: an entry's embedded bibliography and its reference list."""

import argparse
import sys

HELP = "embed works from a .bib file, check citations, or write an entry's reference list"
ORDER = 51
DROPPED_FIELDS = ("file",)  # local paths of attachments (Zotero, JabRef) do not travel with an entry


def add_arguments(p):
    sub = p.add_subparsers(dest="refs_command", metavar="ACTION")
    sub.required = True
    here = dict(default=argparse.SUPPRESS, metavar="DIR", help="the journal folder")

    add = sub.add_parser("add", help="embed works from any .bib file (Zotero, JabRef, ...) in an entry")
    add.add_argument("entry", metavar="ENTRY")
    add.add_argument("bibfile", metavar="FILE.bib")
    add.add_argument("--key", action="append", metavar="KEY", help="embed only this work (repeatable)")
    add.add_argument("--replace", action="store_true", help="overwrite embedded works with different content")
    add.add_argument("--dir", **here)

    check = sub.add_parser("check", help="report missing keys, unused works and conflicting duplicates")
    check.add_argument("entries", nargs="*", metavar="ENTRY")
    check.add_argument("--all", action="store_true", help="check every entry")
    check.add_argument("--dir", **here)

    render = sub.add_parser("render", help="write the reference list into a generated Markdown cell")
    render.add_argument("entries", nargs="+", metavar="ENTRY")
    render.add_argument("--style", choices=("harvard", "apa"), help="citation style (default: style in journal.toml)")
    render.add_argument("--dir", **here)


def run(args):
    from . import open_journal

    journal = open_journal(args)
    return {"add": run_add, "check": run_check, "render": run_render}[args.refs_command](journal, args)


def _library(journal):
    from references.bibliography import load, read

    return load(read(journal.library_path), str(journal.library_path))


def _embedded(entry):
    from references.bibliography import load

    return load(entry.references, f"{entry.path.name} (metadata journal.references)")


def embed(entry, works, *, replace=False) -> int:
    """Add (key, pybtex Entry) works to `entry`'s embedded BibTeX and save; prints what happened."""
    from references.bibliography import to_bibtex

    merged, added, same, kept = merge_works(_embedded(entry), works, replace=replace)
    if added:
        entry.set_meta(references=to_bibtex(merged.items()))
        entry.save()
    print(f"{entry.id}: embedded {len(added)} work(s){': ' + ', '.join(added) if added else ''}")
    if same:
        print(f"{entry.id}: already embedded: {', '.join(same)}")
    for key in kept:
        print(f"{entry.id}: {key} is embedded with different content; kept it (use --replace)", file=sys.stderr)
    return 1 if kept else 0


def merge_works(current, works, *, replace=False):
    """(merged works, added, same, kept keys): (key, pybtex Entry) `works` merged into the Loaded `current`.

    Nothing is saved, so an open document can take the result as well as a file.
    """
    from references.bibliography import fingerprint
    from references.errors import ReferencesError

    if current.problems:  # rewriting would drop the broken works: refuse, name them
        raise ReferencesError(current.problems[0] + " (fix it before adding works)")
    merged = dict(current.entries.items())
    added, same, kept = [], [], []
    for key, work in works:
        for name in DROPPED_FIELDS:
            work.fields.pop(name, None)
        if key in merged and fingerprint(merged[key]) == fingerprint(work):
            same.append(key)
        elif key in merged and not replace:
            kept.append(key)
        else:
            merged[key] = work
            added.append(key)
    return merged, added, same, kept


def run_add(journal, args):
    from pathlib import Path

    from references.bibliography import load
    from references.errors import ReferencesError

    path = Path(args.bibfile)
    try:
        source = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferencesError(f"{path}: cannot read: {exc}") from None
    loaded = load(source, str(path))
    for problem in loaded.problems:
        print(f"journal: warning: {problem}", file=sys.stderr)
    keys = args.key or list(loaded.entries)
    unknown = [k for k in keys if k not in loaded.entries]
    if unknown:
        raise ReferencesError(f"{path}: no work with key {', '.join(unknown)}")
    status = embed(journal.entry(args.entry), [(k, loaded.entries[k]) for k in keys], replace=args.replace)
    return 1 if loaded.problems else status


def check(entry, library) -> dict:
    """What is wrong with `entry`'s citations: missing, unused, conflicting and library-only keys."""
    from references.bibliography import fingerprint

    embedded = _embedded(entry)
    cited = entry.citations
    return {
        "missing": [k for k in cited if k not in embedded.entries and k not in library.entries],
        "unused": [k for k in embedded.entries if k not in cited],
        "conflicting": [k for k in embedded.entries if k in library.entries
                        and fingerprint(embedded.entries[k]) != fingerprint(library.entries[k])],
        "not embedded": [k for k in cited if k not in embedded.entries and k in library.entries],
        "problems": embedded.problems,
    }


MESSAGES = {
    "missing": "cited but found nowhere",
    "unused": "embedded but never cited",
    "conflicting": "embedded with different content from references.bib (the embedded one is used)",
    "not embedded": "found only in references.bib (run: journal cite {id} {keys})",
}


def run_check(journal, args):
    from references.errors import ReferencesError

    if not args.all and not args.entries:
        raise ReferencesError("name the entries to check, or use --all")
    entries = journal.entries() if args.all else [journal.entry(e) for e in args.entries]
    library = _library(journal)
    for problem in library.problems:
        print(f"journal: warning: {problem}", file=sys.stderr)
    missing = 0
    for entry in entries:
        found = check(entry, library)
        missing += len(found["missing"])
        for problem in found["problems"]:
            print(f"{entry.id}: {problem}")
        for kind, message in MESSAGES.items():
            if found[kind]:
                keys = " ".join(found[kind])
                print(f"{entry.id}: {kind}: {keys}: {message.format(id=entry.id, keys=keys)}")
        if not any(found.values()):
            print(f"{entry.id}: ok ({len(entry.citations)} cited)")
    return 1 if missing else 0


def run_render(journal, args):
    from references import cite_notebook

    for name in args.entries:
        entry = journal.entry(name)
        result = cite_notebook(entry.markdown_cells(), entry.references, journal.library_path, output="markdown",
                               source=entry.path.name, style=args.style or journal.settings.style)
        place_list(entry, result.reference_list)
        entry.save()
        state = f"{len(result.keys)} cited" + (f", missing: {', '.join(result.missing)}" if result.missing else "")
        print(f"{entry.id}: reference list written ({state})")
    return 0


def place_list(entry, markdown: str) -> None:
    """Replace the generated list cell (or add one before the comment panel); none when nothing is cited."""
    from nbformat.v4 import new_markdown_cell

    from ..entry import PANEL_TAG, REFERENCE_LIST_TAG

    cells = [c for c in entry.notebook["cells"]
             if REFERENCE_LIST_TAG not in c.get("metadata", {}).get("tags", [])]
    if markdown:
        cell = new_markdown_cell(markdown.strip(), metadata={"tags": [REFERENCE_LIST_TAG], "editable": False})
        if entry.notebook.get("nbformat_minor", 0) < 5:  # cell ids exist from nbformat 4.5 on
            del cell["id"]
        panel = next((i for i, c in enumerate(cells) if PANEL_TAG in c.get("metadata", {}).get("tags", [])),
                     len(cells))
        cells.insert(panel, cell)
    entry.notebook["cells"] = cells
