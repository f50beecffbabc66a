"""`journal course …`: a class's journals in one place on JupyterHub. One module per sub-command here."""

from __future__ import annotations

from .. import commands

HELP = "a course: the class's shared journals on JupyterHub (init, serve, token, …)"
ORDER = 80


def add_arguments(p):
    sub = p.add_subparsers(dest="course_command", metavar="ACTION")
    sub.required = True
    for name, module in commands(__name__, __path__):
        child = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(child)
        child.set_defaults(course_handler=module.run)


def run(args):
    return args.course_handler(args)
