"""Parquet output: the rows read before an interruption are in the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from copydesk.record import Article, Source
from copydesk.writers.parquet import write_parquet


def _records(n: int, then: BaseException | None = None) -> Iterator[Article]:
    for i in range(n):
        yield Article(id=f"r{i}", source=Source(path=f"in{i}.txt"), body=[f"Paragraph {i}."])
    if then is not None:
        raise then


def test_rows_before_ctrl_c_are_written_and_readable(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "part.parquet"
    with pytest.raises(KeyboardInterrupt):
        write_parquet(_records(3, KeyboardInterrupt()), out, batch=100)
    assert pq.read_table(out).column("id").to_pylist() == ["r0", "r1", "r2"]


def test_batches_and_an_empty_stream(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert write_parquet(_records(7), tmp_path / "a.parquet", batch=3) == 7
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 7
    assert write_parquet(_records(0), tmp_path / "b.parquet") == 0
    assert "headline" in pq.read_table(tmp_path / "b.parquet").column_names


def test_a_parquet_row_reads_back_as_the_jsonl_record(tmp_path: Path) -> None:
    # nested fields are JSON text columns; empty ones were null, so JSONL and Parquet differed
    import json

    import pyarrow.parquet as pq

    import copydesk
    from copydesk.store.export import _JSON_TEXT

    seed = Path(__file__).resolve().parents[1] / "examples" / "seed-article.txt"
    record = copydesk.parse(seed.read_text(encoding="utf-8"))
    plain = Article(id="bare", source=Source(path="x.txt"), body=["One."])
    write_parquet([record, plain], tmp_path / "r.parquet")
    rows = pq.read_table(tmp_path / "r.parquet").to_pylist()
    for row, want in zip(rows, (record.to_dict(), plain.to_dict()), strict=True):
        for key in _JSON_TEXT:
            got = row[key] if row[key] is None else json.loads(row[key])
            assert got == want[key], key
        assert {k: row[k] for k in ("id", "headline", "body")} == {
            k: want[k] for k in ("id", "headline", "body")
        }
    assert rows[1]["entities"] == "[]" and rows[1]["dateline"] is None
