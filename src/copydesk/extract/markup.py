"""A few facts read straight from the markup with patterns, so the hot path parses the page
only once (inside trafilatura): the headings readers see and the declared language."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

#: h1 elements looked at (some templates put the logo or section name in an h1 too).
MAX_H1 = 6
#: h2 elements looked at for the headline when every h1 is a search-engine or navigation copy.
MAX_H2 = 12
#: Only the start of the page is searched for the language: it is on the <html> tag.
LANG_WINDOW = 4096
#: Heading classes or ids that mark a copy of the headline for search engines, screen readers
#: or navigation, not the headline readers see ("breadcrumb__headline", "seotitle", "sr-only").
HIDDEN_HEADING = re.compile(
    r"""\b(?:class|id)\s*=\s*["'][^"']*?(?<![a-z])"""
    r"""(?:breadcrumb|seo|sr-only|visually-?hidden|screen-?reader|logo)""",
    re.IGNORECASE,
)

_WORD_BREAK = re.compile(r"<wbr\s*/?>", re.IGNORECASE)
#: A tag, and a run of whitespace: shared by the extract modules that read markup as text.
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")
_BODY_TAG = re.compile(r"<body\b", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})\b", re.IGNORECASE)
#: Stands for a removed tag until we know whether it separated words.
_CUT = "\x00"
#: A run of them is one (each run is matched once: "<p>" * 3,300 in a heading made a pattern
#: that tried every start of the run take seconds), and one before punctuation is no space.
_CUTS = re.compile(f"{_CUT}{{2,}}")
_CUT_BEFORE_PUNCT = re.compile(f"{_CUT}(?=[,.:;!?])")


def headline_texts(page: str) -> tuple[list[str], list[str]]:
    """The h1s readers see, and (only when there is none) the first h2s: pages without an h1,
    or that give it to a breadcrumb or a search-engine title, set the headline in an h2."""
    h1s = _texts("h1", page, MAX_H1)
    return (h1s, []) if h1s else ([], _texts("h2", page, MAX_H2))


def body_start(page: str) -> int:
    """Where ``<body`` opens, in any case (0 without one): text searched for in the page is
    searched from there, past the copies in the head's metadata."""
    match = _BODY_TAG.search(page)
    return match.start() if match else 0


def visible_h1_end(page: str) -> int | None:
    """Where the first h1 readers see ends in ``page`` (None without one): the article's
    header starts there."""
    for attrs, _, _, end in elements(page, "h1"):
        if not HIDDEN_HEADING.search(attrs):
            return end
    return None


def _texts(tag: str, page: str, limit: int) -> list[str]:
    out = []
    for attrs, inner, _, _ in elements(page, tag):
        if HIDDEN_HEADING.search(attrs):
            continue
        text = heading_text(inner)
        if 3 <= len(text) <= 300:
            out.append(text)
        if len(out) >= limit:
            break
    return out


def heading_text(inner: str) -> str:
    """A heading's markup as text: a tag between words is a space, one before punctuation is
    not ("<b>Coup</b>," stays "Coup,"), and spaces the page wrote stay ("Coup It" : le)."""
    text = _CUTS.sub(_CUT, TAG.sub(_CUT, _WORD_BREAK.sub("", inner)))
    text = _CUT_BEFORE_PUNCT.sub("", text)
    text = html_lib.unescape(text.replace(_CUT, " "))
    return SPACE.sub(" ", text).strip()


def html_language(page: str) -> str | None:
    """The ``<html lang>`` attribute as a lower-case ISO 639-1 code, when the page declares one.

    A three-letter code ("fil", "haw") is not one the record may hold: the page's text decides.
    """
    match = _HTML_LANG.search(page[:LANG_WINDOW])
    code = match.group(1).lower() if match else ""
    return code if len(code) == 2 else None


#: A ruby annotation (readings over East Asian characters) and its fallback parentheses.
_RUBY_OPEN = re.compile(r"<ruby", re.IGNORECASE)
_RUBY_TAG = re.compile(r"</?(?:ruby|rb|rp|rt|rtc)\b[^>]*>", re.IGNORECASE)
_RT = re.compile(r"<rt\b[^<>]*>[^<]*</rt\s*>", re.IGNORECASE)
_RP = re.compile(r"<rp\b", re.IGNORECASE)


def flatten_ruby(page: str) -> str:
    """Ruby annotations as text a reader without ruby support sees: the base and, where the page
    gives fallback parentheses (``<rp>``), the reading in them ("尹錫悦（ユンソンニョル）", as
    the Fundus gold prints it). trafilatura drops ``rt`` and ``rp`` with their text, so the
    reading was lost."""
    if _RUBY_OPEN.search(page) is None:  # a regex: twice as fast as `in` on non-ASCII pages
        return page

    parts, pos = [], 0
    for _, _, start, end in elements(page, "ruby"):
        ruby = page[start:end]
        if not _RP.search(ruby):
            ruby = _RT.sub("", ruby)
        parts += [page[pos:start], _RUBY_TAG.sub("", ruby)]
        pos = end
    parts.append(page[pos:])
    return "".join(parts)


#: Opening and closing tags of the elements read with `elements` ("script" and "style" for
#: `without_scripts`, JSON-LD and the scripts' embedded articles).
_OPENING = {
    tag: re.compile(rf"<{tag}\b([^<>]*)>", re.IGNORECASE)
    for tag in ("h1", "h2", "ruby", "script", "style")
}
_CLOSING = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _OPENING}


def elements(
    page: str, tag: str, opening: re.Pattern[str] | None = None
) -> Iterator[tuple[str, str, int, int]]:
    """(attributes, inner markup, start, end) of each ``tag`` element, up to its nearest
    closing tag, in one pass; ``opening`` narrows which opening tags count (its group 1, if any,
    is the attributes). A lazy ``<h1>(.*?)</h1>`` pattern restarts its scan at every unclosed
    tag: 20,000 of them took 24 s, and 20,000 unclosed JSON-LD scripts 216 s."""
    opening = opening or _OPENING[tag]
    closing, pos = _CLOSING[tag], 0
    while (match := opening.search(page, pos)) is not None:
        end = closing.search(page, match.end())
        if end is None:
            return  # no later opening tag can be closed either
        attrs = match.group(1) if opening.groups else ""
        yield attrs, page[match.end() : end.start()], match.start(), end.end()
        pos = end.end()


def without_scripts(page: str) -> str:
    """The page with its scripts and styles cut out, in one pass (see `elements`): each
    element ends at the closing tag of its own kind, so a "<style>" inside a script's text is
    script text."""
    parts, pos = [], 0
    while (match := _SCRIPT_OR_STYLE.search(page, pos)) is not None:
        end = _CLOSING[match.group(1).lower()].search(page, match.end())
        if end is None:
            break
        parts.append(page[pos : match.start()])
        pos = end.end()
    parts.append(page[pos:])
    return "".join(parts)


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^<>]*>", re.IGNORECASE)


#: How far back `without_code` looks for the tag a "<script" may be written inside: further
#: than any attribute value a page puts one in, and a bound on pages of nothing but "<!--".
TAG_LOOKBACK = 2000


def without_code(page: str) -> str:
    """The page without its scripts (JSON-LD kept), styles and comments, in one pass: what
    trafilatura reads. It drops them itself, after parsing them: on the 219 dev pages they are
    half the markup, and trafilatura takes 10% less time on the page without them, with the
    same blocks from every page. A script or style ends at the closing tag of its own kind, a
    comment at its "-->" (a "<script" inside a comment is comment text, and the other way
    round); one left open keeps the rest of the page as it is, and one that opens inside
    another tag (an attribute's value) is no element and stays."""
    parts, pos, at = [], 0, 0
    while (match := _CODE.search(page, at)) is not None:
        back = max(pos, match.start() - TAG_LOOKBACK)
        if page.rfind("<", back, match.start()) > page.rfind(">", back, match.start()):
            at = match.start() + 1  # inside a tag: an attribute's value ('title="<script>"')
            continue
        kind = match.group(1)
        if kind is None:
            end_at = page.find("-->", match.end())
            end = end_at + 3 if end_at >= 0 else -1
        else:
            close = _CLOSING[kind.lower()].search(page, match.end())
            end = close.end() if close is not None else -1
        if end < 0:
            break
        if kind is not None and _JSON_LD.search(match.group(2)):
            parts.append(page[pos:end])
        else:
            parts.append(page[pos : match.start()])
        pos = at = end
    parts.append(page[pos:])
    return "".join(parts)


_CODE = re.compile(r"<(?:(script|style)\b([^<>]*)>|!--)", re.IGNORECASE)
_JSON_LD = re.compile(r"ld\+json", re.IGNORECASE)
