"""The extraction eval runs end to end on a few dev pages and copydesk scores sensibly."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks import eval_extraction


@pytest.mark.slow
def test_eval_runs_on_dev_pages(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "eval.json"
    results = eval_extraction.main(
        [
            "--data",
            str(data_dir),
            "--limit",
            "6",
            "--systems",
            "copydesk,trafilatura",
            "--out",
            str(out),
        ]
    )
    assert out.is_file()
    for half in ("zyte", "fundus"):
        assert results[half]["copydesk"]["docs"] == 6
        assert results[half]["copydesk"]["f1"] > 0.8
    assert results["fundus"]["copydesk"]["headline"] is not None
