"""The moderation panel: the author's queue of comments across all entries, by status."""

from __future__ import annotations

import ipywidgets as w
from traitlets import Int, Unicode, observe

from journal.comments import STATUSES
from journal.comments.protocol import DELETED, MODERATION, PANEL_ACTIONS, moderator_name, status_totals
from journal.errors import JournalError

from . import cards
from .card_cache import as_ids
from .cards import ROW
from .feedback import FeedbackTab
from .moderation_row import moderation_row
from .panel import Panel
from .text_form import TextForm

ACTIONS = PANEL_ACTIONS
LABELS = {**{verb: verb.capitalize() for verb in MODERATION}, "reply": "Reply", "edit": "Edit"}
PEER_NOTICE = "Moderation is for the journal's author and tutors."
UNSAVED = "The change could not be saved ({done} of {asked} done): {why}"
REPLY_UNSAVED = "Your reply could not be saved: {why}. Your text is still here."


class ModerationPanel(Panel):
    """Pending / Approved / Spam / Trash lists with per-comment and bulk actions.

    Methods mirror the buttons: `show(status)`, `approve(ids)`, `spam(ids)`, `trash(ids)`,
    `restore(ids)`, `approve_selected()`, `reply_to(id)`, `send_reply()`, `cancel_reply()`,
    `edit(id)`, `save_edit()`, `empty_trash()`, `refresh()`, `show_more()`. A message stays until
    the next action or a change of list. For a store that may not moderate (the peer role) it shows only a
    notice and offers nothing.
    """

    page_size = Int(50, help="How many comments a list shows at first, and how many more each Show more adds")
    limit = Int(50, help="How many comments the current list shows")
    editing = Unicode(None, allow_none=True, help="Id of the comment whose text is being corrected; None when not")
    GONE = "That comment is not in this list any more."

    def __init__(self, journal, *, store=None, page_size: int = 50, **kwargs):
        super().__init__(journal, store=store, **kwargs)
        self.page_size = self.limit = page_size
        self.checkboxes: dict[str, w.Checkbox] = {}
        self.buttons: dict[str, dict[str, w.Button]] = {}
        self._titles: dict[str, str] = {}
        self.feedback = None
        if not self.store.can_moderate:
            self.children = [w.HTML(cards.notice(PEER_NOTICE))]
            return

        self.tabs = w.ToggleButtons(options=[(s.title(), s) for s in STATUSES], value="pending",
                                    style={"button_width": "auto"}, layout=w.Layout(width="auto", max_width="100%"))
        self.tabs.add_class(cards.SWITCHER)
        self._relabelling = False
        self.tabs.observe(lambda _: None if self._relabelling else self._switched(), "value")
        self.select_all = w.Checkbox(description="Select all", indent=False, layout=w.Layout(width="auto"))
        self.select_all.observe(lambda change: self._select_all(change["new"]), "value")
        self.bulk = {name: w.Button(description=f"{LABELS[name]} selected", layout=w.Layout(width="auto"))
                     for name in MODERATION}
        for name, button in self.bulk.items():
            button.on_click(lambda _, name=name: self._act(name, self.selected))
        self.refresh_button = w.Button(description="Refresh", icon="refresh", layout=w.Layout(width="auto"))
        self.refresh_button.on_click(lambda _: self.refresh())
        self.empty_button = w.Button(description="Empty trash", icon="trash", button_style="danger",
                                     tooltip="Delete every comment in the trash for good (the log keeps a tombstone)",
                                     layout=w.Layout(width="auto", display="none"))
        self.empty_button.on_click(lambda _: self.empty_trash())
        self.toolbar = w.HBox([self.select_all, *self.bulk.values(), self.empty_button, self.refresh_button],
                              layout=w.Layout(**ROW))
        self.summary = w.HTML()
        self.rows = w.VBox()
        self.more_button = w.Button(description="Show more", layout=w.Layout(display="none", width="auto"))
        self.more_button.on_click(lambda _: self.show_more())

        self.reply_form = TextForm(submit="Send reply", submit_icon="paper-plane", cancel="Cancel",
                                   placeholder="Your reply (published at once)",
                                   on_submit=self.send_reply, on_cancel=self.cancel_reply)
        self.edit_form = TextForm(submit="Save edit", cancel="Cancel edit", on_submit=self.save_edit,
                                  on_cancel=lambda: setattr(self, "editing", None))
        queue = [w.HTML(cards.PANEL_STYLE), w.HTML("<h3>Moderate comments</h3>"), self.tabs, self.toolbar,
                 self.summary, self.message, self.reply_form, self.edit_form, self.rows, self.more_button]
        # Tutors get a second tab to write, grade and release feedback on this journal.
        self.feedback = FeedbackTab.for_panel(journal, self.store)
        if self.feedback is None:
            self.children = queue
        else:
            self.sections = w.Tab(children=[w.VBox(queue), self.feedback], titles=("Comments", "Feedback"))
            self.feedback.on_change(self._changed)
            self.children = [self.sections]
        self.add_class("journal-moderation-panel")
        self.refresh()

    def __repr__(self) -> str:
        return f"<ModerationPanel for {self.journal.path.name!r} as {self.role}>"

    def show_feedback(self) -> None:
        """Switch to the Feedback tab (tutors only; nothing happens for anyone else)."""
        if self.feedback is not None:
            self.sections.selected_index = 1

    # -- reading -------------------------------------------------------------
    @property
    def status(self) -> str:
        return self.tabs.value if self.store.can_moderate else ""

    def refresh(self) -> None:
        """Re-read the store, the tab counts and the current list."""
        if self.store.can_moderate:
            super().refresh()

    def _switched(self) -> None:
        self._say("", ok=True)          # the last answer was about the list left behind
        self.editing = None
        self._show_rows(reset=True)

    def _redraw(self) -> None:
        self.store.refresh()
        totals = status_totals(self.store.counts())
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
        # A comment's card changes only when it does (a new status or an edit stamps `status_at`).
        built = self.cards.show((((cid, status, str(row.get("status_at"))), row) for cid, row in self._rows.items()),
                                lambda row: self._row(row, status))
        self.rows.children = [box for box, _, _ in built]
        self.checkboxes = {cid: checkbox for cid, (_, checkbox, _) in zip(self._rows, built)}
        self.buttons = {cid: buttons for cid, (_, _, buttons) in zip(self._rows, built)}
        self.summary.value = (f"<p>{len(records)} {status} comment{'s' if len(records) != 1 else ''}"
                              + (f", showing the newest {len(shown)}" if len(shown) < len(records) else "")
                              + "</p>")
        self.more_button.layout.display = "flex" if len(shown) < len(records) else "none"
        for name, button in self.bulk.items():
            button.layout.display = "flex" if name in ACTIONS[status] else "none"
        self.empty_button.layout.display = "flex" if status == "trash" and records and self.store.empties_trash \
            else "none"

    def _row(self, row: dict, status: str):
        entry_id = str(row.get("entry_id"))
        return moderation_row(row, title=self._titles.get(entry_id, entry_id), status=status,
                              actions=ACTIONS[status], labels=LABELS, on_action=self._pressed)

    def _pressed(self, action: str, comment_id: str) -> None:
        if action == "reply":
            self.reply_to(comment_id)
        elif action == "edit":
            self.edit(comment_id)
        else:
            self._act(action, [comment_id])

    # -- selecting -----------------------------------------------------------
    @property
    def selected(self) -> list[str]:
        """Ids of the ticked comments in the current list."""
        return [cid for cid, box in self.checkboxes.items() if box.value]

    def select(self, ids) -> None:
        for cid in as_ids(ids):
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
        if not self.store.can_moderate:
            raise JournalError(PEER_NOTICE)
        self.editing = None
        ids = as_ids(ids)
        if not ids:
            self._say("Tick at least one comment first.", ok=False)
            return
        for done, cid in enumerate(ids):
            ok, _ = self._attempt(UNSAVED.format(done=done, asked=len(ids), why="{why}"),
                                  lambda cid=cid: getattr(self.store, action)(cid))
            if not ok:
                break
        else:
            self._say(f"{MODERATION[action].capitalize()} {len(ids)} comment{'s' if len(ids) != 1 else ''}.",
                      ok=True)
        self.select_all.value = False
        self._changed()

    def empty_trash(self) -> int:
        """Delete every comment in the trash for good (the log keeps a tombstone of each); how many."""
        if not self.store.can_moderate:
            raise JournalError(PEER_NOTICE)
        self.editing = None
        ok, deleted = self._attempt("The trash could not be emptied: {why}", self.store.empty_trash)
        if ok:
            self._say(f"{deleted} comment{'s' if deleted != 1 else ''} {DELETED}.", ok=True)
        self._changed()
        return deleted or 0

    # -- correcting a comment's text (the log keeps the old one) --------------------
    def edit(self, comment_id) -> None:
        """Open the text of comment `comment_id` (one of those shown) for correcting."""
        comment_id = str(comment_id)
        self._say("", ok=True)
        if comment_id not in self._rows:
            self._say(self.GONE, ok=False)
            return
        self.cancel_reply()
        self.editing = comment_id

    @observe("editing")
    def _editing_changed(self, change) -> None:
        row = self._rows.get(change["new"] or "")
        if row is None:
            self.edit_form.stop()
            return
        self.edit_form.start(f"Edit the comment by <strong>{cards.name(row.get('author_name'))}</strong>",
                            str(row.get("body") or ""))

    def save_edit(self):
        """Store the corrected text; the stored comment, or None when refused (the text stays in the box)."""
        if self.editing is None:
            return None
        cid, body = self.editing, self.edit_form.body.value
        ok, comment = self._attempt("The edit could not be saved: {why}", lambda: self.store.edit(cid, body))
        if ok:
            self.editing = None
            self._say("Comment edited; the log keeps the earlier text.", ok=True)
        self._changed()
        return comment

    def _show_reply(self, comment_id, row) -> None:
        if comment_id is None:
            self.reply_form.stop()
            return
        self.editing = None
        self.reply_form.start(f"Reply to <strong>{cards.name(row.get('author_name'))}</strong>"
                             + (" (approves their comment)" if self.status == "pending" else ""))

    def send_reply(self):
        """Post the reply as the author or tutor; the store approves a pending comment with its answer."""
        if self.replying_to is None:
            return None
        body, parent_id = self.reply_form.body.value, self.replying_to

        def post():
            parent = self.store.get(parent_id)
            return self.store.submit(parent.entry_id, name=moderator_name(self.store), body=body, reply_to=parent.id)

        ok, comment = self._attempt(REPLY_UNSAVED, post)
        if not ok:  # the reply text stays in the box
            self._changed()
            return None
        self.reply_form.body.value = ""
        self.cancel_reply()
        self._say("Reply published." if comment.status == "approved" else "Reply saved; it awaits moderation.",
                  ok=True)
        self._changed()
        return comment
