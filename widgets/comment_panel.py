"""The comment panel under every entry: the approved thread and a form to join it."""

from __future__ import annotations


import ipywidgets as w
from traitlets import Bool, observe

from journal.comments.text import EMAIL_SEEN_BY, HELD, PUBLISHED, UNSAVED
from journal.entry import Entry
from journal.environment import environment
from journal.roles import current_user

from . import cards
from .cards import FIELD, ROW
from .feedback import FeedbackSection
from .moderation_panel import ModerationPanel
from .panel import Panel

INDENT_EM = 2
MAX_INDENT = 6
# Narrow windows (400 px): fields fill the width they have, up to a readable one; button rows wrap.


def reader_name(journal=None, role: str = "") -> str:
    """The name to prefill. The journal's author by their name (journal.toml's `author`: people read names,
    not logins); anyone else by the JupyterHub user, else the OS user, except on a page served by Voilà
    (it marks its kernels with SERVER_SOFTWARE=voila/...), where the OS user is the server's owner."""
    if role == "author" and journal is not None and journal.author:
        return journal.author
    env = environment()
    if env.hub_user:
        return env.hub_user
    if env.server_software.lower().startswith("voila"):
        return ""
    return current_user()


class CommentPanel(Panel):
    """Heading, approved thread (replies indented), and the comment form for one entry.

    Every button calls a method (`submit`, `reply_to`, `cancel_reply`, `refresh`, `go_to_form`,
    `toggle_moderation`) that can be called directly to the same effect.
    """

    moderating = Bool(False, help="Whether the moderation panel is shown below the form (author and tutors)")
    GONE = "That comment is not in this thread any more."

    def __init__(self, journal, entry_id, *, store=None, name: str | None = None, **kwargs):
        """`entry_id`: an id, file name or an `Entry` already read; `store`: the comment store
        (default `journal.comments`); `name` prefills the form (default: `reader_name`)."""
        super().__init__(journal, store=store, **kwargs)
        entry = entry_id if isinstance(entry_id, Entry) else journal.entry(entry_id)
        self.entry_id, self.title = entry.id, entry.title
        self.reply_buttons: dict[str, w.Button] = {}

        self.heading = w.HTML()
        # Keyboard users reach the form in one press instead of one Tab per Reply button.
        self.skip_button = w.Button(description="Leave a comment", icon="arrow-down",
                                    tooltip="Go to the comment form", layout=w.Layout(width="auto", display="none"))
        self.skip_button.on_click(lambda _: self.go_to_form())
        self.thread = w.VBox(layout=w.Layout(margin="0 0 1em 0"))
        self.refresh_button = w.Button(description="Refresh", icon="refresh", tooltip="Show the latest comments",
                                       layout=w.Layout(width="auto"))
        self.refresh_button.on_click(lambda _: self.refresh())

        self.reply_note = w.HTML()
        self.cancel_button = w.Button(description="Cancel reply", icon="times", layout=w.Layout(width="auto"))
        self.cancel_button.on_click(lambda _: self.cancel_reply())
        self.reply_bar = w.HBox([self.reply_note, self.cancel_button], layout=w.Layout(display="none", **ROW))
        self.name = w.Text(value=reader_name(journal, self.store.role) if name is None else name, description="Name",
                           placeholder="your name",
                           layout=w.Layout(**FIELD))
        self.email = w.Text(description="E-mail", placeholder=EMAIL_SEEN_BY,
                            layout=w.Layout(**FIELD))
        self.body = w.Textarea(description="Comment", placeholder="Leave a thought",
                               layout=w.Layout(width="95%", height="8em"))
        self.submit_button = w.Button(description="Post comment", button_style="primary", icon="paper-plane",
                                      layout=w.Layout(width="auto"))
        self.submit_button.on_click(lambda _: self.submit())
        self.form = w.VBox([w.HTML("<h4>Leave a comment</h4>"), self.reply_bar, self.name, self.email,
                            self.body, w.HBox([self.submit_button, self.refresh_button], layout=w.Layout(**ROW)),
                            self.message])

        self.moderation = None
        self.moderation_box = w.VBox()
        # The author's released feedback (a tutor's too); never built for a peer, whose store shows none.
        self.feedback = FeedbackSection.for_panel(journal, entry.id, self.store)
        children = [w.HTML(cards.PANEL_STYLE),
                    w.HBox([self.heading, self.skip_button], layout=w.Layout(justify_content="space-between", **ROW)),
                    self.thread, *([self.feedback] if self.feedback is not None else []), self.form]
        if self.store.can_moderate:
            self.moderate_button = w.Button(description="Moderate comments", icon="gavel",
                                             layout=w.Layout(width="auto"))
            self.moderate_button.on_click(lambda _: self.toggle_moderation())
            children += [self.moderate_button, self.moderation_box]
        else:
            self.moderate_button = None
        self.children = children
        self.add_class("journal-comment-panel")
        self.refresh()

    def __repr__(self) -> str:
        # The plain-text stand-in saved in notebooks and shown where widgets cannot render.
        return f"<CommentPanel for entry {self.entry_id!r}>"

    # -- showing the thread ---------------------------------------------
    def _redraw(self) -> None:
        """The heading and thread as the store has them now.

        A comment's widgets are kept from one refresh to the next until it changes (an edit
        stamps a new `status_at`); only new or changed ones are built, and those no longer
        shown are closed (not leaked).
        """
        self.store.refresh()
        frame = self.store.thread(self.entry_id)
        self.heading.value = cards.thoughts_heading(len(frame), self.title)
        records = frame.to_dict("records")
        self._rows = {str(row["id"]): row for row in records}
        keyed = (((cid, int(row.get("depth", 0)), str(row.get("status_at"))), row) for cid, row in self._rows.items())
        shown = self.cards.show(keyed, self._card)
        self.thread.children = [card for card, _ in shown]
        self.reply_buttons = {cid: button for cid, (_, button) in zip(self._rows, shown) if button is not None}
        self.skip_button.layout.display = None if records else "none"
        if self.replying_to is not None and self.replying_to not in self._rows:
            self.cancel_reply()  # the comment was moderated away meanwhile
        if self.feedback is not None:
            self.feedback.refresh()

    def _card(self, row: dict):
        """The widgets for one approved comment: its HTML card and, unless at the deepest level, Reply."""
        cid, depth = str(row["id"]), int(row.get("depth", 0))
        parts, button = [w.HTML(cards.comment_html(row))], None
        # As on a blog, no Reply at the deepest level: the store would show the reply at that level anyway.
        if depth + 1 < self.store.settings.comments.thread_depth:
            button = w.Button(description="Reply", icon="reply", tooltip=f"Reply to {cards.plain_name(row.get('author_name'))}",
                              layout=w.Layout(width="auto", align_self="flex-start"))
            button.add_class(cards.NAMED)
            button.on_click(lambda _: self.reply_to(cid))
            button.add_class("journal-reply")  # a stable hook for page tests and stylesheets
            parts.append(button)
        indent = min(depth, MAX_INDENT) * INDENT_EM
        return w.VBox(parts, layout=w.Layout(margin=f"0.5em 0 0 {indent}em", max_width="100%")), button

    # -- the form ----------------------------------------------------------
    def go_to_form(self) -> None:
        """Move the keyboard focus into the form: to the name if it is empty, else to the comment."""
        (self.body if self.name.value.strip() else self.name).focus()

    def _show_reply(self, comment_id, row) -> None:
        if comment_id is None:
            self.reply_note.value = ""
            self.reply_bar.layout.display = "none"
            self.submit_button.description = "Post comment"
            return
        # The name ends the isolated note: a direction override in it has nothing left to reorder.
        self.reply_note.value = f"<bdi>Replying to <strong>{cards.text(row.get('author_name'))}</strong></bdi>"
        self.reply_bar.layout.display = "flex"
        self.submit_button.description = "Post reply"
        self.go_to_form()

    def submit(self):
        """Send the form to the store; returns the stored comment, or None when refused or not saved
        (the form then says why and keeps the text)."""
        ok, comment = self._attempt(UNSAVED, lambda: self.store.submit(
            self.entry_id, name=self.name.value, body=self.body.value, email=self.email.value.strip() or None,
            reply_to=self.replying_to))
        if not ok:
            return None
        self.body.value = ""
        self.cancel_reply()
        self._say(PUBLISHED if comment.status == "approved" else HELD, ok=True)
        self._changed()
        return comment

    # -- moderation (author and tutors only) -------------------------------
    def toggle_moderation(self) -> None:
        """Show or hide the moderation panel below the form (never for a store that may not moderate)."""
        if self.moderate_button is not None:
            self.moderating = not self.moderating

    @observe("moderating")
    def _moderating_changed(self, change) -> None:
        if change["new"] and self.moderation is None:
            self.moderation = ModerationPanel(self.journal, store=self.store)
            self.moderation.on_change(self.refresh)
        self.moderation_box.children = (self.moderation,) if change["new"] else ()
        if change["new"]:
            self.moderation.refresh()
