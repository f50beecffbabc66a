"""`journal course …`: a class's journals in one place on JupyterHub. One module per sub-command here."""

from __future__ import annotations

import importlib
import pkgutil

HELP = "a course: the class's shared journals on JupyterHub (init, serve, token, …)"
ORDER = 80


def _subcommands():
    found = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


def add_arguments(p):
    sub = p.add_subparsers(dest="course_command", metavar="ACTION")
    sub.required = True
    for module in _subcommands():
        name = getattr(module, "NAME", module.__name__.rsplit(".", 1)[1])
        child = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(child)
        child.set_defaults(course_handler=module.run)


def run(args):
    return args.course_handler(args)
