"""Finding pandoc-style `[@key]` citations in Markdown."""

from __future__ import annotations

import re

_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
_KEY = re.compile(r"(?<![\w.+-])-?@([\w][\w:.#$%&+?<>~/-]*[\w])")


def cited_keys(markdown: str) -> list[str]:
    """Cited keys in order of first appearance, each once; code spans and e-mail addresses are skipped.

    >>> cited_keys("As [@schon1983, p. 6] and @senge1990 say; mail me at a@b.org [@schon1983]")
    ['schon1983', 'senge1990']
    """
    text = _CODE.sub(" ", markdown)
    seen: dict[str, None] = {}
    for match in _KEY.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)
