"""The local executor: one process, or a process pool that keeps input order.

Documents are read in the parent (reading is I/O; parsing is CPU) and parsed in the workers, in
chunks. Memory stays flat however large the input:

- the workers are forked from a fork server that has already loaded the read-only tables every
  parse needs (trafilatura and lxml, the dateline gazetteer, the language model: see
  `warm_up`), so they share those pages copy-on-write instead of each loading its own copy;
- at most ``IN_FLIGHT_PER_JOB`` chunks per worker (plus a read-ahead the caller asks for, in
  pages and bytes) are handed out and not yet consumed, so a WARC of any size streams through,
  however slow the writer.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from itertools import chain, islice
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

from copydesk.document import Document
from copydesk.options import ParseOptions
from copydesk.pipeline import parse_document
from copydesk.record import Article, Source

T = TypeVar("T")

#: Chunks per worker in flight at least (sent, being parsed, or parsed and waiting to be
#: consumed): one being parsed, one queued so a worker never waits for the parent, one being
#: handed back.
IN_FLIGHT_PER_JOB = 3
#: Pages of the chunk window at most, whatever the number of workers (chunks shrink when there
#: are many), so a WARC of any size streams through with a few MB of HTML in the parent.
MAX_IN_FLIGHT = 512
#: Input bytes a caller's ``read_ahead`` may add to the chunk window, at most.
MAX_READ_AHEAD_BYTES = 64 * 2**20
#: Freed heap pages go back to the system (`release_freed_memory`) after a chunk of at least
#: this much input in a worker, and per this much input consumed in the parent: large pages are
#: what grows a heap, and the call costs up to ten milliseconds, too much to pay per short text.
TRIM_AFTER_BYTES = 256 * 2**10
TRIM_EVERY_BYTES = 2 * 2**20
#: A chunk of short documents grows past ``chunksize`` pages (up to ``MAX_CHUNK_PAGES``) until
#: it holds this much input: per-chunk costs (a task sent and a result received by the parent,
#: a worker replaced every `CHUNKS_PER_WORKER` chunks) were a tenth of the store writer's time
#: when a chunk was 16 one-kilobyte texts, ten milliseconds of work.
CHUNK_BYTES = 256 * 2**10
MAX_CHUNK_PAGES = 256
#: A chunk of long pages stops at this much input, whatever ``chunksize`` asks: every chunk in
#: flight is held in the parent (and pickled once more on its way out), and sixteen pages of a
#: quarter of a megabyte each, six chunks in flight, made a quarter of the parent's memory.
MAX_CHUNK_BYTES = 1 * 2**20
#: A worker is replaced after this many chunks (200 to 800 pages, half a minute of work). What a
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


def parse_chunk(docs: list[Document], options: ParseOptions) -> list[Article]:
    articles = [parse_document(doc, options).article for doc in docs]
    if sum(len(doc.content) for doc in docs) >= TRIM_AFTER_BYTES:
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
    80 MB each after a minute). It walks the whole heap: a millisecond in a fresh worker, ten
    in a process holding many small objects, so it is done per megabyte of input, not per page.
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
    niceness: int = 0,
    read_ahead: int = 0,
) -> Iterator[Article]:
    """Parse ``docs`` with ``jobs`` processes, yielding records in input order (see
    `map_parallel` for the other arguments)."""
    work = partial(parse_chunk, options=options)
    for article in map_parallel(docs, work, jobs, chunksize, niceness, read_ahead):
        if on_result:
            on_result(article)
        yield article


def map_parallel(
    docs: Iterable[Document],
    work: Callable[[list[Document]], list[T]],
    jobs: int = 1,
    chunksize: int = 16,
    niceness: int = 0,
    read_ahead: int = 0,
) -> Iterator[T]:
    """``work`` over chunks of ``docs`` in ``jobs`` processes, one result per document, in input
    order. ``work`` must be picklable (a module-level function or a partial of one).

    A pool costs a second or two to start; batches smaller than two chunks per worker are
    done in this process instead, so one file never waits for workers it does not need.
    ``niceness`` lowers the workers' CPU priority: when this process is a serial stage that
    every record passes through (the store's one writer), it must not queue for a core behind
    its own workers.

    In flight (read and not yet consumed) are `IN_FLIGHT_PER_JOB` chunks per worker, and up to
    ``read_ahead`` pages (and `MAX_READ_AHEAD_BYTES`) beyond: a consumer that stops pulling for
    a while (the store's writer committing a batch) asks for a batch of read-ahead, so the
    workers go on parsing meanwhile instead of waiting for it.
    """
    it = iter(docs)
    chunksize = max(1, min(chunksize, MAX_IN_FLIGHT // (IN_FLIGHT_PER_JOB * jobs)))
    head = list(islice(it, 2 * chunksize * jobs)) if jobs > 1 else []
    if jobs <= 1 or len(head) < 2 * chunksize * jobs:
        # in chunks here too: ``work`` may be vectorised over its chunk (the ingest's dedup
        # keys cost six times as much computed one document at a time)
        rest = chain(head, it)
        while chunk := _next_chunk(rest, chunksize)[0]:
            yield from work(chunk)
        return
    pool_args: dict[str, Any] = {
        "maxtasksperchild": CHUNKS_PER_WORKER,
        "initializer": _start_worker,
        "initargs": (niceness,),
    }
    with _context().Pool(jobs, **pool_args) as pool:
        bound = _Bound(read_ahead, IN_FLIGHT_PER_JOB * jobs)
        yield from _pooled(pool, work, chain(head, it), chunksize, bound)


def _start_worker(niceness: int) -> None:
    """Ctrl-C is the parent's to handle: the terminal sends SIGINT to every process of the
    group, and workers dying of it mid-task while the parent terminated the pool hung the run
    (2 of 12 interrupted parses, in a futex wait). The parent's KeyboardInterrupt ends the
    pool's ``with`` block, which terminates them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if niceness > 0:
        with contextlib.suppress(OSError, AttributeError):  # not permitted, or not POSIX
            os.nice(niceness)


class _Bound:
    """Chunks, pages and input bytes handed to the pool and not yet consumed: at least
    ``chunks`` chunks (so no worker waits), then as many as the page and byte bounds allow."""

    def __init__(self, pages: int, chunks: int, size: int = MAX_READ_AHEAD_BYTES) -> None:
        self.pages, self.chunks, self.size = pages, chunks, size
        self.out_chunks = self.out_pages = self.out_size = 0

    def room(self) -> bool:
        return self.out_chunks < self.chunks or (
            self.out_pages < self.pages and self.out_size < self.size
        )

    def move(self, chunks: int, pages: int, size: int) -> None:
        self.out_chunks += chunks
        self.out_pages += pages
        self.out_size += size


def _next_chunk(docs: Iterator[Document], pages: int) -> tuple[list[Document], int]:
    """At least ``pages`` documents (fewer at the end, or when they are long), more while they
    are short; and their size."""
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.content)
        if (
            len(chunk) >= MAX_CHUNK_PAGES
            or size >= MAX_CHUNK_BYTES
            or (len(chunk) >= pages and size >= CHUNK_BYTES)
        ):
            break
    return chunk, size


def _pooled(
    pool: Pool,
    work: Callable[[list[Document]], list[T]],
    docs: Iterator[Document],
    chunksize: int,
    bound: _Bound,
) -> Iterator[T]:
    """Chunks go out while the bound has room and come back in order.

    Unlike ``Pool.imap`` (whose feeder thread reads the whole input as fast as it can and whose
    results pile up unread when the consumer is slow), the parent reads the next chunk only
    when one comes back, so what is in flight stays within ``bound``. Chunks sent are parsed
    even while the consumer is busy elsewhere: the pool's own threads hand them out and take
    the results in.
    """
    pending: deque[tuple[AsyncResult[list[T]], int, int]] = deque()
    consumed = 0
    more = True
    while True:
        while more and bound.room():
            chunk, size = _next_chunk(docs, chunksize)
            more = bool(chunk)
            if chunk:
                pending.append((pool.apply_async(work, (chunk,)), len(chunk), size))
                bound.move(1, len(chunk), size)
        if not pending:
            return
        result, pages, size = pending.popleft()
        yield from result.get()
        bound.move(-1, -pages, -size)
        consumed += size
        if consumed >= TRIM_EVERY_BYTES:
            consumed = 0
            release_freed_memory()


def _context() -> mp.context.BaseContext:
    """The fork server where there is one (one clean, single-threaded process that preloads
    the tables and forks the workers); spawn elsewhere."""
    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([PRELOAD])  # no effect once this process's fork server runs
    return ctx
