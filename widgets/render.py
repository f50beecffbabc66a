"""Safe HTML for comments: plain-text bodies, names, badges and dates, all escaped."""

from __future__ import annotations

import datetime as dt
import re
from html import escape

# Stop at whitespace, angle brackets and quotes so a URL can never carry markup with it.
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.I)
_TRAILING = ".,;:!?"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
BADGE_ROLES = ("author", "tutor")


def _split_url(url: str) -> tuple[str, str]:
    """Keep sentence punctuation (and an unmatched closing bracket) out of the link."""
    tail = ""
    while url:
        last = url[-1]
        if last in _TRAILING or (last == ")" and url.count("(") < url.count(")")):
            url, tail = url[:-1], last + tail
        else:
            break
    return url, tail


def linkify(text: str) -> str:
    """Escape `text` and turn http(s) URLs into links that pass on no ranking or window.

    >>> linkify('see <b>http://example.org/a?x=1&y=2</b>.')
    'see &lt;b&gt;<a href="http://example.org/a?x=1&amp;y=2" rel="nofollow noopener" target="_blank">http://example.org/a?x=1&amp;y=2</a>&lt;/b&gt;.'
    """
    out, pos = [], 0
    for match in _URL.finditer(text):
        url, tail = _split_url(match.group(0))
        if not _URL.fullmatch(url):
            continue
        out.append(escape(text[pos:match.start()]))
        href = escape(url, quote=True)
        out.append(f'<a href="{href}" rel="nofollow noopener" target="_blank">{href}</a>')
        pos = match.start() + len(url)
    out.append(escape(text[pos:]))
    return "".join(out)


def body_html(text) -> str:
    """A plain-text comment body as HTML paragraphs: blank lines split paragraphs, newlines break lines.

    >>> body_html("Hi <script>alert(1)</script>\\n\\nSecond\\nline")
    '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;</p><p>Second<br>line</p>'
    """
    text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = _PARAGRAPH_BREAK.split(text)
    return "".join("<p>" + "<br>".join(linkify(line) for line in p.split("\n")) + "</p>" for p in paragraphs)


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
    if count == 0:
        return "<h3>No comments yet</h3>"
    noun = "thought" if count == 1 else "thoughts"
    return f"<h3>{count} {noun} on “{text(title)}”</h3>"


def notice(message: str) -> str:
    """An escaped one-line notice, for places where a panel cannot be shown."""
    return f'<div class="journal-notice" style="opacity:0.8"><em>{text(message)}</em></div>'


def message(words: str, ok: bool) -> str:
    """A form's answer to the user: green when things went well, red when refused."""
    colour = "var(--jp-success-color1, #2e7d32)" if ok else "var(--jp-error-color1, #c62828)"
    return f'<div class="journal-message" style="color:{colour}">{text(words)}</div>'
