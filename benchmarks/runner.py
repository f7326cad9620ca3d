"""Run several benchmark modules in turn, each in its own process (one import state each)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path


def run_all(modules: list[str], data: Path, extra: dict[str, list[str]] | None = None) -> int:
    """Run ``python -m benchmarks.NAME --data DATA`` for each module; return how many failed."""
    failed = 0
    for name in modules:
        module = f"benchmarks.{name}"
        if importlib.util.find_spec(module) is None:
            print(f"\n### {module}: not present, skipped")
            continue
        args = [sys.executable, "-m", module, "--data", str(data), *(extra or {}).get(name, [])]
        print(f"\n### {' '.join(args[2:])}", flush=True)
        started = time.perf_counter()
        code = subprocess.call(args)
        print(f"### {module}: exit {code} in {time.perf_counter() - started:.0f} s", flush=True)
        failed += code != 0
    return failed
