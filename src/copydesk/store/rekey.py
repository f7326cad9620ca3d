"""Recomputing a store's band keys when the key version changes (schema migration 2)."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from typing import Any

import numpy as np

from copydesk.corpus.dedup import minhash_batch, permutations
from copydesk.corpus.lsh import band_keys
from copydesk.corpus.settings import DedupSettings
from copydesk.corpus.textkeys import normalise

#: Texts re-fingerprinted per block of keys written.
CHUNK = 5000


def rekey_bands(conn: sqlite3.Connection, shape: dict[str, Any]) -> dict[str, Any]:
    """Replace the band blocks with keys of the current version; returns the new index shape.

    Runs inside the caller's transaction: a failure leaves the store at the old version."""
    known = {f.name for f in fields(DedupSettings)}
    settings = DedupSettings(**{k: v for k, v in shape.items() if k in known and k != "keys"})
    perms = permutations(settings)
    conn.execute("DELETE FROM index_blocks WHERE kind = 'band'")
    cur = conn.execute("SELECT rowid, text FROM articles ORDER BY rowid")
    while rows := cur.fetchmany(CHUNK):
        refs = np.array([r[0] for r in rows], dtype=np.int64)
        sigs = minhash_batch([normalise(r[1] or "") for r in rows], settings, perms)
        keys = band_keys(sigs, settings.bands, settings.rows)
        owners = np.repeat(refs, settings.bands)
        flat = keys.reshape(-1)
        keep = flat != 0
        conn.execute(
            "INSERT INTO index_blocks (kind, keys, refs) VALUES ('band', ?, ?)",
            (flat[keep].tobytes(), owners[keep].tobytes()),
        )
    return settings.index_shape()
