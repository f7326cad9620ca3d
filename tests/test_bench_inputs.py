"""The benchmarks find the inputs they read from the repository (``make bench`` runs them all;
a moved fixture once broke one of them, with nothing in the suite to notice)."""

from __future__ import annotations

from benchmarks import bench_enrich


def test_enrich_bench_reads_the_seed_record() -> None:
    records = bench_enrich.seed_records(2)
    assert len(records) == 2
    assert records[0].headline and records[0].body
