"""Read-only store sessions for request threads.

FastAPI runs plain ``def`` routes in a thread pool; `ReadStore` serialises calls on one
connection, so the app keeps a few sessions (each a `ReadStore` and its own read-only
connection for the web's extra queries) and lends one to each request. Read-only connections
never block an ingest (WAL): each request sees the batches committed before it began.
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from copydesk.store.read import ReadStore
from copydesk.store.schema import connect

#: Sessions open at once: parallel reads beyond the cores gain nothing.
DEFAULT_SESSIONS = 4


@dataclass(slots=True)
class Session:
    store: ReadStore
    conn: sqlite3.Connection


class StorePool:
    """A fixed set of sessions, opened lazily; closing the pool closes them all."""

    def __init__(self, path: str | Path, size: int = DEFAULT_SESSIONS) -> None:
        self.path = Path(path)
        self._free: queue.LifoQueue[Session | None] = queue.LifoQueue()
        self._all: list[Session] = []
        for _ in range(size):
            self._free.put(None)

    @contextmanager
    def session(self) -> Iterator[Session]:
        item = self._free.get()
        try:
            if item is None:
                item = Session(ReadStore(self.path), connect(self.path, readonly=True))
                self._all.append(item)
            yield item
        finally:
            self._free.put(item)

    def close(self) -> None:
        for item in self._all:
            item.store.close()
            item.conn.close()
        self._all.clear()
