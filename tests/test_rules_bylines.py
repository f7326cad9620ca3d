"""Bylines: "By" words per language, or names followed by an agency."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.rules.bylines import author_note, byline_of_line, name_line, names_only


@pytest.mark.parametrize(
    ("line", "names", "agency"),
    [
        ("By Jane Doe", ["Jane Doe"], None),
        ("Jane Doe | Reuters", ["Jane Doe"], "Reuters"),
        ("Von Max Mustermann", ["Max Mustermann"], None),
        ("Par Jean Dupont", ["Jean Dupont"], None),
        ("Por María García", ["María García"], None),
        ("Written by Jane Doe", ["Jane Doe"], None),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], None),
        ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"], "Reuters"),
        ("By Jane Doe | Associated Press", ["Jane Doe"], "AP"),
        ("Ludwig van Beethoven, AFP", ["Ludwig van Beethoven"], "AFP"),
    ],
)
def test_bylines(line: str, names: list[str], agency: str | None) -> None:
    assert byline_of_line(line) == (names, agency)


@pytest.mark.parametrize(
    "line",
    [
        "By the time we arrived the road was closed.",
        "Jane Doe | Staff",  # names + a non-agency: could be anything
        "Jane Doe",
        "Von der Leyen said the plan was ready.",
        "Shareholders approved the deal.",
        "By " + "Jane Doe and " * 12 + "John Roe",
        "",
    ],
)
def test_not_bylines(line: str) -> None:
    assert byline_of_line(line) is None


def test_byline_in_document_goes_to_byline_not_body() -> None:
    text = (
        "Floods cut off mountain villages\n"
        "By Jane Doe\n"
        "Heavy rain cut off dozens of villages in the mountains on Sunday, officials said.\n"
        "\n"
        "Rescue teams were sent by helicopter to reach the worst hit areas.\n"
    )
    rec = copydesk.parse(text)
    assert rec.byline == ["Jane Doe"]
    assert rec.headline == "Floods cut off mountain villages"
    assert all("Jane Doe" not in p for p in rec.body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eric Song is IGN's deal curator and spends 25% of his pay on stuff he posts.", True),
        ("Korrespondent Ulrich Exner ist bei WELT für landespolitische Themen zuständig.", True),
        ("Steph Bazzle covers politics and theocracy.", True),  # "Steph" for "Stephanie"
        ("“Eric Song is wrong,” the minister said.", False),  # a quote about the author
        ("The minister told reporters on Monday that Eric Song had been wrong.", False),
        ("Song is a common surname in Korea and China.", False),  # surname alone
        ("Green also said the bill would pass next week.", False),  # "also" is not "Al"
        ("And Smith was right about the harbour.", False),  # "And" is not "Andrew"
        ("Smith said the talks would resume.", False),  # an initial is no first name
        ("Der Berliner Imam Abdul Adhim Kamouss ist Gründer der Stiftung.", True),
    ],
)
def test_author_note(text: str, expected: bool) -> None:
    authors = ["Eric Song", "Ulrich Exner", "Stephanie Bazzle", "Al Green", "Andrew Smith"]
    authors += ["S. Smith", "Abdul Adhim Kamouss"]
    assert author_note(text, authors) is expected


def test_names_only() -> None:
    authors = ["Ярослав Кузишин", "Антон Зелинский", "Карина Гасимова"]
    assert names_only("Ярослав Кузишин, Антон Зелинский, Карина Гасимова", authors)
    assert names_only("Антон Зелинский.", authors)
    assert not names_only("Антон Зелинский, Иван Петров", authors)
    assert not names_only("Антон Зелинский", [])


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Lê Phương", ["Lê Phương"]),
        ("Mathatisi Sebusi/Mohalenyane Phakela", ["Mathatisi Sebusi", "Mohalenyane Phakela"]),
        ("Ann Lee and Bo Chan", ["Ann Lee", "Bo Chan"]),
        ("The government’s stance", None),  # lower-case words: a heading
        ("Madonna", None),  # one word could be anything
        ("Minister Mohlomi Moleko said no.", None),
        ("Budget 2025 Explained", None),
    ],
)
def test_name_line(line: str, names: list[str] | None) -> None:
    assert name_line(line) == names
