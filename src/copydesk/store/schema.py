"""The store's schema, its version (``PRAGMA user_version``) and the migrations between versions.

Opening a store checks it is SQLite, is not from a newer copydesk, and brings an older one up to
date in one transaction. Every SQLite failure that a user can cause (a corrupt or locked file, a
full disk, a read-only directory) becomes a `StoreError` that says what to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from copydesk.errors import CopydeskError

SCHEMA_VERSION = 5

#: Bytes of the store mapped into memory (address space, not RAM: pages load on demand).
MMAP_BYTES = 1 << 30
#: WAL pages (4 KB) between automatic checkpoints for writers.
WAL_CHECKPOINT_PAGES = 16384
#: Seconds a writer waits for another writer's lock before giving up with a clear message.
BUSY_TIMEOUT_S = 10.0


class StoreError(CopydeskError):
    """The store cannot be opened or written; the message names the file and the remedy."""


_V1 = """
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_path TEXT, source_url TEXT, source_format TEXT, source_offset INTEGER,
    source_line INTEGER, source_fetched TEXT,
    url TEXT, language TEXT, section TEXT, headline TEXT, standfirst TEXT, byline TEXT,
    credit TEXT, dateline TEXT, published TEXT,
    text TEXT NOT NULL DEFAULT '',
    body_json TEXT,
    removed TEXT, repairs TEXT, entities TEXT, quotes TEXT, dates TEXT,
    duplicate_of TEXT, cluster TEXT, errors TEXT, site TEXT, tags TEXT, meta TEXT,
    words INTEGER NOT NULL DEFAULT 0,
    exact_hash INTEGER,
    run INTEGER
);
CREATE INDEX articles_exact ON articles(exact_hash) WHERE exact_hash IS NOT NULL;
CREATE INDEX articles_cluster ON articles(cluster) WHERE cluster IS NOT NULL;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, standfirst, text,
    content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE links (
    a INTEGER NOT NULL, b INTEGER NOT NULL, signal TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX links_b ON links(b);
CREATE TABLE index_blocks (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, keys BLOB NOT NULL, refs BLOB NOT NULL
);
CREATE TABLE sources (
    path TEXT PRIMARY KEY, format TEXT, articles INTEGER NOT NULL DEFAULT 0,
    first_run INTEGER, last_run INTEGER
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, command TEXT,
    inputs TEXT, settings TEXT, stored INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0, duplicates INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL DEFAULT 'running'
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

#: Version 2: the raw input of each stored article (capped), for the web app's "what changed"
#: view; a table of its own so that search and dedup never read it.
_V2 = """
CREATE TABLE IF NOT EXISTS raw (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)
"""

#: version -> the script that brings a store from version - 1 to it. Append, never edit.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: lambda conn: _run_script(conn, _V1),
    2: lambda conn: _run_script(conn, _V2),
    3: lambda conn: _rekey(conn),
    4: lambda conn: _add_trigram_index(conn),
    5: lambda conn: _count_paragraphs(conn),
}


def _count_paragraphs(conn: sqlite3.Connection) -> None:
    """Version 5: how many documents hold each paragraph (`copydesk.store.paragraphs`), counted
    from the stored texts, for the boilerplate check."""
    from copydesk.store.paragraphs import recount

    recount(conn)


def _rekey(conn: sqlite3.Connection) -> None:
    """Version 2: band keys from the vectorised token hash (`DedupSettings.keys` 2). The stored
    texts are re-fingerprinted and the band blocks replaced; sentence keys did not change."""
    import json

    from copydesk.store.rekey import rekey_bands

    row = conn.execute("SELECT value FROM settings WHERE key = 'index_shape'").fetchone()
    if row is None:  # an empty store: the writer pins the current settings
        return
    shape = json.loads(row[0])
    if shape.get("keys", 1) == 1:
        shape = rekey_bands(conn, shape)
        conn.execute(
            "UPDATE settings SET value = ? WHERE key = 'index_shape'",
            (json.dumps(shape, sort_keys=True),),
        )


def _add_trigram_index(conn: sqlite3.Connection) -> None:
    """Version 4: the trigram index that finds words inside runs of Chinese, Japanese, Thai...
    (`copydesk.store.searchindex`), filled with the articles already stored that need it."""
    from copydesk.store.searchindex import add_trigram_index

    add_trigram_index(conn)


def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Statement by statement: ``executescript`` would commit the migration's transaction."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def connect(
    path: str | Path, *, readonly: bool = False, timeout: float = BUSY_TIMEOUT_S
) -> sqlite3.Connection:
    """Open (and for writers create or migrate) the store at ``path``."""
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError(
            f"{path}: no such store (create it with `copydesk ingest PATH --db {path}`)"
        )
    if path.is_dir():  # SQLite says only "disk I/O error"
        raise StoreError(f"{path}: is a folder; --db names the store's file (e.g. corpus.db)")
    try:
        if readonly:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=timeout,
                check_same_thread=False,
                isolation_level=None,
            )
        else:
            conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _check_version(path, version)
        if not readonly:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # bulk loads: checkpoint every 64 MB of WAL, not 4 MB (fewer syncs, same data)
            conn.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
            conn.execute("PRAGMA temp_store=MEMORY")
            _migrate(conn, version)
        conn.execute("PRAGMA cache_size=-65536")
        if readonly:  # searches read without copying into the cache; the writer gains nothing
            conn.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
        return conn
    except sqlite3.Error as exc:
        raise explain(path, exc) from exc


def _check_version(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: the store has schema version {version}, newer than this copydesk "
            f"understands ({SCHEMA_VERSION}); upgrade copydesk (pull its checkout and reinstall it)"
        )


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # read again under the lock: another writer may have migrated the store meanwhile, and
        # a migration run twice indexes every article twice (`searchindex.add_trigram_index`)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[target](conn)
        if version < SCHEMA_VERSION:  # never lower a newer copydesk's version
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def explain(path: str | Path, exc: sqlite3.Error) -> StoreError:
    """A SQLite error in words a user can act on."""
    msg = str(exc).lower()
    if "not a database" in msg or "malformed" in msg or "file is encrypted" in msg:
        hint = "the file is corrupt or not a copydesk store; move it aside and ingest again"
    elif "locked" in msg or "busy" in msg:
        hint = "another process is writing to it; wait for it to finish, or use another --db"
    elif "disk is full" in msg or "full" in msg:
        hint = (
            "the disk is full; free space and run the same command again (nothing was half-written)"
        )
    elif "readonly" in msg or "read-only" in msg or "unable to open" in msg:
        hint = "cannot write there; check the path and its permissions"
    elif "no such table" in msg:  # an empty file, or another program's database
        hint = "not a copydesk store; create one with `copydesk ingest PATH --db FILE`"
    else:
        hint = "SQLite error"
    return StoreError(f"{path}: {exc} ({hint})")
