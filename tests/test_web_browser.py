"""The web app in a real browser: Playwright driving Debian's chromium against a live server
on 127.0.0.1. Each test keeps a screenshot of its page under tests/artifacts/ (git-ignored).

Skips, with the reason, when chromium or Playwright is missing (`.ci/run` installs chromium
when it can)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from copydesk.web import create_app
from copydesk.web.sample import write_sample

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no /usr/bin/chromium (apt-get install -y chromium; .ci/run does it when it can)",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    db = write_sample(tmp_path_factory.mktemp("browser") / "sample.db", hostile=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning", ws="none", http="h11"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=base_url)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, f"script errors on the page: {errors}"


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_search_from_the_box(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("input[name=q]", "Munter")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Munter")
    hits = page.locator(".hit")
    assert hits.count() == 3
    assert page.locator(".hit mark").first.inner_text() == "Munter"
    page.click("ul[data-facet=site] >> text=tribune.example")
    page.wait_for_url("**site=tribune.example**")
    assert page.locator(".hit").count() == 1
    _shot(page, "search")


def test_open_an_article_and_toggle_the_changes_view(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/search?q=Munter&canonical=1")
    page.click(".hit .headline")
    page.wait_for_url("**/article/seed0000000000a1")
    assert page.locator("article h1").inner_text().startswith("Pak, US step up contacts")
    assert page.locator(".body a.ent").count() > 5
    changes = page.locator("#changes")
    assert not changes.is_visible()
    _shot(page, "article")
    page.click("#toggle-changes")
    assert changes.is_visible()
    assert page.url.endswith("?view=changes")
    removed = page.locator(".raw li.st-removed")
    assert removed.count() == 3
    assert "breadcrumb" in removed.first.inner_text()
    _shot(page, "article-changes")
    page.click("#toggle-changes")
    assert not changes.is_visible() and "view=changes" not in page.url


def test_open_a_cluster(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/article/seed0000000000b2")
    page.click("text=Story cluster")
    page.wait_for_url("**/cluster/seed0000000000a1")
    assert page.locator(".copy").count() == 3
    assert page.locator(".copy.canonical h2").inner_text().startswith("Pak, US")
    assert page.locator(".copy ins").count() >= 1 and page.locator(".copy del").count() >= 1
    assert page.locator("table.links tr").count() == 3  # header and two links: one per copy
    _shot(page, "cluster")


def test_entity_and_corpus_pages(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/article/seed0000000000a1")
    page.click(".sidebar >> text=Rehman Malik")
    page.wait_for_url("**/entity/Rehman%20Malik")
    assert page.locator("svg.chart rect.col").count() >= 4
    _shot(page, "entity")
    page.click("nav >> text=Corpus")
    assert page.locator(".tile b").first.inner_text() == "8"
    assert page.locator("svg.chart").count() == 5
    _shot(page, "corpus")


def test_hostile_article_stays_text(page) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/article/hostile000000001?view=changes")
    assert "<script>alert('xss')</script>" in page.locator(".body").inner_text()
    assert not dialogs
    _shot(page, "hostile")


def test_api_docs_load_nothing_from_elsewhere(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Swagger UI came from a CDN, so the API link showed a blank page on an offline machine."""
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto("/")
    page.click("nav >> text=API")
    page.wait_for_url("**/docs")
    assert page.locator("section.endpoint").count() >= 6
    assert all(url.startswith(base_url) for url in requested), requested
    _shot(page, "api-docs")
