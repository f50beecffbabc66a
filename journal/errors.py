"""Errors a user can cause and fix, each worded for the person who caused it."""


class JournalError(Exception):
    """A mistake in the user's input or files; the CLI prints it as one line."""


class SettingsError(JournalError):
    """`journal.toml` is missing, unreadable, or holds a bad key or value."""


class EntryError(JournalError):
    """An entry notebook is unreadable or its `journal` metadata is wrong."""


class NotAJournal(JournalError):
    """No `journal.toml` was found where one was expected."""


def read_text(path, error=JournalError, missing: str = "file not found") -> str:
    """The UTF-8 text of `path`, or `error` naming the file and what went wrong."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: {missing}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read: {exc}") from None


class StoreUnavailable(JournalError):
    """A store cannot be read or written just now (a read-only or immutable file, a full disk, no permission,
    a database restarting or out of reach); str() is one line saying what and why. Nothing was stored, and
    the same request can be made again: the course server answers 503 with this message.

    Where a file is at fault, `path` and `reason` say which and why (for a panel's or server's own wording).
    """

    path = None
    reason = ""
