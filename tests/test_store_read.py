"""The read API the web app builds on: search, filters, pagination, clusters, stats."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.record import Article, Source
from copydesk.store import ReadStore, SearchSyntaxError, StoreError, StoreWriter, plain_query

STORY = (
    "The central bank raised its benchmark rate by 25 basis points on Wednesday, citing "
    "persistent inflation in services. Governor Maria Lopez said further increases were "
    "possible if wage growth stayed above 4 percent. Markets had expected the move after "
    "weeks of strong data. The currency rose against the dollar in early trading."
)
FLOOD = (
    "Heavy rain flooded dozens of villages in the northern province over the weekend, "
    "officials said, forcing families to leave their homes. Rescue teams used boats to reach "
    "people stranded on rooftops. The weather office warned that more storms were likely."
)


@pytest.fixture
def store(tmp_path: Path) -> ReadStore:
    db = tmp_path / "s.db"
    writer = StoreWriter(db)
    run = writer.start_run("test", [])
    arts = [
        Article(
            id="a",
            headline="Bank raises rates",
            body=[STORY],
            language="en",
            published="2024-05-02",
            credit="Reuters",
            source=Source(path="a.txt"),
        ),
        Article(
            id="b",
            headline="Rates rise",
            body=[STORY.split(" Markets")[0]],
            language="en",
            published="2024-05-01",
            source=Source(path="b.txt"),
        ),
        Article(
            id="c", headline="Floods", body=[FLOOD], language="en", source=Source(path="c.txt")
        ),
    ]
    arts += [
        Article(
            id=f"n{i}",
            headline=f"Note {i}",
            body=[f"Rain note number {i} about weather."],
            language="de",
            source=Source(path=f"n{i}.txt"),
        )
        for i in range(5)
    ]
    writer.write_batch(arts, run)
    writer.finish_run(run, "done")
    writer.close()
    with ReadStore(db) as s:
        yield s


def test_search_ranks_headline_matches_first_and_snippets(store: ReadStore) -> None:
    page = store.search("rates", count=True, marks=("<b>", "</b>"))
    assert page.total == 2
    assert [h.id for h in page.hits][:1] in (["a"], ["b"])
    assert page.hits[0].score >= page.hits[1].score > 0
    hit = store.search("inflation").hits[0]
    assert "<b>" not in hit.snippet and "[inflation]" in hit.snippet


def test_search_filters_and_pagination(store: ReadStore) -> None:
    assert store.search("rain", language="de", count=True).total == 5
    assert [h.id for h in store.search("rain", language="en").hits] == ["c"]
    first = store.search("rain", language="de", limit=2)
    second = store.search("rain", language="de", limit=2, offset=2)
    assert len(first.hits) == 2 and not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert [h.id for h in store.search("bank", published_from="2024-05-02").hits] == ["a"]
    assert [h.id for h in store.search("bank", canonical_only=True).hits] == ["a"]


def test_common_queries_are_ranked_among_the_most_recent_matches(store: ReadStore) -> None:
    """Six articles say "rain"; with a window of three, only the three stored last are ranked
    (and counted in full), and the page says the window applied; a window of 0 ranks all."""
    page = store.search("rain", rank_window=3, count=True, limit=10)
    assert page.windowed and page.total == 6
    assert {h.id for h in page.hits} == {"n2", "n3", "n4"}
    full = store.search("rain", rank_window=0, limit=10)
    assert not full.windowed and len(full.hits) == 6
    rare = store.search("inflation", rank_window=3)
    assert not rare.windowed and {h.id for h in rare.hits} == {"a", "b"}


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ('"central bank', "unbalanced double quote"),
        ("bank AND", "operator"),
        ("OR rates", "FTS5"),
        ("author:lopez", "column name"),
        ("NEAR(", "FTS5"),
        ("(bank", "FTS5"),
    ],
)
def test_bad_queries_are_explained(store: ReadStore, query: str, why: str) -> None:
    with pytest.raises(SearchSyntaxError, match=why):
        store.search(query)


@pytest.mark.parametrize(
    "text", ['"central bank', "bank AND", "author:lopez", "NEAR(", "*", "'", ""]
)
def test_plain_queries_never_fail(store: ReadStore, text: str) -> None:
    if not plain_query(text):
        with pytest.raises(SearchSyntaxError, match="empty"):
            store.search(text, syntax="plain")
    else:
        assert isinstance(store.search(text, syntax="plain").hits, list)


@pytest.mark.parametrize("syntax", ["fts", "plain"])
def test_a_query_of_a_whole_document_is_refused(store: ReadStore, syntax: str) -> None:
    # ranking cost grows with each term: 5,000 words held a search (or a web worker) for minutes
    with pytest.raises(SearchSyntaxError, match="query of 1000 words: at most 64"):
        store.search("rates " * 1000, syntax=syntax)
    assert store.search(" ".join(["rates"] * 64), syntax=syntax).hits


def test_cluster_view_members_and_links(store: ReadStore) -> None:
    view = store.cluster("b")
    assert view is not None and view.id == "a"
    assert view.canonical == "a"
    assert {m.id for m in view.members} == {"a", "b"}
    assert [(lk.a, lk.b) for lk in view.links] == [("b", "a")]
    assert view.links[0].signal in ("near", "syndicated") and 0 < view.links[0].score <= 1
    assert store.cluster("c") is None
    assert [c.id for c in store.clusters()] == ["a"]


def test_stats_and_browse(store: ReadStore) -> None:
    st = store.stats()
    assert (st.articles, st.clusters, st.duplicates) == (8, 1, 1)
    assert st.languages == {"de": 5, "en": 3} and st.credits == {"Reuters": 1}
    assert st.last_run is not None and st.last_run["status"] == "done"
    assert [a.id for a in store.articles(limit=2, offset=1)] == ["b", "c"]


def test_missing_store_is_explained(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        ReadStore(tmp_path / "none.db")
