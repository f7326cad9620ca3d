"""``parse`` and ``ingest`` with ``--executor ray``: the CLI side of the Ray executor.

Output rules, as for the local executor: no ``-o`` prints records; ``-o`` naming a file gives
one file (written under a temporary name, renamed when complete); ``-o`` naming a folder (an
existing one, a trailing ``/`` or a name without a suffix) or a URI (``s3://bucket/out/``)
gives one part per shard plus completion markers, so the same command run again skips what is
done.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import Any, TextIO

from copydesk.cli.progress import Tally, no_input, print_error, stderr_console
from copydesk.errors import CopydeskError
from copydesk.options import ParseOptions
from copydesk.readers.paths import ReadStats
from copydesk.record import Article
from copydesk.writers.parquet import write_parquet


def parse_on_ray(
    paths: list[str],
    options: ParseOptions,
    fmt: str,
    output: str | None,
    address: str | None,
    jobs: int,
) -> int:
    """Run ``copydesk parse`` on Ray; returns the exit status (1 when any input failed)."""
    from copydesk.executors.ray_exec import (
        ShardJob,
        parse_records,
        parse_to_folder,
        pending,
        ray_session,
    )
    from copydesk.executors.shards import plan_shards, resolve_target

    console = stderr_console()
    started = time.perf_counter()
    tally = Tally()
    try:
        target = resolve_target(_uri(output), fmt)
        planned = ReadStats()
        shards = plan_shards(paths, exclude=options.read.exclude, stats=planned)
        if not shards:
            console.print(no_input(planned))
            return 1
        job = ShardJob(options, target)
        needed = target.kind != "folder" or bool(pending(shards, job)[0])
        with ray_session(address, cpus=jobs or None) if needed else nullcontext():
            if target.kind == "folder":
                # only the shards' counts come back: no failures or removals by reason
                report = parse_to_folder(shards, job, jobs or None)
                tally.records, tally.failed, tally.read = report.records, report.failed, report.read
                note = f"{report.skipped} of {report.shards} shard(s) already done"
            else:
                records = parse_records(shards, job, jobs or None, tally.read)
                _write_one(records, target, tally)
                note = f"{len(shards)} shard(s)"
            tally.read.excluded += planned.excluded
            tally.read.excluded_folders += planned.excluded_folders
    except CopydeskError as exc:
        print_error(console, exc)
        return 2
    seconds = time.perf_counter() - started
    console.print(f"{tally.summary()}\n{note}, {seconds:.1f}s", highlight=False)
    return 1 if tally.failed or (tally.records == 0 and not tally.skipped) else 0


def _uri(output: str | None) -> str | None:
    """Undo what `pathlib.Path` does to a URI given as ``-o`` (``s3://b/x`` becomes ``s3:/b/x``)."""
    if output is None:
        return None
    text = str(output)
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]+):/(?!/)", text)
    if not match:
        return text
    scheme, rest = match.group(1), text[match.end() :]
    return f"{scheme}:///{rest}" if scheme == "file" else f"{scheme}://{rest}"


def _write_one(records: Iterable[Article], target: Any, tally: Tally) -> None:
    """Records to stdout or to one file, each added to ``tally``."""

    def counted(recs: Iterable[Article]) -> Iterable[Article]:
        for rec in recs:
            tally.add(rec)
            yield rec

    if target.kind == "stdout":
        _render(counted(records), sys.stdout, target.fmt)
        return
    out = Path(target.location)
    tmp = out.with_name(f".{out.name}.partial")
    try:
        if target.fmt == "parquet":
            write_parquet(counted(records), tmp)
        else:
            with tmp.open("w", encoding="utf-8") as fh:
                _render(counted(records), fh, target.fmt)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def _render(records: Iterable[Article], out: TextIO, fmt: str) -> None:
    from copydesk.writers import write_records

    for _ in write_records(records, out, fmt):
        pass


def ingest_on_ray(
    paths: list[str],
    db: Path,
    options: ParseOptions,
    settings: Any,
    batch_size: int,
    jobs: int,
    address: str | None,
) -> int:
    """Run ``copydesk ingest`` on Ray; returns the exit status as the local ingest does."""
    from copydesk.cli.corpus_cmd import _summary
    from copydesk.executors.ray_exec import ray_session
    from copydesk.executors.ray_ingest import ingest_on_ray as run_ingest

    console = stderr_console()
    started = time.perf_counter()
    try:
        with ray_session(address, cpus=jobs or None):
            report = run_ingest(
                paths, db, options, settings, workers=jobs or None, batch_size=batch_size
            )
    except CopydeskError as exc:
        print_error(console, exc)
        return 2
    except KeyboardInterrupt:
        console.print(
            "[yellow]interrupted[/yellow]: parsed shards and stored batches are kept; "
            "run the same command again to finish"
        )
        return 130
    console.print(_summary(report, time.perf_counter() - started), highlight=False)
    return 1 if report.failed else 0
