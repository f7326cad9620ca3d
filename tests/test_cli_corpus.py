"""The corpus commands end to end: ingest (resumable, idempotent), dups, search, export, stats."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli import app

ROOT = Path(__file__).resolve().parents[1]
STORY = (
    "The central bank raised its benchmark rate by 25 basis points on Wednesday, citing "
    "persistent inflation in services. Governor Maria Lopez said further increases were "
    "possible if wage growth stayed above 4 percent. Markets had expected the move after "
    "weeks of strong data. The currency rose against the dollar in early trading."
)


OTHER = (
    "Heavy rain flooded parts of the northern city on Tuesday, forcing the closure of two "
    "bridges and the main railway station. Mayor Tom Berg said crews worked through the "
    "night to clear drains, and schools would stay shut until Friday. Forecasters expect "
    "more storms over the weekend, with up to 80 millimetres of rain in the hills."
)


def _corpus(folder: Path, n: int = 12) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        text = f"Unique report {i} on topic {i * 7919}: " + " ".join(
            f"word{(i * 13 + j) % 997}" for j in range(40)
        )
        (folder / f"{i:03d}.txt").write_text(text + ".\n", encoding="utf-8")
    (folder / "wire.txt").write_text(STORY + "\n", encoding="utf-8")
    (folder / "wire-copy.txt").write_text(STORY.upper() + "\n", encoding="utf-8")
    (folder / "wire-trim.txt").write_text(STORY.split(" The currency")[0] + "\n", encoding="utf-8")
    return folder


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_ingest_dups_search_export_stats(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "c.db"
    code, _, err = _run("ingest", str(corpus), "--db", str(db), "-j", "1", "--batch-size", "4")
    assert code == 0, err
    assert "15 stored (2 duplicate(s) linked)" in err
    code, _, err = _run("ingest", str(corpus), "--db", str(db), "-j", "1")
    assert code == 0 and "0 stored" in err and "15 already stored" in err
    assert _count(db) == 15

    code, out, _ = _run("dups", "--db", str(db), "--format", "jsonl")
    clusters = [json.loads(line) for line in out.splitlines()]
    assert len(clusters) == 1
    paths = {Path(m["path"]).name for m in clusters[0]["members"]}
    assert paths == {"wire.txt", "wire-copy.txt", "wire-trim.txt"}
    kept = next(m for m in clusters[0]["members"] if m["canonical"])
    # equal bodies: the first stored (sorted names: wire-copy.txt) is kept; never the trimmed one
    assert kept["id"] == clusters[0]["canonical"] and Path(kept["path"]).name == "wire-copy.txt"
    assert {lk["signal"] for lk in clusters[0]["links"]} >= {"exact"}
    code, out, _ = _run("dups", "--db", str(db))
    assert code == 0 and "exact 1.00" in out

    code, out, _ = _run("search", "inflation", "--db", str(db), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 3
    code, out, _ = _run("search", "inflation", "--db", str(db), "--no-duplicates")
    assert code == 0 and _hits(out) == 1
    code, out, err = _run("search", "inflation", "--db", str(db), "--rank-all")
    assert code == 0 and _hits(out) == 3 and "most recent" not in err

    out_file = tmp_path / "x.jsonl"
    code, _, _ = _run(
        "export", "--db", str(db), "--format", "jsonl", "-o", str(out_file), "--no-duplicates"
    )
    assert code == 0 and len(out_file.read_text().splitlines()) == 13
    pq_file = tmp_path / "x.parquet"
    code, _, _ = _run("export", "--db", str(db), "--format", "parquet", "-o", str(pq_file))
    import pyarrow.parquet as pq

    table = pq.read_table(pq_file)
    assert table.num_rows == 15 and "duplicate_of" in table.column_names
    assert sum(v is not None for v in table.column("duplicate_of").to_pylist()) == 2

    code, out, _ = _run("stats", "--db", str(db), "--format", "json")
    data = json.loads(out)
    assert (data["articles"], data["duplicates"], data["clusters"]) == (15, 2, 1)
    code, line, _ = _run("stats", "--db", str(db), "--format", "jsonl")  # as search takes
    assert code == 0 and line.count("\n") == 1 and json.loads(line) == data


def test_export_never_replaces_the_store_or_a_device_and_writes_through_links(
    tmp_path: Path,
) -> None:
    corpus, db = _corpus(tmp_path / "in", n=3), tmp_path / "c.db"
    assert _run("ingest", str(corpus), "--db", str(db), "-j", "1")[0] == 0
    # the rename at the end replaced whatever -o named: "-o c.db" destroyed the store
    code, _, err = _run("export", "--db", str(db), "-o", str(db))
    assert code == 2 and "is the store itself" in err and _count(db) == 6
    code, _, err = _run("export", "--db", str(db), "-o", str(tmp_path / "in"))
    assert code == 2 and "is a folder" in err and (tmp_path / "in").is_dir()
    # a folder named with its slash, not there yet, became a file of that name
    code, _, err = _run("export", "--db", str(db), "-o", f"{tmp_path / 'new'}/")
    assert code == 2 and "is a folder" in " ".join(err.replace("│", " ").split())
    assert not (tmp_path / "new").exists()
    # a device is written to where it is: renamed over, /dev/null was refused
    for fmt in ("jsonl", "parquet"):
        assert _run("export", "--db", str(db), "-f", fmt, "-o", os.devnull)[0] == 0
    assert Path(os.devnull).is_char_device()
    link, target = tmp_path / "latest.jsonl", tmp_path / "2024.jsonl"
    target.write_text("old\n")
    link.symlink_to(target)
    assert _run("export", "--db", str(db), "-o", str(link))[0] == 0
    assert link.is_symlink() and len(target.read_text().splitlines()) == 6
    code, out, _ = _run("export", "--db", str(db), "-o", "-")
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == [
        json.loads(line)["id"] for line in target.read_text().splitlines()
    ]


def test_search_shows_ranks_not_raw_bm25_scores(tmp_path: Path) -> None:
    # on a tiny store BM25 scores are a few millionths ("score 2.96e-06"): noise to a reader;
    # the rank says what matters, and -f jsonl keeps the score for a program
    (tmp_path / "in").mkdir()
    for name, extra in (("a.txt", ""), ("b.txt", " The harbour master agreed.")):
        text = (
            "Harbour wall to be rebuilt\n\nThe council voted to rebuild the harbour wall." + extra
        )
        (tmp_path / "in" / name).write_text(text + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    code, _, err = _run("ingest", str(tmp_path / "in"), "--db", str(db), "-j", "1")
    assert code == 0, err
    code, out, _ = _run("search", "harbour", "--db", str(db), "--rank-all")
    assert code == 0 and _hits(out) == 2 and "score" not in out
    code, out, _ = _run("search", "harbour", "--db", str(db), "--format", "jsonl")
    assert all(json.loads(line)["score"] > 0 for line in out.splitlines())


def _hits(out: str) -> int:
    return sum(1 for line in out.splitlines() if re.match(r"\d+\. ", line))


@pytest.mark.parametrize("query", ['"central bank', "bank AND", "NEAR(", "author:x"])
def test_bad_query_is_a_message_not_a_traceback(tmp_path: Path, query: str) -> None:
    db = tmp_path / "c.db"
    _run("ingest", str(_corpus(tmp_path / "in", 2)), "--db", str(db), "-j", "1")
    code, out, err = _run("search", query, "--db", str(db))
    assert code == 2 and "bad query" in err and "Traceback" not in err + out
    code, _, _ = _run("search", query, "--db", str(db), "--plain")
    assert code == 0


def test_bad_store_files_are_messages(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 500)
    for args in (
        ["stats"],
        ["search", "x"],
        ["dups"],
        ["ingest", str(_corpus(tmp_path / "in", 1))],
    ):
        code, _out, err = _run(*args, "--db", str(bad))
        assert code == 2 and "corrupt" in err and "Traceback" not in err, (args, err)
    code, _, err = _run("stats", "--db", str(tmp_path / "missing.db"))
    assert code == 2 and "no such store" in err


def test_duplicate_ids_in_jsonl_are_reported(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "x", "text": STORY},
        {"id": "y", "text": "Other text here."},
        {"id": "x", "text": "A different article with the same id."},
    ]
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    _, _, err = _run("ingest", str(src), "--db", str(db), "-j", "1")
    assert "duplicate id 'x'" in err and "in.jsonl:3" in err and "in.jsonl:1" in err
    assert "0 already stored" in err and "1 not stored: their id was taken" in err
    assert _count(db) == 2
    _code, _, err = _run("ingest", str(src), "--db", str(db), "-j", "1")
    assert _count(db) == 2 and "duplicate id 'x'" in err


def test_full_disk_stops_cleanly(tmp_path: Path, monkeypatch) -> None:
    from copydesk.store import write

    real = write.connect

    def small(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = real(*args, **kwargs)
        conn.execute("PRAGMA max_page_count = 60")
        return conn

    monkeypatch.setattr(write, "connect", small)
    folder = tmp_path / "big"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i}.txt").write_text(f"Story {i}. " + STORY * 30 + f" {i * 17}\n")
    db = tmp_path / "c.db"
    code, _out, err = _run("ingest", str(folder), "--db", str(db), "-j", "1", "--batch-size", "5")
    assert code == 2 and "disk is full" in err and "Traceback" not in err
    stored = _count(db)
    assert stored % 5 == 0  # whole batches only


@pytest.mark.slow
def test_kill_9_then_rerun_finishes_without_loss_or_doubles(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(600):
        (folder / f"{i:04d}.txt").write_text(
            f"Item {i} " + " ".join(f"w{(i * j) % 503}" for j in range(60))
        )
    db = tmp_path / "c.db"
    cmd = [
        sys.executable,
        "-m",
        "copydesk",
        "ingest",
        str(folder),
        "--db",
        str(db),
        "-j",
        "1",
        "--batch-size",
        "20",
        "--no-progress",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and _safe_count(db) >= 40:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _safe_count(db)
    assert partial % 20 == 0
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert _count(db) == 600
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT source_path) FROM articles").fetchone()[0] == 600
        assert (
            conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'item'"
            ).fetchone()[0]
            == 600
        )


def _safe_count(db: Path) -> int:
    try:
        return _count(db)
    except sqlite3.Error:
        return 0


def test_ingest_exclude(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "in"), tmp_path / "c.db"
    code, _, err = _run("ingest", str(corpus), "--db", str(db), "-j", "1", "--exclude", "wire*")
    assert code == 0, err
    assert _count(db) == 12
    assert "3 input(s) excluded by --exclude" in err


def test_records_stored_with_errors_are_named_in_the_summary(tmp_path: Path) -> None:
    # A page cut at --max-bytes still has a body, so it is stored; a later run skips it as
    # stored, so the summary must say it was stored cut, or nobody learns it.
    corpus, db = _corpus(tmp_path / "in", n=2), tmp_path / "c.db"
    (corpus / "wire.txt").write_text(STORY * 20 + "\n", encoding="utf-8")
    code, _, err = _run("ingest", str(corpus), "--db", str(db), "-j", "1", "--max-bytes", "2000")
    assert code == 0, err
    assert _count(db) == 5
    assert re.search(r"1 stored with errors: input larger than 2000 bytes.* ×1", err), err
    assert "new store" in err
    _, _, err = _run("ingest", str(corpus), "--db", str(db), "-j", "1")
    assert "5 already stored" in err and "stored with errors" not in err


def test_store_errors_say_what_is_wrong_with_the_path(tmp_path: Path) -> None:
    folder = tmp_path / "stores"
    folder.mkdir()
    code, _, err = _run("stats", "--db", str(folder))  # SQLite said "disk I/O error"
    assert code == 2 and "is a folder; --db names the store's file" in err
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    code, _, err = _run("stats", "--db", str(empty))
    assert code == 2 and "not a copydesk store" in err


def test_a_wildcard_alone_is_a_bad_query_not_a_bad_store(tmp_path: Path) -> None:
    corpus, db = _corpus(tmp_path / "in", n=2), tmp_path / "c.db"
    assert _run("ingest", str(corpus), "--db", str(db), "-j", "1")[0] == 0
    code, _, err = _run("search", "*", "--db", str(db))
    assert code == 2 and "bad query" in err and "SQLite error" not in err


def test_a_rerun_counts_its_skips_and_copies_in_one_file_say_where(tmp_path: Path) -> None:
    lines = [{"text": STORY}, {"text": "A different report on the harbour wall vote."}]
    lines.append({"text": STORY + " Shares fell."})
    src = tmp_path / "feed.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    db = tmp_path / "c.db"
    for _ in range(2):
        code, _, err = _run("ingest", str(src), "--db", str(db), "-j", "1")
        assert code == 0, err
    code, out, _ = _run("stats", "--db", str(db), "--format", "json")
    # the rerun skipped all three before parsing; the run's row said 0
    assert json.loads(out)["last_run"]["skipped"] == 3
    code, out, _ = _run("dups", "--db", str(db), "--format", "jsonl")
    [cluster] = [json.loads(line) for line in out.splitlines()]
    # both copies are in feed.jsonl: only the line tells them apart
    assert sorted(m["line"] for m in cluster["members"]) == [1, 3]
    assert {m["path"] for m in cluster["members"]} == {"feed.jsonl"}  # from the store's folder
    from copydesk.cli.corpus_cmd import _where
    from copydesk.store.read import ClusterMember

    member = ClusterMember("id1", None, "crawl.warc.gz", None, None, 10, True, offset=5120)
    assert _where(member) == "crawl.warc.gz@5120"  # the table's "kept" column
    assert _where(replace(member, offset=None, line=3)) == "crawl.warc.gz:3"


def test_a_rerun_naming_its_inputs_another_way_stores_nothing_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ids hash the source path: an absolute path, or the same file from another working
    # directory, stored every record again (linked as exact duplicates)
    (tmp_path / "store").mkdir()
    corpus = _corpus(tmp_path / "store" / "in", n=3)
    db = tmp_path / "store" / "c.db"
    monkeypatch.chdir(tmp_path / "store")
    code, _, err = _run("ingest", "in", "--db", "c.db", "-j", "1")
    assert code == 0 and "6 stored" in err
    for args in (
        ["ingest", str(corpus), "--db", str(db)],  # absolute
        ["ingest", "./in/", "--db", "./c.db"],
    ):
        code, _, err = _run(*args, "-j", "1")
        assert code == 0 and "0 stored" in err and "6 already stored" in err, err
    monkeypatch.chdir(tmp_path)
    code, _, err = _run("ingest", "store/in", "--db", "store/c.db", "-j", "1")
    assert "0 stored" in err and "6 already stored" in err
    assert _count(db) == 6
    with sqlite3.connect(db) as conn:
        paths = {r[0] for r in conn.execute("SELECT source_path FROM articles")}
    assert paths == {f"in/{p.name}" for p in corpus.iterdir()}
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "store")  # the store's folder by another name
    code, _, err = _run("ingest", str(link / "in"), "--db", str(db), "-j", "1")
    assert "0 stored" in err and "6 already stored" in err
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(STORY.replace("Wednesday", "Thursday") + " More.\n", encoding="utf-8")
    code, _, err = _run("ingest", str(outside), "--db", str(db), "-j", "1")
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT source_path FROM articles WHERE source_path LIKE '%else%'")
        assert row.fetchone()[0] == str(outside)  # outside the store's folder: absolute
    # outside it, a linked folder is the folder it links to (found by a tester: stored twice)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.txt").write_text(STORY.replace("Wednesday", "Friday") + " Again.\n")
    (tmp_path / "alias").symlink_to(elsewhere)
    code, _, err = _run("ingest", str(elsewhere), "--db", str(db), "-j", "1")
    assert "1 stored" in err, err
    code, _, err = _run("ingest", str(tmp_path / "alias"), "--db", str(db), "-j", "1")
    assert "0 stored" in err and "1 already stored" in err, err


def test_the_runs_duplicate_count_is_what_stats_counts(tmp_path: Path) -> None:
    # a copy that joins two clusters makes two duplicates (one of the old kept copies goes,
    # or both): the summary counted the one new copy "linked", so runs and stats disagreed
    # on a real corpus (960 vs 971, found by a tester)
    db = tmp_path / "c.db"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    halves = [STORY, OTHER]
    (first / "a.txt").write_text(halves[0] + "\n", encoding="utf-8")
    (first / "b.txt").write_text(halves[1] + "\n", encoding="utf-8")
    (second / "ab.txt").write_text(halves[0] + " " + halves[1] + "\n", encoding="utf-8")
    _run("ingest", str(first), "--db", str(db), "-j", "1")
    code, _, err = _run("ingest", str(second), "--db", str(db), "-j", "1")
    assert code == 0, err
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT sum(duplicates) FROM runs").fetchone()[0]
        marked = conn.execute("SELECT count(duplicate_of) FROM articles").fetchone()[0]
    assert marked == 2 and runs == marked and "(2 duplicate(s) linked)" in err
