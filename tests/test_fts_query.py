"""The default search syntax quotes words FTS5 cannot take bare and keeps its operators."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.record import Article, Source
from copydesk.store.ftsquery import fts_query, term_count
from copydesk.store.read import MAX_QUERY_WORDS, ReadStore, SearchSyntaxError
from copydesk.store.write import StoreWriter

BODY = (
    "An e-mail from al-Qaeda about state-of-the-art ferries reached O'Neill at Sainsbury's "
    "in the U.S. written in C++ with 50% of the text in capitals. Smith, Jones and AOL (SEC) "
    "paid $1,000 for 464,000 shares."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("fts") / "fts.db"
    writer = StoreWriter(db)
    run = writer.start_run("t", [])
    arts = [Article(id="a1", source=Source(path="a1.txt"), headline="Ferry news", body=[BODY])]
    writer.write_batch(arts, run)
    writer.close()
    return db


WORDS = ["e-mail", "al-Qaeda", "state-of-the-art", "O'Neill", "Sainsbury's", "U.S.", "C++", "50%"]


@pytest.mark.parametrize("query", WORDS)
def test_punctuated_words_are_found(store: Path, query: str) -> None:
    with ReadStore(store) as rs:
        assert [h.id for h in rs.search(query).hits] == ["a1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("e-mail", '"e-mail"'),
        ("O'Neill", '"O\'Neill"'),
        ("ferr*", "ferr*"),
        ('"state of" OR (ferry NOT bus)', '"state of" OR ( ferry NOT bus )'),
        ("headline:ferry", "headline:ferry"),
        ("^e-mail", '^"e-mail"'),
    ],
)
def test_syntax_is_kept(query: str, expected: str) -> None:
    assert fts_query(query) == expected


@pytest.mark.parametrize(
    "query",
    ["ferr*", '"state of" OR (ferry NOT bus)', "headline:ferry", "NEAR(e-mail al-Qaeda, 5)"],
)
def test_operators_still_work(store: Path, query: str) -> None:
    with ReadStore(store) as rs:
        assert [h.id for h in rs.search(query).hits] == ["a1"]


def test_a_lone_star_says_there_is_no_word(store: Path) -> None:
    with ReadStore(store) as rs, pytest.raises(SearchSyntaxError, match="give at least one word"):
        rs.search("*")


def test_operators_do_not_count_as_words(store: Path) -> None:
    query = " OR ".join(f"w{i}" for i in range(40))
    assert term_count(query) == 40 < MAX_QUERY_WORDS
    with ReadStore(store) as rs:
        assert rs.search(query).hits == []


@pytest.mark.parametrize(
    "query", ["464,000", "$1,000", "Smith, Jones", "AOL (SEC)", "headline:(ferry OR bus)"]
)
def test_commas_and_parentheses_in_words_are_found(store: Path, query: str) -> None:
    # found by a reviewer: every comma was NEAR syntax, and "AOL (SEC)" a syntax error
    with ReadStore(store) as rs:
        assert [h.id for h in rs.search(query).hits] == ["a1"]


@pytest.mark.parametrize("query", ["NEAR(ferry, news)", "NEAR(ferry news, -1)"])
def test_a_near_distance_that_is_no_number_is_a_syntax_error(store: Path, query: str) -> None:
    # it was an OperationalError the web app answered with a 500
    with ReadStore(store) as rs, pytest.raises(SearchSyntaxError):
        rs.search(query)
