"""Entry pages rendered in a bounded pool of processes, each render with a time budget.

Rendering is CPU work under the GIL and, for a pathological notebook, minutes and gigabytes. In a
process it slows neither the event loop nor the other renders, and it cannot outlive its budget:
pebble kills the worker past it and starts another. An entry past its budget is remembered as too
large, by its export fingerprint, so it is not tried again until its author shares a new version.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import TimeoutError as BudgetSpent

from pebble import ProcessExpired, ProcessPool

from .flood import LRU

log = logging.getLogger("journal.course")
WORKERS = 2                 # renders at once: a pathological entry holds one worker, never every reader
NICENESS = 10              # added to the workers' scheduling niceness (the server's own stays as it is)
TASKS_PER_WORKER = 200      # then a fresh worker: whatever a large render left in memory goes with the old one
_renderer = None            # in each worker process: the renderer, warmed up before its first entry


class TooLarge(Exception):
    """This version of the entry took longer than the course's render budget."""


class RenderPool:
    """`article` renders an entry in a worker process within `budget` seconds, or raises TooLarge."""

    def __init__(self, renderer, *, budget: float, workers: int = WORKERS):
        self.budget = budget
        # forkserver: a worker starts from a clean process, never a fork of the server's threads and locks.
        self._pool = ProcessPool(max_workers=workers, max_tasks=TASKS_PER_WORKER, initializer=_start,
                                 initargs=(renderer,), context=multiprocessing.get_context("forkserver"))
        self._too_large = LRU(4096)

    def start(self) -> None:
        """Start the workers now (each warms its renderer up), so that the first reader waits for no imports."""
        self._pool.schedule(_ready)

    def too_large(self, key) -> bool:
        return key in self._too_large

    async def article(self, key, shared, settings, library) -> str:
        if key in self._too_large:
            raise TooLarge(key)
        future = self._pool.schedule(_article, args=(shared, settings, library), timeout=self.budget)
        try:
            return await asyncio.wrap_future(future)
        except (BudgetSpent, ProcessExpired) as exc:    # past the budget, or the worker died of it (memory)
            why = f"took more than {self.budget:g} s" if isinstance(exc, BudgetSpent) else f"ended its worker ({exc})"
            log.warning("rendering %s/%s version %s %s: its page offers the download instead", shared.login,
                        shared.entry_id, shared.version, why)
            self._too_large.put(key, True)
            raise TooLarge(key) from None

    def close(self) -> None:
        self._pool.stop()
        self._pool.join(timeout=10)


def _start(renderer) -> None:
    """A worker's first moments: the renderer loads nbconvert and its templates before any entry's budget runs."""
    global _renderer
    _renderer = renderer
    # Rendering is background work: where the machine's cores are short, the pages being served come first.
    os.nice(NICENESS)
    renderer.warm()


def _ready() -> None:
    pass


def _article(shared, settings, library) -> str:
    return _renderer.article(shared, settings, library)
