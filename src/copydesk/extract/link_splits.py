"""Lines trafilatura cuts at an inline link, joined again where the page prints them as one.

With links kept (copydesk keeps them: a block's link share tells a related-stories list from
prose), trafilatura 2.3 reads a link inside ``<br>``-separated text on its own: the text before
the link ends one paragraph, the link starts the next, and the words after it lose the space
that divided them ("… the last i9" / "MacBook Prowas released, …"; trafilatura issue #476).
Without links the same page comes out whole, so the cut is the extractor's, not the page's.

A paragraph that opens with a link whose following text starts without a space is the mark of
that path (a paragraph the page itself opens with a link keeps the space: "Joe Biden said").
Each one is checked against the markup. When the previous paragraph's last words, then only
inline tags and spaces, then the link's text stand in the page, the two were one line and are
joined. The space after the link goes back where the page has one, so "東京</a>都" stays
unspaced. The dev pages with such lines: an AppleInsider review (12 cuts), WinFuture, and
newsletter boxes on Metro and the Ottawa Citizen.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

from copydesk.extract.markup import TAG

#: Tags that sit inside a line of text; any other tag between two pieces means a real break.
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "font", "i", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
})  # fmt: skip
_SPACE = r"(?:\s|&nbsp;|&#160;|&#xa0;)"
#: What may stand between the two pieces of one line in the markup: spaces and tags, each tag
#: then checked to be an inline one (a pattern naming them all was slow to compile afresh for
#: every cut).
_GAP = rf"(?P<gap>(?:{_SPACE}|<[^<>]{{0,2000}}>){{0,20}})"
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
#: A space inside the text looked for: the markup may have a tag there too ("mit&nbsp;<b>AP").
_ANCHOR_SPACE = rf"(?:{_SPACE}|<[^<>]{{0,500}}>)+"
#: Characters of text on either side of a cut that are looked for in the markup.
ANCHOR_CHARS = 32
#: Cut paragraphs checked on one page at most (each check is a search of the whole page), and
#: places where the two pieces stand with a gap between that are checked for inline tags.
MAX_CUTS = 50
MAX_PLACES = 20
#: A paragraph that ends a sentence is not joined to a link with nothing after it: such a link
#: is most often a teaser ("Read more"), which joined to the prose could not be dropped.
SENTENCE_ENDS = frozenset(".!?。！？")
_CLOSERS = "\"'”’»)] \t\n\u00a0"
#: Marks no space goes before ("the <a>link</a>, which"; "<a>Apple</a>'s"): not checked.
NO_SPACE_BEFORE = frozenset(".,;:!?)]}'’”»%…、。，")
_WORD_START = re.compile(r"(?<!\w)\w", re.UNICODE)


def rejoin_link_splits(page: str, body: _Element | None) -> int:
    """Join the paragraphs of ``body`` that trafilatura cut at a link and put back the space
    after each such link (both in place); the number of paragraphs joined."""
    if body is None:
        return 0
    cuts = [p for p in body.iter("p") if _opens_with_cut_link(p)][:MAX_CUTS]
    joined = 0
    for para in cuts:
        link = para[0]
        line = _same_line(page, para.getprevious(), link)
        if line is not None:
            _merge(line[0], para, line[1])
            joined += 1
        tail = link.tail
        if tail and tail[0] not in NO_SPACE_BEFORE and _space_between(page, _text(link), tail):
            link.tail = " " + link.tail
    return joined


def _opens_with_cut_link(para: _Element) -> bool:
    if len(para) == 0 or para[0].tag != "ref" or (para.text and para.text.strip()):
        return False
    tail = para[0].tail
    return not tail or not tail[0].isspace()


def _same_line(page: str, before: _Element | None, link: _Element) -> tuple[_Element, str] | None:
    """The paragraph before ``link``'s, when it was the start of the link's line on the page,
    and what divides the two there (a space or nothing)."""
    if before is None or before.tag != "p" or (before.tail and before.tail.strip()):
        return None
    if len(before) and before[-1].tag == "lb":
        return None
    text = _text(before)
    if text.rstrip(_CLOSERS)[-1:] in SENTENCE_ENDS and not (link.tail or "").strip():
        return None
    gap = _find(page, text, _text(link), link_tag="")
    return None if gap is None else (before, _divider(gap))


def _space_between(page: str, left: str, right: str) -> bool:
    """The page prints a space between ``left`` and the ``right`` that follows it."""
    gap = _find(page, left, right, link_tag="/")
    return gap is not None and _divider(gap) == " "


def _divider(gap: str) -> str:
    """A space when the markup between the pieces has one outside its tags."""
    return " " if re.search(_SPACE, TAG.sub("", gap)) else ""


def _find(page: str, left: str, right: str, link_tag: str) -> str | None:
    """The markup between ``left``'s end and ``right``'s start where the page prints them on
    one line: only spaces and inline tags between, the link's opening tag (``link_tag`` "")
    or closing tag ("/") among them. Requiring the link's tag keeps a plain-text copy of the
    body (JSON-LD ``articleBody``, where paragraphs follow each other with a space) from
    passing for one line."""
    head, tail = _anchor(left, end=True), _anchor(right, end=False)
    if not head or not tail:
        return None
    for n, found in enumerate(re.finditer(head + _GAP + tail, page)):
        if n == MAX_PLACES:
            break
        tags = _TAG.findall(found.group("gap"))
        if (link_tag, "a") in {(c, t.lower()) for c, t in tags} and all(
            t.lower() in INLINE_TAGS for _c, t in tags
        ):
            return found.group("gap")
    return None


def _anchor(text: str, *, end: bool) -> str:
    """A pattern for the end (or start) of ``text`` as the markup may write it: punctuation and
    letters beyond ASCII also as entities, a space also as ``&nbsp;`` or with tags.
    The end anchor starts at a word, so the search has a literal to scan for."""
    text = " ".join(text.split())
    if end:
        text = text[-ANCHOR_CHARS:]
        start = _WORD_START.search(text, 1) if len(text) == ANCHOR_CHARS else None
        text = text[start.start() :] if start else text
    else:
        text = text[:ANCHOR_CHARS]
    out: list[str] = []
    for char in text:
        if char == " ":
            out.append(_ANCHOR_SPACE)
        elif char.isascii() and char.isalnum():
            out.append(char)
        else:
            out.append(rf"(?:{re.escape(char)}|&#?\w{{1,10}};)")
    return "".join(out)


def _text(el: _Element) -> str:
    return "".join(el.itertext())


def _merge(before: _Element, para: _Element, divider: str) -> None:
    """Move ``para``'s content to the end of ``before``, ``divider`` between, and drop it."""
    if len(before):
        before[-1].tail = (before[-1].tail or "").rstrip() + divider
    else:
        before.text = (before.text or "").rstrip() + divider
    for child in list(para):
        before.append(child)
    parent = para.getparent()
    if parent is not None:
        parent.remove(para)
