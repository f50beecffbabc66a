"""A small, transparent spam score computed on this machine (nothing is sent anywhere).

Each signal adds a fixed weight and a reason a person can read; a comment whose total reaches
`spam_threshold` (1.0 by default) goes to spam. Ordinary peer feedback scores 0.

>>> score("Thanks, this helped me plan my next placement.", name="Priya").total
0.0
>>> s = score("BUY CHEAP ESSAYS NOW!!! http://a.example http://b.example", name="Essay Deals")
>>> s.total >= 1.0, s.reasons[0]
(True, 'sales words: buy, cheap, essay')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+|<a\s", re.I)
SALES_WORDS = ("buy", "cheap", "discount", "casino", "viagra", "loan", "crypto", "bitcoin", "seo", "backlink",
               "essay", "free money", "click here", "followers", "promo")


@dataclass(frozen=True)
class Score:
    total: float
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"spam score {self.total:.1f} ({'; '.join(self.reasons)})"


def links(text: str) -> list[str]:
    """The links in `text` (web addresses and HTML anchors)."""
    return LINK.findall(text)


def link_share(body: str) -> float:
    """The share of the body's non-space characters that are inside links."""
    solid = len("".join(body.split()))
    return sum(len(link) for link in links(body)) / solid if solid else 0.0


def _sales_words(text: str) -> list[str]:
    lowered = text.lower()
    found = []
    for word in SALES_WORDS:
        if re.search(rf"\b{re.escape(word)}s?\b", lowered):
            found.append(word)
    return found


def score(body: str, *, name: str = "", email: str = "") -> Score:
    """Add up the spam signals of one comment."""
    total, reasons = 0.0, []
    words = _sales_words(f"{name} {body}")
    if words:
        total += 0.4 * min(len(words), 3)
        reasons.append(f"sales words: {', '.join(words)}")
    n_links = len(links(body))
    if n_links:
        total += 0.2 * n_links
        reasons.append(f"{n_links} link{'s' * (n_links > 1)}")
    if links(name) or "@" in name:
        total += 0.6
        reasons.append("a link or address as the name")
    if re.search(r"[!?]{2,}", body):
        total += 0.2
        reasons.append("repeated ! or ?")
    letters = [c for c in body if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.5:
        total += 0.3
        reasons.append("mostly capitals")
    return Score(round(total, 2), tuple(reasons))
