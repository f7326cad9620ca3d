"""Head choice: the headline, and a standfirst only on strong evidence."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.structure.blocks import PageMeta
from copydesk.structure.head import choose_head, looks_like_headline

BODY = (
    "Heavy rain cut off dozens of villages in the mountains on Sunday, officials said, and "
    "rescue teams were sent by helicopter to reach the worst hit areas."
)
BODY2 = "More rain is expected on Monday, the weather service said in a statement."


def test_headline_is_the_short_first_line() -> None:
    head = choose_head(["Floods cut off mountain villages", BODY, BODY2], None, "text")
    assert (head.headline, head.headline_index) == ("Floods cut off mountain villages", 0)
    assert head.standfirst is None


def test_no_headline_when_first_line_is_a_paragraph() -> None:
    head = choose_head([BODY, BODY2], None, "text")
    assert head.headline is None and head.standfirst is None


def test_no_headline_when_first_line_continues_into_the_next() -> None:
    head = choose_head(["Heavy rain cut off dozens of", "villages on Sunday.", BODY2], None, "text")
    assert head.headline is None


def test_headline_needs_something_after_it() -> None:
    assert not looks_like_headline("Floods cut off mountain villages", None)
    assert choose_head(["Floods cut off mountain villages"], None, "text").headline is None


def test_dateline_paragraph_is_not_a_headline() -> None:
    assert not looks_like_headline("NEW DELHI: Rain hits the city.", BODY)


def test_standfirst_when_dateline_follows() -> None:
    dek = "Rescue teams reached the worst hit areas by helicopter on Sunday."
    lines = ["Floods cut off villages", dek, "ISLAMABAD: " + BODY, BODY2]
    head = choose_head(lines, None, "text")
    assert (head.standfirst, head.standfirst_index) == (dek, 1)


def test_standfirst_as_summary_fragment() -> None:
    dek = "Dozens of villages cut off as rescue teams struggle to reach them"
    head = choose_head(["Floods cut off villages", dek, BODY, BODY2], None, "text")
    assert head.standfirst == dek


def test_no_standfirst_for_a_lead_sentence() -> None:
    # A full sentence under the headline is the lead paragraph, not a dek, unless a dateline
    # proves otherwise: taking it wrongly would lose the lead.
    lead = "Heavy rain cut off dozens of villages on Sunday, officials said."
    head = choose_head(["Floods cut off villages", lead, BODY2], None, "text")
    assert head.headline == "Floods cut off villages"
    assert head.standfirst is None


def test_no_standfirst_for_short_kicker_or_shouting() -> None:
    for line in ["Live updates", "FLOODS: VILLAGES CUT OFF AS RESCUE TEAMS STRUGGLE ON"]:
        head = choose_head(["Floods cut off villages", line, BODY, BODY2], None, "text")
        assert head.standfirst is None, line


def test_html_meta_decides_head() -> None:
    meta = PageMeta(title="Floods cut off villages", description="Rescue teams struggle")
    head = choose_head(["Floods cut off villages", "Rescue teams struggle", BODY], meta, "html")
    assert (head.headline_index, head.standfirst_index) == (0, 1)


def test_document_without_headline_keeps_every_paragraph() -> None:
    rec = copydesk.parse(BODY + "\n\n" + BODY2 + "\n")
    assert rec.headline is None
    assert rec.body == [BODY, BODY2]
    assert rec.ok


@pytest.mark.parametrize(
    "headline",
    ["Kabul: Taliban seize key district", "Campbell: E-mail row 'silly fuss'"],
)
def test_a_place_or_name_before_a_colon_in_a_headline(headline: str) -> None:
    # found by a tester: the headline was taken for a dateline and opened the body
    rec = copydesk.parse(
        f"{headline}\n\nFighters seized a key district on Monday, officials said.\n"
    )
    assert rec.headline == headline and rec.dateline is None
    assert rec.body == ["Fighters seized a key district on Monday, officials said."]


def test_a_dateline_that_ends_a_sentence_is_still_the_lead() -> None:
    rec = copydesk.parse(
        "Kabul: Taliban fighters seized a key district on Monday.\n\nMore later.\n"
    )
    assert rec.headline is None or not rec.headline.startswith("Kabul")


DEK = "Councillors backed a rebuild of the sea wall after two winters of floods."
TITLE = "Floods cut off mountain villages"


def test_a_line_in_the_headlines_block_is_the_standfirst() -> None:
    # text whose paragraphs are set apart by blank lines: "Headline\nDek.\n\nBody\n\nBody"
    head = choose_head([TITLE, DEK, BODY, BODY2], None, "text-blocks", [False, True, True, True])
    assert (head.standfirst, head.standfirst_index) == (DEK, 1)
    art = copydesk.parse(f"{TITLE}\n{DEK}\n\n{BODY}\n\n{BODY2}\n")
    assert art.standfirst == DEK and art.body == [BODY, BODY2]


@pytest.mark.parametrize(
    ("lines", "ends"),
    [
        # a blank line after the headline: the next paragraph is the lead
        ([TITLE, DEK, BODY], [True, True, True]),
        # a paragraph hard-wrapped under the headline runs on: not one line of its own
        ([TITLE, "Councillors backed a rebuild of the sea", "wall after two floods.", BODY],
         [False, False, True, True]),
        # a short label or a shout in the headline's block
        ([TITLE, "Live updates", BODY], [False, True, True]),
        ([TITLE, "BREAKING NEWS FROM THE COAST TONIGHT", BODY], [False, True, True]),
    ],
)  # fmt: skip
def test_no_standfirst_outside_that_shape(lines: list[str], ends: list[bool]) -> None:
    assert choose_head(lines, None, "text-blocks", ends).standfirst is None
