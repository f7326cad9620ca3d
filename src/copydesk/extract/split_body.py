"""The rest of a body the page splits into several containers, which trafilatura stops after.

Some sites cut the article into parallel containers between adverts or "more stories" slots:
Condé Nast's ``body__inner-container`` (Wired, The New Yorker), Rzeczpospolita's second
``articleBody`` after its advert column.
trafilatura reads only the first element that matches its body patterns
(``main_extractor.extract_content`` takes ``next(...)`` of each expression), so the body ends
at the first break: 10 of 23 paragraphs on the Wired dev page, 16 of 35 on The New Yorker's.

The continuation is found from the body itself: the element that holds most of the body's
paragraphs is the container, and later elements with the same tag and class, at the same depth
under a near common ancestor, are its continuation. The page is parsed for this only when the
markup shows such a container opening again after the body's last paragraph, with a paragraph
in it, or, between the body's first and last paragraphs, a part whose first paragraph the body
lacks while it has the next one (Politico Europe: trafilatura reads the parts but drops the
paragraph after each advert break). 15 of the 219 dev pages; the others cost a few searches.
Only text the body lacks is added, each block after the body block it follows on the page, and
it goes through the same cleanup as the rest (a "more stories" list closing the last part is
dropped there).
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from collections.abc import Iterator

from lxml import etree

from copydesk.extract.embedded import element_blocks
from copydesk.extract.markup import TAG, body_start
from copydesk.extract.match import word_key
from copydesk.extract.xmlblocks import RawBlock

#: Body paragraphs a container must hold before it counts as the body's container.
MIN_MATCHED = 3
#: How far up the shared ancestor of two parts of a body may be: parts sit side by side under
#: the article element, a few wrappers up; a same-class box further away is a sidebar teaser.
MAX_HOPS = 5
#: Words that identify a page paragraph as one of the body's, when finding the container.
START_WORDS = 6
#: Characters of a block (letters and digits, folded) that identify it.
KEY_CHARS = 60
#: A class attribute on a block container, read from the markup before anything is parsed.
_CLASSED = re.compile(
    r"<(?:div|section|article)\b[^>]{0,300}?\bclass\s*=\s*[\"']([^\"'<>]{1,300})[\"']",
    re.IGNORECASE,
)
#: The start of a container's opening tag, up to the quote that opens its class attribute.
_CLASS_OPENING = re.compile(r"<(?:div|section|article)\b[^<>]*\bclass\s*=\s*[\"']", re.IGNORECASE)
#: How far above the first body paragraph its containers' classes are looked for.
CLASS_WINDOW = 20_000
#: Containers above the first paragraph whose class is checked for a repeat further down.
NEAREST_CONTAINERS = 2
#: A repeated container counts when a paragraph of this many characters starts within this
#: many characters of its opening tag.
PARAGRAPH_CHARS = 80
PARAGRAPH_WINDOW = 5000
_P_OPEN = re.compile(r"<p(?:\s[^<>]{0,500})?>", re.IGNORECASE)
_P_CLOSE = re.compile(r"</p\s*>", re.IGNORECASE)
#: Characters of a paragraph searched for in the markup to find where the body starts and ends,
#: and how many paragraphs (first ones, last ones) and repeated class attributes are tried.
SNIPPET_CHARS = 24
PROBES = 5


def rejoin_split_body(page: str, blocks: list[RawBlock]) -> tuple[list[RawBlock], int]:
    """``blocks`` with the text of the body's later containers put in, each new block after the
    body block that precedes it on the page, and how many blocks were added."""
    if len(blocks) < MIN_MATCHED or not _may_continue(page, blocks):
        return blocks, 0
    try:  # plain etree: lxml.html would run its Python class lookup on every element read
        tree = etree.fromstring(page, etree.HTMLParser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return blocks, 0
    if tree is None:
        return blocks, 0
    found = _later_parts(tree, {_start(b.text) for b in blocks})
    if found is None:
        return blocks, 0
    container, parts = found
    index: dict[str, int] = {}
    for n, block in enumerate(blocks):
        index.setdefault(_key(block.text), n)
    index.pop("", None)
    in_container = (index.get(_key(_text(p)), -1) for p in container.iter("p"))
    anchor = max(in_container, default=-1)
    anchor = anchor if anchor >= 0 else len(blocks) - 1
    after: dict[int, list[RawBlock]] = {}
    for part in parts:
        for block in element_blocks(part):
            key = _key(block.text)
            if key in index:
                anchor = max(anchor, index[key])
            elif key:
                index[key] = anchor
                after.setdefault(anchor, []).append(block)
    out: list[RawBlock] = []
    for n, block in enumerate(blocks):
        out.append(block)
        out.extend(after.get(n, ()))
    return out, len(out) - len(blocks)


def _may_continue(page: str, blocks: list[RawBlock]) -> bool:
    """A cheap test on the markup: one of the classes on the containers right above the body's
    first paragraph opens a container again after its last one, and a paragraph follows. Most
    pages fail it, and are not parsed. Only the first and the last few paragraphs are looked
    for, so a page whose text the markup spells otherwise (entities) costs a few searches."""
    snippets = [b.text[:SNIPPET_CHARS] for b in blocks if b.hint == "p"]
    snippets = [s for s in snippets if len(s) == SNIPPET_CHARS]
    body = body_start(page)  # not the copies in the head's metadata
    first = next((at for s in snippets[:PROBES] if (at := page.find(s, body)) >= 0), -1)
    if first < 0:
        return False
    last = max(page.find(s, first + 1) for s in snippets[-PROBES:])
    if last <= first:
        return False
    classes = _CLASSED.findall(page, max(0, first - CLASS_WINDOW), first)[-NEAREST_CONTAINERS:]
    for css in classes:
        after = next(_containers(page, css, last), None)
        if after is not None and _first_paragraph(page, after) is not None:
            return True
    # A part between the first paragraph and the last that trafilatura read without its first
    # paragraph (Politico Europe: the paragraph after each advert break).
    starts = {_snippet(b.text) for b in blocks}
    return any(
        _lacks_opening(page, at, starts)
        for css in classes
        for at in _containers(page, css, first + 1, last)
    )


def _containers(page: str, css: str, start: int, stop: int | None = None) -> Iterator[int]:
    """Where a container with exactly this class attribute opens from ``start`` on (before
    ``stop``): the attribute's text is found, then confirmed as a tag (a class list inside a
    script's data does not count). The first `PROBES` occurrences of each quoting are read."""
    for quote in "\"'":
        needle = f"{quote}{css}{quote}"
        at = page.find(needle, start, stop)
        for _ in range(PROBES):
            if at < 0:
                break
            tag = page.rfind("<", max(0, at - 300), at)
            if tag >= 0 and _CLASS_OPENING.fullmatch(page, tag, at + 1):
                yield at
            at = page.find(needle, at + 1, stop)


def _first_paragraph(page: str, at: int) -> tuple[str, int, int] | None:
    """The first paragraph of prose that starts soon after ``at``, where it starts and where
    it ends: a repeated container holds text (an empty or a box-only one is no continuation,
    and the page is not parsed for it). One pass over the window: each paragraph is read up to
    its end tag, and the search goes on from there."""
    end = at + PARAGRAPH_WINDOW
    while (opening := _P_OPEN.search(page, at, end)) is not None:
        closing = _P_CLOSE.search(page, opening.end(), end)
        stop = closing.start() if closing else end
        text = html_lib.unescape(TAG.sub("", page[opening.end() : stop])).strip()
        if len(text) >= PARAGRAPH_CHARS:
            return text, opening.start(), closing.end() if closing else end
        if closing is None:
            return None
        at = closing.end()
    return None


def _lacks_opening(page: str, at: int, starts: set[str]) -> bool:
    """The part opening at ``at`` is one the body holds without its first paragraph: that
    paragraph is missing, and the body's next one follows it in the same element (nothing
    closes between them: a caption in an image box or an advert slot is followed by a body
    paragraph only outside its box)."""
    first = _first_paragraph(page, at)
    if first is None or _snippet(first[0]) in starts:
        return False
    second = _first_paragraph(page, first[2])
    return (
        second is not None
        and _snippet(second[0]) in starts
        and "</" not in page[first[2] : second[1]]
    )


def _snippet(text: str) -> str:
    return " ".join(text.split())[:SNIPPET_CHARS]


def _later_parts(
    tree: etree._Element, starts: set[str]
) -> tuple[etree._Element, list[etree._Element]] | None:
    """The body's container (the parent of most of the paragraphs that start as the body's
    blocks do) and the elements that continue it, in document order."""
    holders = Counter(p.getparent() for p in tree.iter("p") if _start(_text(p)) in starts)
    if not holders:
        return None
    container, count = holders.most_common(1)[0]
    css = container.get("class")
    if count < MIN_MATCHED or not css:
        return None
    up = {ancestor: hops for hops, ancestor in enumerate(container.iterancestors(), 1)}
    parts = []
    seen = False
    for el in tree.iter(container.tag):
        if el is container:
            seen = True
        elif seen and el.get("class") == css and _parallel(el, up):
            if _another_story(el):
                break  # an endless-scroll page's next article, and whatever follows it
            parts.append(el)
    return (container, parts) if parts else None


def _another_story(el: etree._Element) -> bool:
    """A part that is a story of its own: an ``<article>``, or one with its own headline or
    header. Pages that load the next article as the reader scrolls print it in the same
    markup as the first; parts of one body carry no headline."""
    return el.tag == "article" or el.find(".//h1") is not None or el.find(".//header") is not None


def _parallel(el: etree._Element, up: dict[etree._Element, int]) -> bool:
    """``el`` sits as deep under a near common ancestor as the container does (``up``: the
    container's ancestors, each with how many levels up it is), and not inside it."""
    for hops, ancestor in enumerate(el.iterancestors(), 1):
        if hops > MAX_HOPS:
            return False
        if ancestor in up:
            return up[ancestor] == hops
    return False


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _start(text: str) -> str:
    """A cheap identity for matching the page's paragraphs to the body's: their first words."""
    return " ".join(text.split()[:START_WORDS])


def _key(text: str) -> str:
    return word_key(text)[:KEY_CHARS]
