"""The corpus page's numbers beyond `ReadStore.stats()`: sites, articles per day, ingest runs."""

from __future__ import annotations

import sqlite3
from typing import Any

#: Days shown on the per-day chart (the most recent ones).
DAYS_SHOWN = 120


def sites(conn: sqlite3.Connection, top: int = 12) -> dict[str, int]:
    rows = conn.execute(
        "SELECT site, count(*) AS n FROM articles WHERE site IS NOT NULL "
        "GROUP BY site ORDER BY n DESC, site LIMIT ?",
        (top,),
    )
    return {r[0]: r[1] for r in rows}


def per_day(conn: sqlite3.Connection, days: int = DAYS_SHOWN) -> dict[str, int]:
    """Articles per publication day, the last ``days`` days that have any."""
    rows = conn.execute(
        "SELECT substr(published, 1, 10) AS day, count(*) FROM articles "
        "WHERE published IS NOT NULL GROUP BY day ORDER BY day DESC LIMIT ?",
        (days,),
    ).fetchall()
    return dict(reversed([(str(d), int(n)) for d, n in rows]))


def runs(conn: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, started, finished, command, stored, skipped, duplicates, errors, status "
        "FROM runs ORDER BY id DESC LIMIT ?",
        (limit,),
    )
    names = ("id", "started", "finished", "command", "stored", "skipped", "duplicates")
    return [dict(zip((*names, "errors", "status"), r, strict=True)) for r in rows]
