"""BibTeX bibliographies, `[@key]` citations, and Harvard-style formatting on pybtex."""

from .errors import ReferencesError
from .render import CiteResult, cite_entry


def show(path=None, *, library=None, style=None):
    """Display the rendered reference list of the notebook being edited (see references.show)."""
    from .show import show as _show

    return _show(path, library=library, style=style)


__all__ = ["CiteResult", "ReferencesError", "cite_entry", "show"]
