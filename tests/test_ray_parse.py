"""The Ray executor for ``parse``: same records as the local executor, shards with markers that
a rerun skips, a killed worker costing only a retry. A real local Ray cluster (2 CPUs, 200 MB of
object store), started once and shared by the Ray tests."""

from __future__ import annotations

import functools
import json
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from copydesk.errors import MissingExtraError, UsageError
from copydesk.executors.local import parse_parallel
from copydesk.executors.shards import MARKERS, plan_shards, resolve_target
from copydesk.options import ParseOptions
from copydesk.readers import ReadStats, read_inputs
from copydesk.record import Article

OBJECT_STORE = 200 * 1024 * 1024


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[object]:
    """One local cluster for every Ray test (ray's own atexit hook stops it)."""
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    if not ray.is_initialized():
        ray.init(
            num_cpus=2,
            object_store_memory=OBJECT_STORE,
            include_dashboard=False,
            log_to_driver=False,
            logging_level="WARNING",
        )
    import ray.cloudpickle

    from copydesk.executors.ray_exec import quiet_data_context

    quiet_data_context()  # Ray's first DataContext warns about its own deprecated setting

    # the kill test's stage lives here; workers cannot import the tests folder
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield ray


def make_inputs(folder: Path, count: int = 60) -> list[str]:
    """Synthetic wire copy with the damage the parser repairs, plus two bad inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        body = "\n".join(
            f"Paragraph {p} of story {i} says the council met on day {p + i} and agreed "
            f"to review the budget for the {i % 7}th district before the vote."
            for p in range(4)
        )
        text = f"News > Local\n\nCouncil story number {i}\n\nCITY (PTI): {body}\n\nPTI\n"
        (folder / f"story-{i:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "zz-binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "zz-empty.txt").write_bytes(b"")
    return sorted(str(p) for p in folder.iterdir())


def local_json(paths: Iterable[str], options: ParseOptions) -> list[str]:
    return [a.to_json() for a in parse_parallel(read_inputs(paths, options.read), options)]


def read_parts(folder: Path) -> list[str]:
    lines: list[str] = []
    for part in sorted(folder.glob("part-*.jsonl")):
        lines.extend(part.read_text(encoding="utf-8").splitlines())
    return lines


# -- no cluster needed ---------------------------------------------------------------------------


def test_missing_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from copydesk.executors.ray_exec import require_ray

    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(MissingExtraError, match=r"pip install -e '\.\[ray\]'"):
        require_ray()


def test_shards_are_cut_by_size_not_by_workers(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path / "in", 10)
    (tmp_path / "in" / "story-005x.warc.gz").write_bytes(b"")
    shards = plan_shards([str(tmp_path / "in")], max_files=4)
    assert [len(s.inputs) for s in shards] == [4, 2, 1, 4, 2]  # the WARC alone, in sorted order
    assert shards[2].inputs[0].endswith("story-005x.warc.gz")
    assert [p for s in shards for p in s.inputs if not p.endswith(".warc.gz")] == paths
    assert plan_shards([str(tmp_path / "in")], max_files=4) == shards
    with pytest.raises(UsageError):
        plan_shards(["-"])


def test_excluded_inputs_never_reach_a_shard(tmp_path: Path) -> None:
    make_inputs(tmp_path / "in", 10)
    stats = ReadStats()
    shards = plan_shards([str(tmp_path / "in")], exclude=["story-00[0-4]*"], stats=stats)
    names = [Path(p).name for s in shards for p in s.inputs]
    assert names == [f"story-00{i}.txt" for i in range(5, 10)] + ["zz-binary.txt", "zz-empty.txt"]
    assert stats.excluded == 5


def test_output_naming(tmp_path: Path) -> None:
    assert resolve_target(None, "md").kind == "stdout"
    assert resolve_target(tmp_path / "out.jsonl", "jsonl").kind == "file"
    assert resolve_target(tmp_path / "out.parquet", "jsonl").fmt == "parquet"
    assert resolve_target(tmp_path / "parts", "jsonl").kind == "folder"
    assert resolve_target("s3://bucket/run/", "jsonl").location == "s3://bucket/run/"
    assert resolve_target(f"{tmp_path}/x.parquet/", "jsonl").fmt == "parquet"
    with pytest.raises(UsageError):
        resolve_target(tmp_path / "parts", "md")


# -- on the local cluster ------------------------------------------------------------------------


@pytest.mark.ray
def test_one_file_output_equals_local(ray_cluster: object, tmp_path: Path) -> None:
    from copydesk.cli.ray_cmd import parse_on_ray

    paths = make_inputs(tmp_path / "in")
    options = ParseOptions()
    out = tmp_path / "out.jsonl"
    status = parse_on_ray([str(tmp_path / "in")], options, "jsonl", out, None, 2)
    assert status == 1  # the binary and the empty input failed, as locally
    assert out.read_text(encoding="utf-8").splitlines() == local_json(paths, options)


@pytest.mark.ray
def test_folder_shards_markers_and_rerun(ray_cluster: object, tmp_path: Path) -> None:
    from copydesk.executors.ray_exec import ShardJob, parse_to_folder

    paths = make_inputs(tmp_path / "in")
    options = ParseOptions()
    shards = plan_shards(paths, max_files=16)
    folder = tmp_path / "parts"
    job = ShardJob(options, resolve_target(folder, "jsonl"))
    first = parse_to_folder(shards, job, 2)
    assert (first.shards, first.skipped, first.records, first.failed) == (4, 0, 62, 2)
    assert read_parts(folder) == local_json(paths, options)
    assert len(list((folder / MARKERS).glob("*.json"))) == len(shards)
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.glob("part-*")}
    again = parse_to_folder(shards, job, 2)
    assert (again.skipped, again.records) == (4, 62)
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("part-*")} == stamps


@pytest.mark.ray
def test_parquet_shards(ray_cluster: object, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from copydesk.executors.ray_exec import ShardJob, parse_to_folder

    paths = make_inputs(tmp_path / "in", 20)
    options = ParseOptions()
    folder = tmp_path / "parts.parquet"
    job = ShardJob(options, resolve_target(f"{folder}/", "jsonl"))  # "x.parquet/": Parquet parts
    parse_to_folder(plan_shards(paths, max_files=8), job, 2)
    parts = sorted(folder.glob("part-*.parquet"))
    assert len(parts) == 3
    ids = [i for part in parts for i in pq.read_table(part)["id"].to_pylist()]
    assert ids == [json.loads(line)["id"] for line in local_json(paths, options)]


def _kill_once(records: Iterable[Article], victim: str, sentinel: str) -> Iterator[Article]:
    """A stage that kills its own worker process (SIGKILL, no cleanup) in the middle of a shard,
    the first time only."""
    for rec in records:
        if rec.source.path == victim and not os.path.exists(sentinel):
            Path(sentinel).write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
        yield rec


@pytest.mark.ray
def test_killed_worker_costs_a_retry_nothing_lost_or_twice(
    ray_cluster: object, tmp_path: Path
) -> None:
    from copydesk.executors.ray_exec import ShardJob, parse_to_folder

    paths = make_inputs(tmp_path / "in")
    options = ParseOptions()
    shards = plan_shards(paths, max_files=16)
    victim = shards[1].inputs[8]  # half way through the second shard
    sentinel = tmp_path / "killed"
    stage = functools.partial(_kill_once, victim=victim, sentinel=str(sentinel))
    folder = tmp_path / "parts"
    job = ShardJob(options, resolve_target(folder, "jsonl"), stages=(stage,))
    report = parse_to_folder(shards, job, 2)
    assert sentinel.exists()  # the worker really died mid-shard
    assert report.records == 62
    lines = read_parts(folder)
    assert lines == local_json(paths, options)  # nothing lost, nothing twice
    assert len({json.loads(line)["id"] for line in lines}) == len(lines)
    assert not list(folder.rglob("*.tmp-*"))  # the dead attempt's partial file was removed


def test_uri_survives_the_path_option() -> None:
    from copydesk.cli.ray_cmd import _uri

    assert _uri(Path("s3://bucket/run/")) == "s3://bucket/run"
    assert _uri(Path("file:///tmp/x")) == "file:///tmp/x"
    assert _uri(Path("out/parts")) == "out/parts"


@pytest.mark.ray
def test_cli_parse_and_ingest_on_ray(ray_cluster: object, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from copydesk.cli import app

    paths = make_inputs(tmp_path / "in", 12)
    runner = CliRunner()
    out = tmp_path / "parts"
    args = ["parse", str(tmp_path / "in"), "--executor", "ray", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output  # the two bad inputs
    assert read_parts(out) == local_json(paths, ParseOptions())
    db = tmp_path / "c.db"
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "in"), "--db", str(db), "--executor", "ray"]
    )
    assert result.exit_code == 1, result.output
    import sqlite3

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 12
    conn.close()


def test_cli_on_ray_reports_what_the_readers_skipped(ray_cluster: object, tmp_path: Path) -> None:
    """The closing summary names the WARC records that were not articles, by reason, as the
    local run does: for a folder output (from the shards' markers, again on a rerun that
    skips every shard) and for one file (from each shard's closing row)."""
    import gzip

    from typer.testing import CliRunner

    from copydesk.cli import app
    from test_warc_reader import RECORDS

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "crawl.warc.gz").write_bytes(b"".join(gzip.compress(r) for r in RECORDS))
    runner = CliRunner()
    local = runner.invoke(app, ["parse", str(tmp_path / "in"), "-o", str(tmp_path / "l.jsonl")])
    assert local.exit_code == 0, local.output
    summary = " ".join(local.output.split())  # the console may wrap long lines
    skipped = summary[summary.index("skipped: ") :]
    assert skipped.startswith("skipped: ") and "request record ×1" in skipped
    for out in (tmp_path / "parts", tmp_path / "parts", tmp_path / "one.jsonl"):
        args = ["parse", str(tmp_path / "in"), "--executor", "ray", "-o", str(out)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        summary = " ".join(result.output.split())
        assert "1 input(s), 2 record(s): 2 ok, 0 with errors, 3 skipped (not articles)" in summary
        assert skipped[: skipped.index(" ×1") + 3] in summary
    db = tmp_path / "c.db"
    args = ["ingest", str(tmp_path / "in"), "--db", str(db), "--executor", "ray"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "3 input record(s) not articles, skipped: " in " ".join(result.output.split())


def test_exclude_is_not_part_of_a_shards_digest() -> None:
    from dataclasses import replace

    from copydesk.executors.shards import Shard, shard_digest

    shard, options = Shard(0, ("a.txt",)), ParseOptions()
    excluding = replace(options, read=replace(options.read, exclude=("drafts",)))
    assert shard_digest(shard, options, "jsonl") == shard_digest(shard, excluding, "jsonl")
