"""Errors in bibliographies and citations, worded for the person who wrote them."""


class ReferencesError(Exception):
    """A malformed .bib file, a missing citation under --strict, or a bad style name."""
