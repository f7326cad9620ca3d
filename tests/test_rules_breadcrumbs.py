"""Breadcrumb lines in the three styles, and the section they give."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.rules.breadcrumbs import crumbs_of_line, section_of


@pytest.mark.parametrize(
    ("line", "crumbs"),
    [
        ("- News>", ["News"]),
        ("- Asia", ["Asia"]),
        ("• World ›", ["World"]),
        ("Home > World > Asia", ["Home", "World", "Asia"]),
        ("World › Europe", ["World", "Europe"]),
        ("News | Asia", ["News", "Asia"]),
        ("Startseite > Politik > Ausland", ["Startseite", "Politik", "Ausland"]),
        ("Accueil > Monde", ["Accueil", "Monde"]),
        ("Sports>", ["Sports"]),
        ("Home > News >", ["Home", "News"]),
        ("Sport / Football", ["Sport", "Football"]),
        ("Life and style | Fashion", ["Life and style", "Fashion"]),
        # a root crumb first: any spacing, any wording (found by a reviewer)
        ("Home/News/World", ["Home", "News", "World"]),
        ("Home>Sports>Cricket", ["Home", "Sports", "Cricket"]),
        ("Home > Money > Real estate news", ["Home", "Money", "Real estate news"]),
        (
            "Inicio > Economía > Finanzas personales y ahorro",
            ["Inicio", "Economía", "Finanzas personales y ahorro"],
        ),
    ],
)
def test_crumb_lines(line: str, crumbs: list[str]) -> None:
    assert crumbs_of_line(line) == crumbs


@pytest.mark.parametrize(
    "line",
    [
        "Home",
        "- the end of the story",
        "The minister said > 5",
        "Pakistan and the US stepped up contacts to defuse tensions.",
        "News | Asia | what happened to the long sentence that goes on and on",
        "Profits rose 5% / year.",
        "",
        # headlines (found by a tester: 7,772 Reuters-21578 headlines became sections)
        "ACME <ACM> BUYS WIDGETCO",
        "Smith/Jones lead England squad",
        "AC/DC announce world tour",
        "Sensex > 60,000 for the first time",
        "O'Driscoll/Gregan lead Aid stars",
        "Home/away split decides title",
    ],
)
def test_not_crumb_lines(line: str) -> None:
    assert crumbs_of_line(line) is None


def test_section_drops_roots_and_repeats() -> None:
    assert section_of(["Home", "World", "Asia", "World"]) == ["World", "Asia"]
    assert section_of(["Startseite", "Politik"]) == ["Politik"]
    assert section_of(["Inicio", "Deportes"]) == ["Deportes"]
    assert section_of([]) == []


@pytest.mark.parametrize(
    ("crumb_lines", "section"),
    [
        (["- News>", "- Asia"], ["News", "Asia"]),
        (["Home > World > Asia"], ["World", "Asia"]),
        (["News | Asia"], ["News", "Asia"]),
    ],
)
def test_breadcrumbs_in_a_document(crumb_lines: list[str], section: list[str]) -> None:
    text = "\n".join(
        [
            *crumb_lines,
            "Floods cut off mountain villages",
            "Heavy rain cut off dozens of villages in the mountains on Sunday, officials said.",
            "Rescue teams were sent by helicopter to reach the worst hit areas.",
        ]
    )
    rec = copydesk.parse(text)
    assert rec.section == section
    assert rec.headline == "Floods cut off mountain villages"
    assert [r.reason for r in rec.removed] == ["breadcrumb"] * len(crumb_lines)


def test_byline_with_pipe_below_headline_is_not_a_breadcrumb() -> None:
    text = (
        "Floods cut off mountain villages\n"
        "Jane Doe | Reuters\n"
        "Heavy rain cut off dozens of villages in the mountains on Sunday, officials said.\n"
        "Rescue teams were sent by helicopter to reach the worst hit areas.\n"
    )
    rec = copydesk.parse(text)
    assert rec.section == []
    assert rec.byline == ["Jane Doe"]
    assert rec.credit == "Reuters"


def test_a_wire_headline_with_a_ticker_stays_the_headline() -> None:
    text = (
        "ACME <ACM> BUYS WIDGETCO\n\nAcme Corp said on Monday it had agreed to buy\n"
        "Widgetco for 40 mln dlrs in cash.\nThe deal closes in Q2, the company said.\n"
    )
    rec = copydesk.parse(text)
    assert rec.headline == "ACME <ACM> BUYS WIDGETCO"
    assert rec.section == [] and rec.body[0].startswith("Acme Corp said on Monday")
