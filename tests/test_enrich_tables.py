"""Countries, chunks and dates: the parts of enrichment that need no model."""

from __future__ import annotations

from datetime import datetime

from copydesk.enrich.countries import country_of, place_names
from copydesk.enrich.dates import resolve_date
from copydesk.enrich.segments import CHUNK_CHARS, article_pieces, chunk_pieces
from copydesk.record import Article


def test_country_forms_codes_demonyms_short_forms() -> None:
    assert country_of("US") == "United States"
    assert country_of("U.S.") == "United States"
    assert country_of("UK") == "United Kingdom"
    assert country_of("American") == "United States"
    assert country_of("Pakistani") == "Pakistan"
    assert country_of("Russia") == "Russia"
    assert country_of("us") is None  # a pronoun, not a code
    assert country_of("Pak") is None  # a short form needs the full name in the article
    assert country_of("Pak", frozenset({"Pakistan"})) == "Pakistan"


def test_codes_name_a_country_only_where_news_uses_them_so() -> None:
    assert country_of("ER") is None  # the emergency room, not Eritrea
    assert country_of("ER", frozenset({"Eritrea"})) == "Eritrea"  # the article names it
    assert country_of("IT") is None and country_of("VA") is None and country_of("N.C.") is None
    assert country_of("USA") == "United States" and country_of("U.A.E.") == "United Arab Emirates"
    assert country_of("DPRK") == "North Korea"


def test_places_for_datelines() -> None:
    assert place_names()["islamabad"] == "Islamabad"


def test_huge_paragraph_is_cut_into_chunks_that_map_back() -> None:
    para = "Word " * 120_000 + "end."
    article = Article(body=["Short first.", para])
    chunks = chunk_pieces(article_pieces(article))
    assert len(chunks) > 1 and all(len(c.text) <= CHUNK_CHARS for c in chunks)
    last = chunks[-1]
    _piece, span = last.locate(len(last.text) - 4, len(last.text))
    assert span["para"] == 1
    assert para[span["start"] : span["end"]] == "end."


def test_relative_dates_against_publication() -> None:
    base = datetime(2011, 9, 30)
    assert resolve_date("today", base) == "2011-09-30"
    assert resolve_date("yesterday", base) == "2011-09-29"
    assert resolve_date("on Tuesday", base) == "2011-09-27"
    assert resolve_date("September 18", base) == "2011-09-18"
    assert resolve_date("last week", base) == "2011-W38"  # a week, not a day within it
    assert resolve_date("as many days", base) is None
    assert resolve_date("today", None) is None  # never against the clock of the machine
    assert resolve_date("September 18, 2011", None) == "2011-09-18"
