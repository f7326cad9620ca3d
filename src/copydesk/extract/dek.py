"""The dek a page's template prints under the headline, found in the markup.

trafilatura keeps the article's paragraphs and often drops the standfirst set in the header
(an ``<h2 class="article-excerpt">``, a ``<div class="intro">``): it is not body text to it.
The meta description is no substitute: sites write it for search engines, and on the Fundus
dev half it differs from the printed dek on 31 of the 103 pages that have one. So the
header is read for it: the first element after the visible headline whose class names a dek,
before the first body paragraph. Fundus half: standfirst 0.515 -> 0.583 (7 pages won, none lost).
With "desc" and "synopsis" among the class names, 0.612 with `cleanup`'s lead window, and
0.621 with a cut description finished from the page (`completed_description`), 0.680 with
the dek taken also where extraction kept it as a paragraph, under an h2 headline on pages
without an h1, and past a lead image's caption; 0.689 with bulleted summaries.

trafilatura's parse of the page is not ours to reuse, so this works with patterns on the markup
and parses only the small window of each element it tries.
"""

from __future__ import annotations

import html as html_lib
import re
import string
from collections.abc import Sequence

from lxml import etree
from lxml import html as lxml_html

from copydesk.extract.headline import prints_headline
from copydesk.extract.markup import (
    HIDDEN_HEADING,
    MAX_H2,
    TAG,
    body_start,
    elements,
    heading_text,
    visible_h1_end,
)
from copydesk.extract.match import word_key
from copydesk.extract.rules import DEK_CLASS, DROPCAP_CLASS
from copydesk.extract.xmlblocks import RawBlock
from copydesk.structure.blocks import PROSE_WORDS

#: How far after the h1 the dek may start: header markup (bylines, share buttons, a lead
#: image with its srcset) runs to a few kilobytes; past this the search is in the body.
HEADER_WINDOW = 20_000
#: How much markup is parsed for the dek's text (its element closes well within this).
ELEMENT_WINDOW = 20_000
#: A dek is a sentence or two: fewer words is a label or a link, more is an article teaser
#: list or a whole paragraph block.
DEK_WORDS = (5, 80)
#: Classes that look like a dek's but are not one readers see as it: hidden elements (paywall
#: prompts, "intro-body__premium hidden"), author boxes ("author-description", bios, a
#: "byline-lead"), captions and image credits ("caption__description", "image-desc"), and
#: promotion ("related-teaser", "ad-lead").
NOT_DEK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:hidden|author|bio|byline|caption|credit|image|img|photo|picture|related"
    r"|promo|ad|advert)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: Elements styled as a dek whose text is read, at most: a header has one or two (a page of
#: ten thousand nested "intro" divs made every one of them a parse of the window).
MAX_TRIES = 8
#: Leading words of a body paragraph looked up in the markup, to end the search there.
PROBE_WORDS = 5
#: Body paragraphs tried as that end marker (one may be reworded by entities or inline tags).
PROBE_BLOCKS = 6

#: Characters of a cut description's end looked up in the page to finish it: enough to be
#: found once.
CUT_TAIL_CHARS = 30
#: Text read on after the cut, at most: the rest of the dek's last sentence, up to its tag.
COMPLETION_CHARS = 300

#: Leading words of a description looked up in the page's text to tell that it is printed:
#: enough to be one passage, few enough that a cut or edited ending does not matter.
PRINTED_PROBE_WORDS = 8
#: Characters either side of the probe's longest word folded to look for the probe there,
#: and how many places the word is written that are looked at before folding the whole page.
WINDOW_CHARS = 2000
MAX_ANCHORS = 20

_OPEN = re.compile(r"<(?:p|div|h2|h3|span|section|header|ul)\b([^>]*)>", re.IGNORECASE)
_CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
#: A data attribute whose value is a name (``data-manual="teaserText"``,
#: ``data-testid="leadtext"``), not a number, a URL or JSON.
_DATA_NAME = re.compile(r"""\bdata-[\w-]+\s*=\s*["']([A-Za-z][\w.-]{2,40})["']""")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_MARKUP_CHARS = re.compile(r"""[&<>"'’‘“”]""")
#: Elements whose content readers never see as text (JSON-LD repeats the description).
_UNSEEN = re.compile(r"<(script|style|noscript|template)\b")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def template_dek(page: str, blocks: Sequence[RawBlock], headline: str | None = None) -> str | None:
    """The dek the header prints, as text; None when the page shows no headline (an h1, or an
    h2 printing ``headline``) or no element styled as a dek between it and the first body
    paragraph (``blocks``, extraction's)."""
    start = _headline_end(page, headline)
    if start is None:
        return None
    stop = start + HEADER_WINDOW
    body = _body_start(page, start, blocks)
    if body is not None:
        stop = min(stop, body)
    tries = 0
    for tag in _OPEN.finditer(page, start, stop):
        css = _role(tag.group(1))
        if not DEK_CLASS.search(css) or DROPCAP_CLASS.search(css) or NOT_DEK_CLASS.search(css):
            continue
        if _in_figure(page, start, tag.start()):
            continue  # a lead image's caption ("image-element__description"), between
            # the headline and the dek
        tries += 1
        if tries > MAX_TRIES:
            break
        text = _element_text(page, tag.start())
        if text and DEK_WORDS[0] <= len(text.split()) <= DEK_WORDS[1]:
            return text
    return None


def _role(attrs: str) -> str:
    """What an element's attributes say it is: its class, and the names in its data attributes
    split at case changes. Sites styled with generated classes ("css-1485smx") name the dek
    only there (``data-manual="teaserText"``)."""
    css = _CLASS.search(attrs)
    names = (_CAMEL.sub(" ", m.group(1)) for m in _DATA_NAME.finditer(attrs))
    return " ".join((css.group(1) if css else "", *names))


def _headline_end(page: str, headline: str | None) -> int | None:
    """Where the headline readers see ends: the first visible h1, else the first h2 that
    prints ``headline``. Pages without an h1 set the headline in an h2 (Stern, Die Welt), and
    the dek under it was never looked for."""
    end = visible_h1_end(page)
    if end is not None or not headline:
        return end
    for n, (attrs, inner, _, h2_end) in enumerate(elements(page, "h2")):
        if n >= MAX_H2:
            break
        if not HIDDEN_HEADING.search(attrs) and prints_headline(heading_text(inner), headline):
            return h2_end
    return None


def _in_figure(page: str, start: int, at: int) -> bool:
    """``at`` is inside a ``<figure>`` opened after ``start``."""
    head = page[start:at].lower()
    return head.rfind("<figure") > head.rfind("</figure")


def _body_start(page: str, start: int, blocks: Sequence[RawBlock]) -> int | None:
    """Where the first body paragraph extraction kept is written in the markup: its first
    words as written, or fewer when entities or quotation marks may be encoded differently."""
    for block in blocks[:PROBE_BLOCKS]:
        words = block.text.split()
        if block.hint != "p" or len(words) < PROSE_WORDS:
            continue
        probe = " ".join(words[:PROBE_WORDS])
        if _MARKUP_CHARS.search(probe):
            probe = " ".join(words[:2])
        found = page.find(probe, start)
        if found >= 0:
            return found
    return None


def _element_text(page: str, at: int) -> str | None:
    """The text of the element opening at ``at``, and of the siblings right after it that
    share its tag and class: a dek of several sentences is often set as a run of paragraphs."""
    try:
        parsed = lxml_html.fragments_fromstring(page[at : at + ELEMENT_WINDOW])
    except (etree.ParserError, ValueError):
        return None
    run: list[lxml_html.HtmlElement] = []
    for element in parsed:
        if not isinstance(element, lxml_html.HtmlElement) or not isinstance(element.tag, str):
            break
        if run and (not _style(run[0]) or _style(element) != _style(run[0])):
            break
        run.append(element)
    parts: list[str] = []
    for element in run:
        for hidden in element.xpath(".//script|.//style|.//noscript|.//figure|.//button"):
            hidden.drop_tree()
        # a summary set as a bulleted list: its points are sentences, one after another
        items = element.findall("li") if element.tag == "ul" else [element]
        if _mostly_links(element):
            return None  # related stories ("teaser-list", "TeaserSchlagzeile"), not a summary
        parts.extend(" ".join(item.text_content().split()) for item in items)
    return " ".join(p for p in parts if p) or None


def _style(element: lxml_html.HtmlElement) -> tuple[str, ...]:
    """What marks an element as the dek, to find its siblings set the same way: its class, or
    without one its data attributes; a bare element marks nothing (the body's paragraphs)."""
    css = element.get("class")
    if css:
        return (element.tag, css)
    data = sorted(f"{k}={v}" for k, v in element.attrib.items() if k.startswith("data-"))
    return (element.tag, *data) if data else ()


def _mostly_links(element: lxml_html.HtmlElement) -> bool:
    text = len("".join(element.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in element.iter("a"))
    return linked * 2 >= text > 0


def completed_description(description: str, page: str) -> str | None:
    """A description cut off inside a word ("... säger Johan Hå"), finished from the page's
    body, where its last characters run on into more letters: the text is read on to the next
    tag. None when it ends a word, or is not found as written (an entity or a tag inside).
    Sites cut the description at a length for search engines; as a standfirst, the cut form
    is a broken field (Aftonbladet's dek is printed whole, in three paragraphs)."""
    text = description.rstrip()
    if len(text) < CUT_TAIL_CHARS or not text[-1].isalnum():
        return None
    tail = text[-CUT_TAIL_CHARS:]
    at = page.find(tail, body_start(page))
    if at < 0:
        return None
    rest = page[at + len(tail) : at + len(tail) + COMPLETION_CHARS]
    end = rest.find("<")
    if not rest[:1].isalnum() or end < 0:
        return None
    return text + " ".join(html_lib.unescape(rest[:end]).split())


def printed_on_page(description: str, page: str) -> bool:
    """The description's opening words are in the text the page shows (tags, scripts and the
    head's metadata left out, words compared as `word_key` folds them, so a dek set in lines
    with ``<br>`` still counts). A description the page never prints is a summary written for
    search engines or link previews, not the standfirst readers see under the headline: on
    the Fundus half such a standfirst matched gold on one page of 12 and put text gold's body
    does not have in front of the body on the other eleven.

    Folding a whole page's text cost 9 ms a page (a sixth of a page's extraction), so only the
    text around each place the probe's longest word (in ASCII if it has one) is written is
    folded; the whole page only when that word is not ASCII (normalising may write it another
    way in one place and not in another: "５" and "5", "Straße" and "strasse"), or is written
    too often to look at each place."""
    words = word_key(description).split()
    probe = words[:PRINTED_PROBE_WORDS] if len(words) > PRINTED_PROBE_WORDS else words[:-1]
    if not probe:
        return False
    want = f" {' '.join(probe)} "
    body = page[body_start(page) :]
    low = body.lower()
    if len(low) != len(body):  # "İ" lowercases to two characters: positions must agree
        low = body.translate(_ASCII_LOWER)
    spans = _seen_spans(low)
    # a word in ASCII is written in the page as in the key (nothing folds it another way)
    anchor = max(probe, key=lambda w: (w.isascii(), len(w)))
    at = low.find(anchor)
    for _ in range(MAX_ANCHORS):
        if at < 0:
            if anchor.isascii():
                return False  # every place it is written looked at
            break
        for start, end in spans:
            if start <= at < end:
                if _printed_near(body, at, (start, end), want, anchor):
                    return True
                break
        at = low.find(anchor, at + len(anchor))
    return want in f" {_shown(' '.join(body[a:b] for a, b in spans))} "


def _printed_near(body: str, at: int, span: tuple[int, int], want: str, anchor: str) -> bool:
    """``want`` is in the text around ``at`` (where ``anchor``, one of its words, is written),
    within ``span``. The window grows, up to the span, only where ``anchor`` stands next to
    its neighbour in ``want`` (the print it may be), while markup (a link's long address, an
    inline icon) or white space leaves it fewer letters either side than ``want`` has."""
    words = want.split()
    n = words.index(anchor)
    pairs = [" ".join(words[i : i + 2]) for i in (n - 1, n) if 0 <= i < len(words) - 1]
    reach = WINDOW_CHARS
    while True:
        lo, hi = max(span[0], at - reach), min(span[1], at + reach)
        shown = f" {_shown(body[lo:hi])} "
        if want in shown:
            return True
        if pairs and not any(f" {pair} " in shown for pair in pairs):
            return False  # the word is written here, but not in the description's words
        short = min(_letters(body[lo:at]), _letters(body[at:hi])) < len(want)
        if not short or (lo, hi) == span:
            return False
        reach *= 2


def _letters(markup: str) -> int:
    return sum(len(w) for w in TAG.sub(" ", markup).split())


def _shown(markup: str) -> str:
    return word_key(html_lib.unescape(TAG.sub(" ", markup)))


def _seen_spans(low: str) -> list[tuple[int, int]]:
    """The stretches of markup (``low``, lowercased) outside the elements `_UNSEEN` names (one
    left open runs to the end): found with plain searches, so a page of a thousand unclosed
    ``<script`` tags costs one pass."""
    spans, pos = [], 0
    while match := _UNSEEN.search(low, pos):
        spans.append((pos, match.start()))
        close = low.find(f"</{match.group(1)}", match.end())
        if close < 0:
            return spans
        pos = close
    spans.append((pos, len(low)))
    return spans
