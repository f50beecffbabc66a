"""Who is at the keyboard: the current user name and their role in a journal."""

from __future__ import annotations

import getpass

from .environment import environment

ROLES = ("peer", "author", "tutor")
MODERATORS = ("author", "tutor")


def current_user() -> str:
    """The JupyterHub user where there is one, else the OS user, else ''."""
    user = environment().hub_user
    if user:
        return user
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def current_role(settings) -> str:
    """`JOURNAL_ROLE` where set; else author, tutor or peer by the current user."""
    forced = environment().journal_role.lower()
    if forced:
        if forced not in ROLES:
            from .errors import JournalError

            raise JournalError(f"JOURNAL_ROLE must be one of {', '.join(ROLES)}, not {forced!r}")
        return forced
    user = current_user()
    if user and user == settings.username:
        return "author"
    if user and user in settings.tutors:
        return "tutor"
    return "peer"
