"""Datelines: the place (and date, agency) opening a wire story's first paragraph."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.rules.datelines import find_dateline, known_place


@pytest.mark.parametrize(
    ("para", "place", "date", "agency"),
    [
        ("Islamabad: Pakistan and the US today stepped up contacts.", "Islamabad", None, None),
        ("NEW DELHI: The government on Monday announced a plan.", "New Delhi", None, None),
        ("LONDON (Reuters) - British inflation rose in May.", "London", None, "Reuters"),
        ("Washington, Sept 30 (AP) -- The Senate voted late.", "Washington", "Sept 30", "AP"),
        ("BUFFALO, N.Y. — A gunman opened fire on Saturday.", "Buffalo", None, None),
        ("Berlin (dpa) - Die Regierung hat am Montag beschlossen.", "Berlin", None, "dpa"),
        ("Frankfurt am Main: Die Börse schloss fester.", "Frankfurt am Main", None, None),
        ("PARIS — Le gouvernement a annoncé lundi un plan.", "Paris", None, None),
        ("Islamabad, Pakistan: Talks resumed on Tuesday.", "Islamabad", None, None),
    ],
)
def test_datelines(para: str, place: str, date: str | None, agency: str | None) -> None:
    dl = find_dateline(para)
    assert dl is not None
    assert (dl.place, dl.date, dl.agency) == (place, date, agency)
    assert para.startswith(dl.raw)


@pytest.mark.parametrize(
    "para",
    [
        "Update: the story has been changed to add a quote.",
        "UPDATE: the story has been changed to add a quote.",
        "BREAKING: the minister has resigned.",
        "Note: this article was first published in 2019.",
        "Qwertyville: a place that does not exist opens this line.",
        "The minister: no comment was given to reporters.",
        "Pakistan and the US today stepped up contacts.",
        "",
    ],
)
def test_not_datelines(para: str) -> None:
    assert find_dateline(para) is None


def test_gazetteer() -> None:
    assert known_place("Islamabad")
    assert known_place("buffalo")
    assert not known_place("Update")


def test_dateline_with_agency_sets_place_date_and_credit() -> None:
    text = (
        "Senate passes stopgap bill\n\n"
        "Washington, Sept 30 (AP) -- The Senate voted late on Friday to keep the government "
        "open for another six weeks, averting a shutdown.\n\n"
        "The House is expected to vote on the measure next week.\n"
    )
    rec = copydesk.parse(text)
    assert rec.dateline == {"place": "Washington", "date": "Sept 30"}
    assert rec.credit == "AP"
    assert rec.body[0].startswith("The Senate voted late on Friday")


def test_label_paragraph_keeps_its_text() -> None:
    text = (
        "Senate passes stopgap bill\n\n"
        "Update: the story has been changed to add a quote from the majority leader.\n\n"
        "The House is expected to vote on the measure next week.\n"
    )
    rec = copydesk.parse(text)
    assert rec.dateline is None
    assert rec.body[0].startswith("Update: the story")


@pytest.mark.parametrize(
    "line",
    [
        # a qualifier must be an abbreviation or a known place, not any capitalised words
        "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play and Pay",
        "Acme Widgets, TechCrunch: Merger talks collapse over price",
    ],
)
def test_names_in_front_of_a_colon_are_no_dateline(line: str) -> None:
    assert find_dateline(line) is None


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("ALBANY, N.Y. — The governor said", "Albany"),
        ("Springfield, Ill. — Lincoln's home", "Springfield"),
        ("DUBAI, United Arab Emirates — The ship", "Dubai"),
        # regional qualifiers the gazetteer lacks (found by a reviewer)
        ("Pahalgam, Jammu and Kashmir: Tourists were", "Pahalgam"),
        ("Lytton, British Columbia — The village", "Lytton"),
        ("Wagga Wagga, NSW — Floodwaters", "Wagga Wagga"),
        ("LAHAINA, Maui — The fire", "Lahaina"),
    ],
)
def test_qualifiers_that_are_places_still_count(line: str, place: str) -> None:
    found = find_dateline(line)
    assert found is not None and found.place == place
