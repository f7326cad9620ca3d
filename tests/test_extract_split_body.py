"""A body the page splits into parallel containers is read to its end; other boxes are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copydesk.extract.split_body import rejoin_split_body
from copydesk.extract.xmlblocks import RawBlock

PARAS = [
    f"Paragraph {n} of the long report on the harbour wall, which the council rebuilt this year."
    for n in range(1, 8)
]


def _page(middle: str, first: int = 3) -> str:
    part = "".join(f"<p>{p}</p>" for p in PARAS[:first])
    rest = "".join(f"<p>{p}</p>" for p in PARAS[first:])
    return (
        "<html><head><title>Wall</title></head><body><article><div class='article-wrap'>"
        f"<div class='body__inner'>{part}</div>{middle}"
        f"<div class='body__inner'>{rest}<ul><li><a href='/a'>More</a> from us</li></ul></div>"
        "</div></article><aside><div class='body__inner'><p>Sidebar teaser text that is long "
        "enough to look like a paragraph of prose.</p></div></aside></body></html>"
    )


BLOCKS = [RawBlock(p, "p") for p in PARAS[:3]]


def test_later_containers_of_the_body_are_added_in_order() -> None:
    blocks, added = rejoin_split_body(_page("<div class='ad-slot'>Advertisement</div>"), BLOCKS)
    assert [b.text for b in blocks] == [*PARAS, "More from us"]
    assert added == 5
    assert blocks[-1].hint == "list" and blocks[-1].link_share > 0  # for the teaser rules


def test_a_same_class_box_elsewhere_is_not_the_body() -> None:
    blocks, _ = rejoin_split_body(_page(""), BLOCKS)
    assert not any("Sidebar" in b.text for b in blocks)  # deeper, under the aside


def test_whole_body_is_left_alone() -> None:
    page = _page("", first=7)
    blocks = [RawBlock(p, "p") for p in PARAS]
    assert rejoin_split_body(page, blocks)[0][: len(PARAS)] == blocks
    assert not any(b.text in PARAS for b in rejoin_split_body(page, blocks)[0][len(PARAS) :])


def test_page_without_a_repeated_container_is_not_parsed() -> None:
    page = "<html><body><div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAS[:3])
    page += "</div><div class='footer'><p>Other text</p></div></body></html>"
    assert rejoin_split_body(page, BLOCKS) == (BLOCKS, 0)


def test_body_found_only_in_the_head_metadata_is_not_matched() -> None:
    meta = "".join(f"<meta content='{p}'>" for p in PARAS[:3])
    page = f"<html><head>{meta}</head><body><div class='x'><p>Other</p></div></body></html>"
    assert rejoin_split_body(page, BLOCKS) == (BLOCKS, 0)


@given(st.text(max_size=400))
def test_never_raises_and_keeps_the_body_first(noise: str) -> None:
    blocks, added = rejoin_split_body(_page(noise), BLOCKS)
    assert blocks[: len(BLOCKS)] == BLOCKS
    assert len(blocks) == len(BLOCKS) + added


def test_paragraphs_the_body_skipped_go_back_in_page_order() -> None:
    page = _page("<div class='ad'>Ad</div>").replace(
        f"<p>{PARAS[5]}</p>",
        f"</div><div class='ad'>Ad</div><div class='body__inner'><p>{PARAS[5]}</p>",
    )
    blocks = [*BLOCKS, RawBlock(PARAS[4], "p"), RawBlock("Written by the desk.", "p")]
    rejoined, added = rejoin_split_body(page, blocks)
    assert (
        [b.text for b in rejoined]
        == [
            *PARAS[:4],  # the paragraph before the one the body has, right before it
            PARAS[4],
            *PARAS[5:],
            "More from us",
            "Written by the desk.",  # what followed the body's parts stays last
        ]
    )
    assert added == 4


def test_an_empty_repeat_of_the_container_is_not_parsed() -> None:
    page = _page("").replace(
        "<div class='body__inner'><p>" + PARAS[3],
        "<div class='body__inner'></div><div class='x'><p>" + PARAS[3],
    )
    assert rejoin_split_body(page, BLOCKS) == (BLOCKS, 0)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "middle",
    [
        # thousands of later parts, each read once
        "".join(f"<div class='body__inner'><p>{PARAS[0]} {n}</p></div>" for n in range(20_000)),
        # the class attribute's text again and again inside a script's data
        "<script>" + "'body__inner', " * 200_000 + "</script>",
        # paragraphs that never close, and empty ones, after a repeated container
        "<div class='body__inner'>" + "<p>" * 50_000 + "<p></p>" * 20_000 + "</div>",
    ],
)
def test_hostile_repeats_do_not_stall(middle: str) -> None:
    blocks, added = rejoin_split_body(_page(middle), BLOCKS)
    assert blocks[: len(BLOCKS)] == BLOCKS
    assert len(blocks) == len(BLOCKS) + added


def test_the_next_story_of_an_endless_page_is_not_the_body() -> None:
    next_story = (
        "<div class='body__inner'><h1>Another story</h1>"
        "<p>Something else entirely happened in another town, and this story is about it.</p></div>"
    )
    page = _page("<div class='ad'>Ad</div>").replace(
        "</div></article>", next_story + "</div></article>"
    )
    blocks, _ = rejoin_split_body(page, BLOCKS)
    assert [b.text for b in blocks][:7] == PARAS
    assert not any("Something else" in b.text for b in blocks)


def _advert_broken_page(split: int = 3, box: str = "") -> str:
    """The body in parts between adverts (Politico Europe's layout), the last part empty, and
    ``box`` between the first two parts."""
    part = "<div class='body__inner'>{}</div>"
    ad = "<div class='ad'>Advertisement</div>"
    return (
        "<html><body><article><div class='article-wrap'>"
        + part.format("".join(f"<p>{p}</p>" for p in PARAS[:split]))
        + box
        + ad
        + part.format("".join(f"<p>{p}</p>" for p in PARAS[split:]))
        + ad
        + part.format("")
        + "</div></article></body></html>"
    )


def test_a_part_read_without_its_first_paragraph_gets_it_back() -> None:
    # trafilatura read every part but dropped the second one's first paragraph
    read = [RawBlock(p, "p") for p in PARAS if p != PARAS[5]]
    blocks, added = rejoin_split_body(_advert_broken_page(split=5), read)
    assert [b.text for b in blocks] == PARAS
    assert added == 1


def test_a_caption_box_between_body_paragraphs_is_not_a_missing_paragraph() -> None:
    # an image box that shares the body's class; its caption is followed by a body paragraph
    # only outside the box
    caption = (
        "<div class='body__inner'><p>The harbour wall after the January storm, seen from the "
        "lower town's quay at low tide (Photo: the desk)</p></div>"
    )
    blocks = [RawBlock(p, "p") for p in PARAS]
    page = _advert_broken_page(split=5, box=caption)
    assert rejoin_split_body(page, blocks) == (blocks, 0)
