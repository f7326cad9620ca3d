"""Records as Parquet, the columns `copydesk export` writes: one writer for the export, a
local `parse -o x.parquet` and a Ray shard, so the three files are read the same way."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from copydesk.record import Article

#: Records written per row group: bounded memory for a stream of any length.
BATCH = 1000


def write_parquet(
    records: Iterable[Article], path: str | Path, filesystem: Any = None, batch: int = BATCH
) -> int:
    """Write ``records`` to ``path`` (on a pyarrow ``filesystem`` when given); the count. A
    stream with no records still gives a file with the schema, which readers open."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from copydesk.store.export import _flat, parquet_schema

    schema = parquet_schema()
    count = 0
    where = str(path) if filesystem is not None else path
    with pq.ParquetWriter(where, schema, compression="zstd", filesystem=filesystem) as writer:
        rows: list[dict[str, Any]] = []
        try:
            for rec in records:
                rows.append(_flat(rec))
                if len(rows) >= batch:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    count += len(rows)
                    rows = []
        finally:
            # also when the records stop with an error or Ctrl-C: the rows read so far are
            # written before the writer closes the file, so the partial output a parse keeps
            # holds them (it held none, its rows still in this buffer)
            if rows or count == 0:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
    return count
