"""Typographer's quotes in the author's prose: ‘single’, “double” and the apostrophe (’), as a printed page has
them. Only text is changed: tags, attributes, code and preformatted text keep their straight quotes."""

from __future__ import annotations

import re

import markupsafe

# A tag, or an element whose text is code (kept whole, straight quotes and all).
_KEPT = re.compile(r"<(pre|code|kbd|samp)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
_OPENS_AFTER = r"(^|[\s(\[{\u2014\u2013/-])"
_DOUBLE_OPEN = re.compile(_OPENS_AFTER + '"')
_SINGLE_OPEN = re.compile(_OPENS_AFTER + "'(?=\\w)")
_ELIDED_YEAR = re.compile(r"'(?=\d\ds\b)")
_ENTITIES = {"&quot;": '"', "&#34;": '"', "&#x27;": "'", "&#39;": "'"}


def _text(text: str, lead: str) -> str:
    """`text` with typographic quotes; `lead` is the character before it (across a tag), '' at the start."""
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    text = _ELIDED_YEAR.sub("\u2019", lead + text)
    text = _SINGLE_OPEN.sub("\\1\u2018", _DOUBLE_OPEN.sub("\\1\u201c", text))[len(lead):]
    return text.replace('"', "\u201d").replace("'", "\u2019")


def curly_quotes(html) -> markupsafe.Markup:
    """`html` with straight quotes in its text made typographic.

    >>> str(curly_quotes('<p>Sch\u00f6n\\'s "reflection-in-action" and \\'knowing\\' <code>x = "a"</code></p>'))
    '<p>Schön’s “reflection-in-action” and ‘knowing’ <code>x = "a"</code></p>'
    >>> str(curly_quotes('<a href="#x">"quoted"</a> in the \\'90s, <em>Ada</em>\\'s'))
    '<a href="#x">“quoted”</a> in the ’90s, <em>Ada</em>’s'
    """
    html, out, pos, lead = str(html), [], 0, ""
    for match in _KEPT.finditer(html):
        text = html[pos:match.start()]
        out += [_text(text, lead), match.group(0)]
        lead = text[-1:] if text else lead
        pos = match.end()
    out.append(_text(html[pos:], lead))
    return markupsafe.Markup("".join(out))
