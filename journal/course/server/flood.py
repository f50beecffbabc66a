"""Flood control by who is posting (a hub login, or a standalone client's cookie and address), in bounded memory."""

from __future__ import annotations

import sys
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
    """A dict that forgets its least recently used items beyond `size` of them, or beyond `max_bytes` in all
    when given (each item weighed by `sys.getsizeof`: rendered pages). Items enter and leave by `put` only."""

    def __init__(self, size: int, *, max_bytes: int | None = None):
        super().__init__()
        self.size, self.max_bytes = size, max_bytes
        self.weights: dict = {}
        self.bytes = 0

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def put(self, key, value):
        if self.max_bytes is not None:
            weight = sys.getsizeof(value)
            if weight > self.max_bytes:     # would push out everything and then itself: kept nowhere
                return value
            self.bytes += weight - self.weights.pop(key, 0)
            self.weights[key] = weight
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size or (self.max_bytes is not None and self.bytes > self.max_bytes):
            old, _ = self.popitem(last=False)
            self.bytes -= self.weights.pop(old, 0)
        return value
