"""What a first-time user meets on the command line: output formats chosen by the file name,
usage errors before any input is read, HTML on stdin, readable errors instead of tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from copydesk.cli import app
from copydesk.cli.progress import print_error
from copydesk.errors import MissingExtraError, error_kind

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "fixtures" / "text" / "good-article.txt"
PAGE = ROOT / "examples" / "tech-article.html"
COPYDESK = (sys.executable, "-m", "copydesk")


def _parse(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(app, ["parse", "--jobs", "1", "--no-progress", *args], input=stdin)


def test_an_output_named_parquet_is_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "corpus.parquet"
    res = _parse(str(GOOD), str(PAGE), "-o", str(out))
    assert res.exit_code == 0, res.output
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert "Harbour town votes to rebuild its old sea wall" in table.column("headline").to_pylist()


@pytest.mark.parametrize(
    ("name", "start"), [("a.md", "*News › World*"), ("a.txt", "Floods"), ("a.json", "[")]
)
def test_the_output_suffix_chooses_the_format(tmp_path: Path, name: str, start: str) -> None:
    out = tmp_path / name
    assert _parse(str(GOOD), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_an_explicit_format_wins_over_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "records.txt"
    assert _parse(str(GOOD), "-f", "jsonl", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["headline"]


def test_an_explicit_format_the_name_contradicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Markdown under a .parquet name (or Parquet under .jsonl) is a file nothing opens: refused.
    monkeypatch.chdir(tmp_path)
    for args in (("-f", "md", "-o", "x.parquet"), ("-f", "parquet", "-o", "x.jsonl")):
        res = _parse(str(GOOD), *args)
        assert res.exit_code == 2 and "rename the file or drop --format" in res.output
        assert not Path(args[-1]).exists()
    # one text format under another's name is written, with a note
    res = _parse(str(GOOD), "-f", "txt", "-o", "notes.md")
    assert res.exit_code == 0 and "note: writing txt to notes.md" in res.output
    assert Path("notes.md").read_text(encoding="utf-8").startswith("Floods")


@pytest.mark.parametrize("target", ["out/", "old"])
def test_a_folder_as_the_output_of_a_local_parse_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    monkeypatch.chdir(tmp_path)  # a short path: the error box would wrap a long one
    Path("old").mkdir()
    res = _parse(str(GOOD), "-o", target)
    assert res.exit_code == 2
    assert f"{target} is a folder" in res.output
    assert not Path("out").exists()


def test_parquet_to_stdout_is_refused() -> None:
    res = _parse(str(GOOD), "-f", "parquet")
    assert res.exit_code == 2 and "name one with -o" in res.output


def test_parquet_to_a_pipe_is_refused_and_to_dev_null_written(tmp_path: Path) -> None:
    # pyarrow seeks: "-o /dev/stdout | cat" ended in a bare "lseek failed"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    res = _parse(str(GOOD), "-f", "parquet", "-o", str(fifo))
    assert res.exit_code == 2 and "not a pipe or a terminal" in " ".join(
        res.output.replace("│", " ").split()
    )
    assert _parse(str(GOOD), "-f", "parquet", "-o", os.devnull).exit_code == 0


def test_stream_names_are_written_in_place_and_files_under_dev_are_files(tmp_path: Path) -> None:
    from copydesk.writers.targets import written_in_place

    assert written_in_place(Path("/dev/stdout")) and written_in_place(Path("/proc/self/fd/1"))
    assert written_in_place(Path(os.devnull))
    assert not written_in_place(tmp_path / "new.jsonl") and not written_in_place(tmp_path)
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        # a store kept in /dev/shm was exported over itself: "-o" there skipped every check
        regular = shm / f"copydesk-test-{os.getpid()}.jsonl"
        regular.write_text("x\n")
        try:
            assert not written_in_place(regular)
        finally:
            regular.unlink()


def test_an_unknown_encoding_is_a_usage_error() -> None:
    res = _parse(str(GOOD), "--encoding", "bogus-enc")
    assert res.exit_code == 2
    assert "unknown encoding 'bogus-enc'" in res.output


def test_a_published_date_that_is_not_a_date_is_a_usage_error() -> None:
    res = _parse(str(GOOD), "--enrich", "--published", "notadate")
    assert res.exit_code == 2 and "not an ISO date" in res.output


def test_html_on_stdin_is_read_as_html() -> None:
    res = _parse("-", stdin=PAGE.read_text(encoding="utf-8"))
    assert res.exit_code == 0, res.output
    record = json.loads(res.stdout.splitlines()[0])
    assert record["source"] == {"path": "<stdin>", "format": "html"}
    assert record["headline"] == "Harbour town votes to rebuild its old sea wall"


def test_plain_text_on_stdin_stays_text() -> None:
    res = _parse("-", stdin=GOOD.read_text(encoding="utf-8"))
    assert json.loads(res.stdout.splitlines()[0])["source"]["format"] == "text"


def test_explain_writes_to_the_output_file(tmp_path: Path) -> None:
    out = tmp_path / "explain.txt"
    res = _parse(str(GOOD), "--explain", "-o", str(out))
    assert res.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(f"== {GOOD}")
    assert "==" not in res.stdout


def test_explain_shows_the_blocks_html_cleanup_removed() -> None:
    res = _parse(str(PAGE), "--explain")
    lines = res.stdout.splitlines()
    assert lines[1].split()[:2] == ["0", "headline"]
    assert "the headline, printed again in the body" in lines[1]
    assert any(line.split()[1:2] == ["tags"] and "removed" in line for line in lines)


def test_a_missing_model_is_a_message_not_a_traceback() -> None:
    res = subprocess.run(
        [*COPYDESK, "parse", str(GOOD), "--enrich", "--model", "xx_no_such_model_sm"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert res.stderr.startswith("error: enrichment")
    assert "pip install -e '.[nlp]'" in res.stderr


def test_an_error_naming_an_extra_prints_it_whole() -> None:
    console = Console(record=True, width=200)
    print_error(console, MissingExtraError("--executor ray", "ray", "ray"))
    assert "pip install -e '.[ray]'" in console.export_text()


def test_the_failure_summary_keeps_the_kind_of_error_whole() -> None:
    error = (
        "in.jsonl:1: no string field 'content' (fields: doc_id, page; choose one with --text-field)"
    )
    assert error_kind(error) == "no string field 'content'"


def test_ray_gets_the_output_as_typed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a trailing slash asks for a folder of shards; a Path would have dropped it
    import copydesk.cli.ray_cmd as ray_cmd

    seen: list[str | None] = []

    def fake(paths: list[str], options: Any, fmt: str, output: str | None, *rest: Any) -> int:
        seen.append(output)
        return 0

    monkeypatch.setattr(ray_cmd, "parse_on_ray", fake)
    target = f"{tmp_path}/ray.parquet/"
    assert _parse(str(GOOD), "--executor", "ray", "-o", target).exit_code == 0
    assert seen == [target]


def _ingest(*args: str) -> Any:
    return CliRunner().invoke(app, ["ingest", "--jobs", "1", "--no-progress", *args])


def test_ingest_reads_html_from_the_named_jsonl_field(tmp_path: Path) -> None:
    src = tmp_path / "pages.jsonl"
    row = {"doc_id": "p1", "page": PAGE.read_text(encoding="utf-8")}
    src.write_text(json.dumps(row) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    res = _ingest(str(src), "--db", str(db), "--html-field", "page", "--id-field", "doc_id")
    assert res.exit_code == 0, res.output
    out = CliRunner().invoke(app, ["export", "--db", str(db), "-o", "-"])
    record = json.loads(out.stdout.splitlines()[0])
    assert record["id"] == "p1"
    assert record["headline"] == "Harbour town votes to rebuild its old sea wall"


@pytest.mark.parametrize("flag", ["--near-threshold", "--containment-threshold"])
@pytest.mark.parametrize("value", ["1.5", "0", "-0.2"])
def test_a_threshold_outside_0_to_1_is_refused(tmp_path: Path, flag: str, value: str) -> None:
    res = _ingest(str(GOOD), "--db", str(tmp_path / "c.db"), flag, value)
    assert res.exit_code == 2 and "at most 1" in res.output
    assert not (tmp_path / "c.db").exists()


def test_stats_json_holds_the_runs_inputs_as_json(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert _ingest(str(GOOD), "--db", str(db)).exit_code == 0
    res = CliRunner().invoke(app, ["stats", "--db", str(db), "-f", "json"])
    last = json.loads(res.stdout)["last_run"]
    assert last["inputs"] == [str(GOOD)]
    assert isinstance(last["settings"], dict)


def test_a_run_that_fails_before_its_first_record_leaves_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    out.write_text("yesterday's records\n", encoding="utf-8")
    res = _parse(str(GOOD), "--enrich", "--model", "xx_no_such_model_sm", "-o", str(out))
    assert isinstance(res.exception, MissingExtraError)
    assert out.read_text(encoding="utf-8") == "yesterday's records\n"
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]  # no partial file left


def test_the_output_replaces_the_old_file_only_when_the_run_ends(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    out.write_text("old\n", encoding="utf-8")
    assert _parse(str(GOOD), "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["headline"]
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]


def test_a_link_is_written_through_and_a_device_written_to(tmp_path: Path) -> None:
    target, link = tmp_path / "2024.jsonl", tmp_path / "latest.jsonl"
    target.write_text("", encoding="utf-8")
    link.symlink_to(target)
    assert _parse(str(GOOD), "-o", str(link)).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["headline"]
    assert _parse(str(GOOD), "-o", os.devnull).exit_code == 0
    assert Path(os.devnull).is_char_device()


def test_export_takes_its_format_from_the_name_and_its_name_from_the_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    db = tmp_path / "c.db"
    assert _ingest(str(GOOD), "--db", str(db)).exit_code == 0
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(app, ["export", "--db", str(db), "-o", "x.parquet"]).exit_code == 0
    assert pq.read_table("x.parquet").num_rows == 1
    assert CliRunner().invoke(app, ["export", "--db", str(db), "-f", "parquet"]).exit_code == 0
    assert pq.read_table("corpus.parquet").num_rows == 1  # not Parquet bytes in corpus.jsonl
    assert not Path("corpus.jsonl").exists()


def test_an_input_met_in_a_folder_is_never_replaced_by_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    story = Path("in/story.txt")
    story.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    res = _parse("in", "-o", "in/story.txt")
    assert res.exit_code == 2 and "is also an input" in res.output
    assert story.read_text(encoding="utf-8") == GOOD.read_text(encoding="utf-8")
    # an earlier run's records in the folder are replaced, as before, and never read
    for _ in range(2):
        assert _parse("in", "-o", "in/records.jsonl").exit_code == 0
    assert len(Path("in/records.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_a_run_without_records_keeps_the_old_output(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = tmp_path / "good.jsonl"
    out.write_text('{"id": "x"}\n', encoding="utf-8")
    assert _parse(str(tmp_path / "empty"), "-o", str(out)).exit_code == 1
    assert out.read_text(encoding="utf-8") == '{"id": "x"}\n'


def test_an_output_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    res = _parse(str(GOOD), "-o", str(tmp_path / "nodir" / "x.jsonl"))
    assert res.exit_code == 2 and "cannot write" in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_names_under_dev_are_written_to_not_replaced() -> None:
    from copydesk.cli.parse_cmd import _output_paths

    # /dev/stdout resolves to what stdout is: a log file the shell appends to
    assert _output_paths(Path("/dev/stdout")) == (Path("/dev/stdout"), None)


def test_a_link_to_the_output_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(GOOD.read_text(encoding="utf-8"))
    link = tmp_path / "latest.jsonl"
    link.symlink_to(tmp_path / "in" / "out.jsonl")
    for _ in range(3):
        assert _parse(str(tmp_path / "in"), "-o", str(link)).exit_code == 0
    assert len((tmp_path / "in" / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib_codec", "undefined"])
def test_a_codec_that_is_not_a_text_encoding_is_refused(codec: str) -> None:
    res = _parse(str(GOOD), "--encoding", codec)
    assert res.exit_code == 2 and "unknown encoding" in res.output


def test_a_published_date_with_trailing_garbage_is_refused() -> None:
    assert _parse(str(GOOD), "--published", "2024-01-05garbage").exit_code == 2


def test_each_document_on_stdin_gets_its_own_id() -> None:
    ids = {
        json.loads(_parse("-", stdin=p.read_text(encoding="utf-8")).stdout)["id"]
        for p in (GOOD, PAGE)
    }
    assert len(ids) == 2


def test_utf16_html_on_stdin_is_html() -> None:
    res = CliRunner().invoke(
        app,
        ["parse", "--jobs", "1", "--no-progress", "-"],
        input=PAGE.read_text(encoding="utf-8").encode("utf-16"),
    )
    assert json.loads(res.stdout)["source"]["format"] == "html"


def test_export_refuses_a_name_that_promises_another_format(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert _ingest(str(GOOD), "--db", str(db)).exit_code == 0
    res = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "x.md")])
    assert res.exit_code == 2 and not (tmp_path / "x.md").exists()


def test_enrich_options_without_enrich_are_pointed_out() -> None:
    res = _parse(str(GOOD), "--published", "2024-01-05")
    assert res.exit_code == 0 and "only with --enrich" in res.stderr


def test_dev_stdout_appended_by_the_shell_keeps_what_was_there(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("PRECIOUS\n", encoding="utf-8")
    with log.open("a", encoding="utf-8") as fh:  # what `>> log.txt` gives the command
        res = subprocess.run(
            [*COPYDESK, "parse", str(GOOD), "-o", "/dev/stdout", "--no-progress"],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert res.returncode == 0, res.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "PRECIOUS" and json.loads(lines[1])["headline"]


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b'{"text": "Harbour wall to be rebuilt\\n\\nThe council voted on Tuesday."}\n', "jsonl"),
        (PAGE.read_bytes(), "html"),
        (GOOD.read_bytes(), "text"),
    ],
)
def test_stdin_is_read_in_the_format_it_starts_in(data: bytes, fmt: str) -> None:
    # a real pipe: the reader peeks at it without consuming it
    res = subprocess.run(
        [*COPYDESK, "parse", "-", "--no-progress"],
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert json.loads(res.stdout.splitlines()[0])["source"]["format"] == fmt


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from copydesk.web.sample import write_sample

    return write_sample(tmp_path_factory.mktemp("store") / "sample.db")


@pytest.mark.parametrize(
    "args",
    [
        ["search", "Haqqani", "-f", "xml"],
        ["dups", "-f", "json"],
        ["stats", "-f", "csv"],
        ["search", "Haqqani", "--offset", "-5"],
        ["search", "Haqqani", "--limit", "0"],
        ["dups", "--limit", "-1"],
    ],
)
def test_store_commands_refuse_bad_values(sample_db: Path, args: list[str]) -> None:
    # they printed their default table, or hits numbered from -4
    res = CliRunner().invoke(app, [*args, "--db", str(sample_db)])
    assert res.exit_code == 2, res.output
    assert "Invalid value" in res.output


@pytest.mark.parametrize(
    ("command", "flag", "value"),
    [("parse", "--jobs", "-3"), ("ingest", "--jobs", "-1"), ("ingest", "--batch-size", "0")],
)
def test_counts_below_their_range_are_usage_errors(
    tmp_path: Path, command: str, flag: str, value: str
) -> None:
    out = ["--db", str(tmp_path / "x")] if command == "ingest" else ["-o", str(tmp_path / "x")]
    res = CliRunner().invoke(app, [command, flag, value, str(GOOD), *out])
    assert res.exit_code == 2
    assert "Invalid value" in res.output
    assert not (tmp_path / "x").exists()


def test_serve_on_a_port_in_use_says_so(sample_db: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        res = CliRunner().invoke(app, ["serve", "--db", str(sample_db), "--port", str(port)])
    assert res.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}: it is in use; pass another --port" in res.output
    assert "serving" not in res.output  # said only once it listens


def test_a_missing_output_folder_is_named(tmp_path: Path, sample_db: Path) -> None:
    missing = tmp_path / "nodir"
    res = _parse(str(GOOD), "-o", str(missing / "out.jsonl"))
    assert res.exit_code == 2
    assert f"its folder {missing} does not exist (create it first)" in res.output
    assert ".partial" not in res.output  # the hidden file written meanwhile
    for name in ("x.jsonl", "x.parquet"):
        res = CliRunner().invoke(app, ["export", "--db", str(sample_db), "-o", str(missing / name)])
        assert res.exit_code == 2
        assert f"its folder {missing} does not exist" in res.output
        assert ".partial" not in res.output


def test_an_output_suffix_naming_no_format_is_noted(tmp_path: Path, sample_db: Path) -> None:
    out = tmp_path / "records.csv"
    res = _parse(str(GOOD), "-o", str(out))
    assert res.exit_code == 0
    assert ".csv names no format copydesk writes; wrote jsonl" in " ".join(res.output.split())
    assert json.loads(out.read_text(encoding="utf-8"))["headline"]
    res = CliRunner().invoke(app, ["export", "--db", str(sample_db), "-o", str(tmp_path / "a.xml")])
    assert res.exit_code == 0
    assert "names no format" in res.output
    assert "names no format" not in _parse(str(GOOD), "-o", str(tmp_path / "a.jsonl")).output
    # where the name did not choose the format: the explanation, a format given
    explained = _parse(str(GOOD), "--explain", "-o", str(tmp_path / "explain.log"))
    assert "names no format" not in explained.output
    given = _parse(str(GOOD), "-f", "jsonl", "-o", str(tmp_path / "b.csv"))
    assert "names no format" not in given.output
    refused = CliRunner().invoke(app, ["export", "--db", str(sample_db), "-o", str(sample_db)])
    assert refused.exit_code == 2 and "names no format" not in refused.output


def test_writing_the_sample_store_twice_is_a_message(tmp_path: Path) -> None:
    path = tmp_path / "sample.db"
    cmd = [sys.executable, "-m", "copydesk.web.sample", str(path)]
    assert subprocess.run(cmd, capture_output=True, timeout=120, check=False).returncode == 0
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert f"{path} exists" in res.stderr


def test_an_output_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "notes"
    blocker.write_text("x", encoding="utf-8")
    res = _parse(str(GOOD), "-o", str(blocker / "out.jsonl"))
    assert res.exit_code == 2, res.output  # a NotADirectoryError traceback before
    assert f"its folder {blocker} is a file" in " ".join(res.output.split())


def test_serve_stops_on_ctrl_c_with_status_0(sample_db: Path) -> None:
    import signal
    import socket
    import urllib.request

    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [*COPYDESK, "serve", "--db", str(sample_db), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        assert "serving" in proc.stderr.readline()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            assert page.status == 200  # serving: Ctrl-C now stops the server, not its start
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
    with socket.create_server(("127.0.0.1", port)):
        pass  # the port is free again


def test_ingest_help_gives_the_dedup_defaults() -> None:
    # the help said nothing of them; they must be the settings' own
    from copydesk.corpus import DedupSettings

    res = CliRunner().invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"})
    text = " ".join(res.output.split())
    assert f"near duplicates (default {DedupSettings().near_threshold})" in text
    assert f"syndicated copies (default {DedupSettings().containment_threshold})" in text
