"""Clean HTML from notebooks: keep tables, figures, links and our citations; drop every script."""

from __future__ import annotations

import re

import bleach
import markupsafe
from bleach.css_sanitizer import CSSSanitizer

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
})
_GLOBAL = {"class", "id", "title", "lang", "dir"}
_PER_TAG = {
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "style"},
    "td": {"colspan", "rowspan", "align"}, "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"}, "colgroup": {"span"}, "ol": {"start"}, "time": {"datetime"},
}
_IMAGE_DATA = re.compile(r"^data:image/(png|jpeg|gif|svg\+xml);base64,[A-Za-z0-9+/=\s]*$")
_SAFE_STYLE = re.compile(r"^(vertical-align:\s*-?[\d.]+pt|width:\s*\d+px)$")
# Elements whose content is code or styling, not text: removed whole, before bleach sees them.
_DROP_WITH_CONTENT = re.compile(r"<(script|style|iframe|object|embed|template|noscript)\b.*?</\1\s*>",
                                re.S | re.I)


def _allowed(tag: str, name: str, value: str) -> bool:
    if name in _GLOBAL:
        return True
    if name not in _PER_TAG.get(tag, ()):
        return False
    if value.strip().lower().startswith("data:"):  # "data" is an allowed protocol for pictures only
        return name == "src" and bool(_IMAGE_DATA.match(value.strip()))
    if name == "src":
        return bool(_IMAGE_DATA.match(value)) or not re.match(r"^\s*[a-z][a-z0-9+.-]*:", value, re.I) \
            or value.lower().startswith(("http:", "https:"))
    if name == "style":
        return bool(_SAFE_STYLE.match(value.strip()))
    return True


# bleach drops any src whose scheme is not listed, and empties every style without a CSS sanitizer:
# "data" and the two style properties are let through here, and `_allowed` narrows them further.
_CLEANER = bleach.Cleaner(tags=TAGS, attributes=_allowed, protocols={"http", "https", "mailto", "data"}, strip=True,
                          strip_comments=True,
                          css_sanitizer=CSSSanitizer(allowed_css_properties=["vertical-align", "width"]))


def safe_html(text) -> markupsafe.Markup:
    """`text` with anything that could run or restyle the page removed.

    >>> str(safe_html('<table><tr><th>a</th></tr></table><script>alert(1)</script><b onclick="x()">b</b>'))
    '<table><tbody><tr><th>a</th></tr></tbody></table><b>b</b>'
    """
    text = text.decode() if isinstance(text, bytes) else str(text)
    if "<" not in text:
        return markupsafe.Markup(text)
    return markupsafe.Markup(_CLEANER.clean(_DROP_WITH_CONTENT.sub("", text)))
