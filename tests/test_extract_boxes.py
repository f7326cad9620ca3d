"""Fact boxes and related-story lists set inside the story (`copydesk.extract.boxes`)."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.extract.boxes import MAX_BOXES, boxed_blocks, find_boxes
from copydesk.extract.xmlblocks import RawBlock

STORY = [
    "The council of the harbour town voted on Tuesday evening to rebuild its sea wall.",
    "Work is to start in spring and should take two years, the mayor said after the vote.",
    "Residents had asked for the repairs since the winter storms flooded the old quay.",
    "The regional government has promised to pay for half of the works, she added.",
]
FACTS = [
    "Facts about the sea wall",
    "The wall was built in 1902 and is 1.4 kilometres long.",
    "It was last repaired in 1978 after a storm surge.",
]
RELATED = [
    "Storm surge floods the old quay for the third time",
    "Ferry service resumes after repairs to the pier",
]


def _page(inside: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in STORY[:2])
    rest = "".join(f"<p>{p}</p>" for p in STORY[2:])
    return (
        "<html><head><title>Harbour town votes to rebuild its sea wall</title></head><body>"
        f"<article><h1>Harbour town votes to rebuild its sea wall</h1>{paras}{inside}{rest}"
        "</article></body></html>"
    )


def _factbox(attrs: str = 'class="article-factbox"') -> str:
    items = "".join(f"<p>{p}</p>" for p in FACTS[1:])
    return f"<div {attrs}><h3>{FACTS[0]}</h3><div class='content'>{items}</div></div>"


def _blocks(texts: list[str]) -> list[RawBlock]:
    return [RawBlock(t, "p") for t in texts]


def test_a_fact_box_inside_the_story_is_removed_with_its_reason() -> None:
    blocks = _blocks(STORY[:2] + FACTS + STORY[2:])
    assert boxed_blocks(_page(_factbox()), blocks) == {2: "fact box", 3: "fact box", 4: "fact box"}


@pytest.mark.parametrize(
    "attrs",
    ['class="infobox copytext__clearBox"', 'id="FactBox-1"', "class='fakta faktaboks'"],
)
def test_fact_boxes_are_named_in_several_ways(attrs: str) -> None:
    blocks = _blocks(STORY[:2] + FACTS + STORY[2:])
    assert set(boxed_blocks(_page(_factbox(attrs)), blocks)) == {2, 3, 4}


def test_a_related_story_list_is_removed() -> None:
    items = "".join(f"<li><a href='/x{n}'>{t}</a></li>" for n, t in enumerate(RELATED))
    page = _page(f'<ul aria-label="Related coverage">{items}</ul>')
    blocks = _blocks(STORY[:2] + RELATED + STORY[2:])
    assert boxed_blocks(page, blocks) == {2: "related stories", 3: "related stories"}


TEASERS = [
    "Ferry service resumes after repairs to the pier",
    "The island ferry resumed its winter timetable on Friday after the pier was mended.",
    "Storm surge floods the old quay for the third time",
    "Water rose over the quay on Sunday night for the third time since the autumn.",
]


def _teasers(heading: str, title_bar: bool = False) -> str:
    items = "".join(f"<li><a href='/x{n}'><p>{t}</p></a></li>" for n, t in enumerate(TEASERS))
    head = f"<div class='bar'><h2>{heading}</h2></div>" if title_bar else f"<h1>{heading}</h1>"
    return f"<div class='dboxss2 boxTitle'>{head}<ul>{items}</ul></div>"


@pytest.mark.parametrize("heading", ["You might also like", "Lesen Sie auch:", "RELATED STORIES"])
def test_a_box_named_only_by_its_heading_is_removed(heading: str) -> None:
    # Taipei Times: no class names the box, only the heading readers see
    blocks = _blocks(STORY[:2] + TEASERS + STORY[2:])
    assert boxed_blocks(_page(_teasers(heading)), blocks) == dict.fromkeys(
        range(2, 6), "related stories"
    )


def test_the_box_is_what_holds_the_list_not_the_headings_title_bar() -> None:
    blocks = _blocks(STORY[:2] + TEASERS + STORY[2:])
    page = _page(_teasers("You may also like", title_bar=True))
    assert set(boxed_blocks(page, blocks)) == set(range(2, 6))


def test_a_heading_that_only_starts_with_a_label_opens_no_box() -> None:
    # "More from the trial" is a section of the story, not a list of others
    section = (
        "<section><h2>Read more about the trial</h2>"
        + "".join(f"<p>{t}</p>" for t in TEASERS)
        + "</section>"
    )
    blocks = _blocks(STORY[:2] + TEASERS + STORY[2:])
    assert boxed_blocks(_page(section), blocks) == {}


def test_a_body_paragraph_the_box_quotes_stays() -> None:
    # a report cites a line of the speech whose full transcript the box holds
    transcript = [STORY[0], *FACTS[1:], "The mayor thanked the residents for their patience."]
    box = '<div class="metro-factbox">' + "".join(f"<p>{p}</p>" for p in transcript) + "</div>"
    page = _page(box)
    blocks = _blocks(STORY[:2] + transcript + STORY[2:])
    assert set(boxed_blocks(page, blocks)) == {2, 3, 4, 5}


def test_a_short_box_does_not_take_a_body_block_made_of_one_of_its_words() -> None:
    page = _page('<div class="linkback">Tag: digitimes.com</div>')
    blocks = _blocks([STORY[0], "DigiTimes", STORY[1], "Tag: digitimes.com", *STORY[2:]])
    assert boxed_blocks(page, blocks) == {3: "related stories"}


def test_a_container_holding_most_of_the_body_is_not_a_box() -> None:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    page = f"<html><body><div class='story related-content'>{story}</div></body></html>"
    assert boxed_blocks(page, _blocks(STORY)) == {}


def test_box_words_outside_class_id_and_label_do_not_count() -> None:
    page = _page(f"<div data-related='1'><p>{FACTS[1]}</p></div><p>see related: infobox</p>")
    assert find_boxes(page) == []


def test_a_box_inside_a_box_is_read_as_part_of_the_outer_one() -> None:
    inner = '<div class="related-item"><p>One</p></div>'
    page = f'<div class="related-list"><h3>More</h3>{inner}<div><p>Two</p></div></div>'
    (box,) = find_boxes(page)
    assert box.key == "more one two"


def test_the_pipeline_lists_the_box_in_removed() -> None:
    page = _page(_factbox())
    record = copydesk.parse(page, format="html")
    assert not any("1902" in p for p in record.body)
    assert any(r.reason == "fact box" and "1902" in r.text for r in record.removed)
    assert record.body[-1] == STORY[-1]


@pytest.mark.timeout(60)
def test_hostile_markup_is_bounded() -> None:
    nested = '<div class="related">' * 20_000 + "x" + "</div>" * 20_000
    unclosed = '<section class="factbox"><p>never closed</p>' * 20_000
    many = "".join(f'<div class="related"><p>story {n}</p></div>' for n in range(20_000))
    words = "<p>" + "related infobox " * 300_000 + "</p>"  # each hit looked back to the start
    for page in (nested, unclosed, many, words):
        started = time.perf_counter()
        boxes = find_boxes(page)
        assert len(boxes) <= MAX_BOXES
        boxed_blocks(page, _blocks(STORY * 200))
        assert time.perf_counter() - started < 20


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '<div class="factbox">',
                "<div class='related'>",
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<ul aria-label='Related'>",
                "</ul>",
                "<li>",
                "Storm surge floods the quay",
                "facts",
                "<",
                ">",
                "class=",
            ]
        ),
        max_size=40,
    ),
    st.lists(st.sampled_from(["Storm surge floods the quay", "facts", "", "x"]), max_size=6),
)
def test_any_markup_gives_indexes_of_the_blocks(parts: list[str], texts: list[str]) -> None:
    blocks = _blocks(texts)
    found = boxed_blocks("".join(parts), blocks)
    assert set(found) <= set(range(len(blocks)))
    assert set(found.values()) <= {"fact box", "related stories"}


DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction-dev" / "fundus" / "html"


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/data is absent")
@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Metro_2024_07_17", "full transcript"),
        ("Nettavisen_2024_10_16", "Fakta om fødselsdepresjon"),
        ("Hessenschau_2024_04_27", "Ukraine-Geflüchtete in Hessen"),
    ],
)
def test_dev_pages_fact_boxes_leave_the_body(name: str, words: str) -> None:
    path = DEV / f"{name}.html.gz"
    record = copydesk.parse(gzip.decompress(path.read_bytes()), format="html")
    assert not any(words in p for p in record.body)
    assert any(r.reason == "fact box" and words in r.text for r in record.removed)
