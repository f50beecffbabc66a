"""The `journal` command: one module per sub-command, each thin over the library.

A sub-command module defines `HELP`, `ORDER`, `add_arguments(parser)` and
`run(args) -> int`; `OPENS_JOURNAL = False` where it makes a journal rather than
opens one, so it takes no `--dir`. Heavy libraries are imported inside `run`,
never at the top, so that `journal list` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

from references.errors import ReferencesError

from ..errors import JournalError
from ..suggest import did_you_mean

# How every ENTRY argument may name an entry (Journal.entry takes each of these).
NAMES_AN_ENTRY = "id, title, file name or path"


def commands(package: str, path) -> list[tuple[str, object]]:
    """(name, module) of each sub-command module of `package` (at `path`), by ORDER then name; a module may set
    NAME where its file name cannot be the command's (`journal course open` lives in open_entry.py)."""
    modules = [importlib.import_module(f"{package}.{info.name}") for info in pkgutil.iter_modules(path)
               if not info.name.startswith("_")]
    modules.sort(key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
    return [(getattr(m, "NAME", m.__name__.rsplit(".", 1)[1]), m) for m in modules]


def open_journal(args):
    """The journal named by `--dir`, or the one containing the current folder."""
    from ..folder import Journal

    if getattr(args, "dir", None):
        return Journal.open(args.dir)
    return Journal.find(Path.cwd())


def actions(p):
    """(sub-parsers, parent) for a command with actions (`journal comments approve`): the parent gives each
    action its own `--dir`, so it may come after the action as well as before it."""
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    here = argparse.ArgumentParser(add_help=False)
    here.add_argument("--dir", metavar="DIR", default=argparse.SUPPRESS,
                      help="the journal folder (default: the journal containing the current folder)")
    return sub, here


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journal", description="A reflective learning journal that lives in Jupyter.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--dir", metavar="DIR",
                        help="the journal folder (default: the journal containing the current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module in commands(__name__, __path__):
        parents = [common] if getattr(module, "OPENS_JOURNAL", True) else []
        p = sub.add_parser(name, help=module.HELP, description=module.HELP, parents=parents)
        module.add_arguments(p)
        p.set_defaults(handler=module.run)
    return parser


def _skip_slow_optional_imports() -> None:
    """Keep jsonschema (imported by nbformat) from loading the optional `rfc3987_syntax`.

    That package builds a grammar at import, about 0.9 s here, on every command that reads or
    writes a notebook. It only checks the "iri" string formats, which notebook schemas never use.
    """
    sys.modules.setdefault("rfc3987_syntax", None)


def main(argv=None) -> int:
    _skip_slow_optional_imports()
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    names = [name for name, _ in commands(__name__, __path__)]
    if argv and not argv[0].startswith("-") and argv[0] not in names:
        parser.error(f"no command {argv[0]!r}{did_you_mean(argv[0], names)}; 'journal --help' lists them")
    args = parser.parse_args(argv)
    try:
        return args.handler(args) or 0
    except (JournalError, ReferencesError) as exc:
        print(f"journal: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("journal: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
