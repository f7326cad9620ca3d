"""Lines trafilatura cuts at an inline link are joined where the page prints them as one line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import copydesk
from copydesk.extract.link_splits import MAX_CUTS, rejoin_link_splits
from copydesk.extract.xmlblocks import body_blocks


def _body(xml: str) -> etree._Element:
    return etree.fromstring(f"<body>{xml}</body>")


def _texts(body: etree._Element) -> list[str]:
    return [b.text for b in body_blocks(body)]


#: What trafilatura 2.3.1 makes of "...the last i9 <a>MacBook Pro</a> was released..." in a
#: <br>-separated container, with links kept.
CUT = "<p>Just months after the last i9</p><p><ref target='/m'>MacBook Pro</ref>was released.</p>"
LINE = "Just months after the last i9 <a href='/m'>MacBook Pro</a> was released.<br><br>"


@pytest.mark.parametrize(
    ("page", "xml", "joined", "texts"),
    [
        pytest.param(
            f"<div>{LINE}</div>",
            CUT,
            1,
            ["Just months after the last i9 MacBook Pro was released."],
            id="a line cut at its link is joined, the space after the link restored",
        ),
        pytest.param(
            "<div>Resellers take orders for the <b><a href='/x'>new model</a></b> now.</div>",
            "<p>Resellers take orders for the</p><p><ref>new model</ref>now.</p>",
            1,
            ["Resellers take orders for the new model now."],
            id="inline markup around the link still counts as one line",
        ),
        pytest.param(
            "<p>The vote ends today.</p><p><a href='/b'>Joe Biden</a>'s team said so.</p>",
            "<p>The vote ends today.</p><p><ref>Joe Biden</ref>'s team said so.</p>",
            0,
            ["The vote ends today.", "Joe Biden's team said so."],
            id="a paragraph the page opens with a link stays apart",
        ),
        pytest.param(
            "<div>Read the report<br><a href='/r'>Full text</a> is online.</div>",
            "<p>Read the report</p><p><ref>Full text</ref>is online.</p>",
            0,
            ["Read the report", "Full text is online."],
            id="a line break before the link is kept, the space after it comes back",
        ),
        pytest.param(
            "<div>東京の<a href='/t'>記事</a>都では雨が降った。<br><br></div>",
            "<p>東京の</p><p><ref>記事</ref>都では雨が降った。</p>",
            1,
            ["東京の記事都では雨が降った。"],
            id="no space is invented where the page has none",
        ),
        pytest.param(
            "<div>Meanwhile, at B&amp;H, shoppers can <a href='/s'>save $100</a> on it.</div>",
            "<p>Meanwhile, at B&amp;H, shoppers can</p><p><ref>save $100</ref>on it.</p>",
            1,
            ["Meanwhile, at B&H, shoppers can save $100 on it."],
            id="entities in the markup match the decoded text",
        ),
    ],
)
def test_cut_lines_against_the_page(page: str, xml: str, joined: int, texts: list[str]) -> None:
    body = _body(xml)
    assert rejoin_link_splits(page, body) == joined
    assert _texts(body) == texts


def test_a_plain_text_copy_of_the_body_does_not_make_two_paragraphs_one_line() -> None:
    # JSON-LD articleBody runs paragraphs together with a space; only markup with the link's
    # own tag between the pieces shows one line (the Fox News dev page's teaser links).
    page = (
        '<script type="application/ld+json">{"articleBody": "They were disappointed. '
        'WHAT ARE THE STATIONS? For that reason"}</script>'
        "<p>They were disappointed.</p><p><a href='/w'><strong>WHAT ARE THE STATIONS?</strong>"
        "</a></p>"
    )
    body = _body("<p>They were disappointed.</p><p><ref>WHAT ARE THE STATIONS?</ref></p>")
    assert rejoin_link_splits(page, body) == 0


def test_a_page_full_of_cut_links_checks_a_bounded_number() -> None:
    n = MAX_CUTS * 4
    lines = (f"Line {i} with <a href='/{i}'>link {i}</a> tail.<br>" for i in range(n))
    page = "<div>" + "".join(lines)
    body = _body("".join(f"<p>Line {i} with</p><p><ref>link {i}</ref>tail.</p>" for i in range(n)))
    assert rejoin_link_splits(page + "</div>", body) == MAX_CUTS


words = st.text(alphabet="abcdefgh東京 ", min_size=1, max_size=20).filter(str.strip)


@settings(max_examples=200, deadline=None)
@given(before=words, link=words, after=words, page_space=st.booleans())
def test_joining_never_adds_or_drops_a_character(
    before: str, link: str, after: str, page_space: bool
) -> None:
    space = " " if page_space else ""
    page = f"<div>{before} <a href='/x'>{link}</a>{space}{after}<br></div>"
    body = _body(f"<p>{before}</p><p><ref>{link}</ref>{after.lstrip()}</p>")
    rejoin_link_splits(page, body)
    out = "".join(_texts(body))
    assert out.replace(" ", "") == (before + link + after).replace(" ", "")


def _review_page() -> str:
    filler = "<p>" + "A sentence of filler on the review's subject and its many details. " * 6
    return (
        f"<html><body><article>{filler}</p><div>Intro line.<br><br>{LINE}"
        f"Apple did include the same CPU options as the <a href='/p'>mid-2019 predecessors</a> "
        f"but runs faster.<br><br></div>{filler}</p></article></body></html>"
    )


def test_an_extracted_page_keeps_the_words_around_its_links() -> None:
    record = copydesk.parse(_review_page().encode())
    text = "\n".join(record.body)
    assert "MacBook Pro was released" in text
    assert "as the mid-2019 predecessors but runs faster." in text
    assert record.meta.get("link_splits_rejoined") == 2


def test_the_note_goes_when_a_fallback_body_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import copydesk.extract.fallback as fallback
    from copydesk.extract.markup import without_code
    from copydesk.extract.page import Extraction, _extract

    page = _review_page()
    kept = Extraction()
    _extract(page, without_code(page), None, kept)
    assert kept.notes.get("link_splits_rejoined") == 2

    def prefer_readability(_page: str, _url: str | None, ext: Extraction) -> None:
        ext.extractor = "readability"

    monkeypatch.setattr(fallback, "maybe_fallback", prefer_readability)
    replaced = Extraction()
    _extract(page, without_code(page), None, replaced)
    assert "link_splits_rejoined" not in replaced.notes
