"""`copydesk parse` end to end, in process (typer's CliRunner), one worker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli import app
from copydesk.options import ReadOptions

FIXTURES = Path(__file__).parent / "fixtures" / "text"
GOOD = FIXTURES / "good-article.txt"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _parse(runner: CliRunner, *args: str, stdin: str | None = None):
    return runner.invoke(app, ["parse", "--jobs", "1", "--no-progress", *args], input=stdin)


def test_jsonl_to_stdout(runner: CliRunner) -> None:
    res = _parse(runner, str(GOOD))
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["headline"] == "Floods cut off mountain villages"
    assert rec["section"] == ["News", "World"]
    assert rec["credit"] == "PTI"
    assert rec["dateline"] == {"place": "Islamabad"}


def test_dash_output_is_stdout_not_a_file_named_dash(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    res = _parse(runner, "-o", "-", str(GOOD))
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.splitlines()[0])["credit"] == "PTI"
    assert not (tmp_path / "-").exists()


def test_json_array(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    res = _parse(runner, "--format", "json", "-o", str(out), str(GOOD), str(GOOD))
    assert res.exit_code == 0, res.output
    recs = json.loads(out.read_text(encoding="utf-8"))
    assert len(recs) == 2 and recs[0]["body"] == recs[1]["body"]


def test_markdown_and_txt(runner: CliRunner) -> None:
    md = _parse(runner, "-f", "md", str(GOOD))
    assert md.exit_code == 0
    assert "# Floods cut off mountain villages" in md.stdout
    assert "**Islamabad** — Heavy rain" in md.stdout
    txt = _parse(runner, "-f", "txt", str(GOOD))
    assert txt.exit_code == 0
    assert txt.stdout.startswith("Floods cut off mountain villages\n\nIslamabad: Heavy rain")
    assert "Advertisement" not in txt.stdout


def test_exclude_leaves_inputs_out_and_says_so(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a.txt", "drafts/b.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    res = _parse(runner, "--exclude", "drafts", str(tmp_path))
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 1
    assert "1 folder(s) excluded by --exclude" in res.stderr  # not walked
    none = _parse(runner, "--exclude", "*.txt", str(tmp_path))
    assert none.exit_code == 1
    assert "2 input(s) excluded by --exclude, none left" in none.stderr


def test_folder_and_glob(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not matched by the glob.\n", encoding="utf-8")
    folder = _parse(runner, str(tmp_path))
    assert folder.exit_code == 0
    assert len(folder.stdout.splitlines()) == 3
    globbed = _parse(runner, str(tmp_path / "*.txt"))
    assert globbed.exit_code == 0
    paths = [json.loads(x)["source"]["path"] for x in globbed.stdout.splitlines()]
    assert [Path(p).name for p in paths] == ["a.txt", "b.txt"]


def test_stdin(runner: CliRunner) -> None:
    res = _parse(runner, "-", stdin=GOOD.read_text(encoding="utf-8"))
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["source"]["path"] == "<stdin>"
    assert rec["headline"] == "Floods cut off mountain villages"


def test_jsonl_input_with_field_names(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"content": GOOD.read_text(encoding="utf-8"), "doc": "d1", "link": "https://x.test/1"},
        {
            "content": "Storm hits coast\n\nA storm hit the coast on Monday, officials said.\n",
            "doc": "d2",
            "link": "https://x.test/2",
        },
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = _parse(
        runner, "--text-field", "content", "--id-field", "doc", "--url-field", "link", str(src)
    )
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.stdout.splitlines()]
    assert [r["id"] for r in recs] == ["d1", "d2"]
    assert [r["url"] for r in recs] == ["https://x.test/1", "https://x.test/2"]
    assert recs[1]["headline"] == "Storm hits coast"


def test_explain_shows_classes(runner: CliRunner) -> None:
    text = (
        GOOD.read_text(encoding="utf-8") + "ISLAMABAD: Heavy rain cut off dozens of villages in "
        "the mountains on Sunday, officials said, and rescue teams were sent by helicopter.\n"
    )
    res = _parse(runner, "--explain", "-", stdin=text)
    assert res.exit_code == 0, res.output
    labels = {line.split()[1] for line in res.stdout.splitlines() if "│" in line}
    assert {"breadcrumb", "headline", "body", "boilerplate", "credit", "duplicate"} <= labels
    assert "section=['News', 'World']" in res.stdout


def test_exit_1_when_one_input_fails_and_others_are_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    res = _parse(runner, "-o", str(out), str(GOOD), str(tmp_path / "missing.txt"), str(GOOD))
    assert res.exit_code == 1
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [bool(r["errors"]) for r in recs] == [False, True, False]


def test_exit_2_on_usage_error(runner: CliRunner) -> None:
    res = _parse(runner, "--format", "xml", str(GOOD))
    assert res.exit_code == 2
    assert "--format" in res.output


def test_a_cap_below_one_byte_is_a_usage_error(runner: CliRunner) -> None:
    res = _parse(runner, "--max-bytes=-1", str(GOOD))
    assert res.exit_code == 2 and "--max-bytes" in res.output
    with pytest.raises(ValueError, match="max_bytes must be at least 1"):
        ReadOptions(max_bytes=0)


def test_module_entry_point_runs() -> None:
    import subprocess
    import sys

    res = subprocess.run(
        [sys.executable, "-m", "copydesk", "parse", "--jobs", "1", "-f", "txt", str(GOOD)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("Floods cut off mountain villages")


def test_inputs_that_hold_no_documents_get_a_record_each(runner: CliRunner, tmp_path: Path) -> None:
    # as an empty text file does: an empty shard shows in the output instead of vanishing
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "blank.jsonl").write_text("\n\n\n")
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    names = ("empty.jsonl", "blank.jsonl", "empty.warc.gz")
    res = _parse(runner, *(str(tmp_path / n) for n in names))
    assert res.exit_code == 1
    errors = [json.loads(line)["errors"] for line in res.stdout.splitlines()]
    assert errors == [
        [f"{tmp_path / 'empty.jsonl'}: no JSON lines (the input is empty)"],
        [f"{tmp_path / 'blank.jsonl'}: no JSON lines (its 3 line(s) are blank)"],
        [f"{tmp_path / 'empty.warc.gz'}: no archive records (the input is empty)"],
    ]
    assert "no input found" not in res.output


def test_an_output_that_is_also_an_input_is_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # opening the output empties it, and the input with it, before anything is read
    monkeypatch.chdir(tmp_path)  # a short path: the error box does not wrap it
    src = tmp_path / "a.txt"
    src.write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    res = _parse(runner, "-o", "a.txt", str(src))
    assert res.exit_code == 2 and "is also an input" in res.output
    assert src.read_text(encoding="utf-8") == GOOD.read_text(encoding="utf-8")


def test_the_output_inside_a_parsed_folder_is_not_read_back(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(2):  # the second run finds the first run's output in the folder
        res = _parse(runner, "-o", "out.jsonl", ".")
        assert res.exit_code == 0, res.output
        assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 1
    assert "skipped: the run's own output file" in res.output


def test_the_summary_says_where_the_first_failure_of_each_kind_is(tmp_path: Path) -> None:
    # found by a tester: "no string field 'text' ×159" named no file
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"file_a": "x"}\n{"file_a": "y"}\n', encoding="utf-8")
    res = CliRunner().invoke(
        app, ["parse", str(pairs), "--no-progress", "-o", str(tmp_path / "o.jsonl")]
    )
    assert f"no string field 'text' ×2 (first: {pairs}:1)" in res.stderr


def test_error_kinds_are_cut_at_a_word() -> None:
    from copydesk.errors import error_kind

    kind = error_kind("x.html: internal error ModuleNotFoundError: No module named 'readability' x")
    assert kind.endswith("…") and "readabi…" not in kind and len(kind) <= 61
