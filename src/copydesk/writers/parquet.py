"""Records as one Parquet file: the columns `copydesk export` writes, for analysis tools."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from copydesk.record import Article

#: Records written per row group: bounded memory for a stream of any length.
BATCH = 1000


def write_parquet(records: Iterable[Article], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from copydesk.store.export import _flat, parquet_schema

    schema = parquet_schema()
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        rows: list[dict] = []
        for rec in records:
            rows.append(_flat(rec))
            if len(rows) >= BATCH:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
