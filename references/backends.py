"""Output backends for rendered references: HTML, Markdown and plain text.

pybtex's own HTML backend wraps braced text in spans and writes link targets unescaped, and its
Markdown backend escapes every dot and hyphen; these render what a reader should see.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from xml.sax.saxutils import escape, quoteattr

from pybtex.backends import html, plaintext

from .errors import ReferencesError

SAFE_URL = re.compile(r"^(https?|ftp)://", re.I)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$|])")


def safe_url(url: str) -> bool:
    """Only web links become links: a `javascript:` URL in a .bib file stays text."""
    return bool(SAFE_URL.match(url.strip()))


class HTMLBackend(html.Backend):
    symbols = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": "&nbsp;"})

    def format_protected(self, text):
        return text

    @staticmethod
    def format_href(url, text, external=False):
        if not text:
            return ""
        if not safe_url(url):
            return text
        return f"<a href={quoteattr(url)}>{text}</a>"


def escape_markdown(text: str) -> str:
    """Text safe inside Markdown: no emphasis, links, raw HTML or maths by accident.

    >>> escape_markdown("A *bold* $5 <b>")
    'A \\\\*bold\\\\* \\\\$5 \\\\<b\\\\>'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


class MarkdownBackend(plaintext.Backend):
    symbols = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": " "})
    default_suffix = ".md"

    def format_str(self, text):
        return escape_markdown(text)

    def format_protected(self, text):
        return text

    def format_tag(self, tag_name, text):
        if not text:
            return ""
        mark = {"em": "*", "i": "*", "strong": "**", "b": "**"}.get(tag_name, "")
        return f"{mark}{text}{mark}"

    def format_href(self, url, text, external=False):
        if not text or not safe_url(url):
            return text
        return f"[{text}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"


class TextBackend(plaintext.Backend):
    symbols = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": " "})

    def format_protected(self, text):
        return text


BACKENDS = {"html": HTMLBackend, "markdown": MarkdownBackend, "text": TextBackend}


def backend(output: str):
    """The backend for `output` ('html', 'markdown' or 'text')."""
    try:
        return BACKENDS[output]()
    except KeyError:
        raise ReferencesError(f"unknown output {output!r} (choose html, markdown or text)") from None


def escape_for(output: str, text: str) -> str:
    """Plain `text` made safe for `output`."""
    if output == "html":
        return escape(text)
    if output == "markdown":
        return escape_markdown(text)
    return text
