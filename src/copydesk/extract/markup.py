"""A few facts read straight from the markup with patterns, so the hot path parses the page
only once (inside trafilatura): the headings readers see and the declared language."""

from __future__ import annotations

import html as html_lib
import re

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

_H1 = re.compile(r"<h1\b([^>]*)>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_H2 = re.compile(r"<h2\b([^>]*)>(.*?)</h2\s*>", re.IGNORECASE | re.DOTALL)
_WORD_BREAK = re.compile(r"<wbr\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})\b", re.IGNORECASE)
#: Stands for a removed tag until we know whether it separated words.
_CUT = "\x00"


def headline_texts(page: str) -> tuple[list[str], list[str]]:
    """The h1s readers see, and (only when there is none) the first h2s: pages without an h1,
    or that give it to a breadcrumb or a search-engine title, set the headline in an h2."""
    h1s = _texts(_H1, page, MAX_H1)
    return (h1s, []) if h1s else ([], _texts(_H2, page, MAX_H2))


def visible_h1_end(page: str) -> int | None:
    """Where the first h1 readers see ends in ``page`` (None without one): the article's
    header starts there."""
    for match in _H1.finditer(page):
        if not HIDDEN_HEADING.search(match.group(1)):
            return match.end()
    return None


def _texts(pattern: re.Pattern[str], page: str, limit: int) -> list[str]:
    out = []
    for match in pattern.finditer(page):
        if HIDDEN_HEADING.search(match.group(1)):
            continue
        text = heading_text(match.group(2))
        if 3 <= len(text) <= 300:
            out.append(text)
        if len(out) >= limit:
            break
    return out


def heading_text(inner: str) -> str:
    """A heading's markup as text: a tag between words is a space, one before punctuation is
    not ("<b>Coup</b>," stays "Coup,"), and spaces the page wrote stay ("Coup It" : le)."""
    text = _TAG.sub(_CUT, _WORD_BREAK.sub("", inner))
    text = re.sub(rf"{_CUT}+(?=[,.:;!?])", "", text)
    text = html_lib.unescape(text.replace(_CUT, " "))
    return _SPACE.sub(" ", text).strip()


def html_language(page: str) -> str | None:
    """The ``<html lang>`` attribute as a lower-case ISO 639 code, when the page declares one."""
    match = _HTML_LANG.search(page[:LANG_WINDOW])
    return match.group(1).lower() if match else None


#: A ruby annotation (readings over East Asian characters) and its fallback parentheses.
_RUBY = re.compile(r"<ruby\b[^>]*>.*?</ruby\s*>", re.IGNORECASE | re.DOTALL)
_RUBY_OPEN = re.compile(r"<ruby", re.IGNORECASE)
_RUBY_TAG = re.compile(r"</?(?:ruby|rb|rp|rt|rtc)\b[^>]*>", re.IGNORECASE)
_RT = re.compile(r"<rt\b[^>]*>.*?</rt\s*>", re.IGNORECASE | re.DOTALL)
_RP = re.compile(r"<rp\b", re.IGNORECASE)


def flatten_ruby(page: str) -> str:
    """Ruby annotations as text a reader without ruby support sees: the base and, where the page
    gives fallback parentheses (``<rp>``), the reading in them ("尹錫悦（ユンソンニョル）", as
    the Fundus gold prints it). trafilatura drops ``rt`` and ``rp`` with their text, so the
    reading was lost."""
    if _RUBY_OPEN.search(page) is None:  # a regex: twice as fast as `in` on non-ASCII pages
        return page

    def flat(match: re.Match[str]) -> str:
        ruby = match.group(0)
        if not _RP.search(ruby):
            ruby = _RT.sub("", ruby)
        return _RUBY_TAG.sub("", ruby)

    return _RUBY.sub(flat, page)
