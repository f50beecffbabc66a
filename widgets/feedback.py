"""Tutors' feedback in the panels: the author's "Feedback from your tutor" section, and the tutor's
Feedback tab (write, rubric, comment bank, hold or release).

Both read through `journal.feedback` (a FeedbackStore), which decides who sees what: a peer's
section is always empty and hidden; the author sees released feedback; tutors see every piece.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w
from ipywidgets import CallbackDispatcher
from traitlets import Bool, Unicode

from journal.errors import JournalError
from journal.feedback import snapshot
from journal.feedback.bank import save_bank
from journal.feedback.store import WHOLE_JOURNAL, feedback_of
from journal.feedback.text import feedback_html, feedback_section
from widgets import cards

TUTORS_ONLY = "Feedback is written by tutors."


class FeedbackSection(w.VBox):
    """The released feedback on one entry (and on the whole journal), under the comment panel's thread."""

    def __init__(self, journal, entry_id: str, *, store=None, **kwargs):
        super().__init__(**kwargs)
        self.journal, self.entry_id = journal, entry_id
        self.store = journal.feedback if store is None else store
        self.body = w.HTML()
        self.children = [self.body]
        self.refresh()

    @classmethod
    def for_panel(cls, journal, entry_id: str, comments) -> "FeedbackSection | None":
        """The section for a comment panel over the comment store `comments`; None for a peer, or for a
        store that keeps no feedback."""
        store = feedback_of(journal, comments)
        if store is None or store.actor.role == "peer":
            return None
        return cls(journal, entry_id, store=store)

    def refresh(self) -> None:
        pieces = [f for f in self.store.list() if f.entry_id in (self.entry_id, WHOLE_JOURNAL)]
        self.body.value = feedback_section(pieces, tutor_view=self.store.actor.role == "tutor", level=4)
        self.layout.display = None if self.body.value else "none"


class FeedbackTab(w.VBox):
    """Write feedback on an entry or the whole journal with the rubric and the comment bank; hold or release.

    Every button is a method: `choose(entry_id)`, `set_level(criterion, level)`, `use_sentence(n)`,
    `hold()`, `release_now()`, `release(ids)`, `recall(ids)`, `release_all_held()`, `refresh()`.
    """

    entry_id = Unicode(WHOLE_JOURNAL, help="The entry being marked ('' for the whole journal)")
    last_message = Unicode("", help="The tab's last answer to the tutor, as plain text")
    message_ok = Bool(True, help="Whether `last_message` reports success")

    def __init__(self, journal, *, store=None, **kwargs):
        super().__init__(**kwargs)
        self.journal = journal
        self.store = journal.feedback if store is None else store
        self._change_callbacks = CallbackDispatcher()
        self.message = w.HTML()
        self.message.add_class(cards.STATUS)   # empty from the start, so screen readers announce what fills it
        if self.store.actor.role != "tutor":
            self.children = [w.HTML(f"<p>{escape(TUTORS_ONLY)}</p>")]
            return
        criteria = self.store.criteria
        entries = [(f"{e.date} {e.title}", e.id) for e in journal.entries()]
        self.entry = w.Dropdown(options=[("The whole journal", WHOLE_JOURNAL), *entries], description="On")
        self.entry.observe(lambda change: setattr(self, "entry_id", change["new"]), "value")
        self.levels = {c["name"]: w.Dropdown(options=[("—", "")] + [(lv, lv) for lv in c["levels"]],
                                             description=c["name"], style={"description_width": "initial"})
                       for c in criteria.criteria}
        self.bank = w.Dropdown(options=[("Comment bank…", -1)] + [(s[:80], i) for i, s in enumerate(criteria.bank)],
                               layout=w.Layout(width="auto"))
        self.bank.observe(lambda change: self.use_sentence(change["new"]) if change["new"] >= 0 else None, "value")
        self.text = w.Textarea(placeholder="Your feedback (the student sees it once it is released)",
                               layout=w.Layout(width="95%", height="8em"))
        self.hold_button = w.Button(description="Hold", icon="lock", layout=w.Layout(width="auto"))
        self.hold_button.on_click(lambda _: self.hold())
        self.release_button = w.Button(description="Release now", button_style="primary", icon="paper-plane",
                                       layout=w.Layout(width="auto"))
        self.release_button.on_click(lambda _: self.release_now())
        self.release_all_button = w.Button(description="Release all held", icon="unlock",
                                           layout=w.Layout(width="auto"))
        self.release_all_button.on_click(lambda _: self.release_all_held())
        self.bank_button = w.Button(description="Add to comment bank", icon="plus", layout=w.Layout(width="auto"),
                                    tooltip="Keep the text as a reusable sentence for every tutor of the course")
        self.bank_button.on_click(lambda _: self.add_to_bank())
        self.pieces = w.VBox()
        self.buttons: dict[str, w.Button] = {}
        self.children = [w.HTML("<h4>Feedback</h4>"), self.entry, w.HBox(list(self.levels.values())),
                         self.bank, self.text, w.HBox([self.hold_button, self.release_button, self.release_all_button, self.bank_button]),
                         self.message, self.pieces]
        self.refresh()

    @classmethod
    def for_panel(cls, journal, comments) -> "FeedbackTab | None":
        """The tab for a moderation panel over `comments`; None unless a tutor is acting on a store with feedback."""
        store = feedback_of(journal, comments)
        if store is None or store.actor.role != "tutor":
            return None
        return cls(journal, store=store)

    # -- writing ---------------------------------------------------------------
    def choose(self, entry_id: str) -> None:
        self.entry.value = entry_id

    def set_level(self, criterion: str, level: str) -> None:
        self.levels[criterion].value = level

    def use_sentence(self, n: int) -> None:
        """Add sentence `n` of the comment bank to the text."""
        sentence = self.store.criteria.bank[n]
        self.text.value = (self.text.value.rstrip() + " " + sentence).strip()
        self.bank.value = -1

    def add_to_bank(self) -> None:
        """Keep the text written so far as a sentence of the comment bank (the course's, else the journal's)."""
        text = self.text.value.strip()
        if not text:
            self._say("Write the sentence first.", ok=False)
            return
        try:
            save_bank(self.journal, [*self.store.criteria.bank, text])
        except JournalError as exc:
            self._say(str(exc), ok=False)
            return
        self.store.criteria.bank.append(text)
        self.bank.options = [("Comment bank…", -1)] + [(s[:80], i) for i, s in enumerate(self.store.criteria.bank)]
        self._say("Added to the comment bank.")

    def hold(self):
        return self._save(release=False)

    def release_now(self):
        return self._save(release=True)

    def _save(self, *, release: bool):
        rubric = {name: box.value for name, box in self.levels.items() if box.value}
        try:
            sha, label = "", ""
            snap = snapshot.latest(self.journal)
            if self.entry_id:
                entry = self.journal.entry(self.entry_id)
                sha = (snap.hash_of(entry.id) if snap else "") or snapshot.content_hash(entry)
            label = snap.label if snap else ""
            fb = self.store.add(self.entry_id, self.text.value, rubric=rubric, snapshot=label, sha256=sha,
                                release=release)
        except JournalError as exc:
            self._say(str(exc), ok=False)
            return None
        self.text.value = ""
        for box in self.levels.values():
            box.value = ""
        self._say("Released: the student can read it now." if release else "Held: the student cannot see it yet.")
        self._changed()
        return fb

    def release(self, ids) -> None:
        self._act("release", ids, "Released")

    def recall(self, ids) -> None:
        self._act("recall", ids, "Recalled")

    def release_all_held(self) -> None:
        """Every held piece on this journal, released in one append (the same moment for all)."""
        held = [f.id for f in self.store.list(status="held")]
        self._act("release", held, "Released")

    def _act(self, action: str, ids, done: str) -> None:
        ids = list(ids)
        if not ids:
            self._say("Nothing to do.", ok=False)
            return
        try:
            getattr(self.store, action)(ids)
        except JournalError as exc:
            self._say(str(exc), ok=False)
            return
        self._say(f"{done} {len(ids)} piece{'s' if len(ids) != 1 else ''} of feedback.")
        self._changed()

    # -- reading ---------------------------------------------------------------
    def refresh(self) -> None:
        """The pieces on this journal, newest first, each with Release or Recall."""
        titles = {e.id: e.title for e in self.journal.entries()}
        student = cards.plain_name(self.journal.author)
        rows, self.buttons = [], {}
        for fb in reversed(self.store.list()):
            label = titles.get(fb.entry_id, fb.entry_id) if fb.entry_id else "the whole journal"
            action = "recall" if fb.status == "released" else "release"
            # Every piece has a button named alike; its tooltip, the accessible name, says which piece it acts on.
            tooltip = (f"Release feedback on {label} to {student}" if action == "release"
                       else f"Recall feedback on {label} from {student}")
            button = w.Button(description=action.title(), tooltip=tooltip,
                              layout=w.Layout(width="auto", align_self="flex-start"))
            button.add_class(cards.NAMED)
            button.on_click(lambda _, fid=fb.id, act=action: getattr(self, act)([fid]))
            self.buttons[fb.id] = button
            info = w.HTML(f"<p><strong>{escape(label)}</strong></p>" + feedback_html([fb], tutor_view=True))
            rows.append(w.VBox([info, button]))
        self.pieces.children = rows

    # -- telling ---------------------------------------------------------------
    def _say(self, words: str, ok: bool = True) -> None:
        self.message_ok, self.last_message = ok, words
        self.message.value = cards.message(words, ok)

    def on_change(self, callback, remove: bool = False) -> None:
        self._change_callbacks.register_callback(callback, remove=remove)

    def _changed(self) -> None:
        self.refresh()
        self._change_callbacks()
