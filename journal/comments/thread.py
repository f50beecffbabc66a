"""Display order of one entry's approved comments: oldest first, each followed by its replies.

>>> rows = [("a", ""), ("b", "a"), ("c", ""), ("d", "b")]
>>> [(r[0], depth) for r, depth in order(rows, lambda cid: None, depth_limit=2, id_at=0, parent_at=1)]
[('a', 0), ('b', 1), ('d', 1), ('c', 0)]
"""

from __future__ import annotations


def order(rows, parent_of, *, depth_limit: int, id_at: int, parent_at: int):
    """(row, depth) pairs in display order.

    `rows` are the approved comments (any order); `parent_of(id)` gives the parent id of any
    comment, shown or not, so a reply whose parent was trashed or marked spam moves up to its
    nearest approved ancestor. Replies deeper than `depth_limit` levels show at the deepest level.
    """
    rows = sorted(rows, key=lambda r: r[id_at])
    shown = {r[id_at] for r in rows}
    children: dict[str, list] = {}
    tops = []
    for row in rows:
        parent, steps = row[parent_at], 0
        while parent and parent not in shown and steps < 10_000:
            parent, steps = parent_of(parent) or "", steps + 1
        (children.setdefault(parent, []) if parent in shown else tops).append(row)
    out = []
    stack = [(row, 0) for row in reversed(tops)]
    while stack:
        row, level = stack.pop()
        out.append((row, min(level, depth_limit - 1)))
        stack.extend((child, level + 1) for child in reversed(children.get(row[id_at], ())))
    return out
