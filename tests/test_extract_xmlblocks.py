"""trafilatura's XML to blocks: markup breaks split a paragraph, the source's newlines do not."""

from __future__ import annotations

from lxml import etree

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
    xml = "<body><table><row><cell>Pos</cell><cell>Driver</cell></row></table></body>"
    assert _blocks(xml) == [("Pos | Driver", "table")]
