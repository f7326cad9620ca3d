"""Find the article inside a whole web page rendered to plain text, from the text alone.

A naive HTML-to-text rendering keeps menus, share rows, related links, cookie banners and footers
around the article. This module decides, line by line, what belongs to the article: boilerpipe's
densest-region selection over jusText's paragraph classes, adapted to rendered lines.

1. Each line gets a class from its shape alone (``mainblock_features``): running prose, a short
   sentence, a label, or furniture (list items, links, symbol rows, copyright lines). Lines that
   hang under a list item, and lines the page prints more than once (digits masked), are
   furniture whatever their class.
2. Prose earns by its length, furniture costs, more the longer its run. One Kadane scan yields
   every candidate region (each segment's maximum-scoring run), O(n).
3. Renderers indent by DOM depth, so the article's paragraphs share one indentation. The scan is
   repeated for the heaviest prose depths of the best region, prose at other depths counting as
   furniture; neighbouring candidates at one depth join into a group (an article cut by a
   gallery or a product box); the first group within half of the best wins (the article comes
   before its comments and before the next article a site appends); prose one level deeper that
   touches it joins it (live-blog entries).
4. Inside the region, furniture, consent text and short lines off the prose column are dropped;
   the headline block just above it is kept for the structure stage to name.

Reasons for dropped lines: ``navigation`` (list items before the article), ``related`` (list
items after it), ``footer`` (copyright lines), ``cookie`` (consent text), ``boilerplate``
(furniture inside the region), ``outside`` (anything else outside), ``blank`` (blank lines
outside), ``head`` (the headline block, only with ``keep_head=False``).

``looks_like_full_page`` guards the whole thing: ordinary extracted article text has no menus,
and must reach the structure stage untouched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from copydesk.structure.mainblock_features import Kind, LineShape, shape

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
# Neighbouring regions join the best one when printed at its indentation (within the tolerance),
# at most this many lines away, and strong enough on their own.
INDENT_TOLERANCE = 1
# A list inside the article is printed up to this much deeper than its paragraphs.
LIST_NESTING = 4
MAX_MERGE_GAP = 40
MERGE_MIN_SCORE = 20.0
# Prose columns (indentations) worth a pass of their own: at most this many, each with at least
# this share of the heaviest column's prose.
MAX_COLUMNS = 3
COLUMN_SHARE = 0.25
# Prose at another depth joins the region when at most this many lines separate them.
ADJACENT_LINES = 2
# The first group scoring at least this share of the best one is the article.
EARLY_RATIO = 0.5
# Inside the region, lines of these classes must sit at the prose's indentation.
OFF_COLUMN_KINDS = (Kind.SHORT,)
# Inside the region a list item with at least this many words is article text, not a menu.
LIST_ITEM_WORDS = 7
# How many non-blank lines above the region may still be headline, kicker, byline, standfirst.
HEAD_LINES = 4

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
    masked = [DIGITS.sub("0", s.text) if s.text else "" for s in shapes]
    counts = Counter(masked)
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
        if counts[masked[i]] > 1:
            furniture[i] = True
    return furniture


def _base_score(s: LineShape, furniture: bool) -> float:
    if s.kind is Kind.BLANK:
        return 0.0
    if furniture and s.kind is Kind.GOOD:
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


@dataclass(frozen=True, slots=True)
class Region:
    """A run of lines [start, end] with its score and the indentation its prose is printed at."""

    start: int
    end: int
    score: float
    indent: int = 0


def _candidate_regions(scores: Sequence[float]) -> list[Region]:
    """Every maximal-scoring run between the points where the running sum falls to zero.

    This is Kadane's scan that remembers each segment's best run instead of only the overall
    best, so the densest run and its rivals (comments, a second article part) come out in one
    O(n) pass.
    """
    regions: list[Region] = []
    total, start, best, best_end = 0.0, 0, 0.0, -1
    for i, value in enumerate(scores):
        if total <= 0:
            if best_end >= 0:
                regions.append(Region(start, best_end, best))
            total, start, best, best_end = value, i, 0.0, -1
        else:
            total += value
        if total > best:
            best, best_end = total, i
    if best_end >= 0:
        regions.append(Region(start, best_end, best))
    return regions


def _prose_indents(shapes: list[LineShape], region: Region) -> list[int]:
    """The indentations carrying a good share of the region's prose (by size), heaviest first."""
    weight: Counter[int] = Counter()
    for s in shapes[region.start : region.end + 1]:
        if s.kind in (Kind.GOOD, Kind.NEAR):
            weight[s.indent] += s.size
    if not weight:
        return [0]
    top = weight.most_common(1)[0][1]
    return [k for k, w in weight.most_common(MAX_COLUMNS) if w >= COLUMN_SHARE * top]


def _gap_is_open(shapes: list[LineShape], lo: int, hi: int) -> bool:
    """No consent or copyright line between two regions, and the gap is not too long."""
    if hi - lo > MAX_MERGE_GAP:
        return False
    return not any(s.consent or s.copyright for s in shapes[lo:hi])


def _off_column_scores(
    shapes: list[LineShape], scores: Sequence[float], indent: int
) -> list[float]:
    """Rescore prose printed at another depth than the article's as furniture.

    A renderer indents by DOM depth, so the article's paragraphs share one indentation; prose at
    another one is a caption, a teaser or the next article appended below.
    """
    return [
        -SHORT_COST if v > 0 and not _in_column(s, indent) else v
        for s, v in zip(shapes, scores, strict=True)
    ]


def _in_column(s: LineShape, indent: int) -> bool:
    """Printed at the column's depth; a list item may sit one nesting level deeper."""
    if s.bullet and 0 <= s.indent - indent <= LIST_NESTING:
        return True
    return abs(s.indent - indent) <= INDENT_TOLERANCE


def _main_region(shapes: list[LineShape], scores: Sequence[float]) -> Region | None:
    """The article: the densest region, then re-found within its prose column.

    The first pass may bridge two articles, or an article and its comments, printed at different
    depths; so each depth that carries a good share of the first region's prose gets its own
    pass, and the earliest strong result wins, as in ``_best_region``.
    """
    first = _best_region(shapes, scores)
    if first is None or not any(s.indent for s in shapes):
        return first
    found = [
        r
        for indent in _prose_indents(shapes, first)
        if (r := _best_region(shapes, _off_column_scores(shapes, scores, indent))) is not None
    ]
    if not found:
        return first
    best = max(r.score for r in found)
    main = min((r for r in found if r.score >= EARLY_RATIO * best), key=lambda r: r.start)
    return _adjoin(shapes, main, found)


def _adjoin(shapes: list[LineShape], main: Region, found: list[Region]) -> Region:
    """Extend the region over prose at another depth that follows or precedes it directly.

    A live blog prints its lede at one depth and its entries one level deeper; the two touch,
    with at most a timestamp or a title between them. A second article always has more between.
    """
    start, end = main.start, main.end
    for other in sorted(found, key=lambda r: r.start):
        if other.start > end and _filled_between(shapes, end, other.start) <= ADJACENT_LINES:
            end = max(end, other.end)
    for other in sorted(found, key=lambda r: -r.end):
        if other.end < start and _filled_between(shapes, other.end, start) <= ADJACENT_LINES:
            start = min(start, other.start)
    return Region(start, end, main.score, main.indent)


def _filled_between(shapes: list[LineShape], lo: int, hi: int) -> int:
    """Non-blank lines strictly between two line numbers."""
    return sum(s.kind is not Kind.BLANK for s in shapes[lo + 1 : hi])


def _best_region(shapes: list[LineShape], scores: Sequence[float]) -> Region | None:
    """The first strong group of candidate regions printed at one indentation.

    Neighbouring candidates join into a group (an article broken by a gallery, a product box, an
    embedded video) when they are strong, share their prose indentation and nothing closes the
    gap. Of the groups, the first one within ``EARLY_RATIO`` of the best wins: the page's article
    comes before its comments and before the next article a site appends.
    """
    groups: list[Region] = []
    for r in _candidate_regions(scores):
        r = Region(r.start, r.end, r.score, _prose_indents(shapes, r)[0])
        last = groups[-1] if groups else None
        if last is not None and _joins(shapes, last, r):
            indent = last.indent if last.score >= r.score else r.indent
            groups[-1] = Region(last.start, r.end, last.score + r.score, indent)
        else:
            groups.append(r)
    if not groups:
        return None
    best = max(g.score for g in groups)
    return next(g for g in groups if g.score >= EARLY_RATIO * best)


def _joins(shapes: list[LineShape], group: Region, region: Region) -> bool:
    """Whether a region continues the group before it (same column, open gap, strong)."""
    return (
        region.score >= MERGE_MIN_SCORE
        and group.score >= MERGE_MIN_SCORE
        and abs(region.indent - group.indent) <= INDENT_TOLERANCE
        and _gap_is_open(shapes, group.end + 1, region.start)
    )


def _outside_reason(s: LineShape, before: bool) -> str:
    if s.bullet:
        return "navigation" if before else "related"
    if s.copyright:
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


def _off_column(s: LineShape, indent: int) -> bool:
    """A short line inside the region but printed at another depth than its prose."""
    return s.kind in OFF_COLUMN_KINDS and not _in_column(s, indent)


def select_main_content(lines: list[str], *, keep_head: bool = True) -> list[str | None]:
    """One entry per line: None keeps it, a reason string drops it.

    ``keep_head`` keeps the few lines just above the article (headline, kicker, byline, date,
    standfirst) for the structure stage to name; without it they are dropped as ``"head"``.
    """
    texts = [_text(x) for x in lines]
    shapes = [shape(t) for t in texts]
    furniture = _mark_furniture(shapes)
    region = _main_region(shapes, _scores(shapes, furniture))
    if region is None:
        return [None] * len(texts)
    start, end = region.start, region.end
    indented = any(s.indent for s in shapes)
    while end > start and shapes[end].kind in (Kind.SHORT, Kind.BLANK):
        end -= 1
    head = _head_start(shapes, furniture, start)
    out: list[str | None] = []
    seen: set[str] = set()
    for i, s in enumerate(shapes):
        if i < head or i > end:
            out.append("blank" if s.kind is Kind.BLANK else _outside_reason(s, i < head))
            continue
        if i < start:
            out.append(None if keep_head or s.kind is Kind.BLANK else "head")
            continue
        why = _inside_reason(s, furniture[i], s.text in seen, region.indent if indented else None)
        if why is None and s.text:
            seen.add(s.text)
        out.append(why)
    return out


def _inside_reason(s: LineShape, furniture: bool, seen: bool, indent: int | None) -> str | None:
    """Why a line inside the region is dropped after all, or None to keep it.

    Prose printed twice (a caption under a gallery and again in a lightbox, a paragraph again in
    a teaser) is kept once.
    """
    if s.consent:
        return "cookie"
    if s.kind is Kind.GOOD and furniture:
        return "boilerplate" if seen else None
    if furniture and s.kind is Kind.SHORT and _sentence(s.text):
        return None
    if furniture or s.kind is Kind.BAD:
        return "navigation" if s.bullet else "boilerplate"
    if indent is not None and _off_column(s, indent):
        return "boilerplate"
    return None


def looks_like_full_page(lines: list[str]) -> bool:
    """True when the text is a rendered page (menus, nested indentation), not an article.

    Deliberately conservative: a False sends the text on untouched, which is right for every
    extracted article; a True on one would cut it to its densest block.
    """
    texts = [_text(line) for line in lines]
    if not any(x and (x[0].isspace() or x[0] in "*+•") for x in texts):
        return False  # flush left and no menu bullets: neither test below can pass
    filled = [x for x in texts if x.strip()]
    if not filled:
        return False
    menu = sum(bool(MENU_MARKER.match(x.lstrip())) for x in filled)
    if menu >= MIN_MENU_LINES:
        return True
    indents = [len(x) - len(x.lstrip()) for x in filled]
    indented = sum(n > 0 for n in indents) / len(filled)
    return indented >= MIN_INDENTED_SHARE and len(set(indents)) >= MIN_INDENT_LEVELS


def _sentence(text: str) -> bool:
    return len(text.split()) >= 4 and text.rstrip().endswith(("?", ".", "!", ":"))
