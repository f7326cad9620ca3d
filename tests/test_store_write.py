"""The store: every field round-trips, batches are atomic, reruns are idempotent, bad files and
full disks give clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from copydesk.record import Article, Removal, Repair, Source
from copydesk.store import ReadStore, StoreError, StoreWriter
from copydesk.store.schema import SCHEMA_VERSION

STORY = (
    "The central bank raised its benchmark rate by 25 basis points on Wednesday, citing "
    "persistent inflation in services. Governor Maria Lopez said further increases were "
    "possible if wage growth stayed above 4 percent. Markets had expected the move after "
    "weeks of strong data."
)


def _articles(n: int, prefix: str = "doc") -> list[Article]:
    out = []
    for i in range(n):
        body = [
            f"Report number {prefix} {i}: a different story about subject {i * 7919} "
            f"with words {i} and more words {i * 31} to fill a sentence of news."
        ]
        out.append(Article(id=f"{prefix}{i}", body=body, source=Source(path=f"{prefix}/{i}.txt")))
    return out


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_every_record_field_round_trips(tmp_path: Path) -> None:
    art = Article(
        id="x1",
        source=Source(path="a.jsonl", format="jsonl", line=3, url="http://e.x/1"),
        url="http://e.x/1",
        language="en",
        section=["News", "Asia"],
        headline="Rates up",
        standfirst="A dek",
        byline=["Ann Lee"],
        credit="Reuters",
        dateline={"place": "TOKYO"},
        published="2024-05-01",
        body=[STORY, "Second para."],
        removed=[Removal("Follow us", "boilerplate", 4)],
        repairs=[Repair("unwrap", 2)],
        entities=[{"text": "Maria Lopez", "label": "PERSON"}],
        errors=["x: replaced bytes"],
        site="e.x",
        tags=["economy"],
        meta={"k": 1},
    )
    writer = StoreWriter(tmp_path / "s.db")
    writer.write_batch([art], writer.start_run("test", []))
    writer.close()
    with ReadStore(tmp_path / "s.db") as store:
        got = store.get("x1")
    assert got is not None
    expected = art.to_dict()
    assert got.to_dict() == expected


def test_rerun_is_idempotent_and_duplicate_ids_warn(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    writer = StoreWriter(db)
    run = writer.start_run("test", [])
    assert writer.write_batch(_articles(5), run).stored == 5
    again = writer.write_batch(_articles(5), run)
    assert (again.stored, again.skipped, again.warnings) == (0, 5, [])
    clash = Article(
        id="doc1", body=["Another text entirely."], source=Source(path="other.jsonl", line=9)
    )
    result = writer.write_batch([clash], run)
    assert result.stored == 0 and "duplicate id 'doc1'" in result.warnings[0]
    # a clash is not a resume: it is counted apart from the records already stored
    assert (result.skipped, result.id_clashes) == (0, 1)
    assert "other.jsonl:9" in result.warnings[0]
    writer.close()
    assert _count(db) == 5


def test_interrupted_batch_leaves_nothing_half_written(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "s.db"
    writer = StoreWriter(db)
    run = writer.start_run("test", [])
    writer.write_batch(_articles(3, "a"), run)

    def boom(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "_link", boom)
    with pytest.raises(KeyboardInterrupt):
        writer.write_batch([*_articles(3, "b"), Article(id="c", body=[STORY])], run)
    assert _count(db) == 3
    monkeypatch.undo()
    assert len(writer.bands) == 3 * writer.settings.bands  # the index did not take the batch
    assert writer.write_batch(_articles(3, "b"), run).stored == 3
    writer.close()
    with sqlite3.connect(db) as conn:
        fts = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'report'")
        assert fts.fetchone()[0] == 6


def test_full_disk_is_reported_and_rolled_back(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    writer = StoreWriter(db)
    run = writer.start_run("test", [])
    writer.write_batch(_articles(2, "a"), run)
    pages = writer.conn.execute("PRAGMA page_count").fetchone()[0]
    writer.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    big = [
        Article(id=f"big{i}", body=[STORY * 40 + str(i)], source=Source(path=f"b{i}"))
        for i in range(50)
    ]
    with pytest.raises(StoreError, match="full"):
        writer.write_batch(big, run)
    writer.close()
    assert _count(db) == 2


def test_corrupt_file_is_explained(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="corrupt or not a copydesk store"):
        StoreWriter(bad)
    with pytest.raises(StoreError, match="corrupt"):
        ReadStore(bad)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this copydesk"):
        StoreWriter(db)


def test_locked_store_is_explained(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    StoreWriter(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="another process is writing"):
            writer = StoreWriter(db, timeout=0.05)
            writer.write_batch(_articles(1), writer.start_run("t", []))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_empty_file_is_migrated_to_current_schema(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    sqlite3.connect(db).close()
    StoreWriter(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_changed_index_settings_are_refused(tmp_path: Path) -> None:
    from copydesk.corpus import DedupSettings

    db = tmp_path / "s.db"
    StoreWriter(db).close()
    with pytest.raises(StoreError, match="built with dedup settings"):
        StoreWriter(db, DedupSettings(bands=10))


def test_keys_computed_by_the_workers_store_the_same_as_the_writers(tmp_path: Path) -> None:
    """The ingest's workers send each record's dedup keys with it; a batch written with them
    (one record without a body in the middle, so the rows must be realigned) is the batch
    written without them, down to the links and the stored key blocks."""
    from copydesk.corpus.dedup import fingerprint, permutations
    from copydesk.corpus.settings import DedupSettings

    copy = Article(id="copy", body=[STORY + " Updated."], source=Source(path="c.txt"))
    again = Article(id="again", body=[STORY], source=Source(path="d.txt"))
    arts = [*_articles(3), Article(id="empty", body=[]), copy, again, *_articles(2, "b")]
    settings = DedupSettings()
    keys = fingerprint([a.text for a in arts], settings, permutations(settings)).rows()
    tables = []
    for name, given in (("writer", None), ("workers", keys)):
        writer = StoreWriter(tmp_path / f"{name}.db", settings)
        writer.write_batch(arts, writer.start_run("t", []), keys=given)
        writer.close()
        with sqlite3.connect(tmp_path / f"{name}.db") as conn:
            tables.append(
                [
                    conn.execute(sql).fetchall()
                    for sql in (
                        "SELECT rowid, id, words, exact_hash, cluster, duplicate_of FROM articles",
                        "SELECT a, b, signal, score FROM links ORDER BY a, b",
                        "SELECT kind, keys, refs FROM index_blocks ORDER BY rowid",
                    )
                ]
            )
    assert tables[0] == tables[1]
    assert len(tables[0][0]) == 7 and tables[0][1]  # the empty one not stored; copies linked


def test_a_run_whose_process_died_is_marked_interrupted(tmp_path: Path) -> None:
    # a run killed with kill -9 stayed "running" in stats for ever
    import json
    import socket
    import subprocess
    import sys

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(gone.stdout)
    db = tmp_path / "c.db"
    writer = StoreWriter(db)
    first = writer.start_run("ingest", ["a"])
    here = socket.gethostname()
    owners = {first: {"pid": dead_pid, "host": here}}
    second = writer.start_run("ingest", ["b"])  # alive: this process
    third = writer.start_run("ingest", ["c"])
    owners[third] = {"pid": dead_pid, "host": "another-machine"}
    for run, owner in owners.items():
        settings = json.loads(
            writer.conn.execute("SELECT settings FROM runs WHERE id = ?", (run,)).fetchone()[0]
        )
        settings["owner"] = owner
        writer.conn.execute(
            "UPDATE runs SET settings = ? WHERE id = ?", (json.dumps(settings), run)
        )
    writer.start_run("ingest", ["d"])
    status = dict(writer.conn.execute("SELECT id, status FROM runs").fetchall())
    writer.close()
    assert status[first] == "interrupted"
    assert status[second] == "running"  # its process is alive
    assert status[third] == "running"  # on another machine: not ours to judge
