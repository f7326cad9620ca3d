"""Ctrl-C ends a command even when stopping its workers hangs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_STUCK = """
import os, signal, time
from multiprocessing.pool import Pool

from copydesk.cli import interrupts
from copydesk.document import Document
from copydesk.executors import local
from copydesk.record import Source

interrupts.install(grace=1.0)
Pool.terminate = lambda self: time.sleep(3600)  # the hang an interrupted run met, on demand
docs = [Document(b"x", Source(path=f"d{n}.txt"), "text") for n in range(64)]
try:
    for n, out in enumerate(local.map_parallel(docs, list, jobs=2, chunksize=2)):
        if n == 3:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, delivered here
            time.sleep(5)
except KeyboardInterrupt:
    print("interrupted", flush=True)
    time.sleep(3600)  # cleanup that never ends
"""

_FINISHED = """
import time

from copydesk.cli import interrupts
from copydesk.document import Document
from copydesk.executors import local
from copydesk.record import Source

interrupts.install(grace=0.5)
docs = [Document(b"x", Source(path=f"d{n}.txt"), "text") for n in range(64)]
assert len(list(local.map_parallel(docs, list, jobs=2, chunksize=2))) == 64
time.sleep(1.5)  # no Ctrl-C, no timer: the process is not cut short
print("done", flush=True)
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_command_that_cannot_stop_after_ctrl_c_exits_anyway() -> None:
    res = _run(_STUCK)
    assert res.returncode == 130, res.stderr
    assert "still stopping 1 s after Ctrl-C" in res.stderr


def test_a_run_that_is_not_interrupted_is_never_cut_short() -> None:
    res = _run(_FINISHED)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "done"


def test_the_console_script_installs_the_handler() -> None:
    code = (
        "import signal, sys\n"
        "sys.argv = ['copydesk', '--help']\n"
        "from copydesk.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(signal.getsignal(signal.SIGINT).__qualname__)\n"
    )
    res = _run(code)
    assert res.stdout.strip().endswith("install.<locals>.on_sigint"), res.stdout + res.stderr


def test_a_reader_that_closes_the_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    # found by a tester: `copydesk parse crawl.warc | head` printed "cannot write None:
    # Broken pipe" and exited 2
    for n in range(40):
        (tmp_path / f"a{n}.txt").write_text(f"Story {n}\n\n" + "A line of the story. " * 400)
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "copydesk", "parse", str(tmp_path), "--jobs", "1"]
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100)
        proc.stdout.close()  # what `head -c 100` does
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 0, err
    assert "error" not in err and "Broken pipe" not in err


def test_a_write_error_on_standard_output_names_it() -> None:
    from copydesk.cli.parse_cmd import reader_left, write_error

    full = OSError(28, "No space left on device")
    assert write_error(full, None) == "cannot write standard output: No space left on device"
    assert not reader_left(full, None)
    assert not reader_left(BrokenPipeError(32, "Broken pipe"), Path("out.jsonl"))
