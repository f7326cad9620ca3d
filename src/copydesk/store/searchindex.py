"""The two search indexes, written together so that they stay in step.

``articles_fts`` splits words with ``unicode61`` and holds every article. ``articles_trigram``
holds every three-character sequence of the articles that contain a script written without
spaces (`copydesk.store.unspaced`): there a word is a substring, and trigrams find it anywhere
in a run ("习近平" inside "国家主席习近平今天表示"). Only those articles are indexed, so a Latin
corpus pays nothing for it (trigrams take about three times the space of the word index), and
the search sends only queries that need such a script to it (`copydesk.store.searchplan`).

Both are external-content tables over ``articles``, written only here: by the writer for each
batch and by the schema migration that adds the trigram index to an older store. The trigram
index holds a subset of ``articles`` on purpose, so its FTS5 ``rebuild`` would index every
article (larger, not wrong) and its ``integrity-check`` reports the articles it leaves out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from copydesk.store.unspaced import unspaced

WORDS = "articles_fts"
TRIGRAM = "articles_trigram"

CREATE_TRIGRAM = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TRIGRAM} USING fts5("
    "headline, standfirst, text, content='articles', content_rowid='rowid', tokenize='trigram')"
)
#: Articles read per step when an older store's articles are indexed by trigrams.
BACKFILL_CHUNK = 5000

#: (rowid, headline, standfirst, text), as both indexes take them.
Row = tuple[int, str | None, str | None, str | None]


def needs_trigrams(row: Row) -> bool:
    """Whether an article belongs in the trigram index: a script without spaces in any of the
    indexed columns."""
    return any(unspaced(value) for value in row[1:])


def index_rows(conn: sqlite3.Connection, rows: Sequence[Row]) -> None:
    """Index stored articles in both indexes (inside the caller's transaction)."""
    for table, chosen in ((WORDS, rows), (TRIGRAM, [r for r in rows if needs_trigrams(r)])):
        conn.executemany(
            f"INSERT INTO {table} (rowid, headline, standfirst, text) VALUES (?, ?, ?, ?)", chosen
        )


def add_trigram_index(conn: sqlite3.Connection) -> int:
    """Schema version 4: create the trigram index and index the articles already stored that
    need it; returns how many. Runs inside the migration's transaction, so a failure leaves
    the store at version 3 with nothing half-indexed."""
    conn.execute(CREATE_TRIGRAM)
    cur = conn.execute("SELECT rowid, headline, standfirst, text FROM articles ORDER BY rowid")
    added = 0
    while rows := cur.fetchmany(BACKFILL_CHUNK):
        chosen = [r for r in rows if needs_trigrams(r)]
        conn.executemany(
            f"INSERT INTO {TRIGRAM} (rowid, headline, standfirst, text) VALUES (?, ?, ?, ?)",
            chosen,
        )
        added += len(chosen)
    return added


def has_trigrams(conn: sqlite3.Connection) -> bool:
    """Whether the store has the trigram index: a store of schema version 3 or older opened
    read-only does not (a writer adds it when it opens the store)."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(sql, (TRIGRAM,)).fetchone() is not None
