"""Dedup and store speed, in one run, as ratios against the peers.

``PYTHONPATH=src python -m benchmarks.bench_dedup --data ../shared/data [--scale 10000 100000]``

- MinHash signatures per second, copydesk vs datasketch (``update_batch``) and rensa
  (``RMinHash``), same documents, word 5-grams, same permutation count, in two fair set-ups:
  from the raw texts with tokenising included for every system, and from the same precomputed
  shingle hashes (datasketch with an identity ``hashfunc``);
- LSH insert and query per second: copydesk's band keys + `KeyIndex` vs datasketch MinHashLSH;
- ingest (text JSONL, no NLP) at each ``--scale``: wall time, peak RSS and CPU seconds of the
  whole process tree (psutil, sampled), seconds per 1,000 documents (linear growth keeps this
  flat), store size, the load average (the machine is shared: compare CPU ms per document
  across runs, wall time only at equal load) and milestones every ~10 s;
- search latency (p50/p95) for one- to three-word queries over the largest store.

Documents are drawn from the dev corpora (Reuters, BBC, extraction gold bodies) and perturbed
(sentence shuffles, word drops, number changes), with ~10% exact and ~10% edited copies. The
bases are ~21k texts, so at 1M each has ~50 variants and most documents bring many candidates
to verify: harder on the verification step than a real news stream.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from copydesk.corpus import DedupSettings
from copydesk.corpus import textkeys as tk
from copydesk.corpus.lsh import KeyIndex, band_keys
from copydesk.corpus.minhash import make_permutations, signatures_flat
from copydesk.corpus.tokhash import batch_shingles

QUERIES = [
    "oil",
    "bank rates",
    "prime minister",
    "stock market crash",
    "football",
    "election",
    "trade deficit",
    "interest rates rise",
    "police",
    "government said",
]


def base_texts(data: Path) -> list[str]:
    from benchmarks.eval_dedup import bbc, reuters

    arts = list(reuters(data / "dedup-dev/reuters21578").values())
    arts += list(bbc(data / "dedup-dev/bbc_fulltext").values())
    return [a.text for a in arts if len(a.text.split()) >= 20]


def synth(texts: list[str], n: int, seed: int = 3):
    """``n`` perturbed documents as JSONL dicts (id, text)."""
    rng = random.Random(seed)
    for i in range(n):
        roll = rng.random()
        text = rng.choice(texts)
        if roll < 0.8:  # a new document: shuffle sentences, drop words, change numbers
            sents = text.split(". ")
            rng.shuffle(sents)
            words = ". ".join(sents).split()
            words = [w for w in words if rng.random() > 0.15]
            words.insert(rng.randrange(len(words)), str(rng.randrange(10**6)))
            text = " ".join(words)
        elif roll < 0.9:  # an edited copy
            words = text.split()
            text = " ".join(words[: max(10, int(len(words) * rng.uniform(0.6, 1)))])
        yield {"id": f"d{i}", "text": text}


def bench_minhash(texts: list[str], settings: DedupSettings, repeat: int = 3) -> dict:
    """Signatures per second, best of ``repeat``, in two fair set-ups.

    ``raw``: both start from the raw texts and include tokenising, shingling and hashing
    (datasketch gets word 5-gram strings, its documented use; rensa the same strings);
    ``hashed``: both start from the same precomputed 32-bit shingle hashes (datasketch with an
    identity ``hashfunc``), which isolates the permutation and minimum.
    """
    from datasketch import MinHash
    from rensa import RMinHash

    k = settings.num_perm
    perms = make_permutations(k, settings.seed)

    def ours_raw() -> None:
        norms = [tk.normalise(t) for t in texts]
        signatures_flat(*batch_shingles(norms, settings.shingle), perms)

    def grams(text: str) -> list[str]:
        w = tk.tokens(text)
        return [" ".join(w[i : i + 5]) for i in range(max(1, len(w) - 4))]

    def datasketch_raw() -> None:
        for t in texts:
            m = MinHash(num_perm=k)
            m.update_batch([g.encode() for g in grams(t)])

    def rensa_raw() -> None:
        for t in texts:
            r = RMinHash(num_perm=k, seed=1)
            r.update(grams(t))
            r.digest()

    values, lengths = batch_shingles([tk.normalise(t) for t in texts], settings.shingle)
    values = (values ^ (values >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    per_doc = np.split(values, np.cumsum(lengths)[:-1])

    def ours_hashed() -> None:
        signatures_flat(values, lengths, perms)

    def datasketch_hashed() -> None:
        for hv in per_doc:
            m = MinHash(num_perm=k, hashfunc=int)
            m.update_batch(hv.tolist())

    n = len(texts)
    secs = {
        name: min(_time(fn) for _ in range(repeat))
        for name, fn in (
            ("ours_raw", ours_raw),
            ("datasketch_raw", datasketch_raw),
            ("rensa_raw", rensa_raw),
            ("ours_hashed", ours_hashed),
            ("datasketch_hashed", datasketch_hashed),
        )
    }
    return {
        "docs": n,
        "num_perm": k,
        **{f"{name}_per_s": round(n / s) for name, s in secs.items()},
        "raw_vs_datasketch": round(secs["datasketch_raw"] / secs["ours_raw"], 2),
        "raw_vs_rensa": round(secs["rensa_raw"] / secs["ours_raw"], 2),
        "hashed_vs_datasketch": round(secs["datasketch_hashed"] / secs["ours_hashed"], 2),
        "load_avg": os.getloadavg()[0],
    }


def _time(fn: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bench_lsh(texts: list[str], settings: DedupSettings) -> dict:
    from datasketch import MinHash, MinHashLSH

    norms = [tk.normalise(t) for t in texts]
    perms = make_permutations(settings.num_perm, settings.seed)
    sigs = signatures_flat(*batch_shingles(norms, settings.shingle), perms)
    n = len(norms)
    t0 = time.perf_counter()
    keys = band_keys(sigs, settings.bands, settings.rows)
    index = KeyIndex()
    index.add(keys.reshape(-1), np.repeat(np.arange(n), settings.bands))
    index.lookup(keys[:1].reshape(-1))  # forces the merge
    ins = time.perf_counter() - t0
    t0 = time.perf_counter()
    for start in range(0, n, 1000):
        index.lookup(keys[start : start + 1000].reshape(-1))
    qry = time.perf_counter() - t0
    mhs = []
    for row in sigs:
        m = MinHash(num_perm=settings.num_perm, hashvalues=row.astype(np.uint64), scheme="legacy")
        mhs.append(m)
    lsh = MinHashLSH(num_perm=settings.num_perm, params=(settings.bands, settings.rows))
    t0 = time.perf_counter()
    for i, m in enumerate(mhs):
        lsh.insert(str(i), m)
    ds_ins = time.perf_counter() - t0
    t0 = time.perf_counter()
    for m in mhs:
        lsh.query(m)
    ds_qry = time.perf_counter() - t0
    return {
        "docs": n,
        "insert_per_s": round(n / ins),
        "query_per_s": round(n / qry),
        "datasketch_insert_per_s": round(n / ds_ins),
        "datasketch_query_per_s": round(n / ds_qry),
        "insert_vs_datasketch": round(ds_ins / ins, 2),
        "query_vs_datasketch": round(ds_qry / qry, 2),
    }


def bench_ingest(texts: list[str], n: int, workdir: Path, jobs: int, batch: int) -> dict:
    """One ``copydesk ingest`` subprocess (text JSONL, no NLP), watched from outside: wall time,
    peak RSS and CPU seconds of its whole process tree, and milestones (stored count, time,
    RSS) every ~10 s so one big run also shows how time and memory grow."""
    src = workdir / f"synth-{n}.jsonl"
    if not src.exists():
        with src.open("w", encoding="utf-8") as fh:
            for rec in synth(texts, n):
                fh.write(json.dumps(rec) + "\n")
    db = workdir / f"store-{n}.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "copydesk", "ingest", str(src), "--db", str(db)]
    cmd += ["-j", str(jobs), "--no-progress", "--batch-size", str(batch)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    watch = _watch(proc, db, t0)
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    secs = time.perf_counter() - t0
    return {
        "docs": n,
        "seconds": round(secs, 1),
        "docs_per_s": round(n / secs),
        "peak_rss_mb": round(watch["peak"] / 2**20),
        "cpu_s": round(watch["cpu"], 1),
        "cpu_ms_per_doc": round(watch["cpu"] / n * 1000, 3),
        # the writer (parent) process alone: the serial stage every record passes through
        "writer_cpu_ms_per_doc": round(watch["cpu_main"] / n * 1000, 3),
        "s_per_1k": round(secs / n * 1000, 3),
        "db_mb": round(sum(p.stat().st_size for p in workdir.glob(f"{db.name}*")) / 2**20),
        "load_avg_start_end": [round(load, 2), round(os.getloadavg()[0], 2)],
        "rc": proc.returncode,
        "summary": err.strip().splitlines()[-1:] if err else [],
        "milestones": watch["milestones"],
        "db": str(db),
    }


def _watch(proc: subprocess.Popen, db: Path, t0: float) -> dict:
    import psutil

    peak, cpu, milestones, last = 0, {}, [], 0.0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [ps, *ps.children(recursive=True)]
            rss = 0
            for p in tree:
                rss += p.memory_info().rss
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
            peak = max(peak, rss)
        except psutil.Error:
            pass
        now = time.perf_counter()
        if now - last >= 10:
            last = now
            milestones.append(
                {"s": round(now - t0, 1), "stored": _stored(db), "rss_mb": round(rss / 2**20)}
                | {"load": round(os.getloadavg()[0], 2)}
            )
        time.sleep(0.2)
    return {
        "peak": peak,
        "cpu": sum(cpu.values()),
        "cpu_main": cpu.get(proc.pid, 0.0),
        "milestones": milestones,
    }


def _stored(db: Path) -> int:
    import sqlite3

    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def bench_search(db: str) -> dict:
    from copydesk.store import ReadStore

    lat = []
    with ReadStore(db) as store:
        for _ in range(5):
            for q in QUERIES:
                t0 = time.perf_counter()
                store.search(q, limit=10)
                lat.append((time.perf_counter() - t0) * 1000)
    lat.sort()
    return {
        "queries": len(lat),
        "p50_ms": round(statistics.median(lat), 1),
        "p95_ms": round(lat[int(len(lat) * 0.95) - 1], 1),
        "max_ms": round(lat[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--scale", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--minhash-docs", type=int, default=5000)
    parser.add_argument("--minhash-only", action="store_true")
    parser.add_argument("--no-minhash", action="store_true", help="ingest and search only")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/bench_dedup.json"))
    args = parser.parse_args()
    settings = DedupSettings()
    texts = base_texts(args.data)
    figures: dict = {}
    if not args.no_minhash:
        figures["minhash"] = bench_minhash(texts[: args.minhash_docs], settings)
        print("minhash", figures["minhash"])
        if args.minhash_only:
            _write(figures, args.out)
            return
        figures["lsh"] = bench_lsh(texts[:20000], settings)
        print("lsh", figures["lsh"])
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    figures["ingest"] = []
    for n in args.scale:
        row = bench_ingest(texts, n, workdir, args.jobs, args.batch_size)
        figures["ingest"].append(row)
        print("ingest", {k: v for k, v in row.items() if k != "milestones"}, flush=True)
        _write(figures, args.out)
    figures["search"] = bench_search(figures["ingest"][-1]["db"]) | {"docs": args.scale[-1]}
    print("search", figures["search"])
    _write(figures, args.out)


def _write(figures: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2))
    print(f"figures written to {out}")


if __name__ == "__main__":
    main()
