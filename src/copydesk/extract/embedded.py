"""The article as the page's scripts carry it, for pages whose markup holds little or none of it.

A page rendered in the browser (Next.js, Nuxt and the like) ships the article as data: the HTML
of the body as a JSON string inside a ``<script>`` (``"contentHtml":"\\u003cp\\u003e..."``), and
often the plain text as schema.org ``articleBody`` too. An extractor that reads the markup finds
nothing there ("no article text found"); these are the fallback's third candidate
(`copydesk.extract.fallback`), compared with the others by the same measure.
"""

from __future__ import annotations

import json
import re

from lxml import etree
from lxml import html as lxml_html
from lxml.etree import ParserError

from copydesk.extract.jsonld import article_objects
from copydesk.extract.markup import SPACE, elements
from copydesk.extract.xmlblocks import RawBlock

#: A JSON string literal (contents only) holding at least a paragraph tag, escaped as JSON
#: escapes it (``\u003cp``) or not; shorter ones are a teaser or a caption, not a body.
_HTML_STRING = re.compile(r'(?<!\\)"((?:[^"\\]|\\.){400,}?)"')
_ESCAPED_P = re.compile(r"(?:\\u003c|<)p[\s>\\]", re.IGNORECASE)
#: Paragraph tags a string needs before it is read as an article body.
MIN_PARAGRAPHS = 3
#: Only this much script text is searched: frameworks put the page's data first, and the
#: search is linear, so this bounds its cost at half the largest page read (`MAX_HTML_CHARS`).
MAX_SCRIPT_CHARS = 1_000_000
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre", "td")
_HINTS = {"li": "list", "blockquote": "quote"}
_IN_CAPTION = (
    "ancestor::figure or ancestor::figcaption or "
    "ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"
)


def embedded_blocks(page: str) -> list[RawBlock]:
    """The longer of the article HTML in the page's scripts and JSON-LD ``articleBody``."""
    candidates = [_script_html(page), _article_body(page)]
    return max(candidates, key=lambda blocks: sum(len(b.text) for b in blocks))


def _script_html(page: str) -> list[RawBlock]:
    best: list[RawBlock] = []
    best_chars = 0
    seen = 0
    for _, body, _, _ in elements(page, "script"):
        seen += len(body)
        if seen > MAX_SCRIPT_CHARS:
            break
        if len(_ESCAPED_P.findall(body, 0, 200_000)) < MIN_PARAGRAPHS:
            continue
        for literal in _HTML_STRING.finditer(body):
            raw = literal.group(1)
            if len(_ESCAPED_P.findall(raw)) < MIN_PARAGRAPHS:
                continue
            blocks = html_blocks(_unescape(raw))
            chars = sum(len(b.text) for b in blocks)
            if chars > best_chars:
                best, best_chars = blocks, chars
    return best


def _unescape(literal: str) -> str:
    try:
        return str(json.loads(f'"{literal}"', strict=False))
    except ValueError:
        return literal


def _article_body(page: str) -> list[RawBlock]:
    for obj in article_objects(page):
        body = obj.get("articleBody")
        if isinstance(body, str) and body.strip():
            if _ESCAPED_P.search(body):
                return html_blocks(body)
            paragraphs = (SPACE.sub(" ", p).strip() for p in body.split("\n"))
            return [RawBlock(p, "p") for p in paragraphs if p]
    return []


def html_blocks(fragment: str) -> list[RawBlock]:
    """Paragraphs, headings, list items and quotes of an HTML fragment, in order."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return []
    return element_blocks(root)


def element_blocks(root: etree._Element) -> list[RawBlock]:
    """The blocks under ``root`` (an lxml.html or a plain etree element); captions (in a figure,
    or a block styled as a caption) are left out, as extraction leaves them out of the body."""
    out = []
    for el in root.iter(*_BLOCK_TAGS):
        if el.tag in ("td", "li", "blockquote") and el.find(".//p") is not None:
            continue
        if el.xpath(_IN_CAPTION):
            continue
        text = SPACE.sub(" ", "".join(el.itertext())).strip()
        if text:
            hint = "head" if el.tag.startswith("h") else _HINTS.get(el.tag, "p")
            out.append(RawBlock(text, hint, link_share=_link_share(el, len(text))))
    return out


def _link_share(el: etree._Element, chars: int) -> float:
    """Share of the block's characters that are link text, as `xmlblocks` measures it for
    trafilatura's blocks (the linked-teaser rule reads it)."""
    linked = sum(len(SPACE.sub(" ", "".join(a.itertext())).strip()) for a in el.iter("a"))
    return min(1.0, linked / chars)
