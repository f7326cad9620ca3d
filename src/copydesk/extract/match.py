"""Comparing a block with a metadata string (title, description) despite cosmetic differences."""

from __future__ import annotations

import re
import unicodedata

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
