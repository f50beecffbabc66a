"""Attach an entry's approved comment thread, escaped, nested by reply depth."""

from __future__ import annotations

import html
import re

from nbconvert.preprocessors import Preprocessor

from journal.comments.text import body_html, thoughts, thread_list

from . import journal_of


def thread_html(thread, title: str = "") -> str:
    """HTML of an approved thread under its heading (a DataFrame in display order with a `depth` column); ""
    when empty. Long words get break opportunities, so WeasyPrint lays them out in time."""
    items = thread_list(thread, indent_em=1.4, body=lambda text: breakable(body_html(text)))
    if not items:
        return ""
    heading = html.escape(thoughts(len(thread), title) if title else "Comments")
    return f'<section class="comments"><h2>{heading}</h2>{items}</section>'


_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_CHAR = r"(?:&#?\w+;|[^\s&<>\u200b])"     # an entity counts as one character
LONG_WORD = 30                            # no word of prose is longer; URLs and hostile runs are
_LONG = re.compile(rf"{_CHAR}{{{LONG_WORD},}}")
_PIECE = re.compile(rf"{_CHAR}{{1,10}}")


def breakable(markup: str) -> str:
    """`markup` with a zero-width space every 10 characters of each word longer than LONG_WORD, outside tags.

    WeasyPrint lays out a word that fills many lines in time that grows with the square of its length
    (a comment of 65,525 characters without a space took over a minute); break opportunities let it cut
    such a word as it cuts prose. Ordinary words are left whole, so text can still be searched.

    >>> breakable('<a href="https://example.org/' + 'a' * 40 + '">' + 'b' * 31 + '</a> a&amp;b')
    '<a href="https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">bbbbbbbbbb\u200bbbbbbbbbbb\u200bbbbbbbbbbb\u200bb</a> a&amp;b'
    """
    parts = _TAG_OR_TEXT.split(markup)
    for i in range(0, len(parts), 2):  # odd parts are tags, left whole
        parts[i] = _LONG.sub(lambda m: "\u200b".join(_PIECE.findall(m.group(0))), parts[i])
    return "".join(parts)


class AttachComments(Preprocessor):
    """Put the entry's approved comments (never pending, spam or trash) in `resources`.

    Only an entry inside a journal has comments; a notebook on its own shows none.
    """

    def preprocess(self, nb, resources):
        info = resources.setdefault("journal", {})
        journal = journal_of(resources)
        entry_id = nb.metadata.get("journal", {}).get("id")
        info["comments_html"] = ""
        if info.get("comments", True) and journal is not None and journal.comments is not None and entry_id:
            info["comments_html"] = thread_html(journal.comments.thread(entry_id),
                                                nb.metadata.get("journal", {}).get("title", ""))
        return nb, resources
