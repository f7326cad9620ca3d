"""``copydesk parse``: inputs to records, printed or written as JSONL, JSON, Markdown or text."""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.markup import escape

from copydesk.cli.progress import Tally, make_progress, no_input, stderr_console
from copydesk.options import DEFAULT_MAX_BYTES, EnrichOptions, ParseOptions, ReadOptions
from copydesk.writers import FORMATS, write_records
from copydesk.writers.parquet import write_parquet
from copydesk.writers.targets import seekable, written_in_place

INPUT_FORMATS = ("auto", "text", "html", "warc", "jsonl")
EXECUTORS = ("local", "ray")


def check_choice(value: str, allowed: Sequence[str], flag: str) -> None:
    """A usage error naming the choices when ``value`` is none of them."""
    if value not in allowed:
        choices = ", ".join(allowed[:-1]) + f" or {allowed[-1]}"
        raise typer.BadParameter(f"must be {choices}", param_hint=flag)


#: ``--exclude`` for every command that reads inputs (parse, ingest).
EXCLUDE_HELP = (
    "Leave out inputs matching this pattern (repeatable): a file or folder name below the "
    "folders given ('*.tmp.html', 'drafts'), or a whole path when it has a slash."
)

FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="jsonl, json, md, txt or parquet (default: from the -o file's suffix, else jsonl).",
    ),
]
#: Output formats `parse` writes, and the file suffixes that choose one when -f is not given.
PARSE_FORMATS = (*FORMATS, "parquet")
FORMAT_BY_SUFFIX = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".parquet": "parquet",
}


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)


def parse(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs; '-' reads stdin.")],
    fmt: FormatOpt = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write here, not stdout ('-': stdout).")
    ] = None,
    input_format: Annotated[
        str, typer.Option(help="auto (by file name), text, html, warc or jsonl.")
    ] = "auto",
    explain: Annotated[
        bool, typer.Option(help="Show each input line's class and every change.")
    ] = False,
    enrich: Annotated[
        bool, typer.Option(help="Entities, quotes and dates (the nlp extra).")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 = all cores.")
    ] = 0,
    executor: Annotated[str, typer.Option(help="local or ray.")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (with --executor ray).")
    ] = None,
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    html_field: Annotated[str, typer.Option(help="JSONL field holding HTML.")] = "html",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the id.")] = "id",
    url_field: Annotated[str, typer.Option(help="JSONL field holding the URL.")] = "url",
    encoding: Annotated[str | None, typer.Option(help="Force an input encoding.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help=EXCLUDE_HELP)] = None,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Read at most this many bytes of one input.")
    ] = DEFAULT_MAX_BYTES,
    model: Annotated[
        str, typer.Option(help="spaCy model for --enrich (auto tries en_core_web_sm first).")
    ] = "auto",
    published: Annotated[
        str | None,
        typer.Option(
            help="Base date for relative dates (ISO) of records without a date of their own."
        ),
    ] = None,
    progress: Annotated[bool | None, typer.Option(help="Force the progress bar on or off.")] = None,
) -> None:
    """Parse news text, HTML, WARC or JSONL into clean article records."""
    check_choice(input_format, INPUT_FORMATS, "--input-format")
    check_choice(executor, EXECUTORS, "--executor")
    if output == "-":
        output = None  # "-o -" is stdout, as "-" among the inputs is stdin
    named = not fmt and executor == "local" and not explain
    fmt = fmt.lower() if fmt else output_format(output)
    check_choice(fmt, PARSE_FORMATS, "--format")
    check_suffix(fmt, output)
    if output is not None and (clash := _input_at(output, paths, exclude or ())):
        # the output replaces the file when the run ends: the input would be lost
        raise typer.BadParameter(
            f"{output} is also an input ({clash}); write elsewhere", param_hint="-o"
        )
    if executor == "local" and not explain:
        _check_local_output(output, fmt)
    check_encoding(encoding)
    check_published(published)
    fields = (text_field, html_field, id_field, url_field)
    read = ReadOptions(
        input_format,
        *fields,
        max_bytes,
        encoding,
        tuple(exclude or ()),
        # inside a folder being parsed, the output must not be read back as it is written
        never_read=_own_names(output),
    )
    if not enrich and (model != "auto" or published is not None):
        stderr_console().print(
            "[yellow]note[/yellow]: --model and --published take effect only with --enrich"
        )
    enrich_opts = EnrichOptions(model=model, published=published) if enrich else None
    options = ParseOptions(read=read, enrich=enrich_opts)
    if explain:
        raise typer.Exit(_explain(paths, options, output))
    if executor == "ray":
        from copydesk.cli.ray_cmd import parse_on_ray

        raise typer.Exit(parse_on_ray(paths, options, fmt, output, address, jobs))
    target = Path(output) if output is not None else None
    status = _parse_local(paths, options, fmt, target, jobs, progress)
    if named and status != 2:
        note_unnamed_format(output)
    raise typer.Exit(status)


def output_format(output: str | None) -> str:
    """The format an output file's name asks for: ``-o corpus.parquet`` used to get JSONL
    under that name, which no Parquet reader opens."""
    if output is None:
        return "jsonl"
    return FORMAT_BY_SUFFIX.get(Path(output).suffix.lower(), "jsonl")


def note_unnamed_format(output: str | None) -> None:
    """JSONL is the default, but a file named out.csv or out.xml looked like a request for
    another format: say what it got. Called only where the name chose the format."""
    if output is None or written_in_place(Path(output)) or output.endswith(("/", os.sep)):
        return
    suffix = Path(output).suffix.lower()
    if suffix and suffix not in FORMAT_BY_SUFFIX:
        stderr_console().print(
            f"[yellow]note[/yellow]: {escape(output)}: {escape(suffix)} names no format "
            "copydesk writes; wrote jsonl (name the file .jsonl, or pass --format)"
        )


def check_suffix(fmt: str, output: str | None) -> None:
    """A ``--format`` the ``-o`` name contradicts: Parquet under a text name, or text under a
    Parquet name, is a file no reader of either kind opens (``-f md -o x.parquet`` wrote
    Markdown there), so it is refused; one text format under another's name is only noted."""
    named = FORMAT_BY_SUFFIX.get(Path(output).suffix.lower()) if output else None
    if named is None or named == fmt:
        return
    if "parquet" in (named, fmt):
        raise typer.BadParameter(
            f"--format {fmt} under the name {output}, which says {named}: rename the file "
            "or drop --format",
            param_hint="--format",
        )
    stderr_console().print(f"[yellow]note[/yellow]: writing {fmt} to {escape(output or '')}")


def _check_local_output(output: str | None, fmt: str) -> None:
    """One process writes one file (or stdout): a folder is for shards, on Ray."""
    if output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output)):
        raise typer.BadParameter(
            f"{output} is a folder: parse writes one file, so name one (a folder of shards "
            "is what --executor ray writes)",
            param_hint="-o",
        )
    if fmt == "parquet" and (output is None or not seekable(Path(output))):
        raise typer.BadParameter(
            "parquet is written to a file, not a pipe or a terminal: name one with -o",
            param_hint="-o",
        )


def check_encoding(encoding: str | None) -> None:
    """An unknown ``--encoding`` is a usage error before any input is read, not an internal
    error in every record."""
    if encoding is None:
        return
    try:
        info = codecs.lookup(encoding)
        # rot13, base64, zlib are codecs but not text encodings: bytes.decode refuses them, and
        # every record became an "internal error"; "undefined" decodes nothing
        if not getattr(info, "_is_text_encoding", True):
            raise LookupError(encoding)
        b"news".decode(encoding)
    except (LookupError, UnicodeError):
        raise typer.BadParameter(
            f"unknown encoding {encoding!r} (try utf-8, cp1252, latin-1, shift_jis, gb18030)",
            param_hint="--encoding",
        ) from None


def check_published(published: str | None) -> None:
    """``--published`` must be a date: a bad one used to be ignored without a word, and
    relative dates stayed unresolved."""
    if published is None:
        return
    try:
        datetime.fromisoformat(published)  # all of it: "2024-01-05garbage" is no date
    except ValueError:
        raise typer.BadParameter(
            f"{published!r} is not an ISO date (YYYY-MM-DD)", param_hint="--published"
        ) from None


def _parse_local(
    paths: list[str],
    options: ParseOptions,
    fmt: str,
    output: Path | None,
    jobs: int,
    progress: bool | None,
) -> int:
    from copydesk.executors.local import default_jobs

    console = stderr_console()
    tally = Tally()
    jobs = jobs or default_jobs()
    target, partial = _output_paths(output) if output is not None else (None, None)
    try:
        _run_local(paths, options, fmt, partial or target, jobs, progress, tally)
    except OSError as exc:
        if partial is not None:
            with contextlib.suppress(OSError):  # its folder may be a file: nothing to remove
                partial.unlink(missing_ok=True)
        if reader_left(exc, target):
            return 0
        console.print(f"[red]error[/red]: {escape(write_error(exc, target))}")
        return 2
    except BaseException:
        if partial is not None:
            _keep_or_drop(partial, console)
        raise
    nothing = tally.records == 0 and not tally.skipped
    if partial is not None and target is not None:
        if nothing:  # an earlier run's output is worth more than an empty file
            partial.unlink(missing_ok=True)
        else:
            _replace(partial, target)
    if nothing:
        console.print(no_input(tally.read))
        return 1
    console.print(tally.summary(), highlight=False)  # records skipped are not failures
    return 1 if tally.failed else 0


def reader_left(exc: OSError, target: Path | None) -> bool:
    """The program reading standard output closed it (``copydesk parse crawl.warc | head``):
    the user has what they asked for. Like other command-line tools, stop quietly; stdout is
    pointed at the null device so that Python's flush at exit does not fail on it again."""
    if not isinstance(exc, BrokenPipeError) or (target is not None and str(target) != "-"):
        return False
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return True


def write_error(exc: OSError, target: Path | None) -> str:
    """Why an output could not be written, naming the file the user gave (not the hidden
    partial file written meanwhile) and, for a missing folder, that folder."""
    where = exc.filename or target or "standard output"
    if str(where).endswith(".partial"):
        where = target
    if isinstance(exc, FileNotFoundError | NotADirectoryError) and target is not None:
        folder = target.parent
        if folder.is_file() or not folder.is_dir():
            what = "is a file" if folder.is_file() else "does not exist (create it first)"
            return f"cannot write {target}: its folder {folder} {what}"
    return f"cannot write {where}: {exc.strerror or exc}"


def _output_paths(output: Path) -> tuple[Path, Path | None]:
    """(the file the records end up in, the file they are written to meanwhile). Records go
    to a hidden partial file renamed over the output at the end, as `export` and the Ray
    executor write theirs: a run that fails before its first record (a missing spaCy model)
    left an empty output, or an emptied one where a good file had been. The partial file is
    named for the process, so two runs writing one output do not write into each other.

    Written to directly, never replaced: a device, a pipe or a stream's name (`written_in_place`:
    ``-o /dev/null``, ``-o /dev/stdout``), and an output whose folder takes no new file. A link
    is written through."""
    if written_in_place(output):
        return output, None
    target = output.resolve() if output.is_symlink() else output
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    folder = target.parent
    if len(partial.name) > 255 or (folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK)):
        return target, None
    return target, partial


def _replace(partial: Path, target: Path) -> None:
    """``partial`` over ``target``, keeping the permissions the old file had."""
    with contextlib.suppress(OSError):
        shutil.copymode(target, partial)
    os.replace(partial, target)


def _keep_or_drop(partial: Path, console: Console) -> None:
    """After a failed or interrupted run: an empty partial file goes; records already
    written stay where the user can find them."""
    try:
        if partial.stat().st_size == 0:
            partial.unlink()
        else:
            console.print(f"[yellow]partial output kept[/yellow] in {escape(str(partial))}")
    except OSError:
        pass


def _run_local(
    paths: list[str],
    options: ParseOptions,
    fmt: str,
    output: Path | None,
    jobs: int,
    progress: bool | None,
    tally: Tally,
) -> None:
    from copydesk.executors.local import parse_parallel
    from copydesk.readers import read_inputs

    console = stderr_console()
    started = time.perf_counter()
    with ExitStack() as stack:
        out: TextIO | None
        if fmt == "parquet":
            out = None
        elif output is not None:
            handle = (
                output.open("a", encoding="utf-8")
                if written_in_place(output)
                else output.open("w", encoding="utf-8")
            )
            out = stack.enter_context(handle)
        else:
            out = sys.stdout
        bar = stack.enter_context(make_progress(console, progress))
        task = bar.add_task("parsing", total=None, rate="0")

        def tick(article: object) -> None:
            tally.add(article)  # type: ignore[arg-type]
            rate = tally.records / max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=1, rate=f"{rate:,.0f}")

        docs = read_inputs(paths, options.read, tally.read)
        records = parse_parallel(docs, options, jobs=jobs, on_result=tick)
        if options.enrich is not None:
            from copydesk.enrich import enrich_records

            records = enrich_records(records, options.enrich, jobs=jobs)
        if out is None:
            assert output is not None  # parquet without -o was refused
            write_parquet(records, output)
        else:
            for _ in write_records(records, out, fmt):
                pass


def _explain(paths: list[str], options: ParseOptions, output: str | None = None) -> int:
    """Each input's lines with what became of them, to stdout or to ``output``."""
    with ExitStack() as stack:
        out = stack.enter_context(open(output, "w", encoding="utf-8")) if output else sys.stdout
        return _explain_to(paths, options, out)


def _explain_to(paths: list[str], options: ParseOptions, out: TextIO) -> int:
    from copydesk.pipeline import parse_document
    from copydesk.readers import read_inputs

    failed = 0
    for doc in read_inputs(paths, options.read):
        parsed = parse_document(doc, options)
        art = parsed.article
        failed += bool(art.errors)
        print(f"== {art.source.path or art.source.url or '<input>'} ({art.id})", file=out)
        width = max((len(t.label) for t in parsed.trace), default=4)
        for t in parsed.trace:
            note = f"   ⟵ {t.note}" if t.note else ""
            print(f"{t.where:>5} {t.label:<{width}} │ {t.text}{note}", file=out)
        summary = {
            "headline": art.headline,
            "section": art.section,
            "credit": art.credit,
            "dateline": art.dateline,
            "byline": art.byline,
        }
        print("   → " + ", ".join(f"{k}={v!r}" for k, v in summary.items() if v), file=out)
        for err in art.errors:
            print(f"   ! {err}", file=out)
    return 1 if failed else 0


def _own_names(output: str | None) -> tuple[str, ...]:
    """The output's names, the link's and the file's, never read as input."""
    if output is None:
        return ()
    return tuple(dict.fromkeys((os.path.abspath(output), os.path.realpath(output))))


def _input_at(output: str, paths: list[str], exclude: Sequence[str]) -> str | None:
    """How the inputs name an existing output file, when they do and it is not an earlier
    run's records (``parse in/ -o in/records.jsonl`` again replaces those, and skips them as
    input). Given inside a folder or by a glob it was skipped as "the run's own output" and
    then replaced: the article in ``in/story.txt`` was lost to ``-o in/story.txt``."""
    from copydesk.readers.paths import expand_paths

    if not os.path.isfile(output) or _earlier_records(output):
        return None
    real = os.path.realpath(output)
    for path in expand_paths(paths, exclude):
        if path != "-" and (path == output or os.path.realpath(path) == real):
            return path
    return None


def _earlier_records(path: str) -> bool:
    """Whether the file is empty or starts with a copydesk record (JSONL or JSON)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return not head.strip() or (b'"id": "' in head and b'"source": {' in head)
