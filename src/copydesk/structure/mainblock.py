"""Find the article inside a whole web page rendered to plain text, from the text alone.

A naive HTML-to-text rendering keeps menus, share rows, related links, cookie banners and footers
around the article. This module decides, line by line, what belongs to the article, in the
manner of boilerpipe's densest-region selection over jusText's paragraph classes, adapted to
lines: each line gets a class from its shape (``mainblock_features``), prose lines score by their
length and furniture lines cost, and the highest-scoring contiguous run of lines (a maximum
subarray, O(n)) is the article. The headline and standfirst just above it are kept for the
structure stage to name.

``looks_like_full_page`` guards the whole thing: ordinary extracted article text has no menus,
and must reach the structure stage untouched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from copydesk.structure.mainblock_features import COPYRIGHT, Kind, LineShape, shape

__all__ = ["looks_like_full_page", "select_main_content"]

# Score of a line for the densest-region search, per class: prose earns by its length (in
# tens of Latin letters), furniture costs a flat amount.
GOOD_PER_CHARS = 10
GOOD_CAP = 60
NEAR_FACTOR = 0.5
SHORT_COST = 3.0
BAD_COST = 8.0
# Furniture comes in runs (menus, share rows, comment headers); each further line of a run costs
# this much more than the one before, so a long run splits two prose regions for good while a
# lone caption or label inside an article costs little.
RUN_GROWTH = 0.5
# How many non-blank lines above the region may still be headline, kicker, byline, standfirst.
HEAD_LINES = 6

# The detector. Renderers print menus as "* Item" / "+ Item" lines; an extracted article has at
# most a couple of such lines (a list in the text), a rendered page dozens.
MENU_MARKER = re.compile(r"^[*+•](?:\s|$)")
MIN_MENU_LINES = 6
# Renderers also indent by nesting depth: most lines indented, at several depths. Extracted text
# is flush left, or indents only the first line of a paragraph (two depths).
MIN_INDENTED_SHARE = 0.5
MIN_INDENT_LEVELS = 3
# Digits masked, so "2 days ago at 07:52" and "Rating: 36 Votes" repeat as templates.
DIGITS = re.compile(r"\d+")


def _text(line: object) -> str:
    """Any entry as a string: the interface promises never to raise on odd input."""
    return line if isinstance(line, str) else ""


def _mark_furniture(shapes: list[LineShape]) -> list[bool]:
    """Lines that are page furniture whatever their length: list-item continuations, repeats.

    A line right under a list item and indented deeper belongs to that item (a teaser under a
    related link); a short line printed more than once on the page is a label (``Advertisement``,
    ``Share``), not article text.
    """
    counts = Counter(DIGITS.sub("0", s.text) for s in shapes if s.text)
    furniture = [False] * len(shapes)
    item_indent = -1
    for i, s in enumerate(shapes):
        if s.kind is Kind.BLANK:
            item_indent = -1
            continue
        if s.bullet:
            item_indent = s.indent
        elif item_indent >= 0 and s.indent > item_indent:
            furniture[i] = True
        else:
            item_indent = -1
        if counts[DIGITS.sub("0", s.text)] > 1 and s.kind is not Kind.GOOD:
            furniture[i] = True
    return furniture


def _base_score(s: LineShape, furniture: bool) -> float:
    if s.kind is Kind.BLANK:
        return 0.0
    if furniture or s.kind is Kind.BAD or s.consent:
        return -BAD_COST
    if s.kind is Kind.SHORT:
        return -SHORT_COST
    gain = min(s.size / GOOD_PER_CHARS, GOOD_CAP)
    return gain if s.kind is Kind.GOOD else gain * NEAR_FACTOR


def _scores(shapes: list[LineShape], furniture: list[bool]) -> list[float]:
    """Per-line scores, costs growing along a run of furniture (blank lines do not break it)."""
    out: list[float] = []
    run = 0
    for s, f in zip(shapes, furniture, strict=True):
        value = _base_score(s, f)
        if value < 0:
            run += 1
            value *= 1 + RUN_GROWTH * (run - 1)
        elif value > 0:
            run = 0
        out.append(value)
    return out


def _densest_region(scores: Sequence[float]) -> tuple[int, int]:
    """Kadane's maximum subarray: the [start, end] run of lines with the highest total score."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, value in enumerate(scores):
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _outside_reason(s: LineShape, before: bool) -> str:
    if s.bullet:
        return "navigation" if before else "related"
    if COPYRIGHT.search(s.text):
        return "footer"
    return "outside"


def _head_start(shapes: list[LineShape], furniture: list[bool], start: int) -> int:
    """Walk up from the region over headline-like lines (no list items, no furniture)."""
    seen = 0
    i = start
    while i > 0 and seen < HEAD_LINES:
        s = shapes[i - 1]
        if s.kind is not Kind.BLANK:
            if s.kind is Kind.BAD or furniture[i - 1]:
                break
            seen += 1
        i -= 1
    return i


def select_main_content(lines: list[str]) -> list[str | None]:
    """One entry per line: None keeps it, a reason string drops it."""
    texts = [_text(x) for x in lines]
    shapes = [shape(t) for t in texts]
    furniture = _mark_furniture(shapes)
    start, end = _densest_region(_scores(shapes, furniture))
    if end < start:
        return [None] * len(texts)
    while end > start and shapes[end].kind in (Kind.SHORT, Kind.BLANK):
        end -= 1
    head = _head_start(shapes, furniture, start)
    out: list[str | None] = []
    for i, s in enumerate(shapes):
        if i < head or i > end:
            out.append("blank" if s.kind is Kind.BLANK else _outside_reason(s, i < head))
        elif s.consent:
            out.append("cookie")
        elif furniture[i] or s.kind is Kind.BAD:
            out.append("boilerplate" if not s.bullet else "navigation")
        else:
            out.append(None)
    return out


def looks_like_full_page(lines: list[str]) -> bool:
    """True when the text is a rendered page (menus, nested indentation), not an article.

    Deliberately conservative: a False sends the text on untouched, which is right for every
    extracted article; a True on one would cut it to its densest block.
    """
    filled = [x for x in (_text(line) for line in lines) if x.strip()]
    if not filled:
        return False
    menu = sum(bool(MENU_MARKER.match(x.lstrip())) for x in filled)
    if menu >= MIN_MENU_LINES:
        return True
    indents = [len(x) - len(x.lstrip()) for x in filled]
    indented = sum(n > 0 for n in indents) / len(filled)
    return indented >= MIN_INDENTED_SHARE and len(set(indents)) >= MIN_INDENT_LEVELS
