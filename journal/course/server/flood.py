"""Flood control by who is posting (a hub login, or a standalone client's cookie and address), in bounded memory."""

from __future__ import annotations

import time
from collections import OrderedDict

from ...comments import rules


class FloodGate:
    """When each key last posted; the oldest keys are forgotten beyond `max_keys`, so memory stays bounded."""

    def __init__(self, max_keys: int = 10_000, clock=time.monotonic):
        self.max_keys, self.clock = max_keys, clock
        self._last: OrderedDict[str, float] = OrderedDict()

    def check(self, keys, flood_seconds: int) -> None:
        """CommentRefused (the store's own flood message) when any key posted within `flood_seconds`."""
        now = self.clock()
        since = [now - self._last[k] for k in keys if k in self._last]
        rules.check_flood(min(since) if since else None, flood_seconds)

    def record(self, keys) -> None:
        now = self.clock()
        for key in keys:
            self._last[key] = now
            self._last.move_to_end(key)
        while len(self._last) > self.max_keys:
            self._last.popitem(last=False)


    def forget(self, keys) -> None:
        for key in keys:
            self._last.pop(key, None)


class LRU(OrderedDict):
    """A dict that forgets its least recently used items beyond `size` (caches of pages and stores)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)
        return value
