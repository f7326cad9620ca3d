"""Dedup and store speed, in one run, as ratios against the peers.

``PYTHONPATH=src python -m benchmarks.bench_dedup --data ../shared/data [--scale 10000 100000]``

- MinHash signatures per second: copydesk's batch numpy MinHash vs datasketch (``update_batch``)
  and rensa (``RMinHash``), same documents, same word 5-gram shingles, same permutations count;
- LSH insert and query per second: copydesk's band keys + `KeyIndex` vs datasketch MinHashLSH;
- ingest (text JSONL, no NLP) at each ``--scale``: wall time, peak RSS (psutil, sampled), and
  seconds per 1,000 documents (linear growth keeps this flat);
- search latency (p50/p95) for one- to three-word queries over the largest store.

Documents are drawn from the dev corpora (Reuters, BBC, extraction gold bodies) and perturbed
(sentence shuffles, word drops, number changes), with ~10% exact and ~10% edited copies.
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
from pathlib import Path

import numpy as np

from copydesk.corpus import DedupSettings
from copydesk.corpus import textkeys as tk
from copydesk.corpus.lsh import KeyIndex, band_keys
from copydesk.corpus.minhash import make_permutations, signatures

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


def bench_minhash(texts: list[str], settings: DedupSettings) -> dict:
    from datasketch import MinHash
    from rensa import RMinHash

    docs = [tk.tokens(t) for t in texts]
    grams = [[" ".join(w[i : i + 5]) for i in range(max(1, len(w) - 4))] for w in docs]
    k = settings.num_perm
    perms = make_permutations(k)
    t0 = time.perf_counter()
    sh = [tk.shingle_hashes(tk.token_hashes(w), 5) for w in docs]
    signatures(sh, perms)
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    for g in grams:
        m = MinHash(num_perm=k)
        m.update_batch([x.encode() for x in g])
    ds = time.perf_counter() - t0
    t0 = time.perf_counter()
    for g in grams:
        r = RMinHash(num_perm=k, seed=1)
        r.update(g)
        r.digest()
    rs = time.perf_counter() - t0
    n = len(docs)
    return {
        "docs": n,
        "num_perm": k,
        "copydesk_per_s": round(n / ours),
        "datasketch_per_s": round(n / ds),
        "rensa_per_s": round(n / rs),
        "vs_datasketch": round(ds / ours, 2),
        "vs_rensa": round(rs / ours, 2),
    }


def bench_lsh(texts: list[str], settings: DedupSettings) -> dict:
    from datasketch import MinHash, MinHashLSH

    docs = [tk.tokens(t) for t in texts]
    sigs = signatures(
        [tk.shingle_hashes(tk.token_hashes(w), 5) for w in docs],
        make_permutations(settings.num_perm),
    )
    n = len(docs)
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


def bench_ingest(texts: list[str], n: int, workdir: Path, jobs: int) -> dict:
    src = workdir / f"synth-{n}.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for rec in synth(texts, n):
            fh.write(json.dumps(rec) + "\n")
    db = workdir / f"store-{n}.db"
    cmd = [
        sys.executable,
        "-m",
        "copydesk",
        "ingest",
        str(src),
        "--db",
        str(db),
        "-j",
        str(jobs),
        "--no-progress",
        "--batch-size",
        "2000",
    ]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = _watch_rss(proc)
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    secs = time.perf_counter() - t0
    return {
        "docs": n,
        "seconds": round(secs, 1),
        "docs_per_s": round(n / secs),
        "peak_rss_mb": round(peak / 2**20),
        "s_per_1k": round(secs / n * 1000, 3),
        "db_mb": round(db.stat().st_size / 2**20),
        "rc": proc.returncode,
        "summary": err.strip().splitlines()[-1:] if err else [],
        "db": str(db),
    }


def _watch_rss(proc: subprocess.Popen) -> int:
    import psutil

    peak = 0
    ps = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(
                c.memory_info().rss for c in ps.children(recursive=True)
            )
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    return peak


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
    args = parser.parse_args()
    settings = DedupSettings()
    texts = base_texts(args.data)
    figures: dict = {"minhash": bench_minhash(texts[:5000], settings)}
    print("minhash", figures["minhash"])
    figures["lsh"] = bench_lsh(texts[:20000], settings)
    print("lsh", figures["lsh"])
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="copydesk-bench-"))
    figures["ingest"] = []
    for n in args.scale:
        row = bench_ingest(texts, n, workdir, args.jobs)
        figures["ingest"].append(row)
        print("ingest", row)
    figures["search"] = bench_search(figures["ingest"][-1]["db"]) | {"docs": args.scale[-1]}
    print("search", figures["search"])
    out = Path("benchmarks/out/bench_dedup.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2))
    print(f"figures written to {out}")


if __name__ == "__main__":
    main()
