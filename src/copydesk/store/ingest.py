"""Ingest: inputs -> parse -> (enrich) -> dedup -> store, in batches of one transaction each.

Already-stored inputs are recognised before they are parsed (their id is known from the input
position), so re-running an interrupted ingest costs little more than reading the inputs again.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from copydesk.corpus.settings import DedupSettings
from copydesk.document import Document
from copydesk.options import ParseOptions
from copydesk.record import Article, stable_id
from copydesk.store.records import raw_text
from copydesk.store.write import BatchResult, StoreWriter

#: Records per transaction: big enough to amortise the commit and numpy, small enough that an
#: interruption loses little work.
DEFAULT_BATCH = 5000
#: Documents in flight (read, parsing or parsed but not stored) at most: twice the batch, and no
#: fewer than this, so the parsers never wait for the store to finish a commit.
IN_FLIGHT_MIN = 1000


@dataclass
class IngestReport:
    """What one ingest did, for the closing summary."""

    run: int = 0
    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, batch: BatchResult, size: int) -> None:
        self.seen += size
        self.stored += batch.stored
        self.duplicates += batch.duplicates
        self.skipped += batch.skipped
        self.failed.extend(batch.not_stored)
        self.warnings.extend(batch.warnings)


def ingest(
    paths: Sequence[str],
    db: str | Path,
    options: ParseOptions,
    settings: DedupSettings | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    jobs: int = 1,
    on_batch: Callable[[IngestReport, int], None] | None = None,
    command: str = "ingest",
) -> IngestReport:
    """Run one ingest; raises `StoreError` for store failures and lets KeyboardInterrupt through
    after marking the run interrupted (the batch in flight is rolled back)."""
    from copydesk.executors.local import parse_parallel
    from copydesk.readers import read_inputs

    writer = StoreWriter(db, settings)
    report = IngestReport(run=writer.start_run(command, paths))
    status = "failed"
    try:
        raw: dict[str, str] = {}
        docs = _keep_raw(_unstored(read_inputs(paths, options.read), writer.path, report), raw)
        slots = threading.BoundedSemaphore(max(2 * batch_size, IN_FLIGHT_MIN))
        records: Iterable[Article] = _released(
            parse_parallel(_bounded(docs, slots), options, jobs=jobs), slots
        )
        if options.enrich is not None:
            from copydesk.enrich import enrich_records

            records = enrich_records(records, options.enrich)
        for batch in _batches(records, batch_size):
            report.add(writer.write_batch(batch, report.run, raw), len(batch))
            for record in batch:
                raw.pop(record.id, None)
            if on_batch:
                on_batch(report, len(batch))
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        _finish(writer, report.run, status)
    return report


def _bounded(docs: Iterable[Document], slots: threading.BoundedSemaphore) -> Iterator[Document]:
    """Hand a document to the parsers only when a slot is free. The pool's result queue is
    unbounded: when the store is slower than the parsers, parsed records piled up in memory
    (about 5 KB each, growing with the input), so memory was not bounded by the batch size."""
    for doc in docs:
        slots.acquire()
        yield doc


def _released(records: Iterable[Article], slots: threading.BoundedSemaphore) -> Iterator[Article]:
    for record in records:
        slots.release()
        yield record


def _finish(writer: StoreWriter, run: int, status: str) -> None:
    # a full disk may refuse even this; the stored batches are safe either way
    with contextlib.suppress(Exception):
        writer.finish_run(run, status)
    writer.close()


def _batches(records: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _keep_raw(docs: Iterable[Document], raw: dict[str, str]) -> Iterator[Document]:
    """Note each document's raw text (capped) by record id until its batch is written."""
    for doc in docs:
        raw[doc.id or stable_id(doc.source, doc.content)] = raw_text(doc.content)
        yield doc


def _unstored(docs: Iterable[Document], db: Path, report: IngestReport) -> Iterator[Document]:
    """Documents whose record is not stored yet (same id *and* same input position).

    A separate connection, because the process pool pulls this generator from its own thread.
    """
    conn = sqlite3.connect(db, check_same_thread=False, timeout=10.0)
    try:
        chunk: list[Document] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= 256:
                yield from _filter(conn, chunk, report)
                chunk = []
        yield from _filter(conn, chunk, report)
    finally:
        conn.close()


def _filter(
    conn: sqlite3.Connection, docs: list[Document], report: IngestReport
) -> Iterator[Document]:
    if not docs:
        return
    ids = [doc.id or stable_id(doc.source, doc.content) for doc in docs]
    qs = ", ".join("?" * len(ids))
    sql = f"SELECT id, source_path, source_line, source_offset FROM articles WHERE id IN ({qs})"
    stored = {r[0]: tuple(r[1:]) for r in conn.execute(sql, ids)}
    for doc, doc_id in zip(docs, ids, strict=True):
        where = (doc.source.path, doc.source.line, doc.source.offset)
        if stored.get(doc_id) == where:
            report.skipped += 1
            report.seen += 1
        else:
            yield doc
