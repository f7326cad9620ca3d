"""Shape features of one rendered line, for finding the article inside a whole page.

Every rule here reads the *shape* of a line (length, punctuation, bullets, indentation, writing
system), never its words, so it holds for every language in the dev sets. The few word tables
(copyright and "read more" shapes) are per-script symbols, not vocabulary.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import NamedTuple

# A list item as a text renderer (inscriptis, lynx, html2text) prints it: "* Item", "+ Item",
# "- Item", "• Item", "1. Item", "a) Item". Lines made only of the marker count too ("*").
BULLET = re.compile(r"^(?:[*+•·▪►◦‣∙-]|\d{1,3}[.)]|[a-z][.)])(?:\s|$)")
# Sentence-final punctuation across scripts: Latin, CJK, Arabic, Devanagari, Armenian, Greek,
# Ethiopic; closing quotes and brackets may follow.
TERMINAL = frozenset(".!?。！？؟۔।॥։;:…፧።")
CLOSERS = "'\"”’»)]」』"
# Copyright and legal footer shapes (symbols and the few words that are the same everywhere). A
# year is required after "copyright": "Image copyright Getty Images" is a caption credit.
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright\W{0,3}\d{4}|all rights reserved")  # lower case
# Scripts written without spaces between words: a character carries roughly a word.
NO_SPACE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff]")
# Consent-banner vocabulary, per language, matched as lower-case substrings. The one place
# where words matter: a cookie banner is long, well-formed prose, and only its words tell it from
# an article. Only words that news prose does not use otherwise: "consent" or "Einwilligung"
# alone would hit articles about consent.
CONSENT_WORDS: dict[str, tuple[str, ...]] = {
    "*": ("cookie", "gdpr"),  # the same word in most Latin-script languages
    "en": ("manage consent", "consent preferences", "privacy settings"),
    "de": ("dsgvo", "datenschutzeinstellungen", "datenschutzerklärung"),
    "fr": ("rgpd", "traceurs"),
    "es": ("rgpd",),
    "tr": ("çerez",),
    "fi": ("evästee",),
    "hu": ("sütik",),
    "ru": ("куки",),
    "ko": ("쿠키",),
    "ja": ("クッキー",),
}
CONSENT = re.compile("|".join(sorted({re.escape(w) for ws in CONSENT_WORDS.values() for w in ws})))
# Punctuation inside running text; a long line without any is a row of links or tags.
PROSE_PUNCT = re.compile(r"[.,;:!?。、，！？؛،।]")
# Everything that is not a letter (digits, punctuation, spaces, symbols).
NON_LETTER = re.compile(r"[\W\d_]+")
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)

# Effective length (in Latin-letter equivalents) a line needs to read as running prose.
PROSE_SIZE = 110
# A shorter line still reads as prose when it has this many words and ends a sentence.
PROSE_MIN_WORDS = 7
# Each no-space-script character counts as this many Latin letters.
CJK_WEIGHT = 3
# Only lines shorter than this can be mostly digits and symbols (prices, scores, dates).
MAX_SYMBOL_ROW = 200
# Below this share of letters a line is a row of numbers or symbols.
MIN_LETTER_RATIO = 0.4
# Lines at or below this many words are "short" (titles, labels, menu entries).
SHORT_WORDS = 3


class Kind(IntEnum):
    """jusText's paragraph classes, as read from one line's shape."""

    BLANK = 0
    GOOD = 1  # running prose
    NEAR = 2  # a sentence, but short
    SHORT = 3  # a label, title or menu entry without a list marker
    BAD = 4  # a list item, link line, copyright line: page furniture


class LineShape(NamedTuple):
    """What the selector needs to know about one line (a tuple: thousands are made per page)."""

    text: str
    indent: int
    size: int
    words: int
    bullet: bool
    terminal: bool
    kind: Kind
    consent: bool
    copyright: bool


def effective_size(text: str) -> int:
    """Length in Latin-letter equivalents, so Japanese or Korean prose is not judged short."""
    if text.isascii() or NO_SPACE_SCRIPT.search(text) is None:
        return len(text)
    return len(text) + (CJK_WEIGHT - 1) * len(NO_SPACE_SCRIPT.findall(text))


def word_count(text: str, size: int) -> int:
    """Whitespace words, or for no-space scripts the size in six-letter words."""
    words = len(text.split())
    return max(words, size // 6) if size > len(text) else words


def letter_ratio(text: str) -> float:
    """Share of characters that are letters: low for prices, scores, dates and icon rows."""
    return len(NON_LETTER.sub("", text)) / len(text) if text else 0.0


def classify(text: str, bullet: bool, size: int, words: int, terminal: bool) -> Kind:
    """The line's class; a list item only counts as prose when it is long prose itself."""
    if not text:
        return Kind.BLANK
    if URL.match(text) or (size < MAX_SYMBOL_ROW and letter_ratio(text) < MIN_LETTER_RATIO):
        return Kind.BAD
    prose = (size >= PROSE_SIZE and PROSE_PUNCT.search(text) is not None) or (
        words >= PROSE_MIN_WORDS and terminal
    )
    if bullet:
        return Kind.NEAR if terminal and words >= PROSE_MIN_WORDS else Kind.BAD
    if prose:
        return Kind.GOOD if size >= PROSE_SIZE else Kind.NEAR
    return Kind.SHORT


BLANK = LineShape("", 0, 0, 0, False, False, Kind.BLANK, False, False)


def shape(line: str) -> LineShape:
    """Read one raw line (indentation kept) into its shape."""
    stripped = line.strip()
    if not stripped:
        return BLANK  # half the lines of a rendering: answered without any work
    indent = len(line) - len(line.lstrip())
    bullet = bool(BULLET.match(stripped))
    size = effective_size(stripped)
    words = word_count(stripped, size)
    terminal = stripped.rstrip(CLOSERS)[-1:] in TERMINAL
    kind = classify(stripped, bullet, size, words, terminal)
    low = stripped.lower()
    consent = CONSENT.search(low) is not None
    legal = COPYRIGHT.search(low) is not None
    if legal and size < MAX_SYMBOL_ROW:
        kind = Kind.BAD
    return LineShape(stripped, indent, size, words, bullet, terminal, kind, consent, legal)
