"""Shared scoring helpers for the evals: the Zyte shingle metric and field normalisation.

The body metric reimplements the article-extraction-benchmark's ``evaluate.py`` exactly as
``../shared/data/tools/shingle_f1.py`` does (see the data README), plus the README's rule of
stripping a leading dateline from gold and prediction alike before scoring.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Triple = tuple[float, float, float]

_TOKEN = re.compile(r"\w+")

#: Leading datelines: "NEW DELHI: ", "WASHINGTON (Reuters) - ", "Washington, Sept 30 (AP) -- ".
_AGENCY = r"\((?:AP|Reuters|AFP|PTI|IANS|ANI|dpa|DPA|UPI|Bloomberg|CNN|BBC|[A-Z]{2,6})\)"
DATELINE = re.compile(
    r"^\s*(?:"
    rf"[A-Z][\w.'’ -]{{1,40}}?(?:,\s*[\w.'’ ]{{2,30}}?)?\s*{_AGENCY}\s*(?:[-–—:]{{1,2}}|,)\s*"
    r"|[A-Z][A-Z.'’ -]{1,30}(?:,\s*[\w.'’ ]{2,30}?)?\s*(?::|\s[-–—]{1,2})\s+"
    r")"
)

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


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def tp_fp_fn(true: str | None, pred: str | None) -> Triple:
    """Normalised multiset overlap of 4-token shingles for one document."""
    t, p = shingles(true), shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() & p.keys())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def prf(triples: Iterable[Triple]) -> tuple[float, float, float]:
    """Mean precision over docs with a prediction, mean recall over docs with gold, their F1."""
    triples = list(triples)

    def p(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def r(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    prec = statistics.mean([p(*t) for t in triples if t[0] + t[1] > 0] or [0.0])
    rec = statistics.mean([r(*t) for t in triples if t[0] + t[2] > 0] or [0.0])
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def strip_dateline(text: str | None) -> str:
    """The text without a leading dateline (applied to gold and prediction alike)."""
    return DATELINE.sub("", text or "", count=1)


def body_text(body: str | Sequence[str] | None) -> str:
    return "\n\n".join(body) if isinstance(body, (list, tuple)) else (body or "")  # type: ignore[arg-type]


def body_triple(gold: str | Sequence[str] | None, pred: str | Sequence[str] | None) -> Triple:
    return tp_fp_fn(strip_dateline(body_text(gold)), strip_dateline(body_text(pred)))


def norm_field(text: str | None) -> str:
    """NFKC, straight quotes and dashes, collapsed whitespace, casefolded (README field rule)."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


def field_match(gold: str | None, pred: str | None) -> bool:
    return norm_field(gold) == norm_field(pred)


def same_day(gold: str | None, pred: str | None) -> bool:
    """Dates match when their ISO calendar day (first 10 characters) is the same."""
    return bool(gold and pred) and str(gold)[:10] == str(pred)[:10]


def set_f1(gold: Iterable[str], pred: Iterable[str]) -> float:
    """F1 of two name sets after normalisation (byline scoring); 1.0 when both are empty."""
    g = {norm_field(x) for x in gold if x and x.strip()}
    p = {norm_field(x) for x in pred if x and x.strip()}
    if not g and not p:
        return 1.0
    tp = len(g & p)
    if not tp:
        return 0.0
    prec, rec = tp / len(p), tp / len(g)
    return 2 * prec * rec / (prec + rec)


@dataclass(slots=True)
class FieldScore:
    """Accuracy of one field over the documents whose gold has it."""

    hits: float = 0.0
    count: int = 0

    def add(self, value: float) -> None:
        self.hits += value
        self.count += 1

    @property
    def value(self) -> float | None:
        return self.hits / self.count if self.count else None
