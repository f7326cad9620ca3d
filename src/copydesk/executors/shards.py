"""Deterministic shards, shard outputs and completion markers, for executors that run far away.

Nothing here imports Ray: a shard is a list of input files, cut from the sorted input list by
size alone (never by the number of workers), so a rerun on a different cluster gets the same
shards and can skip the ones whose marker says they are done. Outputs go through a pyarrow
filesystem, so a folder may be a local path or any URI pyarrow understands (``s3://``,
``gs://``, ``hdfs://``, ``file://``).

A shard's data is written under a temporary name and moved into place, then its marker is
written: a worker killed half way leaves at most a temporary file (removed at the end of the
run), never a half-written part or a marker without its part.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from copydesk.errors import UsageError
from copydesk.options import ParseOptions
from copydesk.readers.paths import ReadStats, detect_format, expand_paths
from copydesk.record import Article
from copydesk.writers.parquet import write_parquet

#: A shard holds at most this many files (a few seconds of work for one core: small enough that
#: a retry is cheap and two workers stay busy, large enough to keep Ray's per-task cost < 1%) ...
MAX_FILES = 64
#: ... and at most about this many bytes of input; a WARC (or any file this big) is its own shard.
MAX_BYTES = 64_000_000
#: Folder of completion markers inside an output folder (datatrove calls it ``completions``).
MARKERS = "_completions"
#: Shard formats: what a folder of shards may hold.
SHARD_FORMATS = ("jsonl", "parquet")


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work and of output: ``part-{index:05d}``."""

    index: int
    inputs: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass(frozen=True, slots=True)
class Target:
    """Where records go: ``stdout``, one ``file`` (rendered by the driver) or a ``folder`` of
    shards (written by the workers)."""

    kind: str
    location: str
    fmt: str


def plan_shards(
    paths: Iterable[str],
    max_files: int = MAX_FILES,
    max_bytes: int = MAX_BYTES,
    *,
    exclude: Sequence[str] = (),
    stats: ReadStats | None = None,
) -> list[Shard]:
    """Cut the expanded, sorted inputs into shards of consecutive files; raises `UsageError`
    for ``-`` (standard input cannot be sent to a cluster). Inputs that ``exclude`` leaves out
    are counted in ``stats`` (`expand_paths`)."""
    shards: list[Shard] = []
    group: list[str] = []
    size = 0

    def close() -> None:
        nonlocal group, size
        if group:
            shards.append(Shard(len(shards), tuple(group)))
        group, size = [], 0

    for path in expand_paths(paths, exclude, stats):
        if path == "-":
            raise UsageError("'-' (standard input) cannot be read on a cluster: pass files")
        length = _size(path)
        if detect_format(path) == "warc" or length >= max_bytes:
            close()
            group, size = [path], length
            close()
            continue
        if group and (len(group) >= max_files or size + length > max_bytes):
            close()
        group.append(path)
        size += length
    close()
    return shards


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the reader turns it into an error record


def resolve_target(output: str | os.PathLike[str] | None, fmt: str) -> Target:
    """``-o`` naming a file gives one file (as the local executor does); a folder (an existing
    one, a trailing slash, or a name without a suffix) or a URI gives shards."""
    if output is None:
        return Target("stdout", "", fmt)
    text = os.fspath(output)
    is_uri = "://" in text
    folder = (
        is_uri
        or text.endswith(("/", os.sep))
        or os.path.isdir(text)
        or not os.path.splitext(text)[1]
    )
    if not folder:
        return Target("file", text, "parquet" if text.endswith(".parquet") else fmt)
    shard_fmt = "parquet" if fmt == "parquet" or text.rstrip("/").endswith(".parquet") else fmt
    if shard_fmt not in SHARD_FORMATS:
        raise UsageError(
            f"{text}: a folder of shards holds jsonl or parquet, not {fmt} "
            "(name a file with -o to get one file in that format)"
        )
    location = text if is_uri else os.path.abspath(text)
    return Target("folder", location, shard_fmt)


def filesystem(location: str) -> tuple[Any, str]:
    """The pyarrow filesystem and the path inside it for a local path or a URI."""
    from pyarrow import fs

    if "://" in location:
        return fs.FileSystem.from_uri(location)
    return fs.LocalFileSystem(), os.path.abspath(location)


def shard_digest(shard: Shard, options: ParseOptions, fmt: str, extra: str = "") -> str:
    """What a marker vouches for: the same inputs, options and format give the same part.
    ``--exclude`` is left out: it chose the inputs already, and a shard of the same files
    gives the same part whatever else was excluded."""
    options = replace(options, read=replace(options.read, exclude=()))
    key = json.dumps([list(shard.inputs), repr(options), fmt, extra])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def read_marker(location: str, shard: Shard) -> dict[str, Any] | None:
    """The marker of a finished shard, or None."""
    from pyarrow import fs as pafs

    fs, root = filesystem(location)
    path = f"{root}/{MARKERS}/{shard.name}.json"
    if fs.get_file_info(path).type != pafs.FileType.File:
        return None
    with fs.open_input_stream(path) as fh:
        return json.loads(fh.read().decode("utf-8"))


def is_done(location: str, shard: Shard, digest: str) -> bool:
    marker = read_marker(location, shard)
    return marker is not None and marker.get("digest") == digest


def write_shard(
    records: Iterable[Article],
    target: Target,
    shard: Shard,
    digest: str,
    stats: ReadStats | None = None,
) -> dict[str, Any]:
    """Write one shard's records, then its marker; returns the marker (the shard's counts, and
    with ``stats``, filled in by the readers as the records were read, its inputs and the
    records they skipped by reason)."""
    fs, root = filesystem(target.location)
    fs.create_dir(f"{root}/{MARKERS}", recursive=True)
    final = f"{root}/{shard.name}.{target.fmt}"
    tmp = f"{final}.tmp-{uuid.uuid4().hex[:12]}"
    counts = {"records": 0, "failed": 0, "body": 0}

    def counted(recs: Iterable[Article]) -> Iterable[Article]:
        for rec in recs:
            counts["records"] += 1
            counts["failed"] += bool(rec.failures)  # notes such as a skipped enrichment aside
            counts["body"] += bool(rec.body)  # what a store would keep: the dedup's refs
            yield rec

    started = time.process_time()
    if target.fmt == "parquet":
        write_parquet(counted(records), tmp, filesystem=fs)
    else:
        with fs.open_output_stream(tmp) as fh:
            for rec in counted(records):
                fh.write((rec.to_json() + "\n").encode("utf-8"))
    fs.move(tmp, final)
    marker = {"shard": shard.index, "digest": digest, "part": final.rsplit("/", 1)[-1], **counts}
    if stats is not None:
        marker["read"] = read_counts(stats)
    # CPU seconds of the worker for this shard: the per-core rate of the cost model (docs/ray.md)
    marker["cpu_s"] = round(time.process_time() - started, 3)
    _write_bytes(fs, f"{root}/{MARKERS}/{shard.name}.json", json.dumps(marker).encode("utf-8"))
    return marker


def read_counts(stats: ReadStats) -> dict[str, Any]:
    """A shard's `ReadStats` as JSON-ready counts (markers and Ray rows carry them)."""
    return {"inputs": stats.inputs, "skipped": dict(stats.skipped)}


def add_read_counts(stats: ReadStats, counts: dict[str, Any] | None) -> None:
    """Add a shard's `read_counts` to ``stats`` (markers written before they existed have none)."""
    if counts:
        stats.inputs += int(counts.get("inputs", 0))
        stats.skipped.update(counts.get("skipped", {}))


def _write_bytes(fs: Any, path: str, data: bytes) -> None:
    tmp = f"{path}.tmp-{uuid.uuid4().hex[:12]}"
    with fs.open_output_stream(tmp) as fh:
        fh.write(data)
    fs.move(tmp, path)


def read_part(location: str, shard: Shard, fmt: str = "jsonl") -> list[Article]:
    """A finished JSONL shard's records, in order (the driver uses it to load the store)."""
    fs, root = filesystem(location)
    with fs.open_input_stream(f"{root}/{shard.name}.{fmt}") as fh:
        lines = fh.read().decode("utf-8").splitlines()
    return [Article.from_dict(json.loads(line)) for line in lines if line]


def remove_temporaries(location: str) -> int:
    """Delete what killed workers left behind (``*.tmp-*``); returns how many."""
    from pyarrow import fs as pafs

    fs, root = filesystem(location)
    if fs.get_file_info(root).type != pafs.FileType.Directory:
        return 0
    found = fs.get_file_info(pafs.FileSelector(root, recursive=True))
    stale = [f.path for f in found if ".tmp-" in f.base_name and f.type == pafs.FileType.File]
    for path in stale:
        fs.delete_file(path)
    return len(stale)


def shard_offsets(counts: Sequence[int]) -> list[int]:
    """Where each shard's records start in the whole run's order."""
    out, total = [], 0
    for n in counts:
        out.append(total)
        total += n
    return out
