"""The panels for every reader: text in any script cannot reorder what is around it, the form is a
couple of key presses away, and nothing is wider than a narrow (400 px) window."""

import re
from html.parser import HTMLParser

import ipywidgets as w
import pytest

from journal import Journal
from widgets import CommentPanel, ModerationPanel, cards

RLO = "\u202e"           # RIGHT-TO-LEFT OVERRIDE: reverses everything after it until the paragraph ends
NARROW_PX = 400
EM_PX = 16


def walk(widget, hidden=False):
    """Every widget under `widget` (itself included), leaving out hidden parts unless `hidden`."""
    if not hidden and widget.layout.display == "none":
        return
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child, hidden)


def as_role(path, role, monkeypatch) -> Journal:
    monkeypatch.setenv("JOURNAL_ROLE", role)
    return Journal.open(path)


# -- bidirectional text ---------------------------------------------------------
class _Tree(HTMLParser):
    """Just enough of a DOM: elements with attributes, children and text."""

    VOID = {"br", "img", "hr", "input", "meta", "wbr"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "", "attrs": {}, "children": [], "parent": None}
        self.at = self.root
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "children": [], "parent": self.at}
        self.at["children"].append(node)
        if tag not in self.VOID:
            self.at = node

    def handle_endtag(self, tag):
        node = self.at
        while node is not self.root and node["tag"] != tag:
            node = node["parent"]
        if node is not self.root:
            self.at = node["parent"]

    def handle_data(self, data):
        self.at["children"].append(data)


def _text(node) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in node["children"])


def _isolates(node) -> bool:
    style = re.sub(r"\s", "", node["attrs"].get("style") or "")
    return node["tag"] == "bdi" or "dir" in node["attrs"] or "unicode-bidi:isolate" in style


def unisolated(html: str, needle: str) -> list[str]:
    """Texts holding `needle` that could reorder something shown after them: no isolating element
    around them, or one that goes on after them."""
    bad = []

    def visit(node):
        for child in node["children"]:
            if not isinstance(child, str):
                visit(child)
            elif needle in child:
                box = node
                while box is not None and not _isolates(box):
                    box = box["parent"]
                if box is None or not _text(box).rstrip().endswith(child.strip()):
                    bad.append(child if box is None else _text(box))

    visit(_Tree(html).root)
    return bad


def every_html(*panels) -> str:
    return [x.value for panel in panels for x in walk(panel) if isinstance(x, w.HTML) and x.value]


def test_a_direction_override_in_a_name_or_body_reorders_nothing_around_it(journal, monkeypatch):
    entry = journal.new_entry("Week one", date="2026-10-01")
    peer = as_role(journal.path, "peer", monkeypatch)
    peer.comments.submit(entry.id, name=f"RTL{RLO}evil", body=f"Nice post RTL{RLO}evil")
    author = as_role(journal.path, "author", monkeypatch)
    moderation = ModerationPanel(author)
    cid = list(moderation.buttons)[0]
    moderation.reply_to(cid)                  # the reply note names the commenter too
    panel = CommentPanel(author, entry.id)
    shown = every_html(moderation)
    assert any(RLO in html for html in shown)
    assert [bad for html in shown for bad in unisolated(html, RLO)] == []

    moderation.approve([cid])
    panel.refresh()
    panel.reply_to(cid)
    shown = every_html(panel)
    assert sum(RLO in html for html in shown) == 2   # the card and the reply note
    assert [bad for html in shown for bad in unisolated(html, RLO)] == []


def test_the_checker_finds_text_that_is_not_isolated():
    assert unisolated(f"<strong>RTL{RLO}evil</strong> · 12 Oct", RLO) == [f"RTL{RLO}evil"]
    assert unisolated(f"<bdi>a RTL{RLO}evil</bdi> then", RLO) == []
    assert unisolated(f"<bdi><strong>RTL{RLO}evil</strong> then</bdi>", RLO) == [f"RTL{RLO}evil then"]


# -- the keyboard -----------------------------------------------------------------
FOCUSABLE = (w.Button, w.Text, w.Textarea, w.Checkbox, w.ToggleButtons)


def focus_order(panel):
    return [x for x in walk(panel) if isinstance(x, FOCUSABLE)]


@pytest.fixture
def busy(journal):
    """An entry with a long thread: twelve comments, each with its Reply button."""
    entry = journal.new_entry("Week one", date="2026-10-01")
    for i in range(12):
        journal.comments.submit(entry.id, name=f"Reader {i}", body=f"Thought {i}.")
    return journal, entry


def focused(widget, sent):
    """Record the frontend messages `widget` sends (focus() is one) in `sent`."""
    original = widget.send
    widget.send = lambda content, buffers=None: (sent.append((widget, content)), original(content, buffers))


def test_the_form_is_two_key_presses_away_however_long_the_thread(busy):
    journal, entry = busy
    panel = CommentPanel(journal, entry.id, name="")
    order = focus_order(panel)
    assert len(panel.reply_buttons) == 12
    assert order[0] is panel.skip_button                  # Tab once...
    assert order.index(panel.name) > 12                   # ...instead of once per Reply button
    sent = []
    focused(panel.name, sent)
    focused(panel.body, sent)
    panel.skip_button.click()                             # ...and Enter
    assert sent == [(panel.name, {"do": "focus"})]
    panel.name.value = "Priya"
    panel.skip_button.click()                             # a name already there: straight to the comment
    assert sent[-1] == (panel.body, {"do": "focus"})


def test_reply_moves_the_focus_into_the_form(busy):
    journal, entry = busy
    panel = CommentPanel(journal, entry.id, name="Priya")
    sent = []
    focused(panel.body, sent)
    list(panel.reply_buttons.values())[5].click()
    assert sent == [(panel.body, {"do": "focus"})] and panel.replying_to is not None


def test_no_skip_button_when_there_is_nothing_to_skip(journal):
    entry = journal.new_entry("Week one", date="2026-10-01")
    panel = CommentPanel(journal, entry.id)
    assert panel.skip_button not in focus_order(panel)
    assert focus_order(panel)[0] is panel.name


def test_focus_is_visible(busy, monkeypatch):
    journal, entry = busy
    for panel in (CommentPanel(journal, entry.id), ModerationPanel(journal)):
        assert cards.PANEL_CLASS in panel._dom_classes
        style = panel.children[0].value
        assert re.search(rf"\.{cards.PANEL_CLASS} [^{{]*:focus-visible\s*{{[^}}]*outline:\s*2px solid", style)


# -- narrow windows ---------------------------------------------------------------------
def _px(value) -> float:
    """A CSS length in px (em at 16 px); 0 for relative lengths (auto, %), which follow the window."""
    match = re.fullmatch(r"([\d.]+)(px|em)", str(value or "").strip())
    if not match:
        return 0.0
    return float(match[1]) * (EM_PX if match[2] == "em" else 1)


def assert_fits(panel, width=NARROW_PX):
    for x in walk(panel, hidden=True):
        for size in ("width", "min_width"):
            assert _px(getattr(x.layout, size)) <= width / 2, (x, size, getattr(x.layout, size))
        if isinstance(x, (w.Text, w.Textarea)):
            # ipywidgets' stylesheet gives text fields a fixed 300 px (--jp-widgets-inline-width):
            # with JupyterLab's prompt column, that is wider than a 400 px window leaves.
            assert x.layout.width == "auto" or re.fullmatch(r"\d+%", x.layout.width or ""), (x, x.layout.width)
            assert int((x.layout.width or "100%").rstrip("%") if x.layout.width != "auto" else 100) <= 100
        if isinstance(x, w.HBox):
            shrinks = [c for c in x.children if c.layout.flex and c.layout.min_width == "0"]
            assert x.layout.flex_flow == "row wrap" or shrinks, (x, [c.__class__.__name__ for c in x.children])
        if isinstance(x, w.ToggleButtons):
            assert x.style.button_width == "auto" and x.layout.max_width == "100%"


def test_nothing_is_wider_than_a_narrow_window(busy):
    journal, entry = busy
    journal.comments.submit(entry.id, name="Long word", body="x" * 500)
    panel = CommentPanel(journal, entry.id)
    panel.reply_to(next(iter(panel.reply_buttons)))
    panel.toggle_moderation()
    assert_fits(panel)
    panel.moderation.show("approved")
    panel.moderation.reply_to(next(iter(panel.moderation.buttons)))
    assert_fits(panel.moderation)
    # A word longer than the window wraps inside its card instead of widening it.
    long_card = [x.value for x in walk(panel.thread) if isinstance(x, w.HTML) and "x" * 500 in x.value]
    assert long_card and "overflow-wrap:anywhere" in long_card[0]
