"""HTML pieces the pages share: the approved thread with reply links, and the moderation actions."""

from __future__ import annotations

from pathlib import Path

from ...comments.protocol import OFFERED
from ...comments.text import body_html, thread_list

__all__ = ["TEMPLATES", "body_html", "thread_html", "actions"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


def thread_html(thread, reply_url) -> str:
    """The approved thread of an entry page, with a Reply link under each comment."""
    return thread_list(thread, indent_em=1.6, reply_url=reply_url)


def actions(status: str) -> list[str]:
    """The moderation buttons a comment in `status` offers."""
    return list(OFFERED.get(status, ()))
