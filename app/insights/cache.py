"""Results computed from one version of the graph, kept until the graph changes."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")


class VersionedCache:
    """Up to `size` results of one graph version, the least recently used dropped first. A new version
    drops them all. Callers asking for a result being computed wait for that computation rather than
    starting another; a failed computation is not kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.version: int | None = None  # of the results kept, None before the first
        self._tasks: OrderedDict[Hashable, asyncio.Task[Any]] = OrderedDict()

    async def get(self, version: int, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        """Return the result for `key` in graph `version`, computed by `compute()` unless kept."""
        if version != self.version:
            self._tasks.clear()
            self.version = version
        task = self._tasks.get(key)
        if task is None:
            task = asyncio.ensure_future(compute())
            task.add_done_callback(lambda done: self._forget_failed(key, done))
            self._tasks[key] = task
            while len(self._tasks) > self.size:
                self._tasks.popitem(last=False)
        else:
            self._tasks.move_to_end(key)
        # Shielded: a caller that gives up does not cancel the computation others wait on.
        return cast(T, await asyncio.shield(task))

    def kept(self, version: int, key: Hashable) -> Any:
        """Return the result for `key` in graph `version` when it is computed and kept, else None (asking for it
        would take a computation, or a wait for one)."""
        task = self._tasks.get(key) if version == self.version else None
        if task is None or not task.done() or task.cancelled() or task.exception() is not None:
            return None
        self._tasks.move_to_end(key)
        return task.result()

    async def cancel(self) -> None:
        """Stop the computations still running and wait for them to end: run on, they would read through a
        driver about to close (a request that stopped waiting leaves its computation running)."""
        running = [task for task in self._tasks.values() if not task.done()]
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        self._tasks.clear()

    def _forget_failed(self, key: Hashable, task: asyncio.Task[Any]) -> None:
        if (task.cancelled() or task.exception() is not None) and self._tasks.get(key) is task:
            del self._tasks[key]
