"""Shape features of one rendered line, for finding the article inside a whole page.

Every rule here reads the *shape* of a line (length, punctuation, bullets, indentation, writing
system), never its words, so it holds for every language in the dev sets. The few word tables
(copyright and "read more" shapes) are per-script symbols, not vocabulary.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import IntEnum

# A list item as a text renderer (inscriptis, lynx, html2text) prints it: "* Item", "+ Item",
# "- Item", "• Item", "1. Item", "a) Item". Lines made only of the marker count too ("*").
BULLET = re.compile(r"^(?:[*+•·▪►◦‣∙-]|\d{1,3}[.)]|[a-z][.)])(?:\s|$)")
# Sentence-final punctuation across scripts: Latin, CJK, Arabic, Devanagari, Armenian, Greek,
# Ethiopic; closing quotes and brackets may follow.
TERMINAL = re.compile(r"[.!?。！？؟۔।॥։;:…፧።]['\"”’»)\]」』]*$")
# Copyright and legal footer shapes (symbols and the few words that are the same everywhere).
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|copyright\s|all rights reserved", re.IGNORECASE)
# Scripts written without spaces between words: a character carries roughly a word.
NO_SPACE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f\uf900-\ufaff]")
# Consent-banner vocabulary, per language (matched case-insensitively as word starts). The one
# place where words matter: a cookie banner is long, well-formed prose, and only its words tell
# it from an article. "cookie" itself is the same in most languages.
CONSENT_WORDS: dict[str, tuple[str, ...]] = {
    "*": ("cookie", "gdpr", "dsgvo"),
    "en": ("consent preferences", "manage consent", "privacy settings", "opt-out"),
    "de": ("einwilligung", "datenschutzeinstellung", "datenschutzerklärung", "zustimmen"),
    "fr": ("consentement", "traceurs"),
    "es": ("consentimiento",),
    "it": ("consenso",),
    "pt": ("consentimento",),
    "nl": ("toestemming",),
    "sv": ("samtycke",),
    "da": ("samtykke",),
    "pl": ("zgod", "ciasteczk"),
    "cs": ("souhlas",),
    "tr": ("çerez",),
    "ru": ("файлы cookie", "согласие на обработку"),
    "ko": ("쿠키",),
    "ja": ("クッキー",),
}
CONSENT = re.compile(
    r"(?:^|\W)(?:" + "|".join(re.escape(w) for ws in CONSENT_WORDS.values() for w in ws) + ")",
    re.IGNORECASE,
)
URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)

# Effective length (in Latin-letter equivalents) a line needs to read as running prose.
PROSE_SIZE = 110
# A shorter line still reads as prose when it has this many words and ends a sentence.
PROSE_MIN_WORDS = 7
# Each no-space-script character counts as this many Latin letters.
CJK_WEIGHT = 3
# Lines at or below this many words are "short" (titles, labels, menu entries).
SHORT_WORDS = 3


class Kind(IntEnum):
    """jusText's paragraph classes, as read from one line's shape."""

    BLANK = 0
    GOOD = 1  # running prose
    NEAR = 2  # a sentence, but short
    SHORT = 3  # a label, title or menu entry without a list marker
    BAD = 4  # a list item, link line, copyright line: page furniture


@dataclass(frozen=True, slots=True)
class LineShape:
    """What the selector needs to know about one line."""

    text: str
    indent: int
    size: int
    words: int
    bullet: bool
    terminal: bool
    kind: Kind
    consent: bool


def effective_size(text: str) -> int:
    """Length in Latin-letter equivalents, so Japanese or Korean prose is not judged short."""
    return len(text) + (CJK_WEIGHT - 1) * len(NO_SPACE_SCRIPT.findall(text))


def word_count(text: str, size: int) -> int:
    """Whitespace words, or for no-space scripts the size in five-letter words."""
    words = len(text.split())
    return max(words, size // 6) if NO_SPACE_SCRIPT.search(text) else words


def letter_ratio(text: str) -> float:
    """Share of characters that are letters: low for prices, scores, dates and icon rows."""
    if not text:
        return 0.0
    return sum(unicodedata.category(c).startswith("L") for c in text) / len(text)


def classify(text: str, bullet: bool, size: int, words: int, terminal: bool) -> Kind:
    """The line's class; a list item only counts as prose when it is long prose itself."""
    if not text:
        return Kind.BLANK
    if (COPYRIGHT.search(text) and size < 200) or URL.match(text) or letter_ratio(text) < 0.4:
        return Kind.BAD
    prose = size >= PROSE_SIZE or (words >= PROSE_MIN_WORDS and terminal)
    if bullet:
        return Kind.NEAR if terminal and words >= PROSE_MIN_WORDS else Kind.BAD
    if prose:
        return Kind.GOOD if size >= PROSE_SIZE else Kind.NEAR
    return Kind.SHORT


def shape(line: str) -> LineShape:
    """Read one raw line (indentation kept) into its shape."""
    stripped = line.strip()
    indent = len(line) - len(line.lstrip())
    bullet = bool(BULLET.match(stripped))
    size = effective_size(stripped)
    words = word_count(stripped, size)
    terminal = bool(TERMINAL.search(stripped))
    kind = classify(stripped, bullet, size, words, terminal)
    consent = bool(CONSENT.search(stripped))
    return LineShape(stripped, indent, size, words, bullet, terminal, kind, consent)
