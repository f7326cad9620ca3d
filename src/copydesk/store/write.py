"""Writing batches to the store: records, search index, dedup keys, links and clusters, in one
transaction per batch.

A batch is all or nothing: a crash, ``kill -9``, Ctrl-C or a full disk in the middle leaves the
store as it was after the previous batch (SQLite's WAL guarantees it), and the in-memory key
index is only extended after the commit. Re-running the same ingest skips the ids already
stored, so it finishes the job with nothing lost and nothing stored twice.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from copydesk.corpus.clusters import Member, UnionFind, canonical
from copydesk.corpus.dedup import (
    DocKeys,
    Fingerprints,
    Link,
    fingerprint,
    match_batch,
    permutations,
)
from copydesk.corpus.lsh import KeyIndex
from copydesk.corpus.settings import DedupSettings
from copydesk.errors import error_kind
from copydesk.record import Article
from copydesk.store import paragraphs
from copydesk.store.records import COLUMNS, to_row
from copydesk.store.schema import StoreError, connect, explain
from copydesk.store.searchindex import index_rows
from copydesk.store.sqlin import chunks, placeholders

_INSERT = (
    f"INSERT INTO articles (rowid, {', '.join(COLUMNS)}, words, exact_hash, run) "
    f"VALUES (:rowid, {', '.join(':' + c for c in COLUMNS)}, :words, :exact_hash, :run)"
)


@dataclass
class BatchResult:
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    #: Records whose id another input had already taken (JSONL ids repeated across lines).
    id_clashes: int = 0
    not_stored: list[Article] = field(default_factory=list)
    #: Records stored with errors (a page cut at ``max_bytes``), by the kind of their first
    #: error: stored, since they have a body, and skipped as stored by a later run.
    stored_errors: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


class StoreWriter:
    """The one writer of a store; also the `CorpusIndex` new batches are matched against."""

    def __init__(
        self, path: str | Path, settings: DedupSettings | None = None, *, timeout: float = 10.0
    ) -> None:
        self.path = Path(path)
        self.conn = connect(self.path, timeout=timeout)
        self.settings = settings or DedupSettings()
        self.perms = permutations(self.settings)
        self._pin_settings()
        blocks: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"band": [], "sentence": []}
        sql = "SELECT kind, keys, refs FROM index_blocks ORDER BY rowid"
        for kind, keys, refs in self.conn.execute(sql):
            blocks["band" if kind == "band" else "sentence"].append(
                (np.frombuffer(keys, dtype=np.int64), np.frombuffer(refs, dtype=np.int64))
            )
        self.bands = KeyIndex.from_blocks(blocks["band"])
        self.sketch = KeyIndex.from_blocks(blocks["sentence"])

    def close(self) -> None:
        self.conn.close()

    # -- CorpusIndex -------------------------------------------------------------------------
    def exact_refs(self, hashes: list[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for chunk in chunks(sorted(set(hashes))):
            sql = (
                "SELECT exact_hash, min(rowid) FROM articles "
                f"WHERE exact_hash IN ({placeholders(chunk)}) GROUP BY exact_hash"
            )
            out.update(self.conn.execute(sql, chunk))
        return out

    def band_refs(self, keys: np.ndarray) -> dict[int, list[int]]:
        return self.bands.lookup(keys, self.settings.max_postings)

    def sketch_refs(self, keys: np.ndarray) -> dict[int, list[int]]:
        return self.sketch.lookup(keys, self.settings.max_postings)

    def texts(self, refs: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for chunk in chunks(refs):
            sql = f"SELECT rowid, text FROM articles WHERE rowid IN ({placeholders(chunk)})"
            out.update(self.conn.execute(sql, chunk))
        return out

    def common_paragraphs(self, hashes: Sequence[int]) -> set[int]:
        return paragraphs.common(self.conn, hashes, self.settings.boilerplate_docs)

    def clusters(self, refs: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for chunk in chunks(refs):
            sql = (
                f"SELECT rowid, cluster FROM articles WHERE rowid IN ({placeholders(chunk)}) "
                "AND cluster IS NOT NULL"
            )
            out.update(self.conn.execute(sql, chunk))
        return out

    # -- runs ----------------------------------------------------------------------------------
    def start_run(self, command: str, inputs: Sequence[str]) -> int:
        self._close_dead_runs()
        # the process that runs it, so that a later run can tell it died (kill -9, a crash)
        owner = {"pid": os.getpid(), "host": socket.gethostname()}
        settings = json.dumps(
            self.settings.index_shape() | {"all": repr(self.settings)} | {"owner": owner}
        )
        cur = self._write(
            "INSERT INTO runs (started, command, inputs, settings) VALUES (?, ?, ?, ?)",
            (_now(), command, json.dumps(list(inputs)), settings),
        )
        return int(cur.lastrowid or 0)

    def _close_dead_runs(self) -> None:
        """Mark "interrupted" the runs still "running" whose process on this machine is gone:
        a run killed with kill -9 showed as running in `stats` for ever. A run on another
        machine, or one whose process id is in use again, is left as it is."""
        here = socket.gethostname()
        dead = []
        for run, settings in self.conn.execute(
            "SELECT id, settings FROM runs WHERE status = 'running'"
        ).fetchall():
            try:
                owner = json.loads(settings or "{}").get("owner") or {}
            except (ValueError, AttributeError):
                continue
            pid = owner.get("pid")
            if owner.get("host") == here and isinstance(pid, int) and not _alive(pid):
                dead.append((run,))
        for (run,) in dead:
            self._write("UPDATE runs SET status = 'interrupted' WHERE id = ?", (run,))

    def finish_run(self, run: int, status: str, skipped: int = 0) -> None:
        """Close the run; ``skipped`` counts the records found already stored before they were
        parsed (`stats` showed 0 skipped for a rerun that skipped everything)."""
        self._write(
            "UPDATE runs SET finished = ?, status = ?, skipped = skipped + ? WHERE id = ?",
            (_now(), status, skipped, run),
        )

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for chunk in chunks(list(ids)):
            sql = f"SELECT id FROM articles WHERE id IN ({placeholders(chunk)})"
            out.update(r[0] for r in self.conn.execute(sql, chunk))
        return out

    # -- batches -------------------------------------------------------------------------------
    def write_batch(
        self,
        articles: Sequence[Article],
        run: int,
        raw: Mapping[str, str] | None = None,
        keys: Sequence[DocKeys] | None = None,
    ) -> BatchResult:
        """Store a batch in one transaction; see the module docstring for the guarantees.

        ``raw`` maps article ids to their raw input text (capped), kept for the web app.
        ``keys``, one per article, are its texts' keys computed elsewhere with this store's
        settings (`Fingerprints.rows`): the parsing workers', so that the one writer does less.
        """
        result = BatchResult()
        fresh = self._fresh(articles, result)
        texts = [a.text for a in fresh]
        if keys is None:
            prints = fingerprint(texts, self.settings, self.perms)
        else:
            rows = [keys[i] for i in _kept_rows(articles, fresh)]
            prints = Fingerprints.from_rows(rows, texts, self.settings.bands)
        with self._transaction():
            first = self.conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM articles")
            start = first.fetchone()[0]
            refs = list(range(start, start + len(fresh)))
            paragraphs.count(self.conn, texts, prints.exact)  # this batch's too, before matching
            links = match_batch(prints, refs, self, self.settings)
            self._insert(fresh, prints, refs, run)
            self._insert_raw(fresh, refs, raw or {})
            result.duplicates = self._link(links, prints, refs)
            result.stored = len(fresh)
            self._bookkeep(fresh, run, result)
        self.bands.add(*prints.band_rows(refs))
        self.sketch.add(*prints.sketch_rows(refs))
        return result

    def write_linked(
        self,
        articles: Sequence[Article],
        prints: Fingerprints,
        refs: Sequence[int],
        links: Sequence[Link],
        run: int,
    ) -> BatchResult:
        """Store a batch whose links and clusters were found elsewhere (the Ray executor's
        cluster-scale dedup): ``refs`` become the rowids and each article's ``cluster`` and
        ``duplicate_of`` are stored as they are. Same transaction guarantees as `write_batch`."""
        result = BatchResult()
        fresh = self._fresh(articles, result)
        rows = _kept_rows(articles, fresh)
        prints = prints.subset(rows)  # its story keys too, indexed as `write_batch` does
        refs = [refs[i] for i in rows]
        keep_refs = set(refs)
        with self._transaction():
            paragraphs.count(self.conn, [a.text for a in fresh], prints.exact)
            self._insert(fresh, prints, refs, run)
            self.conn.executemany(
                "INSERT OR REPLACE INTO links (a, b, signal, score) VALUES (?, ?, ?, ?)",
                [(lk.a, lk.b, lk.signal, lk.score) for lk in links if lk.a in keep_refs],
            )
            result.duplicates = sum(1 for a in fresh if a.duplicate_of)
            result.stored = len(fresh)
            self._bookkeep(fresh, run, result)
        self.bands.add(*prints.band_rows(refs))
        self.sketch.add(*prints.sketch_rows(refs))
        return result

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One batch, all or nothing: rolled back on any error or interrupt (Ctrl-C included),
        SQLite errors turned into a `StoreError` that says what to do."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise explain(self.path, exc) from exc
            raise

    def _fresh(self, articles: Sequence[Article], result: BatchResult) -> list[Article]:
        """Articles to store: not stored before, not repeated in the batch, with a body."""
        stored = self._stored_sources([a.id for a in articles])
        fresh: list[Article] = []
        for art in articles:
            where = (art.source.path, art.source.line, art.source.offset)
            if not art.body:
                result.not_stored.append(art)
            elif art.id in stored:
                if stored[art.id] == where:
                    result.skipped += 1
                else:  # another input gave the same id: not a resume, a clash
                    result.id_clashes += 1
                    result.warnings.append(_dup_id(art, stored[art.id]))
            else:
                stored[art.id] = where
                fresh.append(art)
        return fresh

    def _stored_sources(self, ids: list[str]) -> dict[str, tuple]:
        out: dict[str, tuple] = {}
        for chunk in chunks(ids):
            sql = (
                "SELECT id, source_path, source_line, source_offset FROM articles "
                f"WHERE id IN ({placeholders(chunk)})"
            )
            out.update((r[0], tuple(r[1:])) for r in self.conn.execute(sql, chunk))
        return out

    def _insert(
        self, fresh: list[Article], prints: Fingerprints, refs: list[int], run: int
    ) -> None:
        rows = []
        for ref, art, exact, words in zip(refs, fresh, prints.exact, prints.words, strict=True):
            row = to_row(art)
            row.update(rowid=ref, words=words, exact_hash=exact or None, run=run)
            rows.append(row)
        self.conn.executemany(_INSERT, rows)
        index_rows(
            self.conn, [(r["rowid"], r["headline"], r["standfirst"], r["text"]) for r in rows]
        )
        for kind, (keys, owners) in (
            ("band", prints.band_rows(refs)),
            ("sentence", prints.sketch_rows(refs)),
        ):
            keep = keys != 0
            self.conn.execute(
                "INSERT INTO index_blocks (kind, keys, refs) VALUES (?, ?, ?)",
                (kind, keys[keep].tobytes(), owners[keep].tobytes()),
            )

    def _insert_raw(self, fresh: list[Article], refs: list[int], raw: Mapping[str, str]) -> None:
        self.conn.executemany(
            "INSERT INTO raw (rowid, text) VALUES (?, ?)",
            [(ref, raw[a.id]) for ref, a in zip(refs, fresh, strict=True) if a.id in raw],
        )

    def _link(self, links: list[Link], prints: Fingerprints, refs: list[int]) -> int:
        """Store the links and recluster; returns how many more articles are now duplicates
        of another (what `stats` counts), not how many new articles found an earlier copy: a
        fuller copy arriving later is kept and the earlier one becomes the duplicate, and the
        run's summary said 960 where `stats` said 971 (found by a tester)."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO links (a, b, signal, score) VALUES (?, ?, ?, ?)",
            [(lk.a, lk.b, lk.signal, lk.score) for lk in links],
        )
        uf = UnionFind()
        for lk in links:
            uf.union(lk.a, lk.b)
        return sum(self._recluster(group) for group in uf.groups())

    def _recluster(self, group: list[int]) -> int:
        """Give a component (new refs plus the clusters they touch) one cluster id and one
        canonical copy; the cluster id is the id of its first stored member. Only rows whose
        cluster or canonical copy changed are written: a big cluster gaining one copy would
        otherwise rewrite every member. Returns the change in the number of duplicates."""
        qs = placeholders(group)
        sql = (
            "SELECT rowid, id, words, published, credit, cluster, duplicate_of FROM articles "
            f"WHERE rowid IN (SELECT rowid FROM articles WHERE rowid IN ({qs}) UNION SELECT "
            "a.rowid FROM articles a WHERE a.cluster IN (SELECT cluster FROM articles WHERE "
            f"rowid IN ({qs}) AND cluster IS NOT NULL))"
        )
        rows = self.conn.execute(sql, group + group).fetchall()
        ids = {r[0]: r[1] for r in rows}
        keep = canonical([Member(r[0], r[2], r[3], r[4]) for r in rows])
        cluster = ids[min(ids)]
        wanted = {r[0]: (cluster, None if r[0] == keep.ref else ids[keep.ref]) for r in rows}
        self.conn.executemany(
            "UPDATE articles SET cluster = ?, duplicate_of = ? WHERE rowid = ?",
            [(*wanted[r[0]], r[0]) for r in rows if (r[5], r[6]) != wanted[r[0]]],
        )
        return sum(wanted[r[0]][1] is not None for r in rows) - sum(r[6] is not None for r in rows)

    def _bookkeep(self, fresh: list[Article], run: int, result: BatchResult) -> None:
        result.stored_errors = Counter(error_kind(art.errors[0]) for art in fresh if art.errors)
        per_source: dict[tuple[str, str], int] = {}
        for art in fresh:
            key = (art.source.path or art.source.url or "", art.source.format)
            per_source[key] = per_source.get(key, 0) + 1
        self.conn.executemany(
            "INSERT INTO sources (path, format, articles, first_run, last_run) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
            "articles = articles + excluded.articles, last_run = excluded.last_run",
            [(p, f, n, run, run) for (p, f), n in per_source.items()],
        )
        self.conn.execute(
            "UPDATE runs SET stored = stored + ?, skipped = skipped + ?, "
            "duplicates = duplicates + ?, errors = errors + ? WHERE id = ?",
            (result.stored, result.skipped, result.duplicates, len(result.not_stored), run),
        )

    def _pin_settings(self) -> None:
        shape = json.dumps(self.settings.index_shape(), sort_keys=True)
        row = self.conn.execute("SELECT value FROM settings WHERE key = 'index_shape'").fetchone()
        if row is None:
            self._write("INSERT INTO settings (key, value) VALUES ('index_shape', ?)", (shape,))
        elif row[0] != shape:
            raise StoreError(
                f"{self.path}: this store was built with dedup settings {row[0]}, not {shape}; "
                "use the same settings, or a new --db"
            )

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise explain(self.path, exc) from exc


def _kept_rows(articles: Sequence[Article], fresh: list[Article]) -> list[int]:
    """Positions in ``articles`` of those `_fresh` kept, to realign keys computed for all."""
    kept = {id(a) for a in fresh}
    return [i for i, a in enumerate(articles) if id(a) in kept]


def _dup_id(art: Article, first: tuple) -> str:
    here = art.source.path or art.source.url or "<input>"
    if art.source.line is not None:
        here += f":{art.source.line}"
    there = (first[0] or "<input>") + (f":{first[1]}" if first[1] is not None else "")
    return (
        f"{here}: duplicate id {art.id!r} (first seen at {there}); kept the first, skipped this one"
    )


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (one of another user's counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal: alive
        return True
    return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
