"""HTML extraction speed and WARC streaming memory, against trafilatura alone in the same run.

    PYTHONPATH=src python -m benchmarks.bench_extraction --data ../shared/data [--warc-mb 1024]

1. Pages per second on the extraction-dev pages: copydesk (``parse_document``: decode,
   trafilatura with metadata, cleanup, structure stage) vs plain ``trafilatura.extract``, both
   on one core (CPU time, since the machine may be shared) and then with two worker processes
   (copydesk through its own local executor, trafilatura through a plain pool): wall time and
   CPU time of all processes. Reported as rates and as ratios, with the load average.
2. A WARC.gz of ``--warc-mb`` megabytes built by repeating the dev pages (gzip members are
   compressed once and concatenated, so building it costs little) is streamed through the
   reader, then ``copydesk parse --jobs N`` runs on it for ``--warc-seconds`` per N in
   ``--warc-jobs``. The memory of the whole process tree is sampled every 0.2 s as summed PSS
   (shared pages counted once: the honest total) and summed RSS (shared pages counted in every
   process), with a series over time to show it stays flat; records/s from the first record
   on, CPU seconds and the load average are recorded too.
Writes ``benchmarks/out/bench_extraction.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from copydesk.document import Document
from copydesk.options import ParseOptions
from copydesk.record import Source


def load_pages(data: Path) -> list[tuple[str, bytes]]:
    pages = []
    for half in ("zyte", "fundus"):
        for path in sorted((data / "extraction-dev" / half / "html").glob("*.html.gz")):
            with gzip.open(path, "rb") as fh:
                pages.append((str(path), fh.read()))
    return pages


def _copydesk_one(item: tuple[str, bytes]) -> int:
    from copydesk.pipeline import parse_document

    path, html = item
    doc = Document(html, Source(path=path, format="html"), "html")
    return len(parse_document(doc, ParseOptions()).article.body)


def _trafilatura_one(item: tuple[str, bytes]) -> int:
    import trafilatura

    return len(trafilatura.extract(item[1]) or "")


def _trafilatura_no_comments_one(item: tuple[str, bytes]) -> int:
    """trafilatura as copydesk calls it in one respect: no comment extraction (copydesk never
    outputs comments). The fairer baseline for what copydesk adds on top of it."""
    import trafilatura

    return len(trafilatura.extract(item[1], include_comments=False) or "")


class TreeCpu:
    """CPU seconds used by this process and its descendants while the block runs. Descendants
    are sampled every 0.1 s (a worker's last tenth of a second may be missed)."""

    def __init__(self) -> None:
        self._first: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.seconds = 0.0

    def _sample(self) -> None:
        import psutil

        for proc in _tree(os.getpid())[1:]:  # CPU only: reading smaps would cost CPU here
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                times = proc.cpu_times()
                self._first.setdefault(proc.pid, times.user + times.system)
                self._last[proc.pid] = times.user + times.system

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self._sample()

    def __enter__(self) -> TreeCpu:
        self._own = time.process_time()
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        children = sum(self._last[p] - self._first[p] for p in self._last)
        self.seconds = time.process_time() - self._own + children


def pool_rate(
    fn: Callable[[tuple[str, bytes]], int], pages: list[tuple[str, bytes]], jobs: int
) -> tuple[float, float]:
    """Pages per wall second and per CPU second (all processes) of a plain pool over ``fn``."""
    ctx = mp.get_context("forkserver")
    with ctx.Pool(jobs) as pool:
        pool.map(fn, pages, chunksize=4)  # a full pass warms every worker's lazy tables
        with TreeCpu() as cpu:
            started = time.perf_counter()
            for _ in pool.imap(fn, pages, chunksize=4):
                pass
            wall = time.perf_counter() - started
        return len(pages) / wall, len(pages) / cpu.seconds


def executor_rate(pages: list[tuple[str, bytes]], jobs: int) -> tuple[float, float]:
    """Pages per wall second and per CPU second (all processes) of copydesk's own local
    executor, the code ``copydesk parse --jobs N`` runs; its fork server is warmed first."""
    from copydesk.executors.local import parse_parallel

    docs = [Document(html, Source(path=path, format="html"), "html") for path, html in pages]
    for _ in parse_parallel(docs, ParseOptions(), jobs=jobs):
        pass
    with TreeCpu() as cpu:
        started = time.perf_counter()
        for _ in parse_parallel(docs, ParseOptions(), jobs=jobs):
            pass
        wall = time.perf_counter() - started
    return len(pages) / wall, len(pages) / cpu.seconds


def interleaved_rates(pages: list[tuple[str, bytes]]) -> dict[str, float]:
    """Pages per CPU-second of both systems, timed page by page in turn (trafilatura, then
    copydesk, on the same page) in this process: a shared machine's speed drifts by 20% over
    the seconds one system's pass takes, and alternating page by page puts both under the same
    drift. (Whole passes one after the other gave ratios from 0.66 to 0.84 for the same code.)"""
    spent = {"copydesk": 0.0, "trafilatura": 0.0, "trafilatura_no_comments": 0.0}
    systems = (
        ("trafilatura", _trafilatura_one),
        ("trafilatura_no_comments", _trafilatura_no_comments_one),
        ("copydesk", _copydesk_one),
    )
    for page in pages:
        for name, fn in systems:
            started = time.process_time()
            fn(page)
            spent[name] += time.process_time() - started
    return {name: len(pages) / seconds for name, seconds in spent.items()}


def throughput(pages: list[tuple[str, bytes]], rounds: int) -> dict[str, Any]:
    from copydesk.executors.local import warm_up

    # imports and lazy tables outside the clock, as in a pool's warmed worker: a full pass
    warm_up()
    for page in pages:
        _copydesk_one(page), _trafilatura_one(page), _trafilatura_no_comments_one(page)
    runs: dict[str, list[float]] = {
        "copydesk": [],
        "trafilatura": [],
        "trafilatura_no_comments": [],
    }
    pooled: dict[str, list[tuple[float, float]]] = {"copydesk": [], "trafilatura": []}
    for _ in range(rounds):  # interleaved, best of: the machine is shared
        for name, rate in interleaved_rates(pages).items():
            runs[name].append(rate)
        pooled["copydesk"].append(executor_rate(pages, 2))
        pooled["trafilatura"].append(pool_rate(_trafilatura_one, pages, 2))
    one = {k: max(v) for k, v in runs.items()}
    two = {k: max(r[0] for r in v) for k, v in pooled.items()}
    two_cpu = {k: max(r[1] for r in v) for k, v in pooled.items()}
    return {
        "pages": len(pages),
        "one_job_pages_per_cpu_s": one,
        "ratio_copydesk_vs_trafilatura_one_job": one["copydesk"] / one["trafilatura"],
        "ratio_one_job_per_round": [
            round(c / t, 3) for c, t in zip(runs["copydesk"], runs["trafilatura"], strict=True)
        ],
        # against trafilatura without comment extraction, which copydesk skips too
        "ratio_copydesk_vs_trafilatura_no_comments_one_job": one["copydesk"]
        / one["trafilatura_no_comments"],
        "two_jobs_pages_per_s": two,
        "two_jobs_pages_per_cpu_s": two_cpu,
        "ratio_copydesk_vs_trafilatura_two_jobs": two["copydesk"] / two["trafilatura"],
        # wall time with two workers over CPU time of one: the speedup, when nothing else runs
        "speedup_two_jobs_vs_one_copydesk": two["copydesk"] / one["copydesk"],
        # CPU the parallel run spends per page over one job's: 1.0 means the pool costs nothing,
        # so an idle machine would give 2x this ratio as speedup
        "cpu_efficiency_two_jobs_copydesk": two_cpu["copydesk"] / one["copydesk"],
        "cpus": len(os.sched_getaffinity(0)),
    }


def _warc_record(url: str, payload: bytes, n: int) -> bytes:
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(payload)}\r\n\r\n".encode()
    )
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}#{n}\r\n"
        f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:{n:032x}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + len(payload)}\r\n\r\n"
    ).encode()
    return head + http


def build_warc(pages: list[tuple[str, bytes]], path: Path, megabytes: int) -> int:
    """Write a WARC.gz of about ``megabytes`` MB; returns the number of records."""
    bodies = [gzip.compress(html + b"\r\n\r\n", 6) for _, html in pages]
    target, written, n = megabytes * 1_000_000, 0, 0
    with path.open("wb") as out:
        while written < target:
            i = n % len(pages)
            head = gzip.compress(_warc_record(pages[i][0], pages[i][1], n), 1)
            out.write(head)
            out.write(bodies[i])
            written += len(head) + len(bodies[i])
            n += 1
    return n


def _pss(pid: int) -> int:
    """Proportional set size in bytes: shared pages divided among the processes sharing them,
    so summing it over a process tree counts copy-on-write pages once (summed RSS does not)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[Any]:
    import psutil

    try:
        proc = psutil.Process(pid)
        return [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _tree_memory(procs: list[Any], cpu: dict[int, float]) -> tuple[int, int]:
    """Summed RSS and summed PSS of ``procs``; records each one's CPU seconds in ``cpu``."""
    import psutil

    rss = pss = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            rss += p.memory_info().rss
            pss += _pss(p.pid)
            times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
    return rss, pss


def _sample(cmd: list[str], seconds: float, env: dict[str, str]) -> dict[str, Any]:
    """Run ``cmd`` for at most ``seconds``, sampling memory every 0.2 s; the output lines are
    counted as records, and their rate is taken from the first record on (start-up excluded).

    A thread drains the output as it comes: read only at each 0.2 s sample, the 64 KB pipe
    filled with a few records and the writer waited on the benchmark (half the two-job rate).
    """
    load = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    started = time.perf_counter()
    out = _LineCounter(proc.stdout, started)  # type: ignore[arg-type]
    peak = {"rss": 0, "pss": 0}
    series: list[tuple[float, int, float]] = []  # (seconds, records, summed PSS in MB)
    cpu: dict[int, float] = {}
    while proc.poll() is None and time.perf_counter() - started < seconds:
        rss, pss = _tree_memory(_tree(proc.pid), cpu)
        peak = {"rss": max(peak["rss"], rss), "pss": max(peak["pss"], pss)}
        now = time.perf_counter() - started
        if not series or now - series[-1][0] >= 5:
            series.append((round(now, 1), out.lines, round(pss / 1e6, 1)))
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    finished = proc.poll() is not None
    lines = out.lines
    if not finished:
        proc.terminate()
    proc.wait()
    out.thread.join()
    if finished:
        lines = out.lines
    first = out.first
    rate = (lines - first[1]) / max(elapsed - first[0], 1e-9) if first else 0.0
    return {
        "peak_rss_sum_mb": peak["rss"] / 1e6, "peak_pss_sum_mb": peak["pss"] / 1e6,
        "seconds": elapsed, "records": lines, "finished": finished,
        "records_per_s": rate, "cpu_s": sum(cpu.values()),
        "load_before": load, "load_after": os.getloadavg()[0], "pss_series": series,
    }  # fmt: skip


def _rate(cmd: list[str], seconds: float, env: dict[str, str]) -> dict[str, Any]:
    """Records per second of ``cmd`` over ``seconds`` with nothing else sampled: reading every
    process's smaps five times a second takes CPU from the workers when they fill the cores
    (two jobs on two cores measured 1.57x one job while sampled, 2.05x unsampled)."""
    load = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    started = time.perf_counter()
    out = _LineCounter(proc.stdout, started)  # type: ignore[arg-type]
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=seconds)
    elapsed, lines, first = time.perf_counter() - started, out.lines, out.first
    proc.terminate()
    proc.wait()
    out.thread.join()
    rate = (lines - first[1]) / max(elapsed - first[0], 1e-9) if first else 0.0
    return {"records_per_s": rate, "seconds": elapsed, "load_before": load,
            "load_after": os.getloadavg()[0]}  # fmt: skip


class _LineCounter:
    """Counts the lines a process writes, reading them as fast as it writes them."""

    def __init__(self, stream: IO[bytes], started: float) -> None:
        self.lines = 0
        self.first: tuple[float, int] | None = None
        self._stream, self._started = stream, started
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        with self._stream:
            while chunk := self._stream.read1(2**20):  # type: ignore[attr-defined]
                self.lines += chunk.count(b"\n")
                if self.first is None and self.lines:
                    self.first = (time.perf_counter() - self._started, self.lines)


def warc_memory(
    pages: list[tuple[str, bytes]],
    megabytes: int,
    seconds: float,
    jobs: list[int],
    rate_seconds: float = 0,
) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        records = build_warc(pages, path, megabytes)
        size = path.stat().st_size
        read = [sys.executable, "-c", _READ_ONLY, str(path)]
        out: dict[str, Any] = {
            "warc_mb": size / 1e6, "warc_records": records, "read_only": _sample(read, 3600, env),
        }  # fmt: skip
        for n in jobs:
            parse = [sys.executable, "-m", "copydesk", "parse", str(path), "--jobs", str(n),
                     "--no-progress", "-o", "/dev/stdout"]  # fmt: skip
            out[f"parse_jobs{n}"] = _sample(parse, seconds, env)
            if rate_seconds:
                out[f"rate_jobs{n}"] = _rate(parse, rate_seconds, env)
        for kind in ("parse", "rate"):
            if f"{kind}_jobs1" in out and f"{kind}_jobs2" in out:
                one = out[f"{kind}_jobs1"]["records_per_s"]
                two = out[f"{kind}_jobs2"]["records_per_s"]
                out[f"speedup_{kind}_jobs2_vs_jobs1"] = two / one if one else None
        return out


_READ_ONLY = """
import sys
from copydesk.options import ReadOptions
from copydesk.readers.warc import read_warc
for _ in read_warc(sys.argv[1], ReadOptions()):
    print(1)
"""


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--rounds", type=int, default=2, help="0 skips the page-rate runs")
    ap.add_argument("--warc-mb", type=int, default=1024, help="0 skips the WARC memory run")
    ap.add_argument("--warc-seconds", type=float, default=120, help="time given to each parse")
    ap.add_argument("--warc-jobs", default="1,2", help="worker counts for the WARC parse runs")
    ap.add_argument(
        "--warc-rate-seconds",
        type=float,
        default=40,
        help="time given to each WARC parse timed without memory sampling (0 skips it)",
    )
    ap.add_argument("--out", type=Path, default=Path("benchmarks/out/bench_extraction.json"))
    args = ap.parse_args(argv)
    pages = load_pages(args.data)
    result: dict[str, Any] = {}
    if args.rounds:
        load = os.getloadavg()[0]
        result["throughput"] = {**throughput(pages, args.rounds), "load_before": load}
        result["throughput"]["load_after"] = os.getloadavg()[0]
    if args.warc_mb:
        jobs = [int(j) for j in args.warc_jobs.split(",") if j]
        result["warc"] = warc_memory(
            pages, args.warc_mb, args.warc_seconds, jobs, args.warc_rate_seconds
        )
    print(json.dumps(result, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
