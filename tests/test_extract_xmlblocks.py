"""From markup to blocks: markup breaks split a paragraph, the source's newlines do not, and a
ruby reading stays in its paragraph."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import copydesk
from copydesk.extract.markup import elements, flatten_ruby, without_scripts
from copydesk.extract.xmlblocks import body_blocks


def _blocks(xml: str) -> list[tuple[str, str]]:
    return [(b.text, b.hint) for b in body_blocks(etree.fromstring(xml))]


def test_source_newlines_inside_a_paragraph_are_spaces() -> None:
    # Yomiuri prints each <ruby> on a line of its own; trafilatura keeps the newlines.
    xml = "<body><p>\n　【ソウル】韓国の\n尹錫悦\n大統領は３日夜、談話を出した。\n</p></body>"
    assert _blocks(xml) == [("【ソウル】韓国の 尹錫悦 大統領は３日夜、談話を出した。", "p")]
    # Loose text between blocks reads the same way.
    assert _blocks("<body><p>A</p>The harbour\nwall held.</body>") == [
        ("A", "p"),
        ("The harbour wall held.", "p"),
    ]


def test_line_breaks_and_nested_lists_split_a_paragraph() -> None:
    xml = (
        "<body><p>Harbour Road 1<lb/>Portsmouth</p>"
        "<p>Steps:<list><item>one</item></list></p>"
        "<head rend='h2'>Next\nsteps</head></body>"
    )
    assert _blocks(xml) == [
        ("Harbour Road 1", "p"),
        ("Portsmouth", "p"),
        ("Steps:", "p"),
        ("one", "p"),
        ("Next steps", "head"),
    ]


def test_table_rows_are_cells_joined() -> None:
    xml = "<body><table><row><cell>Pos</cell><cell>Driver<lb/>name</cell></row></table></body>"
    assert _blocks(xml) == [("Pos | Driver name", "table")]


def test_ruby_reading_kept_in_fallback_parentheses() -> None:
    with_rp = (
        "韓国の<ruby><rb>尹錫悦</rb><rp>（</rp><rt>ユンソンニョル</rt><rp>）</rp></ruby>大統領"
    )
    assert flatten_ruby(with_rp) == "韓国の尹錫悦（ユンソンニョル）大統領"
    # Without fallback parentheses the reading would run into the text: only the base stays.
    assert flatten_ruby("<p><ruby>漢字<rt>かんじ</rt></ruby>です</p>") == "<p>漢字です</p>"


@given(st.text(max_size=300))
def test_pages_without_ruby_are_untouched(page: str) -> None:
    if "<ruby" not in page.lower():
        assert flatten_ruby(page) == page


_PLAIN = st.text(alphabet=st.characters(blacklist_characters="<>"), max_size=50)


@given(_PLAIN, _PLAIN, _PLAIN, _PLAIN, st.booleans())
def test_only_the_ruby_element_changes(
    before: str, base: str, reading: str, after: str, rp: bool
) -> None:
    ruby = (
        f"<ruby>{base}<rp>(</rp><rt>{reading}</rt><rp>)</rp></ruby>"
        if rp
        else f"<ruby>{base}<rt>{reading}</rt></ruby>"
    )
    flat = flatten_ruby(before + ruby + after)
    assert flat == before + (f"{base}({reading})" if rp else base) + after


def test_ruby_paragraph_parses_as_one_paragraph_with_its_reading() -> None:
    body = (
        "<p>韓国の<ruby><rb>尹錫悦</rb><rp>（</rp><rt>ユンソンニョル</rt><rp>）</rp></ruby>"
        "大統領は３日夜、緊急談話を出し、非常戒厳を宣言した。野党が国政をまひさせているとした。</p>"
    )
    html = (
        "<html><head><title>韓国が戒厳令</title></head>"
        f"<body><article>{body * 3}</article></body></html>"
    )
    rec = copydesk.parse(html)
    assert rec.body and "尹錫悦（ユンソンニョル）大統領は" in rec.body[0]


def test_elements_and_without_scripts_read_markup_in_one_pass() -> None:
    page = '<h1 class="logo">Site</h1><h1>Real <b>head</b></h1><h1>unclosed'
    assert [(a, inner) for a, inner, _, _ in elements(page, "h1")] == [
        (' class="logo"', "Site"),
        ("", "Real <b>head</b>"),
    ]
    assert without_scripts("a<script>b<style>q</style></script>c<STYLE x=1>d</style >e") == "ace"
    # Each element ends at its own kind's closing tag: a "<style>" in a script is script text.
    page = '<style>/* <script> */</style><p>x</p><script>s = "<style>"; f()</script><p>y</p>'
    assert without_scripts(page) == "<p>x</p><p>y</p>"
    # An unclosed script is left as it is: nothing after it can be closed.
    assert without_scripts("a<script>b</script>c<script>d") == "ac<script>d"
