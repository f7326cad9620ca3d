"""The store's paragraph counts: how many documents hold each paragraph (by hash), so that the
boilerplate check of every later ingest knows a site's furniture (`copydesk.corpus.boilerplate`).

Documents with the same normalised text count once: a page stored twice is one document.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence

from copydesk.corpus.boilerplate import distinct_texts, paragraph_hashes
from copydesk.store.sqlin import chunks, placeholders

#: One row per distinct paragraph: a few bytes each, beside the articles' own text.
TABLE = (
    "CREATE TABLE IF NOT EXISTS paragraphs "
    "(hash INTEGER PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID"
)
_ADD = (
    "INSERT INTO paragraphs (hash, docs) VALUES (?, ?) "
    "ON CONFLICT(hash) DO UPDATE SET docs = docs + excluded.docs"
)


def count(conn: sqlite3.Connection, raws: Sequence[str], exact: Sequence[int]) -> None:
    """Add texts ``raws`` (with their exact hashes) to the counts, inside the caller's
    transaction; a text whose exact hash is already stored, or earlier in ``raws``, is not
    counted again."""
    stored = _stored_exact(conn, [h for h in exact if h])
    counts: Counter[int] = Counter()
    for raw, new in zip(raws, distinct_texts(exact, stored), strict=True):
        if new:
            counts.update(paragraph_hashes(raw))
    conn.executemany(_ADD, counts.items())


def common(conn: sqlite3.Connection, hashes: Sequence[int], min_docs: int) -> set[int]:
    """Those of ``hashes`` held by at least ``min_docs`` documents."""
    out: set[int] = set()
    for chunk in chunks(sorted(set(hashes))):
        sql = f"SELECT hash FROM paragraphs WHERE hash IN ({placeholders(chunk)}) AND docs >= ?"
        out.update(r[0] for r in conn.execute(sql, [*chunk, min_docs]))
    return out


def recount(conn: sqlite3.Connection) -> None:
    """Build the counts from the stored articles (schema version 5; run again, it gives the
    same counts)."""
    conn.execute(TABLE)
    conn.execute("DELETE FROM paragraphs")
    rows = conn.execute("SELECT text, exact_hash FROM articles ORDER BY rowid").fetchall()
    counts: Counter[int] = Counter()
    for (text, _), new in zip(rows, distinct_texts((h for _, h in rows), set()), strict=True):
        if new:
            counts.update(paragraph_hashes(text))
    conn.executemany(_ADD, counts.items())


def _stored_exact(conn: sqlite3.Connection, hashes: list[int]) -> set[int]:
    out: set[int] = set()
    for chunk in chunks(sorted(set(hashes))):
        qs = placeholders(chunk)
        sql = f"SELECT DISTINCT exact_hash FROM articles WHERE exact_hash IN ({qs})"
        out.update(r[0] for r in conn.execute(sql, chunk))
    return out
