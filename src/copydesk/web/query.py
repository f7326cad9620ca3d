"""The web app's search: `ReadStore.search` plus what only a browser needs.

The CLI's search ranks and filters; a results page also filters by section and entity, shows how
many results each filter value would give (facets) and counts the results. Those queries live
here, over the same FTS5 table and BM25 weights, so the store's read API stays small.

Every user value reaches SQL as a bound parameter; only column names from `FACETS` (a constant)
are formatted into the text. Counting and facets look at a bounded number of matches
(`COUNT_CAP`, `FACET_SAMPLE`) so that a query matching half of a million-article store answers
as fast as a rare one; the page says when a number is a lower bound or a sample.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from copydesk.store.read import WEIGHTS, SearchSyntaxError, _is_syntax, explain_syntax, plain_query

#: Results per page.
PAGE_SIZE = 20
#: Matches counted at most; beyond it the page says "10,000+".
COUNT_CAP = 10_000
#: Matches (in store order) the facet counts are taken over.
FACET_SAMPLE = 5_000
#: Values shown per facet.
FACET_TOP = 8
#: Highlight marks for snippets: private-use characters no article contains, turned into
#: <mark> after escaping (see `render.highlight`).
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"

#: facet name -> SQL giving (value, articles) over a subquery ``m`` of matched rowids.
FACETS: dict[str, str] = {
    "language": "SELECT a.language, count(*) FROM m JOIN articles a ON a.rowid = m.rowid "
    "WHERE a.language IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "credit": "SELECT a.credit, count(*) FROM m JOIN articles a ON a.rowid = m.rowid "
    "WHERE a.credit IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "site": "SELECT a.site, count(*) FROM m JOIN articles a ON a.rowid = m.rowid "
    "WHERE a.site IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "section": "SELECT j.value, count(DISTINCT a.rowid) FROM m JOIN articles a "
    "ON a.rowid = m.rowid, json_each(a.section) j WHERE a.section IS NOT NULL "
    "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "entity": "SELECT json_extract(j.value, '$.canonical'), count(DISTINCT a.rowid) FROM m "
    "JOIN articles a ON a.rowid = m.rowid, json_each(a.entities) j WHERE a.entities IS NOT NULL "
    "AND json_extract(j.value, '$.canonical') IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
}


@dataclass(frozen=True, slots=True)
class Filters:
    """Everything that narrows a search, as it appears in the URL."""

    language: str | None = None
    credit: str | None = None
    site: str | None = None
    section: str | None = None
    entity: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    canonical_only: bool = False

    def active(self) -> dict[str, str]:
        names = ("language", "credit", "site", "section", "entity", "date_from", "date_to")
        out = {n: getattr(self, n) for n in names if getattr(self, n)}
        if self.canonical_only:
            out["canonical"] = "1"
        return out


@dataclass(frozen=True, slots=True)
class Result:
    id: str
    headline: str | None
    snippet: str  # with MARK_OPEN/MARK_CLOSE around matched words
    score: float  # higher is better (negated BM25); 0 when browsing without a query
    published: str | None
    credit: str | None
    site: str | None
    language: str | None
    cluster: str | None
    duplicate_of: str | None


@dataclass(slots=True)
class Results:
    query: str
    match: str  # the FTS5 expression actually run ("" when browsing)
    results: list[Result]
    total: int  # capped at COUNT_CAP + 1
    page: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    facets_sampled: bool = False

    @property
    def total_capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, COUNT_CAP) // PAGE_SIZE))


def match_expression(query: str, syntax: str) -> str:
    """The FTS5 expression for a search box: FTS syntax as typed, or every word quoted."""
    return plain_query(query) if syntax == "plain" else query.strip()


def search(
    conn: sqlite3.Connection,
    query: str,
    filters: Filters,
    *,
    page: int = 1,
    syntax: str = "fts",
    facets: bool = True,
) -> Results:
    """One page of results, the (capped) count and the facets; raises `SearchSyntaxError`."""
    match = match_expression(query, syntax) if query.strip() else ""
    if query.strip() and not match:
        raise SearchSyntaxError("the query has no words to search for")
    source, params = _matched(match, filters)
    offset = (max(1, page) - 1) * PAGE_SIZE
    rows = _run(conn, query, _page_sql(match, source), (*params, PAGE_SIZE, offset))
    results = [Result(*r) for r in rows]
    count_sql = f"SELECT count(*) FROM (SELECT 1 {source} LIMIT ?)"
    total = _run(conn, query, count_sql, (*params, COUNT_CAP + 1))[0][0]
    out = Results(query, match, results, total, max(1, page))
    if facets and total:
        out.facets = _facets(conn, query, source, params)
        out.facets_sampled = total > FACET_SAMPLE
    return out


def _matched(match: str, filters: Filters) -> tuple[str, list[Any]]:
    """The FROM/WHERE text of the matched articles (alias ``a``) and its parameters."""
    clauses, params = _filter_clauses(filters)
    if match:
        source = "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        source += "WHERE articles_fts MATCH ?"
        params.insert(0, match)
    else:
        source = "FROM articles a WHERE 1"
    return source + "".join(" AND " + c for c in clauses), params


def _filter_clauses(f: Filters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column in ("language", "credit", "site"):
        value = getattr(f, column)
        if value:
            clauses.append(f"a.{column} = ?")
            params.append(value)
    if f.section:
        clauses.append("EXISTS (SELECT 1 FROM json_each(a.section) WHERE value = ?)")
        params.append(f.section)
    if f.entity:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(a.entities) "
            "WHERE json_extract(value, '$.canonical') = ?)"
        )
        params.append(f.entity)
    if f.date_from:
        clauses.append("a.published >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("a.published <= ?")
        params.append(f.date_to + "\uffff")
    if f.canonical_only:
        clauses.append("a.duplicate_of IS NULL")
    return clauses, params


def _page_sql(match: str, source: str) -> str:
    cols = "a.id, a.headline, {snip}, {score}, a.published, a.credit, a.site, a.language, "
    cols += "a.cluster, a.duplicate_of"
    if match:
        w = ", ".join(str(x) for x in WEIGHTS)
        snip = f"snippet(articles_fts, 2, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 28)"
        select = cols.format(snip=snip, score=f"-bm25(articles_fts, {w})")
        return f"SELECT {select} {source} ORDER BY bm25(articles_fts, {w}) LIMIT ? OFFSET ?"
    select = cols.format(snip="substr(a.text, 1, 220)", score="0.0")
    return f"SELECT {select} {source} ORDER BY a.rowid DESC LIMIT ? OFFSET ?"


def _facets(
    conn: sqlite3.Connection, query: str, source: str, params: list[Any]
) -> dict[str, list[tuple[str, int]]]:
    out: dict[str, list[tuple[str, int]]] = {}
    for name, sql in FACETS.items():
        full = f"WITH m AS (SELECT a.rowid AS rowid {source} LIMIT ?) {sql}"
        rows = _run(conn, query, full, (*params, FACET_SAMPLE, FACET_TOP))
        if rows:
            out[name] = [(str(v), int(n)) for v, n in rows]
    return out


def _run(conn: sqlite3.Connection, query: str, sql: str, params: tuple) -> list[tuple]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if _is_syntax(exc):
            raise SearchSyntaxError(explain_syntax(query, exc)) from exc
        raise
