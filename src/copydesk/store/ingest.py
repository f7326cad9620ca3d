"""Ingest: inputs -> parse -> (enrich) -> dedup -> store, in batches of one transaction each.

Already-stored inputs are recognised before they are parsed (their id is known from the input
position), so re-running an interrupted ingest costs little more than reading the inputs again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from copydesk.corpus.dedup import DocKeys, fingerprint, permutations
from copydesk.corpus.settings import DedupSettings
from copydesk.document import Document
from copydesk.options import EnrichOptions, ParseOptions
from copydesk.readers.paths import ReadStats
from copydesk.record import Article, stable_id
from copydesk.store.records import raw_text
from copydesk.store.write import BatchResult, StoreWriter

T = TypeVar("T")

#: Records per transaction: big enough to amortise the commit and numpy, small enough that an
#: interruption loses little work.
DEFAULT_BATCH = 5000
#: Documents handed to the parsers and not yet taken by the writer, at most: a batch (and no
#: fewer than this), so the parsers work on the next batch while the writer commits this one.
#: Before, only a few chunks were in flight: the parsers sat idle through every commit.
IN_FLIGHT_MIN = 1000
#: The parsers' CPU priority below the writer's. The writer (match, link, insert) is the one
#: serial stage; at equal priority, with as many parsers as cores, it got about two thirds of a
#: core and the whole ingest waited for it.
WORKER_NICENESS = 5


@dataclass
class IngestReport:
    """What one ingest did, for the closing summary."""

    run: int = 0
    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    #: The part of ``skipped`` found stored before parsing (the store's run row counts the
    #: rest as each batch is written).
    skipped_unparsed: int = 0
    id_clashes: int = 0
    failed: list[Article] = field(default_factory=list)
    #: Records stored with errors, by kind (see `BatchResult.stored_errors`): counted, not
    #: kept, so a run of millions of flawed records holds a few counters.
    stored_errors: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    #: What the readers counted: inputs, and records that were not articles by reason (a
    #: WARC's requests and images); ``skipped`` above is records already stored.
    read: ReadStats = field(default_factory=ReadStats)

    def add(self, batch: BatchResult, size: int) -> None:
        self.seen += size
        self.stored += batch.stored
        self.duplicates += batch.duplicates
        self.skipped += batch.skipped
        self.id_clashes += batch.id_clashes
        self.failed.extend(batch.not_stored)
        self.stored_errors.update(batch.stored_errors)
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
    from copydesk.executors.local import map_parallel
    from copydesk.readers import read_inputs

    options = store_paths(options, db)
    writer = StoreWriter(db, settings)
    report = IngestReport(run=writer.start_run(command, paths))
    status = "failed"
    try:
        raw: dict[str, str] = {}
        docs = read_inputs(paths, options.read, report.read)
        docs = _keep_raw(_unstored(docs, writer.path, report), raw)
        settings = writer.settings
        work = partial(parse_and_key, options=options, settings=settings)
        keyed: Iterable[tuple[Article, DocKeys | None]] = map_parallel(
            docs,
            work,
            jobs=jobs,
            niceness=WORKER_NICENESS,
            read_ahead=max(batch_size, IN_FLIGHT_MIN),
        )
        if options.enrich is not None:
            keyed = _enriched(keyed, options.enrich, jobs)
        for batch in _batches(keyed, batch_size):
            articles = [a for a, _ in batch]
            keys = [k for _, k in batch if k is not None]  # none when enriched (see below)
            stored = writer.write_batch(articles, report.run, raw, keys or None)
            report.add(stored, len(batch))
            for record in articles:
                raw.pop(record.id, None)
            if on_batch:
                on_batch(report, len(batch))
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        _finish(writer, report.run, status, report.skipped_unparsed)
    return report


def store_paths(options: ParseOptions, db: str | Path) -> ParseOptions:
    """``options`` with source paths written relative to the store's folder: ids hash the
    path, and a rerun naming the inputs another way (an absolute path, another working
    directory) stored every record again."""
    base = os.path.dirname(os.path.abspath(db))
    return replace(options, read=replace(options.read, path_base=base))


def parse_and_key(
    docs: list[Document], options: ParseOptions, settings: DedupSettings
) -> list[tuple[Article, DocKeys | None]]:
    """Parse a chunk and compute each record's dedup keys, in a worker: the writer, the one
    serial stage of an ingest, spent a sixth of its time computing them. With enrichment on,
    the keys are left to the writer (enrichment runs between the two)."""
    from copydesk.executors.local import parse_chunk

    articles = parse_chunk(docs, options)
    if options.enrich is not None:
        return [(a, None) for a in articles]
    prints = fingerprint([a.text for a in articles], settings, permutations(settings))
    return list(zip(articles, prints.rows(), strict=True))


def _enriched(
    keyed: Iterable[tuple[Article, DocKeys | None]], enrich: EnrichOptions, jobs: int
) -> Iterator[tuple[Article, DocKeys | None]]:
    from copydesk.enrich import enrich_records

    return ((a, None) for a in enrich_records((a for a, _ in keyed), enrich, jobs=jobs))


def _finish(writer: StoreWriter, run: int, status: str, unread: int) -> None:
    # a full disk may refuse even this; the stored batches are safe either way
    with contextlib.suppress(Exception):
        writer.finish_run(run, status, skipped=unread)
    writer.close()


def _batches(records: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
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

    A connection of its own: the writer's is inside a batch transaction while this is pulled.
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
            report.skipped_unparsed += 1
            report.seen += 1
        else:
            yield doc
