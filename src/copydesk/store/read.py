"""The read API over a store: what `copydesk search/dups/export/stats` and the web app use.

Open with `ReadStore(path)` (read-only; it never creates, migrates or locks the file for
writers, and works while an ingest is running, seeing the batches committed so far). One
instance may be shared by threads: calls are serialised by a lock (SQLite reads are fast; a web
app that needs parallel reads opens one `ReadStore` per worker).

- `search(query, ...) -> SearchPage`: FTS5 full-text search ranked by BM25 (headline weighs
  10, standfirst 5, body 1); words in Chinese, Japanese, Thai... are found inside runs of
  characters as substrings (`copydesk.store.searchplan` says how); filters (language,
  credit, site, published from/to, canonical copies only), pagination (limit/offset) and
  snippets with caller-chosen highlight marks. ``syntax="fts"`` takes FTS5 query syntax
  (phrases, AND/OR/NOT, prefix*, NEAR); a malformed query raises `SearchSyntaxError` with
  an explanation. ``syntax="plain"`` quotes every word, so any user text is a valid query
  (use it for a search box).
- `get(id) -> Article | None`: the full record, every field as ingested (plus dedup fields).
- `raw(id) -> str | None`: the raw input the record was parsed from (capped at
  `records.RAW_CAP` characters; None for stores written before schema version 2).
- `cluster(id) -> ClusterView | None`: the cluster of an article (or by cluster id): members
  (id, headline, path, published, words, canonical flag), the canonical id, and every link
  (a, b, signal, score) that made it.
- `clusters(limit, offset) -> list[ClusterView]`: largest clusters first.
- `articles(limit, offset, ...) -> list[ArticleSummary]`: browse in store order.
- `stats() -> Stats`: counts for a dashboard.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copydesk.record import Article
from copydesk.store.dates import date_range
from copydesk.store.ftsquery import fts_query, term_count
from copydesk.store.records import from_row
from copydesk.store.schema import SCHEMA_VERSION, StoreError, connect, explain
from copydesk.store.searchindex import has_trigrams
from copydesk.store.searchplan import WEIGHTS, Plan, SearchSyntaxError, plan

#: Matches ranked at most: the most recent ``RANK_WINDOW`` (by store order). BM25 must score
#: every match before it can sort: a word in most of a million articles cost about 1.5 s, a
#: rare one a few milliseconds. Within the window every query costs about the same and rarer
#: queries are ranked exactly; the result says when the window applied, and ``rank_window=0``
#: ranks every match.
RANK_WINDOW = 10_000
#: Words a query may have. SQLite's ranking cost grows with every term: 1,000 words took 15 s
#: on 5,000 articles and 5,000 ran past two minutes, holding a web worker all that time.
MAX_QUERY_WORDS = 64


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    headline: str | None
    snippet: str
    score: float  # higher is better (negated BM25)
    published: str | None = None
    credit: str | None = None
    language: str | None = None
    cluster: str | None = None
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: str
    hits: list[Hit]
    total: int | None  # None when not counted
    limit: int
    offset: int
    windowed: bool = False  # more than the rank window matched: ranked among the most recent


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    headline: str | None
    published: str | None
    credit: str | None
    language: str | None
    path: str | None
    words: int
    cluster: str | None
    duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class ClusterMember:
    id: str
    headline: str | None
    path: str | None
    url: str | None
    published: str | None
    words: int
    canonical: bool
    credit: str | None = None
    #: Where the copy came from inside its file: copies in one WARC or JSONL differ only here.
    source_url: str | None = None
    offset: int | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class LinkView:
    a: str  # the later copy
    b: str  # the document it was matched to
    signal: str  # exact, near or syndicated
    score: float


@dataclass(frozen=True, slots=True)
class ClusterView:
    id: str
    canonical: str
    members: list[ClusterMember]
    links: list[LinkView]


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    clusters: int
    duplicates: int
    with_errors: int
    sources: int
    runs: int
    last_run: dict[str, Any] | None
    languages: dict[str, int] = field(default_factory=dict)
    credits: dict[str, int] = field(default_factory=dict)
    signals: dict[str, int] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION
    size_bytes: int = 0


_SUMMARY = "id, headline, published, credit, language, source_path, words, cluster, duplicate_of"


class ReadStore:
    """Read-only access to a store; see the module docstring."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn = connect(self.path, readonly=True)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.Lock()
        self._query("SELECT 1 FROM articles LIMIT 1")  # a store without our tables fails here
        #: Whether words inside runs of Chinese, Japanese... can be found: a store from before
        #: schema version 4, opened read-only, has no trigram index until a writer opens it.
        self.trigrams = has_trigrams(self._conn)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ReadStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise explain(self.path, exc) from exc

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        syntax: str = "fts",
        language: str | None = None,
        credit: str | None = None,
        site: str | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
        canonical_only: bool = False,
        count: bool = False,
        marks: tuple[str, str] = ("[", "]"),
        snippet_words: int = 16,
        rank_window: int = RANK_WINDOW,
    ) -> SearchPage:
        """Ranked full-text search; see the module docstring for the options and `RANK_WINDOW`
        for ``rank_window``."""
        match = plain_query(query) if syntax == "plain" else fts_query(query)
        if not match:
            raise SearchSyntaxError("empty query: give at least one word")
        if (words := term_count(query)) > MAX_QUERY_WORDS:
            raise SearchSyntaxError(
                f"query of {words} words: at most {MAX_QUERY_WORDS} (SQLite's ranking slows "
                "with every term; search for the words that matter)"
            )
        # checked and widened to whole days: compared as text, "2019" would drop all of 2019
        low, high = date_range(
            published_from, published_to, names=("published_from", "published_to")
        )
        where, params = _filters(language, credit, site, low, high, canonical_only)
        how = plan(match, trigrams=self.trigrams)
        floor = 0
        if rank_window > 0:
            source, bound = how.source()
            sql = f"SELECT {how.rowid} {source} ORDER BY {how.rowid} DESC LIMIT 1 OFFSET ?"
            found = self._match(query, sql, (*bound, rank_window - 1))
            floor = int(found[0][0]) if found else 0
        rows = self._ranked(query, how, where, params, limit, offset, floor)
        hits = [
            Hit(
                r["id"],
                r["headline"],
                " ".join(how.snippet(r["snip"], marks, snippet_words).split()),
                -rank,
                r["published"],
                r["credit"],
                r["language"],
                r["cluster"],
                r["duplicate_of"],
            )
            for r, rank in self._details(query, how, rows, marks, snippet_words)
        ]
        total = None
        if count:
            source, bound = how.source(where, params)
            total = self._match(query, f"SELECT count(*) {source}", tuple(bound))[0][0]
        return SearchPage(query, hits, total, limit, offset, windowed=floor > 0)

    def _ranked(
        self,
        query: str,
        how: Plan,
        where: str,
        params: list,
        limit: int,
        offset: int,
        floor: int = 0,
    ) -> list[sqlite3.Row]:
        """(rowid, rank) of one page, best first. Every match from ``floor`` on is scored, so
        this is the cost that grows with the corpus; it reads the articles table only when a
        filter needs it."""
        rank, rank_params = how.rank(WEIGHTS)
        source, bound = how.source(where, params, floor)
        sql = f"SELECT {how.rowid} AS rowid, {rank} AS rank {source} ORDER BY rank LIMIT ? OFFSET ?"
        return self._match(query, sql, (*rank_params, *bound, limit, offset))

    def _details(
        self,
        query: str,
        how: Plan,
        ranked: list[sqlite3.Row],
        marks: tuple[str, str],
        snippet_words: int,
    ) -> list[tuple[sqlite3.Row, float]]:
        """Columns and snippet for the page's rows only: computing snippets inside the ranking
        query cost one snippet per match (seconds over a million articles)."""
        if not ranked:
            return []
        columns = "a.id, a.headline, a.published, a.credit, a.language, a.cluster, a.duplicate_of"
        sql, bound = how.details(columns, [r["rowid"] for r in ranked], marks, snippet_words)
        rows = self._match(query, sql, tuple(bound))
        by_rowid = {r["rowid"]: r for r in rows}
        return [(by_rowid[r["rowid"]], r["rank"]) for r in ranked if r["rowid"] in by_rowid]

    def _match(self, query: str, sql: str, params: tuple) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.OperationalError as exc:
                if _is_syntax(exc):
                    raise SearchSyntaxError(explain_syntax(query, exc)) from exc
                raise explain(self.path, exc) from exc
            except sqlite3.Error as exc:
                raise explain(self.path, exc) from exc

    def get(self, article_id: str) -> Article | None:
        rows = self._query("SELECT * FROM articles WHERE id = ?", (article_id,))
        return from_row(dict(rows[0])) if rows else None

    def raw(self, article_id: str) -> str | None:
        try:
            rows = self._query(
                "SELECT r.text FROM raw r JOIN articles a ON a.rowid = r.rowid WHERE a.id = ?",
                (article_id,),
            )
        except StoreError:  # a store from before schema version 2 has no raw table
            return None
        return rows[0][0] if rows else None

    def articles(
        self, limit: int = 50, offset: int = 0, *, canonical_only: bool = False
    ) -> list[ArticleSummary]:
        where = " WHERE duplicate_of IS NULL" if canonical_only else ""
        rows = self._query(
            f"SELECT {_SUMMARY} FROM articles{where} ORDER BY rowid LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [ArticleSummary(*tuple(r)) for r in rows]

    def cluster(self, key: str) -> ClusterView | None:
        """The cluster with id ``key``, or the cluster of the article with id ``key``."""
        row = self._query("SELECT cluster FROM articles WHERE id = ?", (key,))
        cluster_id = row[0][0] if row and row[0][0] else key
        members = self._query(
            "SELECT rowid, id, headline, source_path, url, published, words, duplicate_of, credit, "
            "source_url, source_offset, source_line FROM articles WHERE cluster = ? ORDER BY rowid",
            (cluster_id,),
        )
        if not members:
            return None
        return self._view(cluster_id, members)

    def clusters(self, limit: int = 50, offset: int = 0) -> list[ClusterView]:
        """Clusters, the largest first (ties: the first stored first)."""
        ids = self._query(
            "SELECT cluster, count(*) AS n, min(rowid) AS first FROM articles "
            "WHERE cluster IS NOT NULL GROUP BY cluster ORDER BY n DESC, first LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [v for v in (self.cluster(r[0]) for r in ids) if v is not None]

    def _view(self, cluster_id: str, members: list[sqlite3.Row]) -> ClusterView:
        ids = {m["rowid"]: m["id"] for m in members}
        refs = list(ids)
        qs = ", ".join("?" * len(refs))
        links = self._query(
            f"SELECT a, b, signal, score FROM links WHERE a IN ({qs}) ORDER BY a, b", refs
        )
        canonical_id = next(m["id"] for m in members if m["duplicate_of"] is None)
        return ClusterView(
            cluster_id,
            canonical_id,
            [
                ClusterMember(
                    m["id"],
                    m["headline"],
                    m["source_path"],
                    m["url"],
                    m["published"],
                    m["words"],
                    m["duplicate_of"] is None,
                    m["credit"],
                    m["source_url"],
                    m["source_offset"],
                    m["source_line"],
                )
                for m in members
            ],
            [
                LinkView(ids.get(r[0], str(r[0])), ids.get(r[1], str(r[1])), r[2], r[3])
                for r in links
            ],
        )

    def stats(self) -> Stats:
        one = self._query(
            "SELECT count(*), count(DISTINCT cluster), count(duplicate_of), "
            "sum(errors IS NOT NULL) FROM articles"
        )[0]
        last = self._query("SELECT * FROM runs ORDER BY id DESC LIMIT 1")
        return Stats(
            articles=one[0],
            clusters=one[1],
            duplicates=one[2],
            with_errors=one[3] or 0,
            sources=self._query("SELECT count(*) FROM sources")[0][0],
            runs=self._query("SELECT count(*) FROM runs")[0][0],
            last_run=_run(dict(last[0])) if last else None,
            languages=self._counts("language"),
            credits=self._counts("credit"),
            signals={
                r[0]: r[1]
                for r in self._query("SELECT signal, count(*) FROM links GROUP BY signal")
            },
            size_bytes=_size(self.path),
        )

    def _counts(self, column: str, top: int = 10) -> dict[str, int]:
        rows = self._query(
            f"SELECT {column}, count(*) AS n FROM articles WHERE {column} IS NOT NULL "
            f"GROUP BY {column} ORDER BY n DESC LIMIT ?",
            (top,),
        )
        return {r[0]: r[1] for r in rows}

    def iter_articles(self, *, canonical_only: bool = False, batch: int = 1000):
        """Every stored record in store order, streamed (for export)."""
        where = "AND duplicate_of IS NULL" if canonical_only else ""
        last = 0
        while True:
            rows = self._query(
                f"SELECT * FROM articles WHERE rowid > ? {where} ORDER BY rowid LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            for row in rows:
                yield from_row(dict(row))
            last = rows[-1]["rowid"]


def plain_query(text: str) -> str:
    """Any text as a valid FTS5 query: each word quoted, all words required."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words)


def _filters(
    language: str | None,
    credit: str | None,
    site: str | None,
    published_from: str | None,
    published_to: str | None,
    canonical_only: bool,
) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for column, value in (("language", language), ("credit", credit), ("site", site)):
        if value is not None:
            # credits and sites are spelled as each source spells them (Reuters, REUTERS):
            # no index serves these columns, so NOCASE costs nothing
            clauses.append(f"a.{column} = ? COLLATE NOCASE")
            params.append(value)
    if published_from:
        clauses.append("a.published >= ?")
        params.append(published_from)
    if published_to:
        clauses.append("a.published <= ?")
        params.append(published_to + "\uffff")
    if canonical_only:
        clauses.append("a.duplicate_of IS NULL")
    return "".join(" AND " + c for c in clauses), params


def _is_syntax(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return (
        "fts5" in msg
        or "syntax error" in msg
        or "unterminated" in msg
        or "no such column" in msg
        or "unknown special query" in msg  # a query that is only "*"
        or "expected integer" in msg  # NEAR(a b, x): the distance must be a number
    )


#: How to write a valid query, said after a syntax error; each interface adds its own way to
#: search for the words as typed (``--plain``, the page's checkbox, ``syntax=plain``).
SYNTAX_ADVICE = (
    "Put phrases in double quotes and write operators (AND, OR, NOT, NEAR) in capitals "
    "between words"
)


def explain_syntax(query: str, exc: Exception) -> str:
    """Why an FTS5 query failed, and how to write it instead on the command line."""
    return f"{syntax_reason(query, exc)}. {SYNTAX_ADVICE}, or search for plain words with --plain"


def syntax_reason(query: str, exc: Exception) -> str:
    """Why an FTS5 query failed, in words, for each interface to add its own remedy."""
    msg = str(exc)
    if query.count('"') % 2:
        why = "it has an unbalanced double quote"
    elif "no such column" in msg:
        why = (
            "a word followed by ':' is read as a column name (columns: headline, standfirst, text)"
        )
    elif re.search(r"(^|\s)(AND|OR|NOT|NEAR)(\s*$|\s+(AND|OR|NOT)\b)", query):
        why = "an operator (AND, OR, NOT, NEAR) is missing a word on one side"
    else:
        why = f"FTS5 says: {msg}"
    return f"cannot search for {query!r}: {why}"


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def _run(row: dict[str, Any]) -> dict[str, Any]:
    """A runs row with its JSON columns (inputs, settings) read: ``stats -f json`` printed them
    as strings of JSON inside the JSON."""
    for name in ("inputs", "settings"):
        if isinstance(row.get(name), str):
            with contextlib.suppress(ValueError):  # a store written by hand keeps its text
                row[name] = json.loads(row[name])
    return row
