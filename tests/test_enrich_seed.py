"""The seed, enriched: every entity, alias and quote the expected record lists (needs the model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from copydesk.options import EnrichOptions
from copydesk.record import Article

SEED_EXPECTED = Path(__file__).resolve().parent / "fixtures" / "seed-article.expected.json"

pytestmark = pytest.mark.nlp


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def enriched(expected: dict[str, Any]) -> Article:
    pytest.importorskip("spacy")
    from copydesk.enrich import enrich_records, load_model
    from copydesk.errors import MissingExtraError

    try:
        load_model("auto")
    except MissingExtraError:
        pytest.skip("no spaCy English model installed")
    fields = ("headline", "standfirst", "body", "dateline")
    article = Article(language="en", **{k: expected[k] for k in fields})
    return next(enrich_records([article], EnrichOptions(published="2011-09-30")))


def _text_at(article: Article, span: dict[str, Any]) -> str:
    if "para" in span:
        return article.body[span["para"]][span["start"] : span["end"]]
    value = getattr(article, span["field"])
    value = value["place"] if isinstance(value, dict) else value
    return value[span["start"] : span["end"]]


def test_every_expected_entity(enriched: Article, expected: dict[str, Any]) -> None:
    have = {(e["label"], e["canonical"]) for e in enriched.entities}
    for label, names in expected["entities_include"].items():
        for name in names:
            assert (label, name) in have, (label, name)


def test_every_expected_alias(enriched: Article, expected: dict[str, Any]) -> None:
    alias_of = {m: e["canonical"] for e in enriched.entities for m in e["mentions"]}
    for alias, canonical in expected["aliases_include"].items():
        assert alias_of.get(alias) == canonical, alias


def test_spans_point_at_the_mentions(enriched: Article) -> None:
    for entity in enriched.entities:
        for span in entity["spans"]:
            assert _text_at(enriched, span) in entity["mentions"]
    for quote in enriched.quotes:
        assert _text_at(enriched, quote["span"]) in quote["text"]


def test_titles_are_split_off(enriched: Article) -> None:
    mullen = next(e for e in enriched.entities if e["canonical"] == "Mike Mullen")
    assert mullen["title"] == "Adm" and mullen["label"] == "PERSON"


def test_expected_quotes_with_speakers(enriched: Article, expected: dict[str, Any]) -> None:
    direct = {(q["text"], q["speaker"]) for q in enriched.quotes if q["kind"] == "direct"}
    for quote in expected["quotes_include"]:
        assert (quote["text"], quote["speaker"]) in direct
    said = next(q for q in enriched.quotes if q["text"] == expected["quotes_include"][0]["text"])
    assert said["cue"] == "said" and said["speaker_text"] == "she"


def test_indirect_speech(enriched: Article) -> None:
    indirect = {q["speaker"]: q for q in enriched.quotes if q["kind"] == "indirect"}
    assert indirect["Rehman Malik"]["text"].startswith("Pakistan expects the US")
    assert indirect["Tehmina Janjua"]["text"].startswith("the talks between")


def test_dates_resolved_against_publication(enriched: Article) -> None:
    resolved = {(d["text"], d["resolved"]) for d in enriched.dates}
    assert ("today", "2011-09-30") in resolved
    assert ("yesterday", "2011-09-29") in resolved
    assert ("September 18", "2011-09-18") in resolved


def test_model_errors_fixed(enriched: Article) -> None:
    names = {e["canonical"] for e in enriched.entities}
    assert "Interior" not in names and "State" not in names
    assert not any(e["canonical"].startswith("the ") for e in enriched.entities)
