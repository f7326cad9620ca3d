"""The corpus store: SQLite (WAL) with an FTS5 index, the dedup index and clusters.

- `schema`: tables, the schema version and migrations; `StoreError` for every failure a user
  can cause (corrupt, locked, newer schema, full disk).
- `write`: `StoreWriter`, one transaction per batch (records, search index, dedup keys, links,
  clusters), resumable and idempotent.
- `read`: `ReadStore`, the read API (search, get, cluster, clusters, articles, stats); its
  docstring is the reference for the web app.
"""

from copydesk.store.read import (
    ArticleSummary,
    ClusterMember,
    ClusterView,
    Hit,
    LinkView,
    ReadStore,
    SearchPage,
    SearchSyntaxError,
    Stats,
    plain_query,
)
from copydesk.store.schema import SCHEMA_VERSION, StoreError
from copydesk.store.write import BatchResult, StoreWriter

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSummary",
    "BatchResult",
    "ClusterMember",
    "ClusterView",
    "Hit",
    "LinkView",
    "ReadStore",
    "SearchPage",
    "SearchSyntaxError",
    "Stats",
    "StoreError",
    "StoreWriter",
    "plain_query",
]
