"""A second opinion when trafilatura's result is empty or far shorter than the page's text.

trafilatura already compares itself with readability and jusText inside, but keeps its own
result on many pages where it found only a fragment (a gallery caption, a teaser). Here the
page's paragraph text is the yardstick: when the extraction holds less than `SHORT_SHARE` of
it, readability-lxml and jusText run on the page and the candidate with the most
sentence-like text wins, if it beats the current result by `MIN_GAIN`. The choice and the
figures go into ``article.meta`` so a surprising record can be explained.

Only short results pay for this (a parse of the page and two extractors); the hot path skips
it when the extraction has `ENOUGH_CHARS`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import html as lxml_html

from copydesk.extract.embedded import element_blocks, embedded_blocks
from copydesk.extract.markup import SPACE, TAG, without_scripts
from copydesk.extract.match import norm
from copydesk.extract.xmlblocks import RawBlock

if TYPE_CHECKING:
    from copydesk.extract.page import Extraction

#: An extraction this long is never second-guessed.
ENOUGH_CHARS = 1500
#: An extraction below this many characters is checked against the page's scripts even when the
#: page's markup has no more paragraph text than it (a client-rendered page has none).
NEXT_TO_NOTHING = 200
#: Below this share of the page's paragraph text, the extraction is called short.
SHORT_SHARE = 0.4
#: A candidate must have this many times the current sentence-like text to replace it.
MIN_GAIN = 1.5
#: A page paragraph counts towards the page's text from this length on (menus are shorter).
PAGE_PARAGRAPH_CHARS = 60
#: A block is sentence-like from this length on, and when it holds sentence punctuation.
SENTENCE_CHARS = 40

#: ISO 639-1 codes to jusText stoplist names, for the languages of the dev sets and beyond.
JUSTEXT_LANGUAGES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "cs": "Czech", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal", "fi": "Finnish",
    "ru": "Russian", "uk": "Ukrainian", "tr": "Turkish", "id": "Indonesian", "hu": "Hungarian",
    "ro": "Romanian", "el": "Greek", "hr": "Croatian", "sk": "Slovak", "sl": "Slovenian",
}  # fmt: skip

#: An embedded body must hold this share of the words of what extraction found (when that is
#: at least `MIN_SHARED_WORDS` words), or else of the page's title or description.
SAME_ARTICLE_SHARE = 0.5
MIN_SHARED_WORDS = 20
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?。！？…\"'”»)]\s*$|[.!?。]\s")
#: A paragraph's content up to its end tag or the next block element (unclosed <p> is common).
_PARAGRAPH = re.compile(
    r"<p\b[^>]*>([^<]*(?:<(?!/?(?:p|div|script|style|section|article|li|ul|ol|h\d|table|td|"
    r"footer|header|body|form|aside|nav|figure|blockquote)\b)[^<]*)*)",
    re.IGNORECASE,
)


def maybe_fallback(page: str, url: str | None, ext: Extraction) -> None:
    extracted = sum(len(b.text) for b in ext.blocks)
    if extracted >= ENOUGH_CHARS:
        return
    page_chars = paragraph_chars(page)
    if extracted >= SHORT_SHARE * page_chars and extracted >= NEXT_TO_NOTHING:
        return
    # The scripts are searched only now: the markup's paragraphs say extraction was short, or
    # there are none to say so, as on a client-rendered page.
    embedded = embedded_blocks(page)
    if embedded and not same_article(embedded, ext):
        embedded = []
    page_chars = max(page_chars, sum(len(b.text) for b in embedded))
    if extracted >= SHORT_SHARE * page_chars:
        return
    current = sentence_chars(ext.blocks)
    try:
        tree = lxml_html.document_fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return
    candidates = {
        "readability": _readability(page),
        "justext": _justext(tree, ext.meta.language),
        "embedded": embedded,
    }
    scores = {name: sentence_chars(blocks) for name, blocks in candidates.items()}
    best = max(scores, key=lambda name: scores[name])
    ext.notes["fallback"] = {"trafilatura": current, "page": page_chars, **scores}
    if scores[best] >= MIN_GAIN * max(current, 1):
        ext.blocks, ext.extractor = candidates[best], best


def same_article(candidate: list[RawBlock], ext: Extraction) -> bool:
    """The scripts of a page also carry other articles (the next one, preloaded; teasers), so an
    embedded body counts only when it holds most of the content words extraction found, or,
    where that found next to nothing, most of those of the page's title or description."""
    words = _content_words(" ".join(b.text for b in candidate))
    found = _content_words(" ".join(b.text for b in ext.blocks))
    if len(found) >= MIN_SHARED_WORDS:
        return len(found & words) >= SAME_ARTICLE_SHARE * len(found)
    return any(
        len(named) >= 3 and len(named & words) >= SAME_ARTICLE_SHARE * len(named)
        for named in (_content_words(ext.meta.title), _content_words(ext.meta.description))
    )


def _content_words(text: str | None) -> set[str]:
    """Distinct words, Latin-script ones from four letters (so "the", "and" do not count):
    two articles in one language share their short words whatever they are about."""
    return {w for w in _WORD.findall(norm(text)) if len(w) > (3 if w.isascii() else 1)}


def paragraph_chars(page: str) -> int:
    """Characters of text in the page's ``<p>`` elements long enough to be prose, read with a
    pattern so that pages which need no fallback are not parsed a second time."""
    total = 0
    for match in _PARAGRAPH.finditer(without_scripts(page)):
        text = SPACE.sub(" ", TAG.sub("", match.group(1))).strip()
        if len(text) >= PAGE_PARAGRAPH_CHARS:
            total += len(text)
    return total


def sentence_chars(blocks: list[RawBlock]) -> int:
    """Characters in blocks that read like prose: the measure candidates are compared by."""
    return sum(
        len(b.text)
        for b in blocks
        if len(b.text) >= SENTENCE_CHARS and _SENTENCE_END.search(b.text)
    )


def _readability(page: str) -> list[RawBlock]:
    from readability import Document

    try:
        summary = lxml_html.fromstring(Document(page).summary(html_partial=True))
    except Exception:
        return []
    return element_blocks(summary)


def _justext(tree: lxml_html.HtmlElement, language: str | None) -> list[RawBlock]:
    import justext

    stoplist = (
        justext.get_stoplist(JUSTEXT_LANGUAGES[language])
        if language in JUSTEXT_LANGUAGES
        else _all_stopwords()
    )
    try:
        paragraphs = justext.justext(lxml_html.tostring(tree), stoplist)
    except Exception:
        return []
    return [
        RawBlock(p.text, "head" if p.heading else "p") for p in paragraphs if not p.is_boilerplate
    ]


def _all_stopwords() -> tuple[str, ...]:
    """Every jusText stoplist together, for a page whose language has none: trafilatura's own
    copy, which its jusText fallback builds anyway and which the fork server has loaded (see
    `copydesk.executors.local.warm_up`). jusText caches the frozen set it makes of a stoplist by
    the stoplist's value, so a second, equal list of our own (19 MB) would have cost a second
    frozen set too: a worker's private memory rose by 31 MB on its first Japanese page."""
    from trafilatura.external import JT_STOPLIST, jt_stoplist_init

    return JT_STOPLIST or jt_stoplist_init()
