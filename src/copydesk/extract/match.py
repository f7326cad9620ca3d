"""Comparing a block with a metadata string (title, description) despite cosmetic differences."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
#: Characters that never change a text's wording (soft hyphen, zero-width space and joiner).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*$")


def norm(text: str | None) -> str:
    """NFKC, straight quotes and dashes, one space, casefolded: the README's field matching."""
    text = text or ""
    if not unicodedata.is_normalized("NFKC", text):  # the quick check is most of the time
        text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().casefold()


def word_key(text: str) -> str:
    """The text's words in order, folded as `norm` folds them: two texts with the same key
    differ only in case, spacing, quotation marks, punctuation or invisible characters."""
    return " ".join(_WORD.findall(norm(text.translate(_INVISIBLE))))


def same_text(a: str | None, b: str | None) -> bool:
    """Equal after `norm`, or one is the other cut short with an ellipsis (meta descriptions)."""
    return _same_normed(norm(a), norm(b))


def _same_normed(na: str, nb: str) -> bool:
    if not na or not nb:
        return False
    if na == nb:
        return True
    short, long_ = sorted((_ELLIPSIS.sub("", na), _ELLIPSIS.sub("", nb)), key=len)
    return len(short) >= 40 and long_.startswith(short)


def word_overlap(a: str | None, b: str | None) -> float:
    """Share of ``a``'s words found in ``b`` (0 when ``a`` is empty)."""
    wa = re.findall(r"\w+", norm(a))
    wb = set(re.findall(r"\w+", norm(b)))
    return sum(w in wb for w in wa) / len(wa) if wa else 0.0


#: An excerpt is the page's opening text, so nearly all of its words are there in order; a summary
#: written for the page shares words with it but rarely a run of them.
EXCERPT_SHARE = 0.85
#: Runs shorter than this do not count as the excerpt's (shared phrases like "in the").
EXCERPT_RUN = 3
#: Below this many words a summary is too short to tell an excerpt from a dek.
EXCERPT_MIN_WORDS = 8


def excerpt_of(summary: str | None, text: str) -> bool:
    """``summary`` is an excerpt of ``text`` cut off with an ellipsis: the first words of the
    page, whatever stood in them (a dek, the byline, the lede, a "Share this" label), which a
    CMS writes into the meta description (WordPress ends it with "[…]"). It is no standfirst:
    as one it printed the article's opening twice."""
    if not summary or not _ELLIPSIS.search(summary):
        return False
    want = _WORD.findall(norm(summary))[:-1]  # the last word may be cut mid-word
    if len(want) < EXCERPT_MIN_WORDS:
        return False
    have = _WORD.findall(norm(text))[: 2 * len(want) + 20]
    runs = SequenceMatcher(None, want, have, autojunk=False).get_matching_blocks()
    return sum(r.size for r in runs if r.size >= EXCERPT_RUN) >= EXCERPT_SHARE * len(want)


#: A description cut short without an ellipsis still matches a paragraph it starts, from this
#: many characters on.
MIN_PREFIX_CHARS = 60


def starts_alike(paragraph: str | None, summary: str | None) -> bool:
    """``summary`` is ``paragraph``, or its start (meta descriptions are often cut at ~160
    characters, with or without an ellipsis)."""
    np_, ns = norm(paragraph), _ELLIPSIS.sub("", norm(summary))
    if not np_ or not ns:
        return False
    if np_ == ns:
        return True
    short = min(len(np_), len(ns), 300)
    return short >= MIN_PREFIX_CHARS and np_[:short] == ns[:short]
