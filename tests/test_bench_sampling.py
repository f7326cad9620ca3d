"""The extraction benchmark's process sampler counts every record a run writes."""

from __future__ import annotations

import os
import sys

from benchmarks import bench_extraction

#: More output than a pipe holds (64 KB), in lines of a few hundred bytes like JSON records.
LINES = 2000
WRITER = f"import sys\nfor i in range({LINES}):\n    sys.stdout.write('x' * 300 + '\\n')\n"


def test_sample_counts_every_line_of_a_finished_run() -> None:
    out = bench_extraction._sample([sys.executable, "-c", WRITER], 60, dict(os.environ))
    assert out["finished"]
    assert out["records"] == LINES


def test_rate_counts_lines_without_sampling_memory() -> None:
    cmd = [sys.executable, "-c", WRITER + "import time\ntime.sleep(30)\n"]
    out = bench_extraction._rate(cmd, 3, dict(os.environ))
    assert out["records_per_s"] > 0
    assert 2.9 <= out["seconds"] < 30  # stopped at its limit, not at the writer's exit
