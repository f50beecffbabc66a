"""Plain-text comment bodies as safe HTML: everything escaped, paragraphs kept, web addresses linked.

The comment panels and the exports both show comments through these two functions.
"""

from __future__ import annotations

import re
from html import escape

from references.dates import long_date

from ..roles import MODERATORS

# Stop at whitespace, angle brackets and quotes so a URL can never carry markup with it.
# What a commenter is told, in the panels and on served pages alike. Spam gets the same words as
# pending: a spammer learns nothing from the reply.
PUBLISHED = "Your comment is published"
HELD = "Thanks, your comment is awaiting moderation"
UNSAVED = "Your comment could not be saved: {why}. Your text is still here."
# What a commenter is told of their e-mail address, wherever they may give one: one true thing everywhere.
EMAIL_SEEN_BY = "optional; only the author and tutors see it"
# When the storage refuses a change (a full disk, an immutable file, the database restarting), the visitor is
# told what did not happen, by what they were doing, and why; `{why}` never names a file.
NOT_SAVED = {
    "comment": UNSAVED,
    "moderation": "The comment could not be changed: {why}. It is as it was; try again in a moment.",
    "feedback": "The feedback could not be saved: {why}. It is as it was; try again in a moment.",
    "share": "The entry could not be shared: {why}. Nothing was changed; try again in a moment.",
    "withdraw": "The entry could not be withdrawn: {why}. Nothing was changed; try again in a moment.",
    "change": "That could not be saved: {why}. Nothing was changed; try again in a moment.",
}

_URL = re.compile(r"https?://[^\s<>\"'`]+", re.I)
_TRAILING = ".,;:!?"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


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


def thoughts(count: int, title: str) -> str:
    """The blog-style heading over a thread, as plain text (escape it where it is shown).

    >>> thoughts(1, "Week one")
    '1 thought on “Week one”'
    >>> thoughts(0, "Week one")
    'No comments yet'
    """
    if count == 0:
        return "No comments yet"
    return f"{count} {'thought' if count == 1 else 'thoughts'} on “{title}”"


def excerpt(text, width: int = 100) -> str:
    """A comment's text on one line, cut to `width` characters.

    >>> excerpt("One\\n\\ntwo  three", 8)
    'One two…'
    """
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def thread_list(thread, *, indent_em: float, reply_url=None, body=body_html) -> str:
    """An approved thread (a frame in display order with a `depth` column) as an `<ol class="thread">`; '' when
    empty. Names and bodies are other people's words: every one is escaped and isolated (`<bdi>`).

    `reply_url(comment_id)` adds a Reply link under each comment (the course's pages); `body` renders a
    comment's text (an export makes long words breakable for the PDF).
    """
    if thread is None or len(thread) == 0:
        return ""
    items = []
    for row in thread.itertuples(index=False):
        depth = max(0, int(getattr(row, "depth", 0) or 0))
        cid = escape(str(row.id), quote=True)
        name = escape(str(row.author_name or "Anonymous"))
        role = str(row.author_role or "")
        badge = f' <span class="comment-role">({escape(role)})</span>' if role in MODERATORS else ""
        when = _date(row.submitted_at)
        stamp = f' · <time datetime="{escape(when, quote=True)}">{escape(long_date(when))}</time>' if when else ""
        reply = (f'<p class="comment-reply"><a href="{escape(reply_url(row.id), quote=True)}">Reply'
                 f'<span class="visually-hidden"> to <bdi>{name}</bdi></span></a></p>'
                 if reply_url is not None else "")
        items.append(
            f'<li class="comment depth-{depth}" id="comment-{cid}" style="margin-left: {indent_em * depth:.1f}em">'
            f'<p class="comment-meta"><span class="comment-author"><bdi>{name}</bdi></span>{badge}{stamp}</p>'
            f'<div class="comment-body">{body(row.body)}</div>{reply}</li>')
    return '<ol class="thread">\n' + "\n".join(items) + "\n</ol>"


def _date(value) -> str:
    text = "" if value is None else str(value)
    return "" if text in ("", "NaT", "nan", "None") else text[:10]

