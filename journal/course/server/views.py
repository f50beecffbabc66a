"""HTML pieces the pages share: the approved thread with reply links, and the moderation actions."""

from __future__ import annotations

import html
from pathlib import Path

from ...comments.text import body_html

__all__ = ["TEMPLATES", "body_html", "thread_html", "actions"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


def thread_html(thread, reply_url) -> str:
    """The approved thread (a frame in display order with `depth`); every name and body escaped."""
    if thread is None or len(thread) == 0:
        return ""
    items = []
    for row in thread.itertuples(index=False):
        depth = max(0, int(row.depth))
        cid = html.escape(str(row.id), quote=True)
        badge = (f' <span class="comment-role">({html.escape(row.author_role)})</span>'
                 if row.author_role in ("author", "tutor") else "")
        when = str(row.submitted_at)[:10]
        items.append(
            f'<li class="comment depth-{depth}" id="comment-{cid}" style="margin-left: {1.6 * depth:.1f}em">'
            f'<p class="comment-meta"><bdi class="comment-author">{html.escape(str(row.author_name))}</bdi>{badge}'
            f' · <time datetime="{html.escape(when, quote=True)}">{html.escape(when)}</time></p>'
            f'<div class="comment-body">{body_html(row.body)}</div>'
            f'<p class="comment-reply"><a href="{html.escape(reply_url(row.id), quote=True)}">Reply</a></p></li>')
    return '<ol class="thread">' + "".join(items) + "</ol>"


def actions(status: str) -> list[str]:
    """The moderation buttons a comment in `status` offers."""
    return {"pending": ["approve", "spam", "trash"], "approved": ["spam", "trash"],
            "spam": ["restore", "trash"], "trash": ["restore"]}.get(status, [])
