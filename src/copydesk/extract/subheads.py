"""Subheadings trafilatura lost: put back where the page prints them, before the paragraph that
follows each one.

When trafilatura does not find an article container it keeps the paragraphs and drops every
heading between them (trafilatura issues #354 and #774); with links kept, as copydesk asks, it
happens on more pages. A body without a single heading is therefore checked against the page:
an ``h2``-``h4`` whose next paragraph starts a block of the body (not the first) goes back in
front of that block. Headings elsewhere (a sidebar's "Most read") precede no body paragraph and
stay out.
"""

from __future__ import annotations

import re

from copydesk.extract.markup import HIDDEN_HEADING, SPACE, TAG, heading_text
from copydesk.extract.match import same_text
from copydesk.extract.xmlblocks import RawBlock

#: A subheading with at most this much markup inside (a longer "heading" is a layout box).
_SUBHEAD = re.compile(
    r"<h([2-4])\b([^<>]{0,500})>((?:(?!<h[1-6]\b).){0,1000}?)</h\1\s*>", re.IGNORECASE | re.DOTALL
)
_PARAGRAPH = re.compile(r"<p\b[^>]{0,500}>(.{0,3000}?)</p\s*>", re.IGNORECASE | re.DOTALL)
#: How far after a heading its paragraph may start, and how many headings are read at most.
NEXT_PARAGRAPH_CHARS = 3000
MAX_HEADINGS = 200
#: Markup allowed between a heading and its paragraph (opening tags of a wrapper or two).
MAX_GAP_CHARS = 200
#: Characters of a paragraph's start that identify it; shorter paragraphs are not matched.
KEY_CHARS = 40
MIN_KEY_CHARS = 20


def restore_subheads(page: str, blocks: list[RawBlock]) -> tuple[list[RawBlock], int]:
    """``blocks`` with the lost subheadings put back, and how many were."""
    if not blocks or any(b.hint == "head" for b in blocks):
        return blocks, 0
    starts: dict[str, int] | None = None
    before: dict[int, tuple[str, int]] = {}
    for n, match in enumerate(_SUBHEAD.finditer(page)):
        if n >= MAX_HEADINGS:
            break
        if HIDDEN_HEADING.search(match.group(2)):
            continue
        text = heading_text(match.group(3))
        if not 3 <= len(text) <= 200:
            continue
        following = _PARAGRAPH.search(page, match.end(), match.end() + NEXT_PARAGRAPH_CHARS)
        if following is None or not _adjacent(page[match.end() : following.start()]):
            continue
        if starts is None:  # built on the first candidate: most pages have none
            starts = {}
            for n_block, block in enumerate(blocks):
                starts.setdefault(_key(block.text), n_block)
            starts.pop("", None)
        at = starts.get(_key(heading_text(following.group(1))))
        if at and not same_text(blocks[at - 1].text, text):
            before[at] = (text, int(match.group(1)))  # the nearest heading above the paragraph
    if not before:
        return blocks, 0
    out: list[RawBlock] = []
    for k, block in enumerate(blocks):
        if k in before:
            text, level = before[k]
            out.append(RawBlock(text, "head", level))
        out.append(block)
    return out, len(before)


def _adjacent(gap: str) -> bool:
    """Nothing between the heading and its paragraph but whitespace and opening tags: a teaser
    card's heading closes its card (``</a></div></article>``) before the body goes on."""
    return len(gap) <= MAX_GAP_CHARS and "</" not in gap and not TAG.sub("", gap).strip()


def _key(text: str) -> str:
    key = SPACE.sub(" ", text).strip().casefold()[:KEY_CHARS]
    return key if len(key) >= MIN_KEY_CHARS else ""
