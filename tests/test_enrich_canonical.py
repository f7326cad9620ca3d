"""Canonical forms of countries (docs/record.md): a code, short form or demonym goes to the
country, an everyday acronym or a language does not."""

from __future__ import annotations

from typing import Any

import pytest

from copydesk.record import Article

pytestmark = pytest.mark.nlp


@pytest.fixture(scope="module")
def entities(enrich_article: Any) -> Any:
    def run(headline: str, *body: str) -> list[dict[str, Any]]:
        return enrich_article(Article(headline=headline, body=list(body), language="en")).entities

    return run


def test_er_is_not_eritrea(entities: Any) -> None:
    found = entities(
        "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics.",
        "She was taken to the ER on Sunday, a source said.",
    )
    er = [e for e in found if "ER" in e["mentions"]]
    assert er and all(e["canonical"] != "Eritrea" and e["label"] != "GPE" for e in er)


def test_a_language_is_not_a_country(entities: Any) -> None:
    found = entities(
        "Campaign targets new voters",
        "Many Spanish speakers in Texas backed the plan.",
        "The letter, written in German, was read aloud in Berlin.",
    )
    assert not [e for e in found if e["canonical"] in ("Spain", "Germany")], found


def test_demonym_keeps_its_country_and_its_own_label(entities: Any) -> None:
    found = entities(
        "Pak, US step up contacts",
        "The US and Pakistan met after American allegations against the ISI.",
    )
    pairs = {(e["label"], e["canonical"]) for e in found}
    assert ("GPE", "United States") in pairs and ("NORP", "United States") in pairs


@pytest.mark.parametrize(
    ("form", "country"),
    [
        ("Britain", "United Kingdom"),
        ("UK", "United Kingdom"),
        ("Myanmar", "Myanmar"),
        ("Burma", "Myanmar"),
        ("Swaziland", "Eswatini"),
        ("North Macedonia", "North Macedonia"),
        ("Cote d'Ivoire", "Ivory Coast"),
    ],
)
def test_one_country_one_current_name(form: str, country: str) -> None:
    # found by a reviewer: "Myanmar" became "Burma", and "Britain" stayed apart from "UK"
    pytest.importorskip("pycountry")
    from copydesk.enrich.countries import country_of

    assert country_of(form) == country
