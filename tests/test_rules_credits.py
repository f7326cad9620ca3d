"""Agency credit lines: whole lines naming a wire service, in several languages."""

from __future__ import annotations

import pytest

from copydesk.rules.credits import canonical_agency, credit_of_line


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("PTI", "PTI"),
        (" Reuter", "Reuters"),  # the Reuters-21578 sign-off
        ("(With inputs from PTI)", "PTI"),
        ("With inputs from Reuters", "Reuters"),
        ("AFP/dpa", "AFP/dpa"),
        ("Reuters, AFP", "Reuters/AFP"),
        ("— Reuters", "Reuters"),
        ("(AP)", "AP"),
        ("Associated Press", "AP"),
        ("Press Trust of India", "PTI"),
        ("Mit Material von dpa", "dpa"),
        ("Con información de EFE", "EFE"),
        ("  IANS  ", "IANS"),
    ],
)
def test_credit_lines(line: str, credit: str) -> None:
    assert credit_of_line(line) == credit


@pytest.mark.parametrize(
    "line",
    [
        "Apple",
        "PTI said the minister would travel on Monday.",
        "Reuters reported the deal first.",
        "With inputs from our correspondent",
        "Shareholders approved the deal.",
        "",
        "AP " + "x" * 100,
    ],
)
def test_not_credit_lines(line: str) -> None:
    assert credit_of_line(line) is None


def test_agencies_generic_word_is_not_an_agency_name() -> None:
    # "agencies" is recognised as a credit line but is not a canonical agency.
    assert credit_of_line("(With inputs from agencies)") == "agencies"
    assert canonical_agency("agencies") is None


def test_canonical_agency() -> None:
    assert canonical_agency("The Associated Press") == "AP"
    assert canonical_agency(" reuters ") == "Reuters"
    assert canonical_agency("Apple") is None


def test_credit_line_sets_record_credit_and_leaves_body() -> None:
    import copydesk

    text = (
        "Minister resigns after row\n"
        "The minister resigned on Monday after a week of protests over the budget plan.\n"
        "He said he had lost the confidence of his party.\n"
        "(With inputs from PTI)\n"
    )
    rec = copydesk.parse(text)
    assert rec.credit == "PTI"
    assert all("PTI" not in p for p in rec.body)


def test_bracketed_source_tag_under_an_unfinished_line_is_text() -> None:
    import copydesk

    text = (
        "Taylor Swift wants her songs back\n"
        "Swift has a new record deal in place with Universal Music Group\n"
        "and will own her masters, while the Carlyle Group will be left\n"
        "to wonder what it did to deserve this, a lawyer said.\n"
        "Why Can't Taylor Swift Perform Her Own Songs? It's Complicated\n"
        "[ Bloomberg ]\n"
        "AP\n"
    )
    art = copydesk.parse(text)
    # In a wrapped run the tag joins the line it was wrapped off; the article's credit is AP.
    tagged = "Why Can't Taylor Swift Perform Her Own Songs? It's Complicated [ Bloomberg ]"
    assert art.body[-1] == tagged
    assert art.credit == "AP"


def test_bare_agency_under_an_unfinished_line_stays_a_credit() -> None:
    import copydesk

    text = (
        "Audi launches its electric car\n"
        "The company said the car would reach dealers in spring, priced below its rivals.\n"
        "2019 Audi e-tron Review: Grading on a Curve\n"
        "PTI\n"
    )
    art = copydesk.parse(text)
    assert art.credit == "PTI" and "PTI" not in art.body
