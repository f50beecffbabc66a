"""'Did you mean …?': the name a user most likely meant when they typed one that does not exist.

One helper for every name the command line takes (sub-commands, entries, citation keys), so each
typo is answered alike. difflib's ratio is the measure; a name must be at least CUTOFF alike.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

CUTOFF = 0.6


def closest(word: str, names: Iterable[str] | Mapping[str, str]) -> str | None:
    """The name in `names` closest to `word` (case aside), or None when none is close enough.

    `names` may map what is compared to what is shown, e.g. an entry's title to its id.

    >>> closest("lsit", ["init", "list", "new"]), closest("zzz", ["list"])
    ('list', None)
    >>> closest("my first weak", {"my-first-week": "my-first-week", "My first week": "my-first-week"})
    'my-first-week'
    """
    shown = names if isinstance(names, Mapping) else {name: name for name in names}
    folded: dict[str, str] = {}
    for text, name in shown.items():
        folded.setdefault(str(text).casefold(), name)
    match = difflib.get_close_matches(str(word).casefold(), list(folded), n=1, cutoff=CUTOFF)
    return folded[match[0]] if match else None


def did_you_mean(word: str, names: Iterable[str] | Mapping[str, str]) -> str:
    """' (did you mean list?)' to end an error message with, or '' when nothing is close.

    >>> "no command 'lsit'" + did_you_mean("lsit", ["list", "new"])
    "no command 'lsit' (did you mean list?)"
    """
    found = closest(word, names)
    return f" (did you mean {found}?)" if found is not None else ""
