"""Safe HTML for comment cards: plain-text bodies, names, badges and dates, all escaped.

Names and bodies are other people's words, so besides escaping them each is isolated for the
bidirectional algorithm (`<bdi>`, `unicode-bidi: isolate`): a direction override such as U+202E
inside a name can then reorder only that name, never the date or words shown beside it.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from journal.comments.text import body_html, linkify, thoughts  # noqa: F401  (part of this module's API)
from journal.roles import MODERATORS

# Long words (a pasted URL, a run of characters) wrap instead of widening the panel past a narrow window.
ISOLATED_BLOCK = "unicode-bidi:isolate;overflow-wrap:anywhere"
# The panels' layouts: form fields that shrink with a narrow window, and rows of buttons that wrap.
FIELD = dict(width="auto", max_width="36em")
ROW = dict(flex_flow="row wrap", align_items="center")


def text(value) -> str:
    """Any value (name, title, e-mail, reason) as escaped inline text; missing values become ''.

    >>> text('<img src=x onerror=alert(1)>')
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return escape(str(value), quote=True)


def badge(role) -> str:
    """A small label for the author's and tutors' comments; nothing for peers."""
    if role not in MODERATORS:
        return ""
    return (f'<span class="journal-badge journal-badge-{role}" style="font-size:0.75em;padding:0 0.4em;'
            f'margin-left:0.4em;border:1px solid currentColor;border-radius:0.6em;opacity:0.8">{role}</span>')


def name(value, *, missing: str = "") -> str:
    """Someone's name as escaped text isolated from what surrounds it.

    >>> name("<b>Ann</b>")
    '<bdi>&lt;b&gt;Ann&lt;/b&gt;</bdi>'
    """
    return f"<bdi>{text(value) or text(missing)}</bdi>"


def when(value) -> str:
    """A timestamp (ISO text, datetime or pandas Timestamp) in local time, as '12 Oct 2026, 14:05'.

    >>> when("2026-10-12T14:05:09")
    '12 Oct 2026, 14:05'
    """
    if value is None or value == "" or value != value:  # NaN and NaT are unequal to themselves
        return ""
    if not isinstance(value, dt.datetime):
        try:
            value = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return text(value)
    if value.tzinfo is not None:
        value = value.astimezone()  # stored in UTC; readers think in their own clock
    return f"{value.day} {value:%b %Y, %H:%M}"


def comment_html(row, *, extra: str = "") -> str:
    """One comment as a card: name, badge, time, optional escaped extra line, body."""
    who = text(row.get("author_name")) or "Anonymous"
    head = (f'<div class="journal-comment-head"><bdi><strong>{who}</strong></bdi>{badge(row.get("author_role"))}'
            f' <span style="opacity:0.7">· {when(row.get("submitted_at"))}</span></div>')
    return (f'<div class="journal-comment" id="comment-{text(row.get("id"))}">{head}{extra}'
            f'<div class="journal-comment-body" dir="auto" style="{ISOLATED_BLOCK}">{body_html(row.get("body"))}'
            '</div></div>')


def thoughts_heading(count: int, title: str) -> str:
    """The blog-style heading over a thread.

    >>> thoughts_heading(3, 'Week <1>')
    '<h3>3 thoughts on “Week &lt;1&gt;”</h3>'
    >>> thoughts_heading(0, 'Week 1')
    '<h3>No comments yet</h3>'
    """
    return f"<h3>{text(thoughts(count, title))}</h3>"


def plain_name(value) -> str:
    """Someone's name as plain text, for a control's accessible name (a title: the browser escapes it)."""
    return " ".join(str(value or "").split()) or "Anonymous"


def notice(message: str) -> str:
    """An escaped one-line notice, for places where a panel cannot be shown."""
    return f'<div class="journal-notice" style="opacity:0.8"><em>{text(message)}</em></div>'


def message(words: str, ok: bool) -> str:
    """A form's answer to the user: green when things went well, red when refused. It is shown inside the panel's
    status region (STATUS), which is there, empty, from the start: many screen readers announce only a change to a
    live region they already know, not one inserted together with its text."""
    if not words:
        return ""
    colour = "var(--jp-success-color1, #2e7d32)" if ok else "var(--jp-error-color1, #c62828)"
    return f'<div class="journal-message" style="color:{colour};{ISOLATED_BLOCK}">{text(words)}</div>'


# Hooks for the journal-lab extension, which gives the panels' widgets what ipywidgets cannot say: the element
# of class STATUS becomes a role="status" region, a NAMED control takes its title (the tooltip, "Approve comment
# by Bob on Week 1") as its accessible name, and the selected button of a SWITCHER is aria-pressed.
STATUS = "journal-status"
NAMED = "journal-named"
SWITCHER = "journal-switcher"


# Keyboard users must see where they are: ipywidgets draws a faint 1px line round a focused button
# and removes the outline of text fields (`outline: none !important`), hence the !important here.
# The rule is scoped to the panels' class, so it changes nothing else on the page.
PANEL_CLASS = "journal-panel"
PANEL_STYLE = (f"<style>.{PANEL_CLASS} :is(button, input, textarea, select, a):focus-visible "
               "{outline: 2px solid var(--jp-brand-color1, #1976d2) !important; outline-offset: 1px;}</style>")
