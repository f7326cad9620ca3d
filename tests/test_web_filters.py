"""Search filters in the web app, the JSON API and `ReadStore.search`: dates are checked and a
year or a month is a range; credit, site and language match whatever their case."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from copydesk.store.dates import DateFilterError, date_bound
from copydesk.store.read import ReadStore
from copydesk.web import create_app
from copydesk.web.sample import write_sample

with warnings.catch_warnings():
    # starlette's TestClient warns at import that it will move to httpx2; nothing to act on here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("filters") / "sample.db")  # 7 articles, 2011


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def _total(client: TestClient, **params: str) -> int:
    r = client.get("/api/search", params=params)
    assert r.status_code == 200, r.text
    return int(r.json()["total"])


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2019", False, "2019-01-01"),
        ("2019", True, "2019-12-31"),
        ("2019-05", False, "2019-05-01"),
        ("2019-02", True, "2019-02-28"),
        ("2020-02", True, "2020-02-29"),
        ("2019-05-07", True, "2019-05-07"),
    ],
)
def test_a_year_or_a_month_is_a_range(value: str, end: bool, expected: str) -> None:
    assert date_bound(value, end=end, name="from") == expected


@pytest.mark.parametrize("value", ["notadate", "2019-13-45", "2019-02-30", "2019-5", "19"])
def test_api_refuses_a_date_that_is_not_one(client: TestClient, value: str) -> None:
    for name in ("from", "to"):
        r = client.get("/api/search", params={name: value})
        assert r.status_code == 400
        assert f"{name}={value!r} is not a date" in r.json()["detail"]
        assert "YYYY-MM-DD" in r.json()["detail"]


def test_search_page_says_a_date_is_not_one(client: TestClient) -> None:
    r = client.get("/search", params={"q": "Malik", "from": "2019-13-45"})
    assert r.status_code == 400 and "text/html" in r.headers["content-type"]
    assert "That filter is not valid" in r.text and "is not a date" in r.text
    assert 'value="Malik"' in r.text  # the form keeps the search


def test_years_and_months_filter_as_ranges(client: TestClient) -> None:
    assert _total(client, to="2011") == 7
    assert _total(client, **{"from": "2011"}) == 7
    assert _total(client, **{"from": "2011", "to": "2011"}) == 7
    assert _total(client, **{"from": "2011-10"}) == 4
    assert _total(client, to="2011-09") == 3
    assert _total(client, to="2010") == 0 and _total(client, **{"from": "2012"}) == 0


def test_facet_filters_ignore_case(client: TestClient) -> None:
    assert _total(client, credit="reuters") == _total(client, credit="Reuters") == 2
    assert _total(client, site="DAWN.example") == 3
    assert _total(client, language="EN") == 5


def test_read_store_checks_dates_the_same_way(db: Path) -> None:
    with ReadStore(db) as store:
        assert len(store.search("Malik OR Pakistan", published_to="2011", count=True).hits) > 0
        with pytest.raises(DateFilterError, match="published_from='2019-13-45'"):
            store.search("Malik", published_from="2019-13-45")
        assert store.search("Malik", credit="pti").hits


def test_to_before_from_is_said(client: TestClient) -> None:
    # found by a reviewer: it showed "No articles match"
    res = client.get("/api/search", params={"q": "ferry", "from": "2020", "to": "2019"})
    assert res.status_code == 400 and "before from" in res.json()["detail"]
