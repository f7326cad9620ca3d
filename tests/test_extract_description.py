"""The page's description, the standfirst's fallback: a template's empty summary is not one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import copydesk
from copydesk.extract.meta import _description

BODY = "".join(
    f"<p>{t}</p>"
    for t in (
        "The council of the harbour town voted on Tuesday evening to rebuild its sea wall.",
        "Work is to start in spring and should take two years, the mayor said after the vote.",
        "Residents had asked for the repairs since the winter storms flooded the old quay.",
    )
)


def _page(meta: str) -> str:
    return (
        f"<html><head><title>Sea wall to be rebuilt - Harbour News</title>{meta}</head>"
        f"<body><article><h1>Sea wall to be rebuilt</h1>{BODY}</article></body></html>"
    )


@pytest.mark.parametrize(
    "junk",
    [
        "| Lebanon News",  # "{summary} | {site}" with an empty summary
        "– Harbour News",
        "<p",  # a paragraph tag cut off by the attribute's end
        "<p></p>",
        "  ...  ",
    ],
)
def test_a_template_left_empty_is_no_description(junk: str) -> None:
    assert _description([junk]) is None
    meta = f'<meta name="description" content="{junk}">'
    assert copydesk.parse(_page(meta), format="html").standfirst is None


def test_the_next_source_is_used_when_the_first_is_junk() -> None:
    summary = "The town will rebuild its Victorian sea wall over four years."
    assert _description(["| Harbour News", None, summary]) == summary


def test_a_separator_left_at_the_end_goes() -> None:
    # "{summary} | {site}" with the site left empty (HankookIlbo)
    assert _description(["Councillors backed the plan. |"]) == "Councillors backed the plan."
    assert _description(["Councillors backed the plan |"]) == "Councillors backed the plan"


def test_markup_in_a_description_is_dropped_and_the_text_kept() -> None:
    assert _description(["<p>Councillors backed the plan.</p>"]) == "Councillors backed the plan."
    assert _description(["Councillors backed the plan. <p"]) == "Councillors backed the plan."


@pytest.mark.parametrize(
    "text",
    [
        "日本の首相が辞任を表明した",  # no spaces: one "word", still a summary
        "-3 °C tonight in the valleys",  # a dash without a space after it is not a separator
        "Councillors backed the plan - after two winters of floods",
    ],
)
def test_real_descriptions_stay(text: str) -> None:
    assert _description([text]) == text


@given(st.lists(st.one_of(st.none(), st.text(max_size=80)), max_size=4))
def test_any_values_give_text_without_markup_or_none(values: list[str | None]) -> None:
    found = _description(values)
    assert found is None or (found.strip() == found and any(c.isalpha() for c in found))
