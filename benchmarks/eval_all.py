"""``make eval``: every quality evaluation on the dev sets, peers measured in the same runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.runner import run_all

EVALS = [
    "eval_text",
    "eval_fullpage",
    "eval_extraction",
    "headline_ceiling",
    "eval_dedup",
    "eval_quotes",
    "eval_entities",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()
    if not args.data.is_dir():
        raise SystemExit(
            f"{args.data}: the dev sets are not there (pass --data or make eval DATA=...)"
        )
    raise SystemExit(1 if run_all(EVALS, args.data) else 0)


if __name__ == "__main__":
    main()
