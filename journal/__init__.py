"""A reflective learning journal that lives in Jupyter."""

from .entry import Entry
from .errors import EntryError, JournalError, NotAJournal, SettingsError
from .folder import Journal

__all__ = ["Journal", "Entry", "JournalError", "EntryError", "SettingsError", "NotAJournal"]
