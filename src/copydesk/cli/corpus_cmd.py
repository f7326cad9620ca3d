"""Corpus commands: ``ingest``, ``search``, ``dups``, ``export`` and ``stats`` over the store."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Annotated

import typer

from copydesk.cli.parse_cmd import (
    EXCLUDE_HELP,
    EXECUTORS,
    INPUT_FORMATS,
    check_choice,
    check_encoding,
    check_published,
    check_suffix,
    note_unnamed_format,
    output_format,
    reader_left,
    write_error,
)
from copydesk.cli.progress import (
    excluded_text,
    make_progress,
    print_error,
    stderr_console,
)
from copydesk.errors import kinds_with_first
from copydesk.options import DEFAULT_MAX_BYTES

DbOpt = Annotated[Path, typer.Option("--db", help="The corpus store (SQLite).")]
DEFAULT_DB = Path("copydesk.db")


def register(app: typer.Typer) -> None:
    """Add the corpus commands to ``app``."""
    app.command("ingest")(ingest)
    app.command("search")(search)
    app.command("dups")(dups)
    app.command("export")(export)
    app.command("stats")(stats)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs; '-' reads stdin.")],
    db: DbOpt = DEFAULT_DB,
    input_format: Annotated[str, typer.Option(help="auto, text, html, warc or jsonl.")] = "auto",
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    html_field: Annotated[str, typer.Option(help="JSONL field holding HTML.")] = "html",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the id.")] = "id",
    url_field: Annotated[str, typer.Option(help="JSONL field holding the URL.")] = "url",
    encoding: Annotated[str | None, typer.Option(help="Force an input encoding.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help=EXCLUDE_HELP)] = None,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Read at most this many bytes of one input.")
    ] = DEFAULT_MAX_BYTES,
    batch_size: Annotated[int, typer.Option(min=1, help="Records per transaction.")] = 5000,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Parser processes; 0 = all cores.")
    ] = 0,
    enrich: Annotated[
        bool,
        typer.Option(
            "--enrich/--no-enrich", help="Entities, quotes, dates (nlp extra); off by default."
        ),
    ] = False,
    near_threshold: Annotated[
        float | None,
        typer.Option(
            help="Word-5-gram Jaccard for near duplicates (default 0.6).",
        ),
    ] = None,
    containment_threshold: Annotated[
        float | None,
        typer.Option(
            help="3-gram containment for syndicated copies (default 0.3).",
        ),
    ] = None,
    model: Annotated[
        str, typer.Option(help="spaCy model for --enrich (auto tries en_core_web_sm first).")
    ] = "auto",
    published: Annotated[
        str | None,
        typer.Option(
            help="With --enrich: base date for relative dates (ISO) of records without a "
            "date of their own."
        ),
    ] = None,
    progress: Annotated[bool | None, typer.Option(help="Force the progress bar on or off.")] = None,
    executor: Annotated[str, typer.Option(help="local or ray.")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (with --executor ray).")
    ] = None,
) -> None:
    """Parse, deduplicate and store inputs; run it again to resume after an interruption."""
    from dataclasses import replace

    from copydesk.corpus.settings import DedupSettings
    from copydesk.options import EnrichOptions, ParseOptions, ReadOptions

    check_choice(input_format, INPUT_FORMATS, "--input-format")
    check_choice(executor, EXECUTORS, "--executor")
    check_encoding(encoding)
    check_published(published)
    read = ReadOptions(
        input_format,
        text_field,
        html_field,
        id_field,
        url_field,
        max_bytes,
        encoding,
        exclude=tuple(exclude or ()),
    )
    enrich_opts = EnrichOptions(model=model, published=published)
    options = ParseOptions(read=read, enrich=enrich_opts if enrich and _nlp_ready() else None)
    settings = DedupSettings()
    for flag, value in (
        ("--near-threshold", near_threshold),
        ("--containment-threshold", containment_threshold),
    ):
        if value is not None and not 0 < value <= 1:
            raise typer.BadParameter(f"must be above 0 and at most 1, not {value}", param_hint=flag)
    if near_threshold is not None:
        settings = replace(settings, near_threshold=near_threshold)
    if containment_threshold is not None:
        settings = replace(settings, containment_threshold=containment_threshold)
    if executor == "ray":  # the Ray executor (copydesk.cli.ray_cmd) owns everything after this
        from copydesk.cli.ray_cmd import ingest_on_ray

        raise typer.Exit(ingest_on_ray(paths, db, options, settings, batch_size, jobs, address))
    raise typer.Exit(_ingest(paths, db, options, settings, batch_size, jobs, progress))


def _nlp_ready() -> bool:
    """Enrichment runs only when its module and the nlp extra are installed."""
    import importlib.util

    if (
        importlib.util.find_spec("copydesk.enrich") is None
        or importlib.util.find_spec("spacy") is None
    ):
        stderr_console().print("[yellow]--enrich ignored[/yellow]: the nlp stage is not available")
        return False
    return True


def _ingest(paths, db, options, settings, batch_size, jobs, progress) -> int:  # type: ignore[no-untyped-def]
    from copydesk.executors.local import default_jobs
    from copydesk.store import StoreError
    from copydesk.store.ingest import IngestReport
    from copydesk.store.ingest import ingest as run_ingest

    console = stderr_console()
    started = time.perf_counter()
    report = IngestReport()
    with make_progress(console, progress) as bar:
        task = bar.add_task("ingesting", total=None, rate="0")

        def tick(rep: IngestReport, size: int) -> None:
            nonlocal report
            report = rep
            rate = rep.seen / max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=rep.seen, rate=f"{rate:,.0f}")

        try:
            report = run_ingest(
                paths,
                db,
                options,
                settings,
                batch_size=batch_size,
                jobs=jobs or default_jobs(),
                on_batch=tick,
            )
        except StoreError as exc:
            bar.stop()
            print_error(console, exc)
            console.print(
                f"{report.stored} record(s) were stored before the error, in whole batches"
            )
            return 2
        except KeyboardInterrupt:
            bar.stop()
            console.print(
                f"[yellow]interrupted[/yellow]: {report.stored} record(s) stored in whole batches, "
                "the batch in flight was rolled back; run the same command again to finish"
            )
            return 130
    console.print(_summary(report, time.perf_counter() - started), highlight=False)
    return 1 if report.failed else 0


def _summary(report, seconds: float) -> str:  # type: ignore[no-untyped-def]

    lines = [
        f"{report.seen} record(s) in {seconds:.1f}s: {report.stored} stored "
        f"({report.duplicates} duplicate(s) linked), {report.skipped} already stored, "
        f"{len(report.failed)} failed (not stored)"
    ]
    if report.id_clashes:
        lines[0] += f", {report.id_clashes} not stored: their id was taken (see the warnings)"
    not_articles = report.read.skipped
    if not_articles:
        lines.append(
            f"{sum(not_articles.values())} input record(s) not articles, skipped: "
            + ", ".join(f"{r} ×{n}" for r, n in not_articles.most_common())
        )
    if report.read.excluded or report.read.excluded_folders:
        lines.append(excluded_text(report.read))
    failures = [r.errors[0] for r in report.failed if r.errors]
    if failures:
        lines.append("failures: " + kinds_with_first(failures, 5))
    flawed = report.stored_errors
    if flawed:
        lines.append(
            f"{sum(flawed.values())} stored with errors: "
            + ", ".join(f"{r} ×{n}" for r, n in flawed.most_common(5))
            + "; a later ingest into this store skips them as stored, so redo them in a new "
            "store (--db) once the cause is fixed"
        )
    for warning in report.warnings[:10]:
        lines.append(f"warning: {warning}")
    if len(report.warnings) > 10:
        lines.append(f"... and {len(report.warnings) - 10} more warning(s)")
    return "\n".join(lines)


def search(
    query: Annotated[
        str, typer.Argument(help='FTS5 query: words, "phrases", AND/OR/NOT, prefix*.')
    ],
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Hits to show.")] = 10,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many hits (pagination).")] = 0,
    plain: Annotated[
        bool, typer.Option(help="Treat the query as plain words (no operators).")
    ] = False,
    no_duplicates: Annotated[
        bool, typer.Option("--no-duplicates", help="Canonical copies only.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    rank_all: Annotated[
        bool,
        typer.Option(
            "--rank-all",
            help="Rank every match (slow for words in most articles); by default a query "
            "matching more than 10,000 articles is ranked among the 10,000 most recent.",
        ),
    ] = False,
) -> None:
    """Full-text search over the store, best matches first, with snippets."""
    check_choice(fmt, ("table", "jsonl"), "--format")
    from rich.markup import escape

    from copydesk.store import ReadStore, SearchSyntaxError, StoreError
    from copydesk.store.read import RANK_WINDOW
    from copydesk.store.unspaced import unspaced

    console = stderr_console()
    try:
        with ReadStore(db) as store:
            page = store.search(
                query,
                limit=limit,
                offset=offset,
                syntax="plain" if plain else "fts",
                canonical_only=no_duplicates,
                count=True,
                marks=("\x02", "\x03"),
                rank_window=0 if rank_all else RANK_WINDOW,
            )
            if not store.trigrams and unspaced(query):
                console.print(
                    f"note: {db} predates schema version 4, so words inside runs of Chinese, "
                    "Japanese or Thai text are not found; any `copydesk ingest` into it adds "
                    "that index",
                    highlight=False,
                )
    except SearchSyntaxError as exc:
        console.print(f"[red]bad query[/red]: {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    except StoreError as exc:
        print_error(console, exc)
        raise typer.Exit(2) from None
    if fmt == "jsonl":
        for hit in page.hits:
            data = {k: getattr(hit, k) for k in hit.__slots__}
            data["snippet"] = hit.snippet.replace("\x02", "").replace("\x03", "")
            print(json.dumps(data, ensure_ascii=False))
        return
    _print_hits(page)


def _print_hits(page) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.markup import escape

    from copydesk.store.read import RANK_WINDOW

    out = Console(highlight=False)
    for n, hit in enumerate(page.hits, start=page.offset + 1):
        snip = (
            escape(hit.snippet).replace("\x02", "[bold yellow]").replace("\x03", "[/bold yellow]")
        )
        dup = f"  (copy of {hit.duplicate_of})" if hit.duplicate_of else ""
        out.print(
            # the rank, not BM25's score: on a small store that is a few millionths ("2.96e-06")
            # and says nothing to a reader; `-f jsonl` keeps it for a program
            f"[bold]{n}. {escape(hit.headline or '(no headline)')}[/bold]  [dim]{hit.id}{dup}[/dim]"
        )
        out.print(f"   {snip}")
    shown = f"{page.offset + 1}-{page.offset + len(page.hits)}" if page.hits else "0"
    note = ""
    if page.windowed:
        note = f" (ranked among the {RANK_WINDOW:,} most recent; --rank-all ranks every match)"
    stderr_console().print(f"{page.total} match(es), showing {shown}{note}")


def dups(
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")] = "table",
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Clusters to show (0 = all).")
    ] = 0,
) -> None:
    """Duplicate clusters: the members, the copy kept and why, and the link scores."""
    check_choice(fmt, ("table", "jsonl"), "--format")
    from copydesk.corpus.clusters import Member, canonical_reason
    from copydesk.store import ReadStore, StoreError

    try:
        with ReadStore(db) as store:
            views = store.clusters(limit=limit or 1_000_000_000)
    except StoreError as exc:
        print_error(stderr_console(), exc)
        raise typer.Exit(2) from None
    rows = []
    for view in views:
        members = [Member(i, m.words, m.published, m.credit) for i, m in enumerate(view.members)]
        chosen = next(members[i] for i, m in enumerate(view.members) if m.canonical)
        rows.append((view, canonical_reason(chosen, members)))
    if fmt == "jsonl":
        for view, why in rows:
            print(json.dumps(_cluster_json(view, why), ensure_ascii=False))
        return
    _dups_table(rows)


def _cluster_json(view, why: str) -> dict:  # type: ignore[no-untyped-def]
    return {
        "cluster": view.id,
        "canonical": view.canonical,
        "why": why,
        "members": [
            {
                "id": m.id,
                "path": m.path,
                "url": m.url,
                "source_url": m.source_url,
                "offset": m.offset,
                "line": m.line,
                "headline": m.headline,
                "canonical": m.canonical,
            }
            for m in view.members
        ],
        "links": [
            {"a": lk.a, "b": lk.b, "signal": lk.signal, "score": lk.score} for lk in view.links
        ],
    }


def _where(member) -> str:  # type: ignore[no-untyped-def]
    """A copy's place: its file, and the record or line in it (copies in one WARC differ
    only there)."""
    if not member.path:
        return str(member.id)
    if member.offset is not None:
        return f"{member.path}@{member.offset}"
    return f"{member.path}:{member.line}" if member.line is not None else str(member.path)


def _dups_table(rows) -> None:  # type: ignore[no-untyped-def]
    from rich.console import Console
    from rich.table import Table

    table = Table("cluster", "copies", "kept (why)", "signals (lowest score)")
    for view, why in rows:
        kept = next(m for m in view.members if m.canonical)
        signals: dict[str, float] = {}
        for lk in view.links:
            signals[lk.signal] = min(signals.get(lk.signal, 1.0), lk.score)
        table.add_row(
            view.id,
            str(len(view.members)),
            f"{_where(kept)} ({why})",
            ", ".join(f"{k} {v:.2f}" for k, v in sorted(signals.items())),
        )
    Console(highlight=False).print(table)
    stderr_console().print(f"{len(rows)} cluster(s)")


def export(
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="jsonl or parquet (default: from the -o file's suffix)."
        ),
    ] = None,
    output: Annotated[
        str | None,  # not Path: typer's Path drops the trailing slash that says "a folder"
        typer.Option(
            "-o",
            "--output",
            help="The file to write ('-': stdout, JSONL only; default corpus.jsonl or "
            "corpus.parquet).",
        ),
    ] = None,
    no_duplicates: Annotated[
        bool, typer.Option("--no-duplicates", help="Canonical copies only.")
    ] = False,
) -> None:
    """Write the stored records to JSONL or Parquet."""
    from copydesk.store import ReadStore, StoreError
    from copydesk.store.export import export as run_export

    # as parse does: the name says the format, and the format the default name
    # ("--format parquet" alone wrote Parquet into corpus.jsonl)
    if output is not None and output.endswith(("/", os.sep)):
        raise typer.BadParameter(
            f"{output} is a folder: export writes one file, so name one "
            f"({output.rstrip('/' + os.sep)}/corpus.jsonl)",
            param_hint="-o",
        )
    named = fmt is None
    if fmt is None:
        fmt = output_format(output)
        if fmt not in ("jsonl", "parquet"):
            # JSONL under an .md name is a file no reader of that name opens
            raise typer.BadParameter(
                f"export writes jsonl or parquet, not {fmt}: name the file .jsonl or "
                ".parquet (copydesk parse writes the other formats)",
                param_hint="-o",
            )
    fmt = fmt.lower()
    if fmt not in ("jsonl", "parquet"):
        raise typer.BadParameter("must be jsonl or parquet", param_hint="--format")
    check_suffix(fmt, output)
    target = Path(output) if output is not None else Path(f"corpus.{fmt}")
    console = stderr_console()
    started = time.perf_counter()
    try:
        with ReadStore(db) as store:
            count = run_export(store, target, fmt, canonical_only=no_duplicates)
    except StoreError as exc:
        print_error(console, exc)
        raise typer.Exit(2) from None
    except OSError as exc:
        if reader_left(exc, target):
            raise typer.Exit(0) from None
        print_error(console, OSError(write_error(exc, target)))
        raise typer.Exit(2) from None
    console.print(f"{count} record(s) written to {target} in {time.perf_counter() - started:.1f}s")
    if named:
        note_unnamed_format(output)


def stats(
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="table, json (indented), or jsonl (one line, as search writes)."
        ),
    ] = "table",
) -> None:
    """Counts: articles, duplicates, clusters, languages, credits, runs."""
    check_choice(fmt, ("table", "json", "jsonl"), "--format")
    from dataclasses import asdict

    from copydesk.store import ReadStore, StoreError

    try:
        with ReadStore(db) as store:
            st = store.stats()
    except StoreError as exc:
        print_error(stderr_console(), exc)
        raise typer.Exit(2) from None
    if fmt in ("json", "jsonl"):
        print(json.dumps(asdict(st), ensure_ascii=False, indent=2 if fmt == "json" else None))
        return
    print(f"store        {db} ({st.size_bytes / 1e6:.1f} MB, schema {st.schema_version})")
    print(f"articles     {st.articles} ({st.with_errors} with errors)")
    print(
        f"duplicates   {st.duplicates} in {st.clusters} cluster(s); links: "
        + ", ".join(f"{k} {v}" for k, v in st.signals.items())
    )
    print(f"sources      {st.sources}; runs {st.runs}")
    if st.last_run:
        r = st.last_run
        print(
            f"last run     #{r['id']} {r['status']} {r['started']}: {r['stored']} stored, "
            f"{r['skipped']} skipped, {r['errors']} failed"
        )
    for title, counts in (("languages", st.languages), ("credits", st.credits)):
        if counts:
            print(f"{title:<12} " + ", ".join(f"{k} {v}" for k, v in counts.items()))
