"""Widgets built for comments, kept from one redraw to the next and closed when no longer shown.

A panel redraws often (every refresh, every action). Building a card costs widgets and comm
messages, and a card left unclosed stays alive in the kernel, so both panels keep what they built
here, keyed by what the card shows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any


def close_tree(widget) -> None:
    """Close a widget and everything inside it, so the kernel lets go of them."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


def as_ids(ids) -> list[str]:
    """One id or many, as a list of id strings (methods accept either, as the CLI does)."""
    if isinstance(ids, (str, int)):
        return [str(ids)]
    return [str(i) for i in ids]


class CardCache:
    """Built cards by key. A key should change whenever the card's content does (for a comment:
    its id, depth or list, and `status_at`, which every status change and edit stamps anew).

    `build(row)` returns a tuple whose first item is the card's outermost widget; the rest
    (buttons, checkboxes) is whatever the panel needs to reach inside it.
    """

    def __init__(self):
        self._built: dict[Hashable, tuple] = {}

    def __len__(self) -> int:
        return len(self._built)

    def show(self, keyed_rows: Iterable[tuple[Hashable, Any]], build: Callable[[Any], tuple]) -> list[tuple]:
        """The cards for `keyed_rows` in order, reusing those already built; the others are closed."""
        kept, shown = {}, []
        for key, row in keyed_rows:
            built = kept[key] = self._built.pop(key, None) or build(row)
            shown.append(built)
        self.clear()
        self._built = kept
        return shown

    def clear(self) -> None:
        """Close every card held."""
        for built in self._built.values():
            close_tree(built[0])
        self._built = {}
