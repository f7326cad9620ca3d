"""``ingest`` on Ray: parse into parts beside the store, dedup at cluster scale, load the store.

1. Parse: the Ray executor writes one JSONL part per shard with a completion marker into
   ``DB.ray/records`` (resumable, like ``parse -o folder/``).
2. Dedup: `copydesk.executors.ray_dedup` over the records that have a body, numbered in input
   order from 1: the rowids a new store gives them, so "first stored" means the same thing.
3. Load: the driver streams the parts in order and writes them in transactions of
   ``batch_size`` with the links and cluster fields already decided.

The store is SQLite, so loading is the one step on the driver. Cluster-scale dedup needs the
store to hold nothing but this run (new, or an interrupted load of the same inputs, which
resumes: stored ids are skipped). A store holding earlier runs is matched incrementally on
the driver instead, as the local executor does (the summary says so).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from copydesk.corpus.dedup import Fingerprints, Link
from copydesk.corpus.settings import DedupSettings
from copydesk.executors.dedup_batches import story_keys
from copydesk.executors.ray_exec import ShardJob, parse_to_folder
from copydesk.executors.shards import Shard, Target, plan_shards, read_marker, read_part
from copydesk.options import ParseOptions
from copydesk.readers.paths import ReadStats
from copydesk.record import Article
from copydesk.store.ingest import IngestReport, store_paths
from copydesk.store.write import StoreWriter

#: The settings row naming the run a cluster-scale load belongs to (so a rerun resumes it).
PLAN_KEY = "ray_plan"


def work_folder(db: str | Path) -> str:
    """Where the parsed parts live: beside the store (on a shared filesystem for a cluster)."""
    return str(Path(db).resolve().with_name(Path(db).name + ".ray") / "records")


def ingest_on_ray(
    paths: Sequence[str],
    db: str | Path,
    options: ParseOptions,
    settings: DedupSettings | None = None,
    *,
    workers: int | None = None,
    batch_size: int = 1000,
    on_batch: Callable[[IngestReport, int], None] | None = None,
) -> IngestReport:
    """Run one ingest on the connected Ray cluster; `StoreError` as for the local ingest."""
    settings = settings or DedupSettings()
    options = store_paths(options, db)
    writer = StoreWriter(db, settings)
    report = IngestReport(run=writer.start_run("ingest --executor ray", list(paths)))
    status = "failed"
    try:
        planned = ReadStats()
        shards = plan_shards(paths, exclude=options.read.exclude, stats=planned)
        job = ShardJob(options, Target("folder", work_folder(db), "jsonl"), extra="ingest")
        report.read = parse_to_folder(shards, job, workers).read
        report.read.excluded += planned.excluded
        report.read.excluded_folders += planned.excluded_folders
        plan = hashlib.sha1(json.dumps([job.digest(s) for s in shards]).encode()).hexdigest()
        if _owned_by(writer, plan):
            _load_linked(writer, shards, job.target, settings, report, batch_size, workers)
        else:
            report.warnings.append(
                f"{writer.path} holds earlier runs: new records were matched against it on "
                "this machine (cluster-scale dedup needs a new store)"
            )
            _load_incremental(writer, shards, job.target, report, batch_size)
        if on_batch:
            on_batch(report, 0)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        with contextlib.suppress(Exception):
            writer.finish_run(report.run, status)
        writer.close()
    return report


def _owned_by(writer: StoreWriter, plan: str) -> bool:
    """True for an empty store (which this run then claims) or one this same run started."""
    conn = writer.conn
    if conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (PLAN_KEY,)).fetchone()
        return row is not None and bool(row[0] == plan)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (PLAN_KEY, plan))
    if conn.in_transaction:
        conn.execute("COMMIT")
    return True


def records_dataset(shards: Sequence[Shard], location: str) -> Any:
    """The records with a body, as a Ray Dataset numbered in input order from 1."""
    import ray.data

    offsets, total = [], 0
    for shard in shards:
        offsets.append(total)
        total += int((read_marker(location, shard) or {}).get("body", 0))
    items = [{"index": s.index, "offset": o} for s, o in zip(shards, offsets, strict=True)]
    return ray.data.from_items(items, override_num_blocks=max(1, len(items))).map_batches(
        _storable_rows,  # type: ignore[arg-type]  # Ray's UDF union does not take fn_kwargs
        batch_size=1,
        batch_format="numpy",
        fn_kwargs={"location": location},
    )


def _storable_rows(batch: dict[str, Any], location: str) -> dict[str, Any]:
    out: dict[str, list[Any]] = {k: [] for k in ("ref", "id", "text", "published", "credit")}
    for index, offset in zip(batch["index"], batch["offset"], strict=True):
        ref = int(offset)
        for rec in read_part(location, Shard(int(index), ())):
            if rec.body:
                ref += 1
                out["ref"].append(ref)
                out["id"].append(rec.id)
                out["text"].append(rec.text)
                out["published"].append(rec.published or "")
                out["credit"].append(rec.credit or "")
    return {
        "ref": np.asarray(out["ref"], dtype=np.int64),
        **{k: np.asarray(out[k], dtype=object) for k in ("id", "text", "published", "credit")},
    }


def _load_linked(
    writer: StoreWriter,
    shards: Sequence[Shard],
    target: Target,
    settings: DedupSettings,
    report: IngestReport,
    batch_size: int,
    workers: int | None,
) -> None:
    from copydesk.executors.ray_dedup import dedup_on_ray

    found = dedup_on_ray(records_dataset(shards, target.location), settings, workers)
    links: dict[int, list[Link]] = {}
    for row in found.links.iter_rows():
        link = Link(int(row["a"]), int(row["b"]), str(row["signal"]), float(row["score"]))
        links.setdefault(link.a, []).append(link)
    fields = {
        int(r["ref"]): (str(r["cluster"]), r["duplicate_of"] or None)
        for r in found.clusters.iter_rows()
    }
    sigs = _signature_rows(found.signatures)
    batch: list[tuple[Article, dict[str, Any]]] = []
    for rec in _records(shards, target.location):
        if not rec.body:
            report.seen += 1
            report.failed.append(rec)
            continue
        sig = next(sigs)
        rec.cluster, rec.duplicate_of = fields.get(int(sig["ref"]), (None, None))
        batch.append((rec, sig))
        if len(batch) >= batch_size:
            _write(writer, batch, links, report)
            batch = []
    _write(writer, batch, links, report)


def _signature_rows(signatures: Any) -> Iterator[dict[str, Any]]:
    """The fingerprints in ref order (Ray Data keeps input order: see `quiet_data_context`)."""
    expected = 1
    cols = ["ref", "exact", "words", "bands", "sketch", "story_bands", "story_sketch"]
    for row in signatures.select_columns(cols).iter_rows():
        if int(row["ref"]) != expected:
            raise RuntimeError(f"signatures out of order: ref {row['ref']}, expected {expected}")
        expected += 1
        yield row


def _write(
    writer: StoreWriter,
    batch: list[tuple[Article, dict[str, Any]]],
    links: dict[int, list[Link]],
    report: IngestReport,
) -> None:
    if not batch:
        return
    refs = [int(sig["ref"]) for _, sig in batch]
    story = [story_keys(sig) for _, sig in batch]
    prints = Fingerprints(
        [int(sig["exact"]) for _, sig in batch],
        np.stack([np.asarray(sig["bands"], dtype=np.int64) for _, sig in batch]),
        [[int(k) for k in sig["sketch"] if k] for _, sig in batch],
        [],
        [int(sig["words"]) for _, sig in batch],
        {i: bands for i, (bands, _) in enumerate(story) if bands},
        {i: sketch for i, (_, sketch) in enumerate(story) if sketch},
    )
    batch_links = [lk for ref in refs for lk in links.get(ref, ())]
    result = writer.write_linked([a for a, _ in batch], prints, refs, batch_links, report.run)
    report.add(result, len(batch))


def _records(shards: Sequence[Shard], location: str) -> Iterator[Article]:
    for shard in shards:
        yield from read_part(location, shard)


def _load_incremental(
    writer: StoreWriter,
    shards: Sequence[Shard],
    target: Target,
    report: IngestReport,
    batch_size: int,
) -> None:
    batch: list[Article] = []
    for rec in _records(shards, target.location):
        batch.append(rec)
        if len(batch) >= batch_size:
            report.add(writer.write_batch(batch, report.run), len(batch))
            batch = []
    if batch:
        report.add(writer.write_batch(batch, report.run), len(batch))
