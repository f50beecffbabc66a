"""The comment panel under every entry: the approved thread and a form to join it."""

from __future__ import annotations

import os

import ipywidgets as w

from journal.entry import Entry
from journal.errors import JournalError
from journal.roles import current_user

from . import render

PUBLISHED = "Your comment is published"
# Spam gets the same words as pending: a spammer learns nothing from the reply.
HELD = "Thanks, your comment is awaiting moderation"
INDENT_EM = 2
MAX_INDENT = 6


def reader_name() -> str:
    """The name to prefill: the JupyterHub user, else the OS user, except on a page served by Voilà
    (it marks its kernels with SERVER_SOFTWARE=voila/...), where the OS user is the server's owner,
    not the visitor."""
    hub_user = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub_user:
        return hub_user
    if os.environ.get("SERVER_SOFTWARE", "").lower().startswith("voila"):
        return ""
    return current_user()


def close_tree(widget) -> None:
    """Close a widget and everything inside it, so the kernel lets go of them."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


class CommentPanel(w.VBox):
    """Heading, approved thread (replies indented), and the comment form for one entry.

    Every button calls a method (`submit`, `reply_to`, `cancel_reply`, `refresh`,
    `toggle_moderation`) that can be called directly to the same effect.
    """

    def __init__(self, journal, entry_id, *, name: str | None = None, **kwargs):
        """`entry_id`: an id, file name or an `Entry` already read; `name` prefills the form
        (default: `reader_name()`)."""
        entry = entry_id if isinstance(entry_id, Entry) else journal.entry(entry_id)
        self.journal, self.store = journal, journal.comments
        self.entry_id, self.title = entry.id, entry.title
        self.role = self.store.role
        self.replying_to: str | None = None
        self.last_message = ""
        self.reply_buttons: dict[str, w.Button] = {}
        self._names: dict[str, str] = {}
        self._cards: dict[tuple[str, int, str], tuple] = {}

        self.heading = w.HTML()
        self.thread = w.VBox(layout=w.Layout(margin="0 0 1em 0"))
        self.refresh_button = w.Button(description="Refresh", icon="refresh", tooltip="Show the latest comments")
        self.refresh_button.on_click(lambda _: self.refresh())

        self.reply_note = w.HTML()
        self.cancel_button = w.Button(description="Cancel reply", icon="times")
        self.cancel_button.on_click(lambda _: self.cancel_reply())
        self.reply_bar = w.HBox([self.reply_note, self.cancel_button], layout=w.Layout(display="none"))
        self.name = w.Text(value=reader_name() if name is None else name, description="Name", placeholder="your name")
        self.email = w.Text(description="E-mail", placeholder="optional, not shown to readers")
        self.body = w.Textarea(description="Comment", placeholder="Leave a thought",
                               layout=w.Layout(width="95%", height="8em"))
        self.submit_button = w.Button(description="Post comment", button_style="primary", icon="paper-plane")
        self.submit_button.on_click(lambda _: self.submit())
        self.message = w.HTML()
        self.form = w.VBox([w.HTML("<h4>Leave a comment</h4>"), self.reply_bar, self.name, self.email,
                            self.body, w.HBox([self.submit_button, self.refresh_button]), self.message])

        self.moderation = None
        self.moderation_box = w.VBox()
        children = [self.heading, self.thread, self.form]
        if self.role != "peer":
            self.moderate_button = w.Button(description="Moderate comments", icon="gavel",
                                             layout=w.Layout(width="auto"))
            self.moderate_button.on_click(lambda _: self.toggle_moderation())
            children += [self.moderate_button, self.moderation_box]
        else:
            self.moderate_button = None
        super().__init__(children, **kwargs)
        self.add_class("journal-comment-panel")
        self.refresh()

    def __repr__(self) -> str:
        # The plain-text stand-in saved in notebooks and shown where widgets cannot render.
        return f"<CommentPanel for entry {self.entry_id!r}>"

    # -- showing the thread ---------------------------------------------
    def refresh(self) -> None:
        """Read what others have added to the store and redraw the heading and thread.

        A comment's widgets are kept from one refresh to the next until it changes (an edit
        stamps a new `status_at`); only new or changed ones are built, and those no longer
        shown are closed (not leaked).
        """
        self.store.refresh()
        frame = self.store.thread(self.entry_id)
        self.heading.value = render.thoughts_heading(len(frame), self.title)
        rows, kept, self.reply_buttons, self._names = [], {}, {}, {}
        for row in frame.to_dict("records"):
            cid, depth = str(row["id"]), int(row.get("depth", 0))
            self._names[cid] = str(row.get("author_name") or "")
            key = (cid, depth, str(row.get("status_at")))
            card, button = kept[key] = self._cards.pop(key, None) or self._card(row, cid, depth)
            if button is not None:
                self.reply_buttons[cid] = button
            rows.append(card)
        self.thread.children = rows
        for card, _ in self._cards.values():
            close_tree(card)
        self._cards = kept
        if self.replying_to is not None and self.replying_to not in self._names:
            self.cancel_reply()  # the comment was moderated away meanwhile

    def _card(self, row: dict, cid: str, depth: int):
        """The widgets for one approved comment: its HTML card and, unless at the deepest level, Reply."""
        parts, button = [w.HTML(render.comment_html(row))], None
        # As on a blog, no Reply at the deepest level: the store would show the reply at that level anyway.
        if depth + 1 < self.journal.settings.comments.thread_depth:
            button = w.Button(description="Reply", icon="reply", tooltip=f"Reply to {row.get('author_name')}",
                              layout=w.Layout(width="auto", align_self="flex-start"))
            button.on_click(lambda _: self.reply_to(cid))
            button.add_class("journal-reply")  # a stable hook for page tests and stylesheets
            parts.append(button)
        indent = min(depth, MAX_INDENT) * INDENT_EM
        return w.VBox(parts, layout=w.Layout(margin=f"0.5em 0 0 {indent}em")), button

    # -- the form ----------------------------------------------------------
    def reply_to(self, comment_id) -> None:
        """Turn the form into a reply to an approved comment of this thread."""
        comment_id = str(comment_id)
        if comment_id not in self._names:
            self._say("That comment is not in this thread any more.", ok=False)
            return
        self.replying_to = comment_id
        self.reply_note.value = f"Replying to <strong>{render.text(self._names[comment_id])}</strong>"
        self.reply_bar.layout.display = "flex"
        self.submit_button.description = "Post reply"

    def cancel_reply(self) -> None:
        """Back to a top-level comment."""
        self.replying_to = None
        self.reply_note.value = ""
        self.reply_bar.layout.display = "none"
        self.submit_button.description = "Post comment"

    def submit(self):
        """Send the form to the store; returns the stored comment, or None when refused."""
        try:
            comment = self.store.submit(self.entry_id, name=self.name.value, body=self.body.value,
                                        email=self.email.value.strip() or None, reply_to=self.replying_to)
        except JournalError as refusal:  # keep the text so nothing typed is lost
            self._say(str(refusal), ok=False)
            return None
        self.body.value = ""
        self.cancel_reply()
        self._say(PUBLISHED if comment.status == "approved" else HELD, ok=True)
        self.refresh()
        return comment

    def _say(self, text: str, ok: bool) -> None:
        self.last_message = text
        self.message.value = render.message(text, ok)

    # -- moderation (author and tutors only) -------------------------------
    def toggle_moderation(self) -> None:
        """Show or hide the moderation panel below the form (never in the peer role)."""
        if self.role == "peer":
            return
        if self.moderation is None:
            from .moderation_panel import ModerationPanel

            self.moderation = ModerationPanel(self.journal)
            self.moderation.on_change(self.refresh)
        shown = bool(self.moderation_box.children)
        self.moderation_box.children = () if shown else (self.moderation,)
        if not shown:
            self.moderation.refresh()
