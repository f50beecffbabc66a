"""The moderation panel: the author's queue of comments across all entries, by status."""

from __future__ import annotations

import ipywidgets as w

from journal.comments import STATUSES
from journal.errors import JournalError
from journal.roles import current_user

from . import render
from .comment_panel import close_tree

# What each status offers, in the order the buttons appear.
ACTIONS = {
    "pending": ("approve", "spam", "trash", "reply"),
    "approved": ("reply", "spam", "trash"),
    "spam": ("restore", "trash"),
    "trash": ("restore",),
}
LABELS = {"approve": "Approve", "spam": "Spam", "trash": "Trash", "restore": "Restore", "reply": "Reply"}
DONE = {"approve": "Approved", "spam": "Marked as spam", "trash": "Moved to trash", "restore": "Restored"}
PEER_NOTICE = "Moderation is for the journal's author and tutors."


class ModerationPanel(w.VBox):
    """Pending / Approved / Spam / Trash lists with per-comment and bulk actions.

    Methods mirror the buttons: `show(status)`, `approve(ids)`, `spam(ids)`, `trash(ids)`,
    `restore(ids)`, `approve_selected()`, `reply_to(id)`, `send_reply()`, `cancel_reply()`,
    `refresh()`, `show_more()`. In the peer role it shows only a notice and offers nothing.
    """

    def __init__(self, journal, *, page_size: int = 50, **kwargs):
        self.journal, self.store = journal, journal.comments
        self.role = self.store.role
        self.page_size = self.limit = page_size
        self.last_message = ""
        self.checkboxes: dict[str, w.Checkbox] = {}
        self.buttons: dict[str, dict[str, w.Button]] = {}
        self.replying_to: str | None = None
        self._listeners = []
        self._rows: dict[str, dict] = {}
        self._titles: dict[str, str] = {}
        self._cards: dict[tuple[str, str, str], tuple] = {}
        if self.role == "peer":
            super().__init__([w.HTML(render.notice(PEER_NOTICE))], **kwargs)
            return

        self.tabs = w.ToggleButtons(options=[(s.title(), s) for s in STATUSES], value="pending")
        self._relabelling = False
        self.tabs.observe(lambda _: None if self._relabelling else self._show_rows(reset=True), "value")
        self.select_all = w.Checkbox(description="Select all", indent=False, layout=w.Layout(width="auto"))
        self.select_all.observe(lambda change: self._select_all(change["new"]), "value")
        self.bulk = {name: w.Button(description=f"{LABELS[name]} selected") for name in ("approve", "spam", "trash",
                                                                                      "restore")}
        for name, button in self.bulk.items():
            button.on_click(lambda _, name=name: self._act(name, self.selected))
        self.refresh_button = w.Button(description="Refresh", icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.toolbar = w.HBox([self.select_all, *self.bulk.values(), self.refresh_button])
        self.summary = w.HTML()
        self.rows = w.VBox()
        self.more_button = w.Button(description="Show more", layout=w.Layout(display="none"))
        self.more_button.on_click(lambda _: self.show_more())

        self.reply_note = w.HTML()
        self.reply_body = w.Textarea(placeholder="Your reply (published at once)",
                                     layout=w.Layout(width="95%", height="6em"))
        self.send_button = w.Button(description="Send reply", button_style="primary", icon="paper-plane")
        self.send_button.on_click(lambda _: self.send_reply())
        self.cancel_button = w.Button(description="Cancel", icon="times")
        self.cancel_button.on_click(lambda _: self.cancel_reply())
        self.reply_box = w.VBox([self.reply_note, self.reply_body, w.HBox([self.send_button, self.cancel_button])],
                                layout=w.Layout(display="none"))
        self.message = w.HTML()
        super().__init__([w.HTML("<h3>Moderate comments</h3>"), self.tabs, self.toolbar, self.summary,
                          self.message, self.reply_box, self.rows, self.more_button], **kwargs)
        self.add_class("journal-moderation-panel")
        self.refresh()

    def __repr__(self) -> str:
        return f"<ModerationPanel for {self.journal.path.name!r} as {self.role}>"

    # -- reading -------------------------------------------------------------
    @property
    def status(self) -> str:
        return self.tabs.value if self.role != "peer" else ""

    def on_change(self, callback) -> None:
        """Call `callback()` after every action that changed the store (the comment panel redraws)."""
        self._listeners.append(callback)

    def refresh(self) -> None:
        """Re-read the store, the tab counts and the current list."""
        if self.role == "peer":
            return
        self.store.refresh()
        totals = dict.fromkeys(STATUSES, 0)
        for counts in self.store.counts().values():
            for status in STATUSES:
                totals[status] += counts.get(status, 0)
        current, self._relabelling = self.tabs.value, True
        try:  # new options reset the value to the first one: put it back without redrawing twice
            self.tabs.options = [(f"{s.title()} ({totals[s]})", s) for s in STATUSES]
            self.tabs.value = current
        finally:
            self._relabelling = False
        self._titles = self._entry_titles()
        self._show_rows(reset=False)

    def _entry_titles(self) -> dict[str, str]:
        try:
            return {entry.id: entry.title for entry in self.journal.entries()}
        except JournalError:  # one broken notebook must not hide the queue; ids stand in for titles
            return {}

    def show(self, status: str) -> None:
        """Switch to the list of comments with `status`."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        self.tabs.value = status

    def show_more(self) -> None:
        self.limit += self.page_size
        self._show_rows(reset=False)

    def _show_rows(self, *, reset: bool) -> None:
        if reset:
            self.limit = self.page_size
            self.select_all.value = False
        status = self.status
        frame = self.store.frame(status=status)
        if len(frame):  # newest first; ties keep the newer log line first
            frame = frame.iloc[::-1].sort_values("submitted_at", ascending=False, kind="stable")
        records = frame.to_dict("records")
        shown = records[: self.limit]
        self._rows = {str(r["id"]): r for r in shown}
        # A comment's card changes only when it does (a new status or an edit stamps `status_at`):
        # keep built cards, close the rest.
        self.checkboxes, self.buttons, rows, kept = {}, {}, [], {}
        for row in shown:
            cid = str(row["id"])
            key = (cid, status, str(row.get("status_at")))
            built = kept[key] = self._cards.pop(key, None) or self._row(row, status)
            rows.append(built[0])
            self.checkboxes[cid], self.buttons[cid] = built[1], built[2]
        self.rows.children = rows
        for built in self._cards.values():
            close_tree(built[0])
        self._cards = kept
        self.summary.value = (f"<p>{len(records)} {status} comment{'s' if len(records) != 1 else ''}"
                              + (f", showing the newest {len(shown)}" if len(shown) < len(records) else "")
                              + "</p>")
        self.more_button.layout.display = "flex" if len(shown) < len(records) else "none"
        for name, button in self.bulk.items():
            button.layout.display = "flex" if name in ACTIONS[status] else "none"

    def _row(self, row: dict, status: str):
        """(row widget, its checkbox, its buttons by action) for one comment."""
        cid = str(row["id"])
        entry_id = str(row.get("entry_id"))
        title = self._titles.get(entry_id, entry_id)
        email = render.text(row.get("author_email"))
        reason = render.text(row.get("reason"))
        extra = (f'<div style="opacity:0.8">On <em>{render.text(title)}</em>'
                 + (f' · <a href="mailto:{email}">{email}</a>' if email else "")
                 + (f" · {'held because: ' if row.get('status_by') == 'rules' else ''}{reason}"
                    if reason and status != "approved" else "") + "</div>")
        checkbox = w.Checkbox(indent=False, layout=w.Layout(width="2em"))
        buttons = {}
        for name in ACTIONS[status]:
            button = w.Button(description=LABELS[name], layout=w.Layout(width="auto"))
            if name == "reply":
                button.on_click(lambda _, cid=cid: self.reply_to(cid))
            else:
                button.on_click(lambda _, cid=cid, name=name: self._act(name, [cid]))
            buttons[name] = button
        card = w.VBox([w.HTML(render.comment_html(row, extra=extra)), w.HBox(list(buttons.values()))])
        box = w.HBox([checkbox, card], layout=w.Layout(margin="0.5em 0", border_bottom="1px solid #ddd"))
        return box, checkbox, buttons

    # -- selecting -----------------------------------------------------------
    @property
    def selected(self) -> list[str]:
        """Ids of the ticked comments in the current list."""
        return [cid for cid, box in self.checkboxes.items() if box.value]

    def select(self, ids) -> None:
        for cid in _ids(ids):
            if cid in self.checkboxes:
                self.checkboxes[cid].value = True

    def _select_all(self, value: bool) -> None:
        for box in self.checkboxes.values():
            box.value = value

    # -- acting ----------------------------------------------------------------
    def approve(self, ids) -> None:
        self._act("approve", ids)

    def spam(self, ids) -> None:
        self._act("spam", ids)

    def trash(self, ids) -> None:
        self._act("trash", ids)

    def restore(self, ids) -> None:
        self._act("restore", ids)

    def approve_selected(self) -> None:
        self._act("approve", self.selected)

    def _act(self, action: str, ids) -> None:
        if self.role == "peer":
            raise JournalError(PEER_NOTICE)
        ids = _ids(ids)
        if not ids:
            self._say("Tick at least one comment first.", ok=False)
            return
        done = 0
        try:
            for cid in ids:
                getattr(self.store, action)(cid)
                done += 1
        except JournalError as refusal:
            self._say(str(refusal), ok=False)
        else:
            self._say(f"{DONE[action]} {done} comment{'s' if done != 1 else ''}.", ok=True)
        self.select_all.value = False
        self._changed()

    def reply_to(self, comment_id) -> None:
        """Open the reply box under the list for comment `comment_id`."""
        cid = str(comment_id)
        if cid not in self._rows:
            self._say("That comment is not in this list any more.", ok=False)
            return
        self.replying_to = cid
        self.reply_note.value = (f"Reply to <strong>{render.text(self._rows[cid].get('author_name'))}</strong>"
                                 + (" (approves their comment)" if self.status == "pending" else ""))
        self.reply_box.layout.display = "flex"

    def cancel_reply(self) -> None:
        self.replying_to = None
        self.reply_note.value = ""
        self.reply_box.layout.display = "none"

    def send_reply(self):
        """Post the reply as the author or tutor; the store approves a pending comment with its answer."""
        if self.replying_to is None:
            return None
        name = self.journal.settings.author if self.role == "author" else (current_user() or self.role.title())
        body = self.reply_body.value
        try:
            parent = self.store.get(self.replying_to)
            comment = self.store.submit(parent.entry_id, name=name, body=body, reply_to=parent.id)
        except JournalError as refusal:  # keep the reply text
            self._say(str(refusal), ok=False)
            self._changed()
            return None
        self.reply_body.value = ""
        self.cancel_reply()
        self._say("Reply published." if comment.status == "approved" else "Reply saved; it awaits moderation.",
                  ok=True)
        self._changed()
        return comment

    def _changed(self) -> None:
        self.refresh()
        for callback in self._listeners:
            callback()

    def _say(self, text: str, ok: bool) -> None:
        self.last_message = text
        self.message.value = render.message(text, ok)


def _ids(ids) -> list[str]:
    if isinstance(ids, (str, int)):
        return [str(ids)]
    return [str(i) for i in ids]
