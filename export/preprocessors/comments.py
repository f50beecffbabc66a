"""Attach an entry's approved comment thread, escaped, nested by reply depth."""

from __future__ import annotations

import html

from nbconvert.preprocessors import Preprocessor

from journal.comments.text import body_html, thoughts
from journal.roles import MODERATORS

from . import journal_of


def thread_html(thread, title: str = "") -> str:
    """HTML of an approved thread (a DataFrame in display order with a `depth` column); "" when empty.

    Names and bodies are other people's words: everything is escaped, nothing is trusted.
    """
    if thread is None or len(thread) == 0:
        return ""
    items = []
    for row in thread.itertuples(index=False):
        depth = max(0, int(getattr(row, "depth", 0) or 0))
        name = html.escape(str(row.author_name or "Anonymous"))
        role = str(getattr(row, "author_role", "") or "")
        badge = f' <span class="comment-role">({html.escape(role)})</span>' if role in MODERATORS else ""
        when = _date(getattr(row, "submitted_at", ""))
        stamp = f' · <time datetime="{html.escape(when, quote=True)}">{html.escape(when)}</time>' if when else ""
        items.append(
            f'<li class="comment depth-{depth}" style="margin-left: {1.4 * depth:.1f}em">'
            f'<p class="comment-meta"><span class="comment-author">{name}</span>{badge}{stamp}</p>'
            f'<div class="comment-body">{body_html(row.body)}</div></li>')
    heading = html.escape(thoughts(len(items), title) if title else "Comments")
    return (f'<section class="comments"><h2>{heading}</h2><ol class="thread">\n'
            + "\n".join(items) + "\n</ol></section>")


def _date(value) -> str:
    text = "" if value is None else str(value)
    return "" if text in ("", "NaT", "nan", "None") else text[:10]


class AttachComments(Preprocessor):
    """Put the entry's approved comments (never pending, spam or trash) in `resources`.

    Only an entry inside a journal has comments; a notebook on its own shows none.
    """

    def preprocess(self, nb, resources):
        info = resources.setdefault("journal", {})
        journal = journal_of(resources)
        entry_id = nb.metadata.get("journal", {}).get("id")
        info["comments_html"] = ""
        if info.get("comments", True) and journal is not None and entry_id and journal.comments_path.is_file():
            info["comments_html"] = thread_html(journal.comments.thread(entry_id),
                                                nb.metadata.get("journal", {}).get("title", ""))
        return nb, resources
