"""The web app through its HTTP interface (FastAPI TestClient over httpx): JSON API, pages,
escaping, FTS5 errors, and reading while an ingest writes."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest

from copydesk.record import Article, Source
from copydesk.store.write import StoreWriter
from copydesk.web import create_app
from copydesk.web.sample import write_sample

with warnings.catch_warnings():
    # starlette's TestClient warns at import that it will move to httpx2; nothing to act on here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("web") / "sample.db", hostile=True)


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def test_api_search_returns_ranked_results_with_snippets(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "Munter"})
    assert r.status_code == 200
    body = r.json()
    ids = [hit["id"] for hit in body["results"]]
    assert set(ids) == {"seed0000000000a1", "seed0000000000b2", "seed0000000000c3"}
    hit = body["results"][0]
    assert set(hit) >= {"id", "headline", "snippet", "score"}
    assert "Munter" in hit["snippet"] and "\ue000" not in hit["snippet"]
    scores = [h["score"] for h in body["results"]]
    assert scores == sorted(scores, reverse=True)
    assert body["total"] == 3 and body["total_is_lower_bound"] is False


def test_api_search_filters_and_facets(client: TestClient) -> None:
    everything = client.get("/api/search", params={"q": "Pakistan"}).json()
    sites = dict(everything["facets"]["site"])
    assert sites["dawn.example"] >= 2
    narrowed = client.get("/api/search", params={"q": "Pakistan", "site": "dawn.example"}).json()
    assert narrowed["total"] == sites["dawn.example"]
    assert {h["site"] for h in narrowed["results"]} == {"dawn.example"}
    by_entity = client.get("/api/search", params={"q": "Pakistan", "entity": "Tehmina Janjua"})
    assert {h["id"] for h in by_entity.json()["results"]} == {
        "seed0000000000a1",
        "seed0000000000b2",
        "seed0000000000c3",
    }
    dated = client.get("/api/search", params={"q": "Pakistan", "from": "2011-10-02"}).json()
    assert dated["results"] and all(h["published"] >= "2011-10-02" for h in dated["results"])
    section = client.get("/api/search", params={"q": "Pakistan", "section": "Region"}).json()
    assert section["total"] == 2
    canonical = client.get("/api/search", params={"q": "Munter", "canonical": "1"}).json()
    assert [h["id"] for h in canonical["results"]] == ["seed0000000000a1"]


def test_api_search_syntax_error_is_a_400_with_a_message(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": '"unbalanced'})
    assert r.status_code == 400
    assert "double quote" in r.json()["detail"]
    plain = client.get("/api/search", params={"q": '"unbalanced', "syntax": "plain"})
    assert plain.status_code == 200


def test_search_terms_are_bound_not_spliced(client: TestClient, db: Path) -> None:
    hostile = "x'); DROP TABLE articles; --"
    for syntax in ("fts", "plain"):
        r = client.get("/api/search", params={"q": hostile, "syntax": syntax})
        assert r.status_code in (200, 400)
    r = client.get("/api/search", params={"q": "Munter", "site": "x' OR '1'='1"})
    assert r.json()["total"] == 0
    assert client.get("/api/article/seed0000000000a1").status_code == 200


def test_api_article_is_the_record_as_parse_prints_it(client: TestClient) -> None:
    from copydesk.web.sample import sample_articles

    original = next(a for a, _ in sample_articles(hostile=True) if a.id == "seed0000000000a1")
    got = client.get("/api/article/seed0000000000a1").json()
    expected = original.to_dict()
    for key in ("headline", "standfirst", "body", "text", "removed", "repairs", "entities"):
        assert got[key] == expected[key]
    assert got["cluster"] == "seed0000000000a1" and got["duplicate_of"] is None
    assert client.get("/api/article/nope").status_code == 404


def test_api_changes_labels_raw_lines(client: TestClient) -> None:
    r = client.get("/api/article/seed0000000000a1/changes").json()
    assert r["available"] and r["exact"]
    lines = {line["line"]: line for line in r["lines"]}
    assert lines[1]["status"] == "removed" and lines[1]["notes"] == ["breadcrumb"]
    assert lines[13]["status"] == "removed" and "duplicate" in lines[13]["notes"][0]
    assert lines[6]["status"] == "repaired" and "unwrap" in lines[6]["notes"][0]
    assert lines[3]["status"] == "field" and lines[3]["notes"][0] == "→ headline"


def test_api_cluster_names_canonical_and_links(client: TestClient) -> None:
    r = client.get("/api/cluster/seed0000000000b2").json()
    assert r["canonical"] == "seed0000000000a1"
    assert r["why_canonical"] == "most complete body"
    assert len(r["members"]) == 3 and r["links"]
    assert all(0 < link["score"] <= 1 for link in r["links"])
    compared = {c["id"]: c for c in r["compared"]}
    assert compared["seed0000000000a1"]["same"] == 1.0
    assert compared["seed0000000000c3"]["missing"] > 0


def test_api_entity_articles_company_quotes_per_day(client: TestClient) -> None:
    r = client.get("/api/entity/Rehman Malik").json()
    assert r["labels"] == ["PERSON"]
    assert r["total"] == 7  # two of the three seed copies, the hostile one, four wire stories
    assert {q["text"] for q in r["quotes"]} == {"Pakistan would act"}
    company = {c["name"] for c in r["seen_with"]}
    assert "ISI" in company and "Rehman Malik" not in company
    assert r["mentions_per_day"]["2011-10-01"] == 1
    assert client.get("/api/entity/Nobody Here").status_code == 404


def test_api_corpus_counts(client: TestClient) -> None:
    r = client.get("/api/corpus").json()
    assert r["stats"]["articles"] == 8
    assert r["duplicate_rate"] == pytest.approx(2 / 8)
    assert r["sites"]["dawn.example"] == 3
    assert r["runs"][0]["status"] == "done"


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/search", "/api/article/{article_id}", "/api/cluster/{key}"} <= set(paths)
    assert not any(p in paths for p in ("/", "/search"))


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=Munter",
        "/search?site=dawn.example",
        "/article/seed0000000000a1",
        "/article/seed0000000000a1?view=changes",
        "/cluster/seed0000000000a1",
        "/entity/Rehman%20Malik",
        "/corpus",
    ],
)
def test_pages_render(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_search_page_keeps_state_in_links(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Pakistan", "site": "dawn.example"}).text
    assert "<mark>Pakistan</mark>" in html
    assert "/search?q=Pakistan&amp;site=dawn.example&amp;credit=" in html  # a facet link
    assert 'href="/search?q=Pakistan"' in html  # removing the site filter


def test_article_page_marks_entities_and_quotes(client: TestClient) -> None:
    html = client.get("/article/seed0000000000a1").text
    assert 'href="/entity/Cameron%20Munter"' in html
    assert '<q class="quote quote-direct" title="direct quote — Tehmina Janjua">' in html
    assert "ISLAMABAD:" in html


def test_stored_markup_is_escaped_everywhere(client: TestClient) -> None:
    pages = [
        client.get("/article/hostile000000001").text,
        client.get("/article/hostile000000001?view=changes").text,
        client.get("/search", params={"q": "hostile"}).text,
        client.get("/corpus").text,
        client.get("/entity/Rehman Malik").text,
    ]
    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>AP</b>" not in html
    assert "&lt;script&gt;alert(" in pages[0] and "xss" in pages[0]  # shown, as text
    assert "&lt;script&gt;alert(" in pages[1] and "raw" in pages[1]


def test_search_page_shows_syntax_errors_as_a_message(client: TestClient) -> None:
    r = client.get("/search", params={"q": "Munter AND"})
    assert r.status_code == 400
    assert "not valid search syntax" in r.text
    assert "syntax=plain" in r.text


def test_syntax_errors_say_what_to_do_in_the_browser_not_on_the_command_line(
    client: TestClient,
) -> None:
    """The store's message ends with the CLI's ``--plain``, which means nothing in a browser."""
    r = client.get("/search", params={"q": "Munter AND"})
    assert "--plain" not in r.text
    assert "missing a word on one side" in r.text  # why, from the store's explanation
    assert 'href="/search?q=Munter+AND&amp;syntax=plain"' in r.text
    assert 'name="syntax" value="plain"' in r.text  # the same choice as a checkbox


def test_syntax_errors_say_what_to_do_in_the_api(client: TestClient) -> None:
    detail = client.get("/api/search", params={"q": "Munter AND"}).json()["detail"]
    assert "--plain" not in detail
    assert "missing a word on one side" in detail
    assert "syntax=plain" in detail


def test_plain_words_checkbox_keeps_its_state(client: TestClient) -> None:
    html = client.get("/search", params={"q": '"Munter', "syntax": "plain"}).text
    assert 'name="syntax" value="plain" checked' in html
    assert "<mark>Munter</mark>" in html
    unticked = client.get("/search", params={"q": "Munter"}).text
    assert 'name="syntax" value="plain">' in unticked


def test_plain_search_with_no_words_offers_no_plain_search(client: TestClient) -> None:
    r = client.get("/search", params={"q": "!!!", "syntax": "plain"})
    assert r.status_code == 400 and "no words to search for" in r.text
    assert "words as typed" not in r.text
    detail = client.get("/api/search", params={"q": "!!!", "syntax": "plain"}).json()["detail"]
    assert "syntax=plain" not in detail


def test_api_docs_work_offline(client: TestClient) -> None:
    """FastAPI's /docs and /redoc load Swagger UI and ReDoc from a CDN: blank offline."""
    assert client.get("/redoc").status_code == 404
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert not re.search(r'(src|href)="(https?:)?//', r.text), "nothing may load from elsewhere"
    assert "swagger" not in r.text.lower()
    for path in client.get("/openapi.json").json()["paths"]:
        assert f"<code>{escape(path)}</code>" in r.text
    assert "syntax=plain" in r.text  # a parameter's description, from the schema
    assert "1 to 500" in r.text  # the page parameter's bounds
    assert 'href="/docs"' in client.get("/").text  # the header's API link


def test_api_docs_explain_the_score(client: TestClient) -> None:
    """A BM25 score means nothing by itself (2.96e-06 on a small store): the docs say how to
    read it, and the API keeps the raw number."""
    assert "higher ranks first" in client.get("/docs").text
    hit = client.get("/api/search", params={"q": "Munter"}).json()["results"][0]
    assert isinstance(hit["score"], float) and hit["score"] > 0


def test_search_page_shows_no_raw_scores(client: TestClient) -> None:
    html = client.get("/search", params={"q": "Pakistan"}).text
    assert "score" not in html.lower() and not re.search(r"\de-\d", html)


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"$ref": "#/components/schemas/SearchResult"}, "SearchResult"),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, "string or null"),
        ({"type": "integer", "minimum": 1, "maximum": 500}, "integer, 1 to 500"),
        ({"type": "string", "enum": ["", "1"]}, 'one of "", "1"'),
        ({"type": "array", "items": {"type": "string"}}, "list of string"),
        (
            {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {"prefixItems": [{"type": "string"}, {"type": "integer"}]},
                },
            },
            "object of list of [string, integer]",
        ),
        ({"type": "object", "additionalProperties": True}, "object"),
        ({}, "any"),
    ],
)
def test_api_docs_type_names(schema: dict, expected: str) -> None:
    from copydesk.web.apidocs import type_name

    assert type_name(schema) == expected


def test_default_sample_has_no_hostile_records(tmp_path: Path) -> None:
    """The sample is what a first-time user sees; the hostile records are for the tests."""
    from copydesk.store.read import ReadStore
    from copydesk.web.sample import main, sample_articles

    default = [a for a, _ in sample_articles()]
    assert all(a.site != "evil.example" for a in default)
    for a in default:
        assert "<" not in " ".join(filter(None, [a.headline, a.credit, *a.body]))
    assert "hostile000000001" in {a.id for a, _ in sample_articles(hostile=True)}
    main([str(tmp_path / "sample.db")])
    with ReadStore(tmp_path / "sample.db") as store:
        assert store.get("hostile000000001") is None and store.get("seed0000000000a1")
    main([str(tmp_path / "hostile.db"), "--hostile"])
    with ReadStore(tmp_path / "hostile.db") as store:
        assert store.get("hostile000000001") is not None


def test_missing_things_are_404_pages(client: TestClient) -> None:
    for url in ("/article/nope", "/cluster/nope", "/entity/nobody"):
        r = client.get(url)
        assert r.status_code == 404 and "<h1>" in r.text


def test_missing_store_is_a_clear_503(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "absent.db")) as c:
        r = c.get("/api/search", params={"q": "x"})
        assert r.status_code == 503 and "copydesk ingest" in r.json()["detail"]
        assert c.get("/").status_code == 503


def test_pagination(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    writer = StoreWriter(db)
    run = writer.start_run("t", [])
    arts = [
        Article(
            id=f"a{i:04d}",
            source=Source(path=f"p{i}.txt"),
            headline=f"Story {i}",
            body=[f"river flood number {i} " + " ".join(f"w{i}x{j}" for j in range(30))],
        )
        for i in range(45)
    ]
    writer.write_batch(arts, run)
    writer.close()
    with TestClient(create_app(db)) as c:
        first = c.get("/api/search", params={"q": "river"}).json()
        third = c.get("/api/search", params={"q": "river", "page": 3}).json()
        assert first["pages"] == 3 and len(first["results"]) == 20 and len(third["results"]) == 5
        seen = {
            h["id"]
            for p in (1, 2, 3)
            for h in c.get("/api/search", params={"q": "river", "page": p}).json()["results"]
        }
        assert len(seen) == 45
        html = c.get("/search", params={"q": "river", "page": 2}).text
        assert 'href="/search?q=river&amp;page=3"' in html and 'rel="prev"' in html


def test_reads_while_an_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    writer = StoreWriter(db)
    run = writer.start_run("t", [])

    def batch(start: int) -> list[Article]:
        return [
            Article(
                id=f"live{i}",
                source=Source(path=f"live{i}.txt"),
                headline=f"Live {i}",
                body=[f"harbour update {i} " + " ".join(f"t{i}y{j}" for j in range(30))],
            )
            for i in range(start, start + 5)
        ]

    writer.write_batch(batch(0), run)
    with TestClient(create_app(db)) as c:
        assert c.get("/api/search", params={"q": "harbour"}).json()["total"] == 5
        writer.conn.execute("BEGIN IMMEDIATE")  # the writer holds its lock mid-transaction
        writer.conn.execute("UPDATE runs SET stored = stored WHERE id = ?", (run,))
        assert c.get("/api/search", params={"q": "harbour"}).json()["total"] == 5
        writer.conn.execute("COMMIT")
        writer.write_batch(batch(5), run)
        assert c.get("/api/search", params={"q": "harbour"}).json()["total"] == 10
    writer.close()


def test_ingest_keeps_the_raw_input_for_the_changes_view(tmp_path: Path, seed_text: str) -> None:
    from copydesk.options import ParseOptions
    from copydesk.store.ingest import ingest
    from copydesk.store.read import ReadStore

    src = tmp_path / "seed.txt"
    src.write_text(seed_text, encoding="utf-8")
    db = tmp_path / "seed.db"
    ingest([str(src)], db, ParseOptions())
    with ReadStore(db) as store:
        (summary,) = store.articles()
        assert store.raw(summary.id) == seed_text
    with TestClient(create_app(db)) as c:
        changes = c.get(f"/api/article/{summary.id}/changes").json()
        assert changes["available"] and len(changes["lines"]) == len(seed_text.splitlines())
        assert changes["lines"][0]["status"] == "removed"


def test_very_common_queries_are_ranked_within_a_window(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk.web import query

    monkeypatch.setattr(query, "RANK_WINDOW", 2)
    body = client.get("/api/search", params={"q": "Pakistan"}).json()
    assert body["total_is_lower_bound"] is True
    assert body["results"] and all(h["id"] for h in body["results"])
    html = client.get("/search", params={"q": "Pakistan"}).text
    assert "ranked among the 2 most recent matches" in html


@pytest.mark.parametrize("word", ["Pakistan", "said", "the"])
def test_unfiltered_counts_and_facets_match_a_full_scan(db: Path, word: str) -> None:
    """Without filters the count and facets come from the recent-match list; they must equal
    what counting the whole match list gives."""
    import sqlite3

    from copydesk.web import query

    sql = (
        "SELECT a.language, count(*) FROM articles_fts JOIN articles a "
        "ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? GROUP BY 1"
    )
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        res = query.search(conn, word, query.Filters())
        by_language = dict(conn.execute(sql, (word,)).fetchall())
    finally:
        conn.close()
    assert res.total == sum(by_language.values()) > 0
    by_language.pop(None, None)
    assert dict(res.facets.get("language", [])) == by_language


@pytest.mark.parametrize("page", ["0", "abc", "501"])
def test_a_page_number_out_of_range_is_a_readable_page(client: TestClient, page: str) -> None:
    # found by a tester: the HTML route answered with FastAPI's raw JSON 422
    res = client.get(f"/search?q=ferry&page={page}")
    assert res.status_code == 422 and res.headers["content-type"].startswith("text/html")
    assert "page" in res.text and "up to page 500" in res.text and "narrow the search" in res.text
    api = client.get(f"/api/search?q=ferry&page={page}")
    assert api.status_code == 422 and api.json()["detail"][0]["loc"] == ["query", "page"]


def test_a_bad_setting_other_than_the_page_says_nothing_of_pages(client: TestClient) -> None:
    res = client.get("/search?q=ferry&syntax=xx")
    assert res.status_code == 422 and "syntax" in res.text and "up to page" not in res.text
