"""Subheadings trafilatura dropped go back before their paragraph; teaser headings do not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copydesk.extract.subheads import restore_subheads
from copydesk.extract.xmlblocks import RawBlock

P1 = "The Gauteng Provincial Government has issued urgent warnings to residents this week."
P2 = "MEC Jacob Mamabolo said the provincial disaster management centre had met on Friday."
P3 = "He urged residents to avoid flooded areas and to report hazardous situations at once."
PAGE = (
    f"<article><p>{P1}</p>\n<h2 class='wp-block-heading'>Disaster teams on high alert</h2>\n"
    f"<p>{P2}</p>"
    "<div class='related'><div class='card'><a href='/x'><h3>Water crisis deepens</h3></a>"
    f"</div></div><p>{P3}</p></article>"
)
BLOCKS = [RawBlock(P1, "p"), RawBlock(P2, "p"), RawBlock(P3, "p")]


def test_lost_subheading_goes_back_before_its_paragraph() -> None:
    blocks, restored = restore_subheads(PAGE, BLOCKS)
    assert restored == 1
    assert [(b.text, b.hint) for b in blocks] == [
        (P1, "p"),
        ("Disaster teams on high alert", "head"),
        (P2, "p"),
        (P3, "p"),  # the teaser card's heading closes its card before the paragraph: not put back
    ]
    assert blocks[1].level == 2


def test_body_with_headings_is_left_alone() -> None:
    blocks = [RawBlock("Already here", "head", 2), *BLOCKS]
    assert restore_subheads(PAGE, blocks) == (blocks, 0)


def test_no_heading_above_the_first_block() -> None:
    page = f"<h2>Kicker above the story</h2><p>{P1}</p><p>{P2}</p>"
    assert restore_subheads(page, BLOCKS[:2]) == (BLOCKS[:2], 0)


def test_unclosed_headings_do_not_stall() -> None:
    page = "<h2>" * 10_000 + f"<p>{P1}</p>"
    assert restore_subheads(page, BLOCKS) == (BLOCKS, 0)


@given(st.text(max_size=500))
def test_never_raises_and_keeps_every_block(page: str) -> None:
    blocks, restored = restore_subheads(page, BLOCKS)
    assert [b for b in blocks if b.hint != "head"] == BLOCKS
    assert len(blocks) == len(BLOCKS) + restored


def test_a_short_block_before_the_paragraph_does_not_block_the_heading() -> None:
    page = f"<p>See the map.</p><h2>Background</h2><p>{P2}</p>"
    blocks = [RawBlock("See the map.", "p"), RawBlock(P2, "p")]
    restored, count = restore_subheads(page, blocks)
    assert count == 1 and restored[1].text == "Background"
