"""A text box the moderator opens for one comment: a note saying which, the text, and two buttons.

The moderation panel has two (a reply, and a correction of a comment's text); both open, close and
keep their text the same way, so they are one widget with the panel's own actions bound to its buttons.
"""

from __future__ import annotations

import ipywidgets as w

from .cards import FIELD, ROW


class TextForm(w.VBox):
    """Hidden until `start(note)`; `submit` and `cancel` are the buttons, `body` the text."""

    # start/stop, not open/close: a widget's open() and close() make and end its comm with the page.
    def __init__(self, *, submit: str, cancel: str, on_submit, on_cancel, placeholder: str = "",
                 submit_icon: str = "", **kwargs):
        self.note = w.HTML()
        self.body = w.Textarea(placeholder=placeholder, layout=w.Layout(height="6em", **FIELD))
        self.submit = w.Button(description=submit, button_style="primary", icon=submit_icon,
                               layout=w.Layout(width="auto"))
        self.submit.on_click(lambda _: on_submit())
        self.cancel = w.Button(description=cancel, icon="times", layout=w.Layout(width="auto"))
        self.cancel.on_click(lambda _: on_cancel())
        super().__init__([self.note, self.body, w.HBox([self.submit, self.cancel], layout=w.Layout(**ROW))],
                         layout=w.Layout(display="none"), **kwargs)

    @property
    def active(self) -> bool:
        return self.layout.display != "none"

    def start(self, note: str, text: str | None = None) -> None:
        """Show the form under `note` (HTML, already escaped), with `text` in the box if given, focused."""
        self.note.value = note
        if text is not None:
            self.body.value = text
        self.layout.display = "flex"
        self.body.focus()

    def stop(self) -> None:
        """Hide the form; its text stays for the caller to clear or keep."""
        self.note.value = ""
        self.layout.display = "none"
