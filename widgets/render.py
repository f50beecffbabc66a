"""Safe HTML for comments: plain-text bodies, names, badges and dates, all escaped."""

from __future__ import annotations

import datetime as dt
from html import escape

from journal.comments.text import body_html, linkify, thoughts  # noqa: F401  (part of this module's API)

BADGE_ROLES = ("author", "tutor")


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
    if role not in BADGE_ROLES:
        return ""
    return (f'<span class="journal-badge journal-badge-{role}" style="font-size:0.75em;padding:0 0.4em;'
            f'margin-left:0.4em;border:1px solid currentColor;border-radius:0.6em;opacity:0.8">{role}</span>')


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
    name = text(row.get("author_name")) or "Anonymous"
    head = (f'<div class="journal-comment-head"><strong>{name}</strong>{badge(row.get("author_role"))}'
            f' <span style="opacity:0.7">· {when(row.get("submitted_at"))}</span></div>')
    return (f'<div class="journal-comment" id="comment-{text(row.get("id"))}">{head}{extra}'
            f'<div class="journal-comment-body">{body_html(row.get("body"))}</div></div>')


def thoughts_heading(count: int, title: str) -> str:
    """The blog-style heading over a thread.

    >>> thoughts_heading(3, 'Week <1>')
    '<h3>3 thoughts on “Week &lt;1&gt;”</h3>'
    >>> thoughts_heading(0, 'Week 1')
    '<h3>No comments yet</h3>'
    """
    return f"<h3>{text(thoughts(count, title))}</h3>"


def notice(message: str) -> str:
    """An escaped one-line notice, for places where a panel cannot be shown."""
    return f'<div class="journal-notice" style="opacity:0.8"><em>{text(message)}</em></div>'


def message(words: str, ok: bool) -> str:
    """A form's answer to the user: green when things went well, red when refused."""
    colour = "var(--jp-success-color1, #2e7d32)" if ok else "var(--jp-error-color1, #c62828)"
    return f'<div class="journal-message" style="color:{colour}">{text(words)}</div>'
