"""The local executor: one process, or a process pool that keeps input order.

Documents are read in the parent (reading is I/O; parsing is CPU) and parsed in the workers, in
chunks, so a WARC of any size streams through with a bounded number of pages in flight.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain, islice

from copydesk.document import Document
from copydesk.options import ParseOptions
from copydesk.pipeline import parse_document
from copydesk.record import Article


def default_jobs() -> int:
    """All the cores this process may use (respects CPU affinity and cgroup pinning)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _parse_one(doc: Document, options: ParseOptions) -> Article:
    return parse_document(doc, options).article


def parse_parallel(
    docs: Iterable[Document],
    options: ParseOptions,
    jobs: int = 1,
    chunksize: int = 16,
    on_result: Callable[[Article], None] | None = None,
) -> Iterator[Article]:
    """Parse ``docs`` with ``jobs`` processes, yielding records in input order.

    A pool costs a second or so to start; batches smaller than two chunks per worker are parsed
    in this process instead, so one file never waits for workers it does not need.
    """
    work = partial(_parse_one, options=options)
    it = iter(docs)
    head = list(islice(it, 2 * chunksize * jobs)) if jobs > 1 else []
    if jobs <= 1 or len(head) < 2 * chunksize * jobs:
        for doc in chain(head, it):
            article = work(doc)
            if on_result:
                on_result(article)
            yield article
        return
    ctx = mp.get_context("forkserver" if os.name == "posix" else "spawn")
    with ctx.Pool(jobs) as pool:
        for article in pool.imap(work, chain(head, it), chunksize=chunksize):
            if on_result:
                on_result(article)
            yield article
