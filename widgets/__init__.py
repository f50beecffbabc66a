"""ipywidgets panels for comments and moderation."""

from __future__ import annotations

from pathlib import Path

from journal.environment import environment
from journal.errors import EntryError, JournalError, NotAJournal
from journal.folder import find_journal

from .cards import notice
from .comment_panel import CommentPanel
from .moderation_panel import ModerationPanel

__all__ = ["CommentPanel", "ModerationPanel", "comment_panel", "load_panel"]

NO_JOURNAL = "Comments are not shown here: this notebook is not inside a journal (no journal.toml in its folder or above)."


def _entry_from_session(journal):
    """The file name of this kernel's notebook, where the server says which notebook that is."""
    session = environment().session_name
    if not session.endswith(".ipynb"):
        raise JournalError("Comments are not shown here: this notebook does not say which entry it is.")
    return Path(session).name


def load_panel(entry_id=None, *, start=None) -> CommentPanel:
    """The comment panel for `entry_id` in the journal found as `find_journal` does.

    Raises JournalError with a message for the reader when there is no journal or no such entry.
    """
    try:
        journal = find_journal(start)
    except NotAJournal:
        if environment().journal_dir:
            raise JournalError(f"Comments are not shown here: JOURNAL_DIR={environment().journal_dir!r} "
                               "is not a journal folder.") from None
        raise JournalError(NO_JOURNAL) from None
    if entry_id is None:
        entry_id = _entry_from_session(journal)
    try:
        entry = journal.entry(entry_id)
    except EntryError as exc:  # a broken notebook: say which
        raise JournalError(f"Comments are not shown here: {exc}") from None
    except JournalError:
        raise JournalError(f"Comments are not shown here: the journal {journal.title!r} has no entry "
                           f"{entry_id!r}.") from None
    return CommentPanel(journal, entry)


def comment_panel(entry_id=None) -> None:
    """Show the comment panel for `entry_id` (the last cell of every entry calls this).

    Shows a short notice instead when no journal or entry can be found, e.g. an entry
    sent on its own. Returns nothing, so the cell does not show the panel twice.
    """
    from IPython.display import HTML, display

    try:
        panel = load_panel(entry_id)
    except JournalError as exc:
        display(HTML(notice(str(exc))))
        return
    display(panel)
