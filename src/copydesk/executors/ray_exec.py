"""The Ray executor: Ray Data runs `copydesk.pipeline.run_shard` over deterministic shards.

Each shard (a list of input files, see `copydesk.executors.shards`) is one Ray Data row and
one task: the worker reads its files, parses them with the same shard function the local pool
uses, and either writes a part plus its completion marker (a folder or URI output) or hands
the records back in order (a file or stdout output). Shards whose marker matches are skipped,
so a rerun after a crash only does the missing work. A worker that dies mid-shard has its task
retried by Ray (tasks lost to a dead worker or node are retried by default; each retry redoes
the whole shard, which is why shards are small); the part is only moved into place when
complete, so nothing is lost and nothing is written twice.

Ray is imported only here and only when this executor is used.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from copydesk.errors import MissingExtraError, UsageError
from copydesk.executors.shards import (
    Shard,
    Target,
    add_read_counts,
    is_done,
    read_counts,
    shard_digest,
    write_shard,
)
from copydesk.options import ParseOptions
from copydesk.pipeline import Stage, run_shard
from copydesk.readers import ReadStats
from copydesk.record import Article


def require_ray() -> Any:
    """The ray module, or `MissingExtraError` naming the extra to install."""
    try:
        import ray
        import ray.data  # the executor needs Ray Data, not just Ray core
    except ImportError as exc:
        raise MissingExtraError("--executor ray", "ray", "ray") from exc
    return ray


@contextmanager
def ray_session(
    address: str | None = None, cpus: int | None = None, object_store_memory: int | None = None
) -> Iterator[Any]:
    """Connect to ``address`` (an existing cluster, or "auto"), or start a local one with
    ``cpus`` workers; a session that was already open is used as it is and left open."""
    ray = require_ray()
    if ray.is_initialized():
        yield ray
        return
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
    if address:
        kwargs["address"] = address
    else:
        kwargs["num_cpus"] = cpus
        kwargs["object_store_memory"] = object_store_memory
    ray.init(logging_level=logging.WARNING, **kwargs)
    try:
        yield ray
    finally:
        ray.shutdown()


def quiet_data_context() -> Any:
    """Ray Data's context for our runs: no progress bars of its own (the CLI draws one), input
    order kept so the records come out as the local executor gives them."""
    import ray.data

    with warnings.catch_warnings():
        # Ray 2.60's first get_current() warns about its own deprecated setting
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.execution_options.preserve_order = True
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    return ctx


@dataclass(frozen=True)
class ShardJob:
    """Everything a worker needs to run a shard; pickled once into the task."""

    options: ParseOptions
    target: Target
    stages: tuple[Stage, ...] = ()
    extra: str = field(default="")

    def digest(self, shard: Shard) -> str:
        return shard_digest(shard, self.options, self.target.fmt, self.extra)


def _run_shard_batch(batch: dict[str, Any], job: ShardJob) -> dict[str, list[Any]]:
    """The Ray Data UDF: one shard descriptor in, the shard's counts (folder output) or its
    records as JSON (file output) out. For a file output the shard ends with a row without a
    record that carries what its readers counted (``read``: inputs, records skipped by reason),
    so that a shard whose records were all skipped still reports them."""
    out: dict[str, list[Any]] = {"shard": [], "records": [], "failed": [], "json": [], "read": []}
    for index, inputs in zip(batch["index"], batch["inputs"], strict=True):
        shard = Shard(int(index), tuple(json.loads(inputs)))
        stats = ReadStats()
        records = run_shard(shard.inputs, job.options, job.stages, stats)
        if job.target.kind == "folder":
            digest = job.digest(shard)
            if not is_done(job.target.location, shard, digest):
                marker = write_shard(records, job.target, shard, digest, stats)
            else:
                from copydesk.executors.shards import read_marker

                marker = read_marker(job.target.location, shard) or {}
            counts = json.dumps(marker.get("read") or {})
            _append(out, shard.index, marker["records"], marker["failed"], "", counts)
            continue
        for rec in records:
            _append(out, shard.index, 1, int(bool(rec.failures)), rec.to_json(), "")
        _append(out, shard.index, 0, 0, "", json.dumps(read_counts(stats)))
    return out


def _append(
    out: dict[str, list[Any]], shard: int, records: int, failed: int, text: str, read: str
) -> None:
    out["shard"].append(shard)
    out["records"].append(records)
    out["failed"].append(failed)
    out["json"].append(text)
    out["read"].append(read)


def run_shards(shards: Sequence[Shard], job: ShardJob, workers: int | None) -> Iterator[dict]:
    """Run ``shards`` on the connected cluster with at most ``workers`` at once; yields one
    row per finished shard (folder) or per record (file), in shard order."""
    if not shards:
        return
    import ray.data

    quiet_data_context()
    items = [{"index": s.index, "inputs": json.dumps(list(s.inputs))} for s in shards]
    ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
        _run_shard_batch,  # type: ignore[arg-type]  # Ray's UDF union does not take fn_kwargs
        batch_size=1,
        batch_format="numpy",
        fn_kwargs={"job": job},
        num_cpus=1,
        compute=ray.data.TaskPoolStrategy(size=min(workers or len(items), len(items))),
    )
    yield from ds.iter_rows()


def pending(shards: Iterable[Shard], job: ShardJob) -> tuple[list[Shard], list[dict]]:
    """Shards still to run, and the markers of those already done (folder outputs only)."""
    from copydesk.executors.shards import read_marker

    todo, done = [], []
    for shard in shards:
        marker = read_marker(job.target.location, shard) if job.target.kind == "folder" else None
        if marker is not None and marker.get("digest") == job.digest(shard):
            done.append(marker)
        else:
            todo.append(shard)
    return todo, done


def records_from_rows(rows: Iterable[dict], stats: ReadStats | None = None) -> Iterator[Article]:
    """Records handed back by `run_shards` for a file or stdout output; each shard's closing
    row adds what its readers counted to ``stats``."""
    for row in rows:
        if row["json"]:
            yield Article.from_dict(json.loads(row["json"]))
        elif stats is not None:
            add_read_counts(stats, json.loads(row["read"] or "{}"))


@dataclass
class RunReport:
    """What one Ray run did, for the closing summary and for tests."""

    shards: int = 0
    skipped: int = 0
    records: int = 0
    failed: int = 0
    cleaned: int = 0
    #: What the shards' readers counted: inputs, and records that were not articles by reason.
    read: ReadStats = field(default_factory=ReadStats)


def parse_to_folder(
    shards: Sequence[Shard],
    job: ShardJob,
    workers: int | None,
    on_shard: Callable[[RunReport], None] | None = None,
) -> RunReport:
    """Write every shard not done yet to ``job.target`` (a folder or URI), with markers."""
    from copydesk.executors.shards import remove_temporaries

    if job.target.kind != "folder":
        raise UsageError(f"{job.target.location or 'stdout'}: not a folder of shards")
    todo, done = pending(shards, job)
    report = RunReport(shards=len(shards), skipped=len(done))
    for marker in done:
        report.records += marker["records"]
        report.failed += marker["failed"]
        add_read_counts(report.read, marker.get("read"))
    for row in run_shards(todo, job, workers):
        report.records += int(row["records"])
        report.failed += int(row["failed"])
        add_read_counts(report.read, json.loads(row["read"] or "{}"))
        if on_shard:
            on_shard(report)
    report.cleaned = remove_temporaries(job.target.location)
    return report


def parse_records(
    shards: Sequence[Shard], job: ShardJob, workers: int | None, stats: ReadStats | None = None
) -> Iterator[Article]:
    """Every record of every shard, in input order (for one output file or stdout); what the
    readers counted is added to ``stats``."""
    yield from records_from_rows(run_shards(shards, job, workers), stats)
