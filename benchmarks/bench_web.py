"""Load test of the web app: search and article pages' latency on a big synthetic store.

    PYTHONPATH=src python -m benchmarks.bench_web                  # 100k articles
    PYTHONPATH=src python -m benchmarks.bench_web --scale 1000000  # the 1M-article target

Builds the store synthetically (schema of `copydesk.store`, Zipf-distributed vocabulary, names
as entities on a fifth of the articles, one article in ten a near copy of the one before),
starts ``copydesk serve`` on 127.0.0.1, and sends a bounded number of requests (``--requests``
per kind, stopping at ``--seconds``) from ``--concurrency`` threads. The peer is the store's own
`ReadStore.search` on the same queries without HTTP or HTML: the ratio is what the web layer
adds. Prints a table and writes benchmarks/out/bench_web.json. The store is kept under
benchmarks/out/ and reused by later runs of the same scale.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

OUT = Path(__file__).parent / "out"
#: Target from the issue: p95 of search and article pages on the 1M store.
P95_TARGET_MS = 150.0
VOCAB = 60_000
ZIPF_A = 1.15
NAMES = 3_000
SITES = [f"site{i}.example" for i in range(40)]
CREDITS = ["PTI", "Reuters", "AP", "AFP", "IANS", "ANI", None]
LANGS = ["en"] * 8 + ["hi", "ur"]


def _word(i: int, rng: random.Random) -> str:
    letters = "abcdefghijklmnoprstuvwy"
    return "".join(rng.choice(letters) for _ in range(3 + i % 6)) + str(i % 7 or "")


def build_store(path: Path, scale: int, seed: int = 7) -> float:
    """Write ``scale`` synthetic articles; returns the seconds it took."""
    from copydesk.store.schema import connect

    t0 = time.perf_counter()
    rng = random.Random(seed)
    vocab = np.array([_word(i, rng) for i in range(VOCAB)], dtype=object)
    names = [f"{vocab[500 + i].title()} {vocab[900 + i * 3].title()}" for i in range(NAMES)]
    gen = np.random.default_rng(seed)
    conn = connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    chunk = 20_000
    for start in range(0, scale, chunk):
        rows = [_row(i, vocab, names, gen) for i in range(start, min(scale, start + chunk))]
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO articles (rowid, id, headline, standfirst, text, language, credit, site,"
            " section, published, entities, cluster, duplicate_of, words, source_path,"
            " source_format) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, 'text')",
            rows,
        )
        conn.executemany(
            "INSERT INTO articles_fts (rowid, headline, standfirst, text) VALUES (?, ?, ?, ?)",
            [(r[0], r[2], r[3], r[4]) for r in rows],
        )
        conn.executemany(
            "INSERT INTO links (a, b, signal, score) VALUES (?, ?, 'near', 0.9)",
            [(r[0], r[0] - 1) for r in rows if r[12]],
        )
        conn.execute("COMMIT")
        print(f"  built {min(scale, start + chunk):,} / {scale:,}", file=sys.stderr)
    conn.execute(
        "INSERT INTO runs (started, command, stored, status) VALUES ('', 'bench', ?, 'done')",
        (scale,),
    )
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - t0


def _row(i: int, vocab: np.ndarray, names: list[str], gen: np.random.Generator) -> tuple:
    """One article row; every tenth article is a near copy of the one before it."""
    seed = i - 1 if i % 10 == 9 else i
    local = np.random.default_rng(seed)
    n = int(local.integers(120, 420))
    ids = np.minimum(local.zipf(ZIPF_A, n) - 1, VOCAB - 1)
    words = vocab[ids]
    who = [names[int(x)] for x in local.integers(0, NAMES, 3)]
    paras = [" ".join(p) for p in np.array_split(words, 5)]
    paras[1] = f"{who[0]} met {who[1]} on Monday. " + paras[1]
    if seed != i:
        paras[-1] = "Updated with local reaction."
    text = "\n\n".join(paras)
    entities = None
    if seed % 5 == 0:
        entities = json.dumps(
            [{"text": w, "label": "PERSON", "canonical": w, "spans": []} for w in who[:2]]
        )
    day = f"2024-{1 + seed % 12:02d}-{1 + seed % 28:02d}"
    cluster = f"b{seed:09d}" if i % 10 in (8, 9) else None
    dup = f"b{seed:09d}" if seed != i else None
    headline = " ".join(vocab[np.minimum(local.zipf(ZIPF_A, 8) + 20, VOCAB - 1)]).capitalize()
    return (
        i + 1, f"b{i:09d}", headline, None, text, LANGS[seed % 10],
        CREDITS[seed % 7], SITES[seed % 40], '["News"]', day, entities, cluster, dup,
        n, f"bench/{seed}.txt",
    )  # fmt: skip


def queries(scale: int, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, query): rare, medium and common words, two words, a phrase, a filtered search."""
    vocab_rng = random.Random(7)
    vocab = [_word(i, vocab_rng) for i in range(VOCAB)]
    out = []
    for _ in range(40):
        out.append(("rare", vocab[rng.randrange(5_000, 40_000)]))
        out.append(("medium", vocab[rng.randrange(200, 2_000)]))
        out.append(("common", vocab[rng.randrange(5, 60)]))
        out.append(
            ("two words", f"{vocab[rng.randrange(50, 500)]} {vocab[rng.randrange(500, 5000)]}")
        )
        out.append(("phrase", f'"{vocab[900 + 3 * rng.randrange(NAMES)].title()} met"'))
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else float("nan")


def load(base: str, paths: list[tuple[str, str]], concurrency: int, seconds: float) -> dict:
    """Request each path once (bounded by ``seconds``); latencies in ms per kind."""
    import httpx

    deadline = time.monotonic() + seconds
    lat: dict[str, list[float]] = {}
    errors: list[str] = []

    with httpx.Client(base_url=base, timeout=30.0) as client:

        def one(item: tuple[str, str]) -> None:
            kind, path = item
            if time.monotonic() > deadline:
                return
            t = time.perf_counter()
            r = client.get(path)
            ms = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                errors.append(f"{r.status_code} {path}")
            lat.setdefault(kind, []).append(ms)

        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(one, paths))
    return {"latency_ms": lat, "errors": errors}


def direct(db: Path, qs: list[tuple[str, str]]) -> list[float]:
    """The peer: the store's own search on the same queries (one thread, no HTTP)."""
    from copydesk.store.read import ReadStore

    out = []
    with ReadStore(db) as store:
        for _, q in qs:
            t = time.perf_counter()
            store.search(q, limit=20, count=False)
            out.append((time.perf_counter() - t) * 1000)
    return out


def serve(db: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH="src" + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "copydesk", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    import httpx

    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/corpus", timeout=60)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("copydesk serve did not start")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=int, default=100_000, help="articles in the synthetic store")
    ap.add_argument("--requests", type=int, default=200, help="requests per page kind")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=180.0, help="stop sending after this")
    ap.add_argument(
        "--db",
        type=Path,
        help="an existing store to test (queries, ids and a filter drawn from it, see "
        "benchmarks/web_workload.py); without it a synthetic store of --scale is built",
    )
    ap.add_argument("--data", help="unused; accepted for `make bench`")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    db = args.db or OUT / f"bench_web_{args.scale}.db"
    build_s = None
    rng = random.Random(1)
    if args.db:
        from benchmarks.web_workload import from_store

        work = from_store(args.db, rng)
        args.scale = _count(args.db)
    else:
        if not db.exists():
            print(f"building a {args.scale:,}-article store at {db} ...", file=sys.stderr)
            build_s = build_store(db, args.scale)
        work = synthetic(args.scale, rng)
    qs = work.queries
    paths = _paths(work, args, rng)
    port = free_port()
    proc = serve(db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        load(base, paths[: len(paths) // 10], args.concurrency, 60)  # warm the page cache
        res = load(base, paths, args.concurrency, args.seconds)
    finally:
        proc.terminate()
        proc.wait(10)
    peer = direct(db, [q for q in qs if q[0] != "filtered"][: args.requests])
    return _report(args, db, build_s, res, peer)


def synthetic(scale: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """The workload of the synthetic store: its vocabulary, ids, clusters and sites."""
    from benchmarks.web_workload import Workload

    qs = queries(scale, rng)
    articles = [f"b{rng.randrange(scale):09d}" for _ in range(1000)]
    clusters = [f"b{rng.randrange(scale // 10) * 10 + 8:09d}" for _ in range(200)]
    return Workload(qs, articles, clusters, ("site", SITES[rng.randrange(len(SITES))]))


def _count(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def _paths(work, args: argparse.Namespace, rng: random.Random) -> list:  # type: ignore[no-untyped-def]
    from urllib.parse import urlencode

    paths: list[tuple[str, str]] = []
    for i in range(args.requests):
        kind, q = work.queries[i % len(work.queries)]
        paths.append((f"search page: {kind}", "/search?" + urlencode({"q": q})))
        if i % 4 == 0 and work.filter:
            param = {"q": q, work.filter[0]: work.filter[1]}
            paths.append(("search page: filtered", "/search?" + urlencode(param)))
        paths.append(("api search", "/api/search?" + urlencode({"q": q})))
        paths.append(("article page", f"/article/{rng.choice(work.articles)}"))
        if i % 4 == 0 and work.clusters:
            paths.append(("cluster page", f"/cluster/{rng.choice(work.clusters)}"))
    rng.shuffle(paths)
    return paths


def _report(args, db: Path, build_s: float | None, res: dict, peer: list[float]) -> int:  # type: ignore[no-untyped-def]
    lat = dict(res["latency_ms"])
    lat["search page"] = [ms for k, v in lat.items() if k.startswith("search page:") for ms in v]
    rows = {
        kind: {
            "n": len(v),
            "p50_ms": round(percentile(v, 50), 1),
            "p95_ms": round(percentile(v, 95), 1),
            "p99_ms": round(percentile(v, 99), 1),
            "max_ms": round(max(v), 1),
        }
        for kind, v in sorted(lat.items())
    }
    peer_p95 = percentile(peer, 95)
    figures = {
        "scale": args.scale,
        "store_mb": round(db.stat().st_size / 2**20, 1),
        "build_s": None if build_s is None else round(build_s, 1),
        "concurrency": args.concurrency,
        "pages": rows,
        "peer_readstore_search_p95_ms": round(peer_p95, 1),
        "search_page_vs_peer_p95": round(rows["search page"]["p95_ms"] / peer_p95, 2),
        "errors": res["errors"][:20],
        "target_p95_ms": P95_TARGET_MS,
    }
    print(
        f"\nweb app on {args.scale:,} articles ({figures['store_mb']} MB), "
        f"concurrency {args.concurrency}"
    )
    print(f"{'kind':28} {'n':>5} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}")
    for kind, r in rows.items():
        print(
            f"{kind:28} {r['n']:5} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['p99_ms']:8.1f} "
            f"{r['max_ms']:8.1f}"
        )
    print(
        f"peer ReadStore.search p95 {peer_p95:.1f} ms; search page / peer = "
        f"{figures['search_page_vs_peer_p95']}x; errors {len(res['errors'])}"
    )
    (OUT / "bench_web.json").write_text(json.dumps(figures, indent=1))
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
