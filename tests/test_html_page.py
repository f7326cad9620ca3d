"""HTML pages end to end: structure, metadata and HTML-only cleanup, through the public API."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import copydesk
from copydesk.document import Document
from copydesk.extract.page import parse_html
from copydesk.options import ParseOptions
from copydesk.record import Source

FIXTURES = Path(__file__).parent / "fixtures" / "html"
ARTICLE = FIXTURES / "article.html"


@pytest.fixture(scope="module")
def article() -> copydesk.Article:
    return next(copydesk.parse_files(str(ARTICLE)))


def test_fields_from_markup_and_metadata(article: copydesk.Article) -> None:
    assert article.errors == []
    assert article.headline == "Harbour town votes to rebuild its old sea wall"
    assert article.standfirst.startswith("Councillors backed a four-year plan")
    assert article.byline == ["Mara Lindqvist"]
    assert article.published == "2024-03-14"
    assert article.url == "https://courier.example.org/news/2024/03/14/sea-wall-vote"
    assert article.site == "The Coastal Courier"
    assert article.language == "en"
    assert article.source.format == "html"


def test_body_keeps_structure_and_drops_leftovers(article: copydesk.Article) -> None:
    body = article.body
    assert body[0].startswith("The council of the small harbour town")
    assert "A four-year plan" in body  # a sub-heading stays, as its own block
    assert any(b.startswith('"We cannot keep patching') for b in body)  # block quote
    assert "Phase two: the fish market frontage." in body  # list items are blocks
    assert not any(b.startswith(("Tags", "Comments are moderated")) for b in body)
    assert article.headline not in body and article.standfirst not in body
    assert not any("All rights reserved" in b for b in body)


def test_every_removal_has_a_reason(article: copydesk.Article) -> None:
    reasons = {r.reason: r.text for r in article.removed}
    assert reasons["tags"].startswith("Tags:")
    assert reasons["comment policy"].startswith("Comments are moderated")
    assert reasons["headline"] == article.headline
    assert article.tags == ["Flooding", "Council", "Harbour"]


def test_gzipped_page_and_bytes_give_the_same_body(
    tmp_path: Path, article: copydesk.Article
) -> None:
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(ARTICLE.read_bytes()))
    from_gz = next(copydesk.parse_files(str(gz)))
    from_bytes = copydesk.parse(ARTICLE.read_bytes())
    assert from_gz.body == article.body == from_bytes.body


def test_jsonl_html_field(tmp_path: Path, article: copydesk.Article) -> None:
    path = tmp_path / "pages.jsonl"
    row = {"id": "p1", "url": "https://x.example/a", "html": ARTICLE.read_text(encoding="utf-8")}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    record = next(copydesk.parse_files(str(path)))
    assert record.id == "p1"
    assert record.body == article.body


def test_parse_html_direct_call_records_extractor() -> None:
    doc = Document(ARTICLE.read_bytes(), Source(path="a.html", format="html"), "html")
    parsed = parse_html(doc, ParseOptions())
    assert parsed.article.meta["extractor"] in ("trafilatura", "readability", "justext")
    assert "sea wall" in parsed.text
