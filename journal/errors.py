"""Errors a user can cause and fix, each worded for the person who caused it."""


class JournalError(Exception):
    """A mistake in the user's input or files; the CLI prints it as one line."""


class SettingsError(JournalError):
    """`journal.toml` is missing, unreadable, or holds a bad key or value."""


class EntryError(JournalError):
    """An entry notebook is unreadable or its `journal` metadata is wrong."""


class NotAJournal(JournalError):
    """No `journal.toml` was found where one was expected."""
