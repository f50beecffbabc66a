"""Finding citations in Markdown: pandoc's `[@key]`, narrative `@key`, and `<cite data-cite="key">`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Pandoc keys: start with a word character, may hold internal punctuation, never end with it.
KEY = r"[\w](?:[\w:.#$%&+?<>~/-]*[\w])?"
_NOT_BEFORE = r"(?<![\w.+\-/\\@:])"  # an e-mail address, a URL path or an escaped \@ is no citation
# Code in Markdown: fenced blocks (an unclosed fence runs to the end) and code spans of any backtick run.
# The one definition of "code" for every reader of Markdown: citations, word counts, maths.
CODE = re.compile(r"^(`{3,}|~{3,}).*?(?:^\1[ \t]*$|\Z)|(`+)(?!`).+?(?<!`)\2(?!`)", re.S | re.M)
_BRACKET = re.compile(r"\[(?P<body>[^\[\]]*@[^\[\]]*)\](?![(\[])")
_ITEM = re.compile(rf"^\s*(?:(?P<prefix>[^@]*?)\s+)?(?P<minus>-?)@(?P<key>{KEY})\s*(?:,\s*(?P<locator>[^@]*?))?\s*$",
                   re.S)
_NARRATIVE = re.compile(rf"{_NOT_BEFORE}@(?P<key>{KEY})(?:\s\[(?P<locator>[^\[\]@]*)\](?![(\[]))?")
def erase_citations(text: str) -> str:
    """`text` with each bracketed citation group (`[@key]`, `[see @a; @b, p. 3]`) replaced by a space.

    >>> erase_citations("As argued [see @schon1983, p. 6], practice")
    'As argued  , practice'
    """
    return _BRACKET.sub(" ", text)


_CITE_TAG = re.compile(r"<cite\b[^>]*?\bdata-cite\s*=\s*(?P<q>[\"'])(?P<key>[^\"']+)(?P=q)[^>]*?(?:/>|>.*?</cite\s*>)",
                       re.S | re.I)


@dataclass
class Item:
    """One cited work: `key`, text before it ('see'), a locator ('p. 6'), and whether the author is left out."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


@dataclass
class Citation:
    """A citation at `start:end` of the Markdown: parenthetical unless `narrative`."""

    start: int
    end: int
    items: list[Item] = field(default_factory=list)
    narrative: bool = False

    @property
    def keys(self) -> list[str]:
        return [item.key for item in self.items]


def mask_code(markdown: str) -> str:
    """The text with code blocks and code spans blanked out, same length, so offsets still hold.

    >>> mask_code("a `b` c")
    'a     c'
    """
    return CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)


def split_code(markdown: str) -> list[str]:
    """The Markdown cut into [text, code, text, code, ..., text]: even items are prose, odd ones code.

    >>> split_code("x `$a$` y")
    ['x ', '`$a$`', ' y']
    """
    parts, end = [], 0
    for match in CODE.finditer(markdown):
        parts += [markdown[end:match.start()], match.group(0)]
        end = match.end()
    return parts + [markdown[end:]]


def find_citations(markdown: str) -> list[Citation]:
    """Every citation in `markdown`, in order; code and e-mail addresses are skipped.

    >>> [(c.keys, c.narrative) for c in find_citations("[@doh2010a; @doh2010b] and @senge1990 says")]
    [(['doh2010a', 'doh2010b'], False), (['senge1990'], True)]
    >>> c = find_citations("as argued [see @schon1983, pp. 12--15]")[0]
    >>> c.items[0]
    Item(key='schon1983', prefix='see', locator='pp. 12--15', suppress_author=False)
    >>> find_citations("Senge [-@senge1990] wrote")[0].items[0].suppress_author
    True
    >>> find_citations("@senge1990 [p. 40] argues")[0].items[0].locator
    'p. 40'
    >>> find_citations("write to sam@example.org, not `[@code]` or [a link](https://x.org/@me)")
    []
    >>> find_citations('<cite data-cite="kolb1984">(Kolb, 1984)</cite>')[0].keys
    ['kolb1984']
    """
    text = mask_code(markdown)
    found: list[Citation] = []
    taken = [False] * len(text)

    def claim(start, end) -> bool:
        if any(taken[start:end]):
            return False
        taken[start:end] = [True] * (end - start)
        return True

    for match in _CITE_TAG.finditer(text):
        if claim(match.start(), match.end()):
            found.append(Citation(match.start(), match.end(), [Item(match.group("key").strip())]))
    for match in _BRACKET.finditer(text):
        items = _items(match.group("body"))
        if items and claim(match.start(), match.end()):
            found.append(Citation(match.start(), match.end(), items))
    for match in _NARRATIVE.finditer(text):
        if claim(match.start(), match.end()):
            locator = (match.group("locator") or "").strip()
            found.append(Citation(match.start(), match.end(), [Item(match.group("key"), locator=locator)],
                                  narrative=True))
    found.sort(key=lambda c: c.start)
    return found


def _items(body: str) -> list[Item] | None:
    """The works of a bracketed citation, or None when any part is not a citation (so it is plain text)."""
    items = []
    for part in body.split(";"):
        match = _ITEM.match(part)
        if not match:
            return None
        items.append(Item(match.group("key"), match.group("prefix") or "", (match.group("locator") or "").strip(),
                          bool(match.group("minus"))))
    return items


def cited_keys(markdown: str) -> list[str]:
    """Cited keys in order of first appearance, each once; code spans and e-mail addresses are skipped.

    >>> cited_keys("As [@schon1983, p. 6] and @senge1990 say; mail me at a@b.org [@schon1983]")
    ['schon1983', 'senge1990']
    """
    seen: dict[str, None] = {}
    for citation in find_citations(markdown):
        for key in citation.keys:
            seen.setdefault(key, None)
    return list(seen)
