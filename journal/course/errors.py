"""What a course refuses, worded for the person who asked."""

from ..errors import JournalError


class EntryNotFound(JournalError):
    """No shared entry (or no such version) of that id in that student's journal."""


class NotAllowed(JournalError):
    """The person is known but their role does not allow this (a peer moderating, sharing for someone else)."""
