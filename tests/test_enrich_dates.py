"""Dates: durations and adjectives are no dates, a clause that looks ahead resolves forward, and
a month or a year is resolved as a month or a year (docs/record.md, `dates`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from copydesk.enrich.dates import Wording, date_phrase, resolve_date
from copydesk.record import Article

#: Thursday.
BASE = datetime(2024, 3, 14)
COUNCIL = (
    "The council backed a four-year plan on Tuesday. Part of the quay will close for about six "
    "months, and the council will look at a pause in July and August. Prices rose 3 percent "
    "last month, and a 10-day festival opens in two weeks. The final vote will take place on "
    "Friday."
)


@pytest.mark.parametrize(
    "text", ["four-year", "10-day", "8-year-old", "decades-long", "as many days", "60"]
)
def test_adjectives_ages_and_counts_are_no_dates(text: str) -> None:
    assert date_phrase(text, Wording()) is None
    assert date_phrase(text, Wording(lead="in")) is None


def test_durations_are_no_dates_unless_in_makes_them_a_time_ahead() -> None:
    assert date_phrase("about six months", Wording(lead="for")) is None
    assert date_phrase("the past three years", Wording(lead="over")) is None
    assert date_phrase("two years", Wording(lead="in", past=True)) is None  # "built in two years"
    ahead = date_phrase("two weeks", Wording(lead="in"))  # "opens in two weeks"
    assert ahead is not None and resolve_date(ahead, BASE, False) == "2024-W13"


def test_months_and_years_keep_their_granularity() -> None:
    assert resolve_date("July", BASE) == "2023-07"
    assert resolve_date("July", BASE, future=True) == "2024-07"
    assert resolve_date("March", BASE, future=True) == "2024-03"  # this March, not next year's
    assert resolve_date("last month", BASE) == "2024-02"
    assert resolve_date("late September", BASE) == "2023-09"
    assert resolve_date("last year", BASE) == "2023"
    assert resolve_date("2019", BASE) == "2019" and resolve_date("2019", None) == "2019"
    assert resolve_date("September 2016", None) == "2016-09"
    assert resolve_date("the 1990s", BASE) is None  # a decade: no ISO form
    assert resolve_date("two years later", BASE) is None  # counted from an event of the story


def test_weekdays_look_back_unless_told_otherwise() -> None:
    assert resolve_date("Tuesday", BASE) == "2024-03-12"
    assert resolve_date("Friday", BASE) == "2024-03-08"
    assert resolve_date("Friday", BASE, future=True) == "2024-03-15"
    assert resolve_date("Thursday", BASE) == "2024-03-14"  # the paper's own day
    assert resolve_date("Thursday", BASE, future=True) == "2024-03-14"


@pytest.mark.nlp
def test_the_testers_paragraph(enrich_article: Any) -> None:
    article = Article(headline="Council backs sea wall plan", body=[COUNCIL], language="en")
    dates = [(d["text"], d["resolved"]) for d in enrich_article(article, "2024-03-14").dates]
    assert dates == [
        ("Tuesday", "2024-03-12"),
        ("July", "2024-07"),
        ("August", "2024-08"),
        ("last month", "2024-02"),
        ("two weeks", "2024-W13"),
        ("Friday", "2024-03-15"),
    ]


@pytest.mark.nlp
def test_the_articles_own_date_wins_over_the_option(enrich_article: Any) -> None:
    body = ["The council voted on Tuesday to rebuild the sea wall."]
    dated = Article(body=body, language="en", published="2024-03-14")
    assert [d["resolved"] for d in enrich_article(dated, "2011-09-30").dates] == ["2024-03-12"]
    undated = Article(body=body, language="en")
    assert [d["resolved"] for d in enrich_article(undated, "2011-09-30").dates] == ["2011-09-27"]


@pytest.mark.nlp
def test_since_looks_back_and_is_to_hopes_and_aims_look_ahead(enrich_article: Any) -> None:
    # found by a reviewer: "since January" with "will" went a year on, the rest back
    body = [
        "The ban, in force since January, will be lifted. The minister is to visit Kenya on "
        "Tuesday. Officials hope to reopen the bridge in August. The company aims to list its "
        "shares in February."
    ]
    article = Article(headline="Ban to end", body=body, language="en")
    dates = [(d["text"], d["resolved"]) for d in enrich_article(article, "2024-03-13").dates]
    assert dates == [
        ("January", "2024-01"),
        ("Tuesday", "2024-03-19"),
        ("August", "2024-08"),
        ("February", "2025-02"),
    ]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the end of the year", "2024"),
        ("end of the month", "2024-03"),
        ("the end of the week", "2024-W11"),
        ("the rest of the year", "2024"),
        ("Spring 2025", "2025"),
        ("next spring", "2025"),
        ("last winter", "2023"),
        ("the end of next year", "2025"),
    ],
)
def test_periods_resolve_at_their_own_granularity(phrase: str, expected: str) -> None:
    # found by a reviewer: these stayed null
    assert resolve_date(phrase, datetime(2024, 3, 13)) == expected


def test_the_week_of_a_date_is_its_week() -> None:
    assert resolve_date("the week of 22 April", datetime(2024, 3, 13), True) == "2024-W17"
    assert resolve_date("winter", datetime(2024, 3, 13)) is None  # no year to place it in


def test_nearest_takes_the_closer_of_the_last_and_the_next() -> None:
    wed = datetime(2024, 3, 13)
    assert resolve_date("July", wed, nearest=True) == "2024-07"  # four months on, not eight back
    assert resolve_date("July", datetime(2024, 8, 17), nearest=True) == "2024-07"  # a month back
    assert resolve_date("Friday", wed, nearest=True) == "2024-03-15"
    assert resolve_date("Monday", wed, nearest=True) == "2024-03-11"
    assert resolve_date("July", None, nearest=True) is None
    assert resolve_date("2019", wed, nearest=True) == "2019"


@pytest.mark.nlp
@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # found by a reviewer: the past "agreed" sent July a year back
        ("The council agreed to look at a pause in July.", "2024-03-14", "2024-07"),
        ("The council agreed to look at a pause in July.", "2024-08-17", "2024-07"),
        ("The board voted to approve the budget on Monday.", "2024-03-13", "2024-03-11"),
        ("The two sides agreed to meet again on Friday.", "2024-03-13", "2024-03-15"),
        # a noun after "to": the agreement itself is what is dated, in the past
        ("The rebels agreed to a ceasefire in July.", "2024-03-14", "2023-07"),
    ],
)
def test_a_past_intent_dates_its_act_nearest_the_paper(
    enrich_article: Any, sentence: str, published: str, expected: str
) -> None:
    article = Article(headline="Council", body=[sentence], language="en")
    assert [d["resolved"] for d in enrich_article(article, published).dates] == [expected]


@pytest.mark.nlp
def test_a_past_verb_after_the_intent_looks_back(enrich_article: Any) -> None:
    # found by a reviewer: the intent reached past the verb the date belongs to, and a crash of
    # last Sunday went to the next one
    body = [
        "Police asked to speak to anyone who saw the crash on Sunday. Officials wanted to know "
        "what happened in October. The council agreed to look at a pause in July."
    ]
    article = Article(headline="Crash", body=body, language="en")
    dates = [(d["text"], d["resolved"]) for d in enrich_article(article, "2026-06-11").dates]
    assert dates == [("Sunday", "2026-06-07"), ("October", "2025-10"), ("July", "2026-07")]
