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
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*$")


def norm(text: str | None) -> str:
    """NFKC, straight quotes and dashes, one space, casefolded: the README's field matching."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


def same_text(a: str | None, b: str | None) -> bool:
    """Equal after `norm`, or one is the other cut short with an ellipsis (meta descriptions)."""
    na, nb = norm(a), norm(b)
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
