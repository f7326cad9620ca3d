"""Words inside runs of Chinese, Japanese and Thai: the trigram index beside the word index,
the query split between them, a scan for words of one or two characters, the migration of an
older store, and Latin-only stores and queries as they were."""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli import app
from copydesk.record import Article, Source
from copydesk.store import schema
from copydesk.store.read import ReadStore, SearchSyntaxError
from copydesk.store.searchindex import TRIGRAM, WORDS
from copydesk.store.searchplan import plan
from copydesk.store.unspaced import unspaced
from copydesk.store.write import StoreWriter
from copydesk.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns at import about httpx2
    from fastapi.testclient import TestClient

ARTICLES = [
    # (id, headline, body, published, language)
    (
        "zh1",
        "习近平抵达北京",
        "国家主席习近平今天表示，中国将继续扩大开放。特朗普Trump也发表了讲话。",
        "2024-03-01",
        "zh",
    ),
    (
        "zh2",
        "上海股市上涨",
        "上海证券交易所今天收盘上涨，北京时间下午三点公布了数据。",
        "2024-03-02",
        "zh",
    ),
    ("zh3", "北京天气", "北京今天晴，最高气温二十度。北京市气象台发布了预报。", "2024-04-01", "zh"),
    (
        "ja1",
        "東京で地震",
        "東京都の気象庁は今日、震度５の地震があったと発表しました。",
        "2024-03-03",
        "ja",
    ),
    ("th1", "ข่าวกรุงเทพ", "นายกรัฐมนตรีเดินทางไปกรุงเทพมหานครวันนี้", "2024-03-04", "th"),
    (
        "en1",
        "Trump visits Beijing",
        "President Trump arrived in Beijing on Tuesday for talks.",
        "2024-03-05",
        "en",
    ),
    (
        "en2",
        "Quebec votes",
        "Voters in Québec went to the polls in München style.",
        "2024-03-06",
        "en",
    ),
]


def _article(row: tuple[str, str, str, str, str]) -> Article:
    art_id, headline, body, published, language = row
    return Article(
        id=art_id,
        source=Source(path=f"{art_id}.txt"),
        headline=headline,
        body=[body],
        published=published,
        language=language,
    )


def _write(db: Path, rows: list[tuple[str, str, str, str, str]]) -> None:
    writer = StoreWriter(db)
    run = writer.start_run("t", [])
    writer.write_batch([_article(r) for r in rows], run)
    writer.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tri") / "tri.db"
    _write(path, ARTICLES)
    return path


@pytest.fixture(scope="module")
def store(db: Path) -> Iterator[ReadStore]:
    with ReadStore(db) as rs:
        yield rs


def _ids(store: ReadStore, query: str, **kw: object) -> list[str]:
    return [h.id for h in store.search(query, **kw).hits]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("习近平", {"zh1"}),  # inside "国家主席习近平今天表示"
        ("今天收盘", {"zh2"}),
        ("気象庁", {"ja1"}),  # Japanese, inside "東京都の気象庁は"
        ("地震", {"ja1"}),  # two characters
        ("北京", {"zh1", "zh2", "zh3"}),  # two characters, in a headline or inside a run
        ("北", {"zh1", "zh2", "zh3"}),  # one character
        ("กรุงเทพ", {"th1"}),  # Thai
        ("习近平 Trump", {"zh1"}),  # mixed: the English name written against the Chinese
        ("Trump 北京", {"zh1"}),  # mixed with a two-character word
        ("Beijing OR 北京", {"zh1", "zh2", "zh3", "en1"}),
        ("北京 OR 上海", {"zh1", "zh2", "zh3"}),
        ("北京 NOT 上海", {"zh1", "zh3"}),
        ("习近平 NOT 北京", set()),
        ("headline:北京", {"zh1", "zh3"}),
        ('"国家主席" AND 开放', {"zh1"}),
        ("习近平*", {"zh1"}),
        ("东京", set()),  # simplified is not traditional: no folding between them
    ],
)
def test_words_inside_runs_are_found(store: ReadStore, query: str, expected: set[str]) -> None:
    assert set(_ids(store, query)) == expected
    assert store.search(query, count=True).total == len(expected)


def test_plain_syntax_finds_them_too(store: ReadStore) -> None:
    assert _ids(store, "习近平 今天", syntax="plain") == ["zh1"]
    assert set(_ids(store, "北京", syntax="plain")) == {"zh1", "zh2", "zh3"}


def test_snippets_mark_the_words(store: ReadStore) -> None:
    (hit,) = store.search("习近平").hits
    assert "[习近平]" in hit.snippet
    (hit,) = store.search("习近平 Trump").hits
    assert "[习近平]" in hit.snippet and "[Trump]" in hit.snippet
    (hit,) = store.search("地震").hits  # a scan: the snippet is cut and marked in Python
    assert "[地震]" in hit.snippet
    hits = {h.id: h.snippet for h in store.search("北京 OR 上海", marks=("<", ">")).hits}
    assert "<上海>" in hits["zh2"] and "<北京>" in hits["zh2"]
    assert hits["zh3"].count("<北京>") == 2


def test_ranking_puts_more_occurrences_first(store: ReadStore) -> None:
    # zh3 has 北京 in its headline and twice in its short body; zh2 once in a longer body
    ids = _ids(store, "北京")
    assert ids.index("zh3") < ids.index("zh2")
    scores = [h.score for h in store.search("北京").hits]
    assert scores == sorted(scores, reverse=True)


def test_a_scan_ranks_the_words_of_other_scripts_too(tmp_path: Path) -> None:
    """A scan scored only the substrings in scripts without spaces: "Trump OR 北京" ranked every
    article holding only "Trump" at 0, in no order."""
    db = tmp_path / "rank.db"
    _write(
        db,
        [
            *ARTICLES,
            ("en3", "Trump, Trump", "Trump said Trump would visit.", "2024-01-01", "en"),
            (
                "en4",
                "Weather",
                "A long story about the weather. " * 30 + "Trump",
                "2024-01-02",
                "en",
            ),
        ],
    )
    with ReadStore(db) as rs:
        hits = rs.search("Trump OR 北京").hits
        ids = [h.id for h in hits]
        assert ids.index("en3") < ids.index("en1") < ids.index("en4")
        assert all(h.score > 0 for h in hits)
        assert [h.id for h in rs.search('北京 OR ""').hits] == ["zh3", "zh1", "zh2"]


def test_filters_and_paging_apply(store: ReadStore) -> None:
    assert set(_ids(store, "北京", published_from="2024-04-01")) == {"zh3"}
    assert set(_ids(store, "北京", published_to="2024-03-31")) == {"zh1", "zh2"}
    assert _ids(store, "北京", language="ja") == []
    assert set(_ids(store, "习近平", language="zh")) == {"zh1"}
    pages = [_ids(store, "北京", limit=1, offset=n) for n in range(4)]
    assert sorted(p[0] for p in pages[:3]) == ["zh1", "zh2", "zh3"] and pages[3] == []
    page = store.search("北京", limit=1, count=True)
    assert page.total == 3 and len(page.hits) == 1


def test_rank_window_bounds_a_scan(store: ReadStore) -> None:
    page = store.search("北京", rank_window=2)
    assert page.windowed and {h.id for h in page.hits} == {"zh2", "zh3"}
    assert not store.search("北京", rank_window=0).windowed


@pytest.mark.parametrize(
    "query",
    ["北京", "北京 OR Trump", "Tru* OR 北京", "(北京 OR Beijing) NOT 上海", "Trump NOT 北京"],
)
def test_a_scan_reads_only_the_articles_that_can_match(db: Path, query: str) -> None:
    """An OR of a short Chinese word and an English one read every article of the store (3.9 s
    for "北京 OR zzqqxx" on 100,000 English articles): a scan is bounded to the articles in the
    trigram index and those the word index finds for the other words."""
    how = plan(query)
    assert how.scan
    sql, params = how.source()
    with sqlite3.connect(db) as conn:
        steps = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN SELECT a.rowid {sql}", params)]
    assert "SCAN a" not in steps, steps


def test_near_with_a_short_word_says_what_to_do(store: ReadStore) -> None:
    with pytest.raises(SearchSyntaxError, match="without NEAR"):
        store.search("NEAR(北京 上海)")
    assert _ids(store, 'NEAR("国家主席" "今天表示", 5)') == ["zh1"]


def test_near_mixing_scripts_is_answered_by_the_trigram_index(store: ReadStore) -> None:
    """A NEAR group with a Latin word beside a Chinese one crashed (StopIteration): the planner
    looked in it for a short word to name in its error and found none."""
    assert _ids(store, "NEAR(特朗普 Trump)") == ["zh1"]  # "特朗普Trump": one token to unicode61
    assert _ids(store, "NEAR(Trump 习近平, 3)") == []  # more than three characters apart
    assert _ids(store, "习近平 NOT NEAR(特朗普 Trump)") == []
    with pytest.raises(SearchSyntaxError, match="without NEAR"):
        store.search("NEAR(习近平 EU)")  # two letters: no trigram finds them


def test_malformed_queries_still_explain_themselves(store: ReadStore) -> None:
    with pytest.raises(SearchSyntaxError, match="unbalanced"):
        store.search('"北京')
    with pytest.raises(SearchSyntaxError, match="column"):
        store.search("nosuch:北京")


def test_latin_queries_keep_the_word_index(store: ReadStore) -> None:
    for query in ("Trump", "Munchen", '"polls in"', "Tru*", "Quebec OR Beijing"):
        assert plan(query).table == WORDS and plan(query).match == query
    assert _ids(store, "Munchen") == ["en2"]  # accents still folded
    assert _ids(store, "Quebec") == ["en2"]
    assert _ids(store, "Trump") == ["en1"]  # a word, not a substring in the Chinese run
    assert _ids(store, "Tru") == []


def _trigram_ids(db: Path) -> list[str]:
    """Ids of the articles in the trigram index (its docsize table has a row for each)."""
    sql = f"SELECT a.id FROM {TRIGRAM}_docsize d JOIN articles a ON a.rowid = d.id ORDER BY a.id"
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute(sql)]


def _words_ok(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(f"INSERT INTO {WORDS} ({WORDS}) VALUES ('integrity-check')")


def test_only_articles_in_those_scripts_are_indexed_by_trigrams(db: Path) -> None:
    assert _trigram_ids(db) == ["ja1", "th1", "zh1", "zh2", "zh3"]
    _words_ok(db)


def test_a_latin_store_pays_nothing(tmp_path: Path) -> None:
    db = tmp_path / "en.db"
    _write(db, [r for r in ARTICLES if r[4] == "en"])
    assert _trigram_ids(db) == []
    with ReadStore(db) as rs:
        assert _ids(rs, "Trump") == ["en1"] and _ids(rs, "北京") == []


def test_reingest_and_a_failed_batch_keep_both_indexes_in_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    _write(db, ARTICLES[:2])
    _write(db, ARTICLES[:2])  # the same records again: skipped, indexed once
    assert _trigram_ids(db) == ["zh1", "zh2"]

    from copydesk.store import searchindex

    def fail(conn: sqlite3.Connection, rows: object) -> None:
        real(conn, rows)  # type: ignore[arg-type]
        raise sqlite3.OperationalError("disk is full")

    real = searchindex.index_rows
    monkeypatch.setattr("copydesk.store.write.index_rows", fail)
    with pytest.raises(schema.StoreError):
        _write(db, ARTICLES[2:4])
    monkeypatch.undo()
    assert _trigram_ids(db) == ["zh1", "zh2"]  # rolled back with the articles
    _write(db, ARTICLES[2:4])
    assert _trigram_ids(db) == ["ja1", "zh1", "zh2", "zh3"]
    _words_ok(db)
    with ReadStore(db) as rs:
        assert set(_ids(rs, "北京")) == {"zh1", "zh2", "zh3"}


def _version3_store(db: Path) -> None:
    """A store as copydesk wrote it before schema version 4: no trigram index."""
    conn = sqlite3.connect(db, isolation_level=None)
    for version in (1, 2, 3):
        schema.MIGRATIONS[version](conn)
    conn.execute("PRAGMA user_version = 3")
    for n, (art_id, headline, body, published, language) in enumerate(ARTICLES, start=1):
        conn.execute(
            "INSERT INTO articles (rowid, id, headline, text, published, language, words) "
            "VALUES (?, ?, ?, ?, ?, ?, 1)",
            (n, art_id, headline, body, published, language),
        )
        conn.execute(
            f"INSERT INTO {WORDS} (rowid, headline, standfirst, text) VALUES (?, ?, NULL, ?)",
            (n, headline, body),
        )
    conn.close()


def test_an_older_store_gets_the_index_when_a_writer_opens_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _version3_store(db)
    with ReadStore(db) as rs:  # read-only: not migrated, searches as before
        assert not rs.trigrams
        assert _ids(rs, "习近平") == [] and _ids(rs, "Trump") == ["en1"]
    StoreWriter(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)
    assert _trigram_ids(db) == ["ja1", "th1", "zh1", "zh2", "zh3"]
    _words_ok(db)
    with ReadStore(db) as rs:
        assert rs.trigrams
        assert _ids(rs, "习近平") == ["zh1"] and _ids(rs, "Trump") == ["en1"]


def test_two_writers_opening_an_older_store_migrate_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version was read before the migration's lock: a writer that waited for another's
    migration ran it again, indexing every article twice in the trigram index."""
    db = tmp_path / "old.db"
    _version3_store(db)
    real = schema._check_version

    def racing(path: Path, version: int) -> None:
        real(path, version)
        monkeypatch.setattr(schema, "_check_version", real)
        StoreWriter(path).close()  # another writer opens the store and migrates it first

    monkeypatch.setattr(schema, "_check_version", racing)
    StoreWriter(db).close()
    with sqlite3.connect(db) as conn:  # every article left is in the index: checked in full
        conn.execute(f"DELETE FROM articles WHERE rowid NOT IN (SELECT id FROM {TRIGRAM}_docsize)")
        conn.execute(f"INSERT INTO {TRIGRAM} ({TRIGRAM}, rank) VALUES ('integrity-check', 1)")


def test_cli_search(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["search", "习近平", "--db", str(db), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert '"id": "zh1"' in result.stdout and "习近平" in result.stdout
    result = CliRunner().invoke(app, ["search", "北京", "--db", str(db)])
    assert result.exit_code == 0 and "3 match(es)" in result.stderr
    assert "北京天气" in result.stdout
    old = tmp_path / "old.db"
    _version3_store(old)
    result = CliRunner().invoke(app, ["search", "习近平", "--db", str(old)])
    assert result.exit_code == 0 and "schema version 4" in result.stderr


def test_web_search(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        body = client.get("/api/search", params={"q": "习近平"}).json()
        assert [r["id"] for r in body["results"]] == ["zh1"] and body["total"] == 1
        body = client.get("/api/search", params={"q": "北京", "language": "zh"}).json()
        assert {r["id"] for r in body["results"]} == {"zh1", "zh2", "zh3"}
        assert body["total"] == 3
        page = client.get("/search", params={"q": "気象庁"}).text
        assert "<mark>気象庁</mark>" in page
        page = client.get("/search", params={"q": "地震"}).text
        assert "<mark>地震</mark>" in page
        assert client.get("/api/search", params={"q": "NEAR(Trump 习近平, 3)"}).status_code == 200


def test_unspaced_scripts() -> None:
    for text in ("国家", "こんにちは", "カタカナ", "ภาษาไทย", "ພາສາລາວ", "ខ្មែរ", "မြန်မာ", "𠀀"):
        assert unspaced(text), text
    for text in (
        "",
        None,
        "plain",
        "München “quoted” — dash",
        "한국어",
        "Ελληνικά",
        "😀",
        "a\ud800",
    ):
        assert not unspaced(text), text
