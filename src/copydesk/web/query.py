"""The web app's search: `ReadStore.search` plus what only a browser needs.

The CLI's search ranks and filters; a results page also filters by section and entity, shows how
many results each filter value would give (facets) and counts the results. Those queries live
here, over the same FTS5 table and BM25 weights, so the store's read API stays small.

Every user value reaches SQL as a bound parameter; only constant SQL fragments are formatted
into the text. Counting and facets look at a bounded number of matches
(`COUNT_CAP`, `FACET_SAMPLE`) and ranking the most recent `RANK_WINDOW` matches, so that a query
matching half of a million-article store answers about as fast as a rare one; the page says when
a number is a lower bound, a sample, or the ranking was windowed.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from copydesk.store.ftsquery import fts_query
from copydesk.store.read import (
    RANK_WINDOW,
    SearchSyntaxError,
    _is_syntax,
    plain_query,
    syntax_reason,
)
from copydesk.store.searchindex import has_trigrams
from copydesk.store.searchplan import Plan, plan

#: Results per page.
PAGE_SIZE = 20
#: Matches counted at most; beyond it the page says "10,000+".
COUNT_CAP = 10_000
#: Matches the facet counts are taken over: the most recent ones, or with a filter the first
#: in store order (the filter is applied while the match list is read).
FACET_SAMPLE = 1_000
#: Values shown per facet.
FACET_TOP = 8
#: Highlight marks for snippets: private-use characters no article contains, turned into
#: <mark> after escaping (see `render.highlight`).
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"

#: All facets in one pass over a sample ``m`` of the matches (materialised once): the top
#: values of each, with the number of sampled articles that have them.
FACET_SQL = """
WITH m AS MATERIALIZED (SELECT a.rowid AS rid, a.language, a.credit, a.site, a.section,
  a.entities {source} LIMIT ?),
f AS (
  SELECT 'language' AS facet, language AS value, count(*) AS n FROM m GROUP BY 2
  UNION ALL SELECT 'credit', credit, count(*) FROM m GROUP BY 2
  UNION ALL SELECT 'site', site, count(*) FROM m GROUP BY 2
  UNION ALL SELECT 'section', j.value, count(DISTINCT rid) FROM m, json_each(m.section) j
    WHERE m.section IS NOT NULL GROUP BY 2
  UNION ALL SELECT 'entity', json_extract(j.value, '$.canonical'), count(DISTINCT rid)
    FROM m, json_each(m.entities) j WHERE m.entities IS NOT NULL GROUP BY 2
)
SELECT facet, value, n FROM (
  SELECT facet, value, n, row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) AS r
  FROM f WHERE value IS NOT NULL
) WHERE r <= ? ORDER BY facet, r
"""
#: The order facets are shown in.
FACET_ORDER = ("language", "credit", "site", "section", "entity")


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
    windowed: bool = False  # more than RANK_WINDOW matches: ranked among the most recent

    @property
    def total_capped(self) -> bool:
        """True when ``total`` is a lower bound."""
        return self.total > COUNT_CAP or self.windowed

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, COUNT_CAP) // PAGE_SIZE))


def match_expression(query: str, syntax: str) -> str:
    """The FTS5 expression for a search box: FTS syntax as typed, or every word quoted."""
    return plain_query(query) if syntax == "plain" else fts_query(query)


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
    how = plan(match, trigrams=has_trigrams(conn)) if match else None
    recent = _recent_matches(conn, query, how) if how else []
    floor = recent[-1] if len(recent) >= RANK_WINDOW else 0
    source, params = _matched(how, filters, floor)
    offset = (max(1, page) - 1) * PAGE_SIZE
    results = _page(conn, query, how, filters, floor, offset)
    # Unfiltered, the recent matches already answer the count and the facet sample: each
    # extra pass over the match list cost as much as the ranking for a phrase of common words
    known = bool(match) and not filters.active() and (not floor or RANK_WINDOW >= COUNT_CAP)
    if known:
        total = min(COUNT_CAP + 1, len(recent) + (1 if floor else 0))
    else:
        counted, counted_params = _matched(how, filters, floor, join=bool(filters.active()))
        count_sql = f"SELECT count(*) FROM (SELECT 1 {counted} LIMIT ?)"
        total = _run(conn, query, count_sql, (*counted_params, COUNT_CAP + 1))[0][0]
    out = Results(query, match, results, total, max(1, page), windowed=floor > 0)
    if facets and total:
        if known:
            sample = json.dumps(recent[:FACET_SAMPLE])
            out.facets = _facets(conn, query, _ROWIDS_SOURCE, [sample])
        else:
            out.facets = _facets(conn, query, source, params)
        out.facets_sampled = total > FACET_SAMPLE or floor > 0
    return out


#: The matched articles given as a JSON list of rowids (one bound parameter).
_ROWIDS_SOURCE = "FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?))"


def _recent_matches(conn: sqlite3.Connection, query: str, how: Plan) -> list[int]:
    """Rowids of the `RANK_WINDOW` most recent matches, newest first (all when fewer): the last
    one is the window's floor (see `copydesk.store.read.RANK_WINDOW`)."""
    source, params = how.source()
    sql = f"SELECT {how.rowid} {source} ORDER BY {how.rowid} DESC LIMIT ?"
    return [int(r[0]) for r in _run(conn, query, sql, (*params, RANK_WINDOW))]


def _matched(
    how: Plan | None, filters: Filters, floor: int = 0, *, join: bool = True
) -> tuple[str, list[Any]]:
    """The FROM/WHERE text of the matched articles (alias ``a``, joined unless ``join`` is
    false and nothing needs it) and its parameters."""
    clauses, params = _filter_clauses(filters)
    where = "".join(" AND " + c for c in clauses)
    if how is None:
        return "FROM articles a WHERE 1" + where, params
    return how.source(where, params, floor, join=join)


def _filter_clauses(f: Filters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column in ("language", "credit", "site"):
        value = getattr(f, column)
        if value:
            # credits and sites are spelled as each source spells them (Reuters, REUTERS):
            # no index serves these columns, so NOCASE costs nothing
            clauses.append(f"a.{column} = ? COLLATE NOCASE")
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


_COLUMNS = "a.id, a.headline, a.published, a.credit, a.site, a.language, a.cluster, a.duplicate_of"
#: Words in a snippet (FTS5 tokens; a trigram snippet three characters a word).
SNIPPET_WORDS = 28


def _page(
    conn: sqlite3.Connection,
    query: str,
    how: Plan | None,
    filters: Filters,
    floor: int,
    offset: int,
) -> list[Result]:
    """One page of results in two steps: rank (over the FTS index alone when nothing filters
    on article columns, which is several times faster), then fetch columns and snippets for
    the page's rows only."""
    if how is None:
        source, params = _matched(None, filters)
        sql = f"SELECT {_COLUMNS}, substr(a.text, 1, 220) {source} ORDER BY a.rowid DESC "
        rows = _run(conn, query, sql + "LIMIT ? OFFSET ?", (*params, PAGE_SIZE, offset))
        return [_result(r[:-1], r[-1], 0.0) for r in rows]
    rank, rank_params = how.rank()
    source, params = _matched(how, filters, floor, join=False)
    rank_sql = f"SELECT {how.rowid}, {rank} {source} ORDER BY 2 LIMIT ? OFFSET ?"
    ranked = _run(conn, query, rank_sql, (*rank_params, *params, PAGE_SIZE, offset))
    if not ranked:
        return []
    # BM25 is not recomputed here: FTS5 scans a term's whole match list for its document
    # frequency once per rowid looked up, which made this step cost 200 ms for a common word
    marks = (MARK_OPEN, MARK_CLOSE)
    sql, bound = how.details(_COLUMNS, [r[0] for r in ranked], marks, SNIPPET_WORDS)
    found = {r[0]: r[1:] for r in _run(conn, query, sql, tuple(bound))}
    out = []
    for rowid, bm25 in ranked:
        if rowid in found:
            row = found[rowid]
            out.append(_result(row[:-1], how.snippet(row[-1], marks, SNIPPET_WORDS), -bm25))
    return out


def _result(columns: tuple, snippet: str, score: float) -> Result:
    """A `Result` from the `_COLUMNS` of a row."""
    art_id, headline, published, credit, site, language, cluster, duplicate_of = columns
    return Result(
        art_id, headline, snippet, score, published, credit, site, language, cluster, duplicate_of
    )


def _facets(
    conn: sqlite3.Connection, query: str, source: str, params: list[Any]
) -> dict[str, list[tuple[str, int]]]:
    rows = _run(conn, query, FACET_SQL.format(source=source), (*params, FACET_SAMPLE, FACET_TOP))
    found: dict[str, list[tuple[str, int]]] = {}
    for facet, value, n in rows:
        found.setdefault(facet, []).append((str(value), int(n)))
    return {name: found[name] for name in FACET_ORDER if name in found}


def _run(conn: sqlite3.Connection, query: str, sql: str, params: tuple) -> list[tuple]:
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if _is_syntax(exc):
            # the reason alone: the command line's advice (its --plain) means nothing in a
            # browser or to an API caller, which add their own (`SYNTAX_ADVICE`)
            raise SearchSyntaxError(syntax_reason(query, exc)) from exc
        raise
