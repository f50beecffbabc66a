"""What the comment panel and the moderation panel share: a store, a message line, a reply in
progress, cards kept between redraws, store failures worded for the reader, and change callbacks.

State lives in traitlets, so a page, a test or another panel can observe it; the widgets that
show it follow by observers. Every user action is a method, and the panels call the store only
through `journal/comments/protocol.py`, so the file log and the course server's store both fit.
"""

from __future__ import annotations

import ipywidgets as w
from ipywidgets import CallbackDispatcher
from traitlets import Bool, TraitError, Unicode, observe, validate

from journal.comments.errors import CommentNotFound, CommentRefused, ModerationRefused
from journal.errors import JournalError

from . import cards
from .card_cache import CardCache

# The store's own refusals (the rules, the role, a comment gone): shown in the store's words.
REFUSALS = (CommentRefused, ModerationRefused, CommentNotFound)
# Anything else the store raises means it could not do its job (a read-only or full disk, a lock
# held too long, a server that cannot be reached): JournalError covers the store's own wording of
# these, OSError whatever the operating system said.
FAILURES = (JournalError, OSError)


class Panel(w.VBox):
    """A VBox bound to one journal and its comment store (`store=` for another store than
    `journal.comments`, e.g. the course server's)."""

    role = Unicode(help="The role the store acts in (peer, author, tutor), read when the panel is built")
    replying_to = Unicode(None, allow_none=True, help="Id of the comment being answered; None when not replying")
    last_message = Unicode("", help="The panel's last answer to the reader, as plain text")
    message_ok = Bool(True, help="Whether `last_message` reports success (shown green) or a refusal (red)")

    GONE = "That comment is not shown here any more."

    def __init__(self, journal, *, store=None, **kwargs):
        self.journal = journal
        self.store = journal.comments if store is None else store
        self.cards = CardCache()
        self.message = w.HTML()
        self.message.add_class(cards.STATUS)
        self._rows: dict[str, dict] = {}    # the comments shown, by id: what reply_to may answer
        self._change_callbacks = CallbackDispatcher()
        super().__init__(**kwargs)
        self.role = self.store.role
        self.add_class(cards.PANEL_CLASS)

    # -- telling the reader ----------------------------------------------------
    def _say(self, words: str, ok: bool) -> None:
        with self.hold_trait_notifications():
            self.message_ok, self.last_message = ok, words

    @observe("last_message", "message_ok")
    def _show_message(self, _change) -> None:
        self.message.value = cards.message(self.last_message, self.message_ok)

    def _attempt(self, failed: str, action):
        """(True, action()) or, when the store refuses or fails, (False, None) with the reason
        shown; the caller keeps whatever the reader typed. `failed` words a failure around `{why}`."""
        try:
            return True, action()
        except REFUSALS as refusal:
            self._say(str(refusal), ok=False)
        except FAILURES as failure:
            self._say(failed.format(why=self._why(failure)), ok=False)
        return False, None

    def _why(self, failure: Exception) -> str:
        """One line naming the file (or store) and what went wrong with it."""
        if isinstance(failure, OSError) and failure.strerror:
            # An error from os.write carries no file name; the store's own is the one to name.
            where = failure.filename or getattr(self.store, "path", None)
            words = f"{where}: {failure.strerror}" if where else failure.strerror
        else:
            words = str(failure) or type(failure).__name__
        return " ".join(words.split())

    # -- reading ---------------------------------------------------------------
    def refresh(self) -> None:
        """Read what others have added to the store and redraw; a store that cannot be read is
        reported on the message line instead of breaking the panel."""
        self._attempt("Comments could not be read: {why}", self._redraw)

    def _redraw(self) -> None:
        raise NotImplementedError

    # -- replying --------------------------------------------------------------
    def reply_to(self, comment_id) -> None:
        """Answer comment `comment_id`, one of those shown."""
        comment_id = str(comment_id)
        self._say("", ok=True)          # a new action: the last answer is stale
        if comment_id not in self._rows:
            self._say(self.GONE, ok=False)
            return
        self.replying_to = comment_id

    def cancel_reply(self) -> None:
        """Stop replying; the form goes back to what it was."""
        self.replying_to = None

    @validate("replying_to")
    def _only_shown_comments(self, proposal):
        if proposal["value"] is not None and proposal["value"] not in self._rows:
            raise TraitError(self.GONE)
        return proposal["value"]

    @observe("replying_to")
    def _replying_changed(self, change) -> None:
        cid = change["new"]
        self._show_reply(cid, self._rows.get(cid) if cid is not None else None)

    def _show_reply(self, comment_id: str | None, row: dict | None) -> None:
        """Show (or, for None, hide) the reply to `row`."""
        raise NotImplementedError

    # -- telling others ----------------------------------------------------------
    def on_change(self, callback, remove: bool = False) -> None:
        """Call `callback()` after every action of this panel that changed the store (`remove=True`
        to stop); the comment panel redraws its thread when its moderation panel acts."""
        self._change_callbacks.register_callback(callback, remove=remove)

    def _changed(self) -> None:
        said = self.last_message, self.message_ok
        self.refresh()
        self._change_callbacks()
        if not said[1]:  # why the action failed matters more to the reader than a redraw's trouble
            self._say(*said)
