"""The local executor: one process, or a process pool that keeps input order.

Documents are read in the parent (reading is I/O; parsing is CPU) and parsed in the workers, in
chunks. Memory stays flat however large the input:

- the workers are forked from a fork server that has already loaded the read-only tables every
  parse needs (trafilatura and lxml, the dateline gazetteer, the language model: see
  `warm_up`), so they share those pages copy-on-write instead of each loading its own copy;
- at most ``IN_FLIGHT_PER_JOB`` chunks per worker (and ``MAX_IN_FLIGHT`` pages) are handed out
  and not yet consumed, so a WARC of any size streams through, however slow the writer.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from itertools import chain, islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any

from copydesk.document import Document
from copydesk.options import ParseOptions
from copydesk.pipeline import parse_document
from copydesk.record import Article, Source

#: Chunks per worker in flight (sent, being parsed, or parsed and waiting to be consumed): one
#: being parsed, one queued so a worker never waits for the parent, one being handed back.
IN_FLIGHT_PER_JOB = 3
#: Pages read and not yet handed back, at most, whatever the number of workers (chunks shrink
#: when there are many): a few tens of MB of HTML in the parent. Also keeps a caller that bounds
#: its own pages in flight (the store's ingest allows 1,000) from waiting on itself.
MAX_IN_FLIGHT = 512
#: A worker is replaced after this many chunks (about 800 pages, half a minute of work). What a
#: worker holds creeps up as it parses: copy-on-write copies of shared pages whose objects it
#: touches, a heap grown for the largest page so far. A fresh worker forked from the fork server
#: costs milliseconds (the tables are already loaded), so memory stays flat however long the run.
CHUNKS_PER_WORKER = 50
#: Imported by the fork server before it forks any worker (see `copydesk.executors.preload`).
PRELOAD = "copydesk.executors.preload"
#: A page that runs the whole HTML path once: trafilatura, htmldate, the structure stage, a
#: dateline looked up in the gazetteer, the language model. Its record is thrown away.
WARM_PAGE = (
    b"<html><head><title>Floods cut off mountain villages</title></head><body><article>"
    b"<h1>Floods cut off mountain villages</h1><p>Islamabad: Heavy rain has cut off dozens "
    b"of mountain villages in the north of the country, officials said on Tuesday.</p>"
    b"<p>Rescue teams were waiting for the water to fall before they could reach them.</p>"
    b"</article></body></html>"
)


def default_jobs() -> int:
    """All the cores this process may use (respects CPU affinity and cgroup pinning)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def warm_up() -> None:
    """Load now what the first parse would load lazily (each loader is an ``lru_cache``), so
    that processes forked afterwards share it instead of loading their own copy."""
    from copydesk.language import detect_language
    from copydesk.rules.datelines import known_place

    known_place("Islamabad")
    detect_language("Heavy rain has cut off dozens of mountain villages in the north.")
    parse_document(
        Document(WARM_PAGE, Source(path="<warm-up>", format="html"), "html"), ParseOptions()
    )


def _parse_chunk(docs: list[Document], options: ParseOptions) -> list[Article]:
    articles = [parse_document(doc, options).article for doc in docs]
    release_freed_memory()
    return articles


@lru_cache(maxsize=1)
def _libc() -> Any:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:  # not glibc
        return None


def release_freed_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``).

    lxml's trees and large page strings live in the C heap; once freed, glibc keeps the pages
    for reuse, so a worker's memory rose to what its largest pages needed and stayed there (about
    80 MB each after a minute). Costs about a millisecond; done once a chunk.
    """
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def parse_parallel(
    docs: Iterable[Document],
    options: ParseOptions,
    jobs: int = 1,
    chunksize: int = 16,
    on_result: Callable[[Article], None] | None = None,
) -> Iterator[Article]:
    """Parse ``docs`` with ``jobs`` processes, yielding records in input order.

    A pool costs a second or two to start; batches smaller than two chunks per worker are
    parsed in this process instead, so one file never waits for workers it does not need.
    """
    it = iter(docs)
    window = IN_FLIGHT_PER_JOB * jobs
    chunksize = max(1, min(chunksize, MAX_IN_FLIGHT // window))
    head = list(islice(it, 2 * chunksize * jobs)) if jobs > 1 else []
    if jobs <= 1 or len(head) < 2 * chunksize * jobs:
        for doc in chain(head, it):
            article = parse_document(doc, options).article
            if on_result:
                on_result(article)
            yield article
        return
    with _context().Pool(jobs, maxtasksperchild=CHUNKS_PER_WORKER) as pool:
        for article in _pooled(pool, options, chain(head, it), chunksize, window):
            if on_result:
                on_result(article)
            yield article


def _pooled(
    pool: Pool, options: ParseOptions, docs: Iterator[Document], chunksize: int, window: int
) -> Iterator[Article]:
    """Chunks go out as results come back, at most ``window`` at a time, in order.

    Unlike ``Pool.imap`` (whose feeder thread reads the whole input as fast as it can and whose
    results pile up unread when the consumer is slow), the parent reads the next chunk only
    when one comes back, so pages in flight are capped at ``window * chunksize``.
    """
    work = partial(_parse_chunk, options=options)
    pending: deque[AsyncResult[list[Article]]] = deque()
    while True:
        chunk = list(islice(docs, chunksize))
        if chunk:
            pending.append(pool.apply_async(work, (chunk,)))
        if pending and (len(pending) >= window or not chunk):
            yield from pending.popleft().get()
            release_freed_memory()
        elif not chunk:
            return


def _context() -> mp.context.BaseContext:
    """The fork server where there is one (one clean, single-threaded process that preloads
    the tables and forks the workers); spawn elsewhere."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([PRELOAD])  # no effect once this process's fork server runs
    return ctx
