"""Record ids and entity names with URL-reserved characters: every link the app prints opens
the record it names, in the pages and in the JSON API."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from html import unescape
from urllib.parse import quote

import pytest

from copydesk.record import Article, Source
from copydesk.store.write import StoreWriter
from copydesk.web import create_app

with warnings.catch_warnings():
    # starlette's TestClient warns at import that it will move to httpx2; nothing to act on here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

#: Ids a JSONL input can give (``--id-field`` values are kept as they are).
ODD_IDS = ("news/2024/01/story", "q?x=1", "hash#frag", "%2F", "a b", "news/changes")
ENTITY = "AC/DC"


def _article(i: int, art_id: str) -> Article:
    body = [f"Some body text about a ferry and {ENTITY}, story {i}."]
    start = body[0].index(ENTITY)
    span = {"para": 0, "start": start, "end": start + len(ENTITY)}
    art = Article(id=art_id, source=Source(path=f"p{i}.jsonl"), headline=f"Headline {i}", body=body)
    art.entities = [{"text": ENTITY, "label": "ORG", "canonical": ENTITY, "spans": [span]}]
    return art


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("ids") / "ids.db"
    writer = StoreWriter(db)
    run = writer.start_run("t", [])
    writer.write_batch([_article(i, art_id) for i, art_id in enumerate(ODD_IDS)], run)
    writer.close()
    with TestClient(create_app(db)) as c:
        yield c


def _links(html: str, prefix: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'href="({prefix}[^"]*)"', html)]


def test_search_result_links_open_every_article(client: TestClient) -> None:
    links = _links(client.get("/search", params={"q": "ferry"}).text, "/article/")
    assert len(links) == len(ODD_IDS)
    for link in links:
        assert "?" not in link and "#" not in link
        assert client.get(link).status_code == 200, link
    opened = {
        client.get(link.replace("/article/", "/api/article/", 1)).json()["id"] for link in links
    }
    assert opened == set(ODD_IDS)


@pytest.mark.parametrize("art_id", ODD_IDS)
def test_article_routes_take_any_id(client: TestClient, art_id: str) -> None:
    seg = quote(art_id, safe="")
    assert client.get(f"/api/article/{seg}").json()["id"] == art_id
    assert client.get(f"/api/article/{seg}/changes").status_code == 200
    page = client.get(f"/article/{seg}")
    assert page.status_code == 200 and f'href="/api/article/{seg}"' in page.text


def test_an_id_ending_in_changes_is_not_its_changes_view(client: TestClient) -> None:
    """Only a literal ``/changes`` asks for the changes view; ``%2Fchanges`` is part of an id."""
    assert client.get("/api/article/news%2Fchanges").json()["id"] == "news/changes"
    assert "lines" in client.get("/api/article/news%2Fchanges/changes").json()


def test_entity_links_are_encoded_and_open(client: TestClient) -> None:
    html = client.get("/article/q%3Fx%3D1").text
    assert 'href="/entity/AC%2FDC"' in html
    for link in set(_links(html, "/entity/")):
        assert client.get(link).status_code == 200
    assert client.get("/api/entity/AC%2FDC").json()["name"] == ENTITY
    entity_page = client.get("/entity/AC%2FDC").text
    for link in _links(entity_page, "/article/"):
        assert client.get(link).status_code == 200, link
