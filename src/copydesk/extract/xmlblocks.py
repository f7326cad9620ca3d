"""trafilatura's XML body to blocks: one per paragraph, heading, list item, quote or table row.

trafilatura normalises every page to a small vocabulary (``p``, ``head``, ``list``/``item``,
``quote``, ``table``/``row``/``cell``, ``code``, with ``lb`` line breaks and ``hi``/``ref``
inline), so one walk over it gives blocks whatever the page's own markup was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.etree import _Element

#: trafilatura element -> block hint. Containers not named here are walked into.
HINT_BY_TAG: dict[str, str] = {
    "p": "p",
    "head": "head",
    "item": "list",
    "row": "table",
    "code": "code",
}

#: Elements whose text is never article text (images; trafilatura keeps their alt text only
#: when images are on, which they are not).
SKIP_TAGS = frozenset({"graphic", "fig", "figure"})

_SPACES = re.compile(r"[ \t\n\r\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
#: A line break the markup makes (``lb``, a nested list); a newline in the text is the page's
#: source layout, which HTML renders as a space ("韓国の\n<ruby>尹錫悦</ruby>\n大統領は").
_BREAK = "\x00"


@dataclass(slots=True)
class RawBlock:
    """A block before the structure stage, with the markup facts HTML cleanup needs."""

    text: str
    hint: str
    level: int = 0
    in_list: int = -1
    css: str = ""
    link_share: float = 0.0


def body_blocks(body: _Element | None) -> list[RawBlock]:
    """All non-empty blocks of a trafilatura body element, in document order."""
    if body is None:
        return []
    out: list[RawBlock] = []
    lists = 0
    for el, hint in _walk(body, None):
        if isinstance(el, str):
            if clean := _clean(el):
                out.append(RawBlock(clean, hint))
            continue
        if el.tag == "list":
            lists += 1
            continue
        level = _level(el) if hint == "head" else 0
        css = el.get("class") or ""
        links = _link_share(el)
        for line in _lines(el, hint):
            out.append(RawBlock(line, hint, level, lists if hint == "list" else -1, css, links))
    return out


def _walk(el: _Element, inherited: str | None) -> Iterator[tuple[_Element | str, str]]:
    """Block elements with their hint; loose text (a container's text, an element's tail)
    comes as a string, since trafilatura leaves some paragraphs as bare text between blocks."""
    if el.text and el.text.strip():
        yield el.text, inherited or "p"
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "list":
            yield child, "list"
            yield from _walk(child, inherited)
        elif tag == "quote":
            if any(isinstance(c.tag, str) and c.tag in HINT_BY_TAG for c in child):
                yield from _walk(child, "quote")
            else:
                yield child, "quote"
        elif tag in HINT_BY_TAG:
            yield child, inherited or HINT_BY_TAG[tag]
        elif tag and tag not in SKIP_TAGS:
            yield from _walk(child, inherited)
        if child.tail and child.tail.strip():
            yield child.tail, inherited or "p"


def _level(el: _Element) -> int:
    rend = (el.get("rend") or "h2").lower()
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 2


def _link_share(el: _Element) -> float:
    """Share of the element's characters that are link text (``ref``, with links kept)."""
    total = len("".join(el.itertext()).strip())
    if not total:
        return 0.0
    linked = sum(len("".join(ref.itertext()).strip()) for ref in el.iter("ref"))
    return min(1.0, linked / total)


def _lines(el: _Element, hint: str) -> list[str]:
    """The block's text; a paragraph broken with ``<br>`` gives one block per line."""
    if hint == "table":
        cells = [_clean(" ".join(_text(c)).replace(_BREAK, " ")) for c in el if c.tag == "cell"]
        row = " | ".join(c for c in cells if c)
        return [row] if row else []
    parts = "".join(_text(el)).split(_BREAK)
    return [clean for part in parts if (clean := _clean(part))]


def _text(el: _Element) -> Iterator[str]:
    if el.text:
        yield el.text
    for child in el:
        if child.tag == "lb":
            yield _BREAK
        elif isinstance(child.tag, str) and child.tag not in SKIP_TAGS:
            if child.tag == "list":
                yield _BREAK
            yield from _text(child)
        if child.tail:
            yield child.tail


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
