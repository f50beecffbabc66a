"""Who is at the keyboard: the current user name and their role in a journal."""

from __future__ import annotations

import getpass

from .environment import environment
from .errors import JournalError

try:
    import pwd
except ImportError:                     # Windows has no user database; names fall back to the login
    pwd = None

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


def current_user_name() -> str:
    """The current user's full name from the user database (the first field of GECOS), else their login."""
    user = current_user()
    try:
        full = pwd.getpwnam(user).pw_gecos.split(",")[0].strip() if pwd and user else ""
    except KeyError:                    # a hub's user need not be a user of this machine
        full = ""
    return full or user


def a_role(role: str) -> str:
    """The role with its article, for messages.

    >>> a_role("peer"), a_role("author")
    ('a peer', 'an author')
    """
    return f"{'an' if role[:1].lower() in tuple('aeiou') else 'a'} {role}"


def current_role(settings) -> str:
    """`JOURNAL_ROLE` where set; else author, tutor or peer by the current user."""
    forced = environment().journal_role.lower()
    if forced:
        if forced not in ROLES:
            raise JournalError(f"JOURNAL_ROLE must be one of {', '.join(ROLES)}, not {forced!r}")
        return forced
    user = current_user()
    if user and user == settings.username:
        return "author"
    if user and user in settings.tutors:
        return "tutor"
    return "peer"
