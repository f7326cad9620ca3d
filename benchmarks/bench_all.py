"""``make bench``: every speed benchmark, each against its peer in the same run."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.runner import run_all

BENCHES = [
    "bench_text",
    "bench_extraction",
    "bench_dedup",
    "bench_enrich",
    "bench_ray",
    "bench_web",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    raise SystemExit(1 if run_all(BENCHES, args.data) else 0)


if __name__ == "__main__":
    main()
