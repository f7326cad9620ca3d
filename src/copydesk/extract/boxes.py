"""Boxes a page sets beside the story inside its body: fact boxes and related-story lists.

trafilatura reads the article container whole, and the boxes a template places inside it come
out as body text: a "Fakta om ..." box, the full transcript under a report of a speech, a list of
the section's latest headlines. On the 219 dev pages these were the two largest kinds of text
the body kept that the gold leaves out (about 3,000 words on 22 pages).

The markup names them, in the words templates use across sites and languages: a class, id or
ARIA label with "factbox", "infobox", "related", "recommended" or "more-topic", or only the
heading readers see ("You might also like": `labelled_boxes`). Each such
element's text is looked up in the body; a run of consecutive blocks it holds is the box's copy
when the run is most of the box or more than one block, so that a body paragraph the box quotes
(a line of the speech the report cites) stays. An element holding most of the body is not a box
but the article's own container, and is left alone.

Tokens that looked alike but wrap the article on some dev pages are not used: "teaser",
"post-card", "stream-item" (Nature, t-online, Seznam Zprávy), nor "excerpt" (a dek's class).
Fundus half: body F1 0.967 -> 0.972 (P 0.946 -> 0.955); Zyte P 0.981 -> 0.983. Of 219 records,
the 9 that changed all gained precision. About 1.5 ms a page, most of it the page's search.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import html as lxml_html
from lxml.etree import ParserError

from copydesk.extract.labelled_boxes import labelled_box_starts
from copydesk.extract.xmlblocks import RawBlock

#: Class, id or label words that name a box of facts beside the story, and the removal reason.
FACT_BOX = ("factbox", "fact-box", "fact_box", "infobox", "info-box", "faktenbox", "faktaboks")
#: ... and those that name a list of other stories.
RELATED = ("related", "relacionad", "recommend", "more-topic", "linkback", "latest-news")
REASONS = {**dict.fromkeys(FACT_BOX, "fact box"), **dict.fromkeys(RELATED, "related stories")}
#: A box holding this share of the body's words or more is the article's container.
MAX_BODY_SHARE = 0.7
#: A single block is the box's copy only when it is this share of the box's words: a body
#: paragraph that the box happens to quote, or a two-word heading it contains, is not.
LONE_BLOCK_SHARE = 0.8
#: Boxes looked at, at most, and how far the markup is searched for a box's closing tag: a page
#: of ten thousand "related" links must cost no more than a normal one.
MAX_BOXES = 60
MAX_BOX_CHARS = 200_000
MAX_TAG_CHARS = 4096
#: Occurrences of one box word looked at: a page repeating it in its text is not searched on.
MAX_HITS = 5000
#: Each block is looked up in each box: blocks looked at, and the boxes' words searched at
#: most, as a multiple of the body's (a normal page's boxes are a fraction of it).
MAX_BLOCKS = 1000
MAX_SEARCHED = 4

#: Read on the lowercased tag.
_ATTRIBUTE = re.compile(r"""\b(?:class|id|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_WORD = re.compile(r"\w+")
_TAG_NAME = re.compile(rb"<([a-z][a-z0-9_:-]*)")


@dataclass(frozen=True, slots=True)
class Box:
    reason: str
    key: str  # the box's words (`_key`)


def boxed_blocks(page: str, blocks: Sequence[RawBlock]) -> dict[int, str]:
    """Indexes of ``blocks`` that are a fact box's or a related-story list's copy, with the
    removal reason."""
    boxes = find_boxes(page)
    if not boxes:
        return {}
    keys = [_key(b.text) for b in blocks[:MAX_BLOCKS]]
    body_chars = sum(len(k) for k in keys)
    budget = MAX_SEARCHED * body_chars
    out: dict[int, str] = {}
    for box in boxes:
        if len(box.key) >= MAX_BODY_SHARE * body_chars:
            continue
        budget -= len(box.key)
        if budget < 0:
            break
        padded = f" {box.key} "
        inside = [bool(k) and f" {k} " in padded for k in keys]
        for start, end in _runs(inside):
            chars = sum(len(keys[n]) for n in range(start, end))
            if end - start > 1 or chars >= LONE_BLOCK_SHARE * len(box.key):
                out.update(dict.fromkeys(range(start, end), box.reason))
    return out


def find_boxes(page: str) -> list[Box]:
    """The page's boxes, outermost only, in page order."""
    # bytes: lowercasing and searching them is four times as fast as a str's (on a page with
    # one non-Latin-1 character a str is two or four bytes a character)
    raw = page.encode("utf-8", "surrogatepass")
    low = raw.lower()
    found: list[Box] = []
    labelled = set(labelled_box_starts(raw, low, lambda at, end: _element_end(low, at, end)))
    searched = 0  # a box inside one already found is part of it
    for start in sorted(labelled.union(_tag_starts(low))):
        if start < searched:
            continue
        tag_end = low.find(b">", start, start + MAX_TAG_CHARS)
        if tag_end < 0:  # unclosed, or a component's data in an attribute: not a box's tag
            continue
        reason = _reason(low[start : tag_end + 1].decode("utf-8", "replace"))
        if reason is None and start in labelled:
            reason = "related stories"
        if reason is None:
            continue
        end = _element_end(low, start, tag_end)
        if end is None:
            continue
        key = _text_key(raw[start:end].decode("utf-8", "surrogatepass"))
        if key:
            found.append(Box(reason, key))
        searched = end
        if len(found) >= MAX_BOXES:
            break
    return found


#: What is searched for: "box" stands for the fact-box words that end in it (one pass over
#: the page instead of six), and a hit counts only when one of them ends there.
_SEARCHED = (b"box", b"faktaboks", *(w.encode() for w in RELATED))
_BOX_WORD = re.compile(rb"(?:fact[-_]?|info-?|fakten)box")


def _tag_starts(low: bytes) -> list[int]:
    """Where each tag that carries one of the box words starts, in page order: bytes.find
    on the lowercased page is what keeps this cheap (a case-blind regex alternation over a
    whole page cost 20 ms)."""
    starts: set[int] = set()
    for word in _SEARCHED:
        pos, hits = low.find(word), 0
        while pos >= 0 and len(starts) < 4 * MAX_BOXES and hits < MAX_HITS:
            hits += 1
            if word != b"box" or _BOX_WORD.search(low, max(0, pos - 6), pos + 3):
                # looked for within a tag's length: from the page's start, text of a million
                # "related" made this quadratic
                since = max(0, pos - MAX_TAG_CHARS)
                opened, closed = low.rfind(b"<", since, pos), low.rfind(b">", since, pos)
                if opened > closed:  # inside a tag
                    starts.add(opened)
            pos = low.find(word, pos + len(word))
    return sorted(starts)


def _reason(tag: str) -> str | None:
    """The removal reason when a box word is in the tag's class, id or ARIA label."""
    for match in _ATTRIBUTE.finditer(tag):
        value = match.group(1) or match.group(2) or ""
        for word, reason in REASONS.items():
            if word in value:
                return reason
    return None


def _element_end(low: bytes, start: int, tag_end: int) -> int | None:
    """Where the element opened at ``start`` closes, counting nested elements of its name;
    None when it does not close within `MAX_BOX_CHARS` or closes itself."""
    name_match = _TAG_NAME.match(low, start)
    if name_match is None or low[tag_end - 1 : tag_end] == b"/":
        return None
    name = name_match.group(1)
    opening, closing = b"<" + name, b"</" + name
    depth, pos, limit = 1, tag_end + 1, min(len(low), start + MAX_BOX_CHARS)
    while depth:
        close = low.find(closing, pos, limit)
        if close < 0:
            return None
        nested = low.find(opening, pos, close)
        while nested >= 0:
            after = low[nested + len(opening) : nested + len(opening) + 1]
            if after and not after.isalnum() and after not in b"-_":
                depth += 1
            nested = low.find(opening, nested + 1, close)
        depth -= 1
        pos = close + len(closing)
    end = low.find(b">", pos)
    return end + 1 if end >= 0 else None


def _text_key(markup: str) -> str:
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath(".//script|.//style|.//template"):
        bad.drop_tree()
    return _key(" ".join(root.itertext()))


def _key(text: str) -> str:
    """The text's words, casefolded: box and body come from the same markup, so the
    normalisation `match.word_key` adds for text from elsewhere would only cost time (2.7
    times as much, on every block of every page that has a box)."""
    return " ".join(_WORD.findall(text.casefold()))


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive true flags."""
    runs, start = [], None
    for n, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = n
        elif not flag and start is not None:
            runs.append((start, n))
            start = None
    return runs
