"""Feedback as safe HTML, for the panels and the exports alike: the tutor's words are escaped."""

from __future__ import annotations

from html import escape

from references.dates import long_date

from ..comments.text import body_html

HEADING = "Feedback from your tutor"
TUTOR_HEADING = "Feedback (held pieces are not yet visible to the student)"


def feedback_html(pieces, *, tutor_view: bool, names=None) -> str:
    """Escaped HTML of feedback pieces: who, when, the text, the rubric levels; with `tutor_view`, the status.
    The tutor is named by `names` (login -> name, e.g. the course's roster) where it knows them: people read
    names; a piece keeps the login that wrote it."""
    names = names or {}
    items = []
    for fb in pieces:
        levels = "".join(f"<li>{escape(name)}: <strong>{escape(level)}</strong></li>"
                         for name, level in fb.rubric.items())
        state = f' <span class="feedback-state">({escape(fb.status)})</span>' if tutor_view else ""
        day = fb.written_at[:10]
        items.append(f'<div class="feedback-piece"><p class="feedback-meta">{escape(names.get(fb.tutor) or fb.tutor)} · '
                     f'<time datetime="{escape(day, quote=True)}">{escape(long_date(day))}</time>{state}</p>'
                     f'{body_html(fb.body)}'
                     + (f'<ul class="feedback-rubric">{levels}</ul>' if levels else "") + "</div>")
    return "".join(items)


def feedback_section(pieces, *, tutor_view: bool, level: int = 2, names=None) -> str:
    """A <section> with its heading, or '' when there is nothing to show."""
    pieces = [f for f in pieces if f.status != "recalled"]
    if not pieces:
        return ""
    heading = TUTOR_HEADING if tutor_view else HEADING
    return (f'<section class="journal-feedback"><h{level}>{escape(heading)}</h{level}>'
            f'{feedback_html(pieces, tutor_view=tutor_view, names=names)}</section>')
