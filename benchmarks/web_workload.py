"""A web load-test workload drawn from any store: queries by document frequency, real ids.

`bench_web` builds a synthetic store whose vocabulary it knows; this module reads an existing
one instead (for example the 1M-document store `bench_dedup --scale 1000000` ingests), so the
same load test runs on a real corpus without building a second million-article store.

- words come from the FTS index's own vocabulary (an ``fts5vocab`` table in the connection's
  temp schema: the store stays read-only), banded by the share of articles that hold them:
  rare (5 to 50 articles), medium (0.1% to 1%), common (over 10%, the hardest case for BM25);
  two words (1-10% and 0.1-1%); a phrase of two adjacent words from a stored article;
- article and cluster pages for random stored ids;
- a filter on the column with the most values set (site, credit or language), its most
  frequent value: a filter that keeps most matches is the costly kind.
"""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

#: Rare words: held by this many articles (a count, whatever the store's size).
RARE_DOCS = (5, 50)
#: Other bands: held by this share of the articles.
SHARES = {"medium": (0.001, 0.01), "common": (0.10, 1.0), "pair_a": (0.01, 0.10)}


@dataclass
class Workload:
    queries: list[tuple[str, str]]  # (kind, query)
    articles: list[str]
    clusters: list[str]
    filter: tuple[str, str] | None  # (URL parameter, value)


def from_store(db: Path, rng: random.Random, n: int = 40) -> Workload:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        total = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
        bands = _vocabulary(conn, total)
        queries: list[tuple[str, str]] = []
        for _ in range(n):
            queries.append(("rare", rng.choice(bands["rare"])))
            queries.append(("medium", rng.choice(bands["medium"])))
            queries.append(("common", rng.choice(bands["common"])))
            pair = f"{rng.choice(bands['pair_a'])} {rng.choice(bands['medium'])}"
            queries.append(("two words", pair))
            queries.append(("phrase", _phrase(conn, rng, total)))
        articles = [_id_at(conn, rng.randrange(1, total + 1)) for _ in range(n * 5)]
        clusters = [
            r[0]
            for r in conn.execute(
                "SELECT cluster FROM articles WHERE cluster IS NOT NULL AND rowid >= ? LIMIT 200",
                (rng.randrange(1, max(2, total // 2)),),
            )
        ]
        return Workload(queries, [a for a in articles if a], clusters, _filter(conn))
    finally:
        conn.close()


def _vocabulary(conn: sqlite3.Connection, total: int) -> dict[str, list[str]]:
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'articles_fts', 'row')")
    out: dict[str, list[str]] = {"rare": [], **{name: [] for name in SHARES}}
    for term, docs in conn.execute("SELECT term, doc FROM temp.vocab"):
        if not term.isalpha():
            continue
        if RARE_DOCS[0] <= docs <= RARE_DOCS[1]:
            out["rare"].append(term)
        for name, (lo, hi) in SHARES.items():
            if lo * total <= docs <= hi * total:
                out[name].append(term)
    empty = [name for name, terms in out.items() if not terms]
    if empty:
        raise SystemExit(f"{total} articles are too few for the bands {empty}")
    return out


def _phrase(conn: sqlite3.Connection, rng: random.Random, total: int) -> str:
    for _ in range(20):
        row = conn.execute(
            "SELECT text FROM articles WHERE rowid = ?", (rng.randrange(1, total + 1),)
        ).fetchone()
        words = re.findall(r"[^\W\d_]{3,}", row[0] if row and row[0] else "")
        if len(words) > 2:
            k = rng.randrange(len(words) - 1)
            return f'"{words[k]} {words[k + 1]}"'
    return '"the government"'


def _id_at(conn: sqlite3.Connection, rowid: int) -> str | None:
    row = conn.execute("SELECT id FROM articles WHERE rowid >= ? LIMIT 1", (rowid,)).fetchone()
    return row[0] if row else None


def _filter(conn: sqlite3.Connection) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    for column in ("site", "credit", "language"):
        row = conn.execute(
            f"SELECT {column}, count(*) AS n FROM (SELECT {column} FROM articles LIMIT 100000) "
            f"WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 1"
        ).fetchone()
        if row and (best is None or row[1] > best[0]):
            best = (row[1], column, row[0])
    return (best[1], best[2]) if best else None
