"""Repeated blocks: paragraphs printed twice by a scraper or a CMS, kept once (the first).

A paragraph is a repeat when its words equal an earlier paragraph's, or when most of its word
3-grams occur in one earlier paragraph (a repeat that was lightly edited or re-wrapped; in
plain text such a near copy must also add no word of its own, see `adds_words`).

Articles repeat lines of their own, and a copy-editor must keep them: an interview's questions
put to each guest, a meal plan's "Pre-Workout Meal" every day, "See it now: Amazon" under each
product. So a line the text has three times or more is never a repeat (`recurring_keys`) unless
it sits inside a copied block, and a short one (under `MIN_NEAR_WORDS` words) counts only as
part of a repeated run, or where a printed-twice block sits: right after the block it copies, or
at the end. On text-dev (extracted) the gold's recurring paragraphs kept went 0.218 -> 0.948,
injected repeats removed 1.000 -> 0.972 (the misses are copies of recurring lines), body F1
0.989 -> 0.992 with this session's other text rules (`python -m benchmarks.eval_text`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from copydesk.repair.unwrap import should_join
from copydesk.rules.datelines import find_dateline

_WORDS = re.compile(r"\w+")
#: Paragraphs with fewer words are compared exactly and only inside a repeated run.
MIN_NEAR_WORDS = 15
#: Share of a paragraph's 3-grams found in one earlier paragraph that makes it a repeat.
CONTAINMENT = 0.8


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def word_key(text: str) -> tuple[str, ...]:
    """The words of ``text``, casefolded: what repeats compare. The key of lines joined by
    unwrapping is the concatenation of the lines' keys (a join adds a space or follows a
    hyphen, so no word spans two lines), which lets callers compute it once per line."""
    if text.isascii():
        # Same words as the regex, twice as fast: one byte table lowercases and blanks out
        # everything that is not [A-Za-z0-9_] (what \w means on ASCII), then split.
        return tuple(text.encode().translate(_ASCII_WORDS).decode().split())
    return tuple(_WORDS.findall(text.casefold()))


#: Byte table for `word_key`: ASCII letters lowercased, digits and "_" kept, all else a space.
_ASCII_WORDS = bytes(
    (c | 0x20 if chr(c).isupper() else c) if c < 128 and (chr(c).isalnum() or c == 95) else 32
    for c in range(256)
)


def _shingles(words: Sequence[str]) -> set[tuple[str, ...]]:
    if len(words) < 3:
        return {tuple(words)}
    return set(zip(words, words[1:], words[2:], strict=False))


#: Grams sampled from a paragraph to look up candidate originals; a copy that keeps 80% of its
#: 3-grams keeps most of these, so an original is never missed for want of a probe.
ANCHORS = 12


def find_repeats(
    paragraphs: list[str],
    seen_before: Sequence[str] = (),
    runs_only: bool = False,
    near_adds_nothing: bool = False,
    keys: Sequence[tuple[str, ...]] | None = None,
) -> dict[int, tuple[int, float]]:
    """Map each repeated paragraph's index to (index of the original, similarity).

    ``seen_before`` are texts that count as originals without being candidates themselves
    (the headline and standfirst); their originals are reported as -1. With ``runs_only`` a
    paragraph repeated word for word is kept unless it touches a near repeat or a repeat of the
    head (HTML: on the Zyte pages, exact repeats, even in runs, were the page's own lists and
    recurring questions, while near repeats were an extractor printing a lead twice with small
    changes). Repeats are
    found by probing an inverted index with a few sampled 3-grams, then scored exactly by set
    containment, so the cost stays linear in the text. With ``near_adds_nothing`` a near copy
    must not bring a word its original lacks (see `adds_words`). ``keys`` are the paragraphs'
    `word_key` when the caller has them already.
    """
    exact: dict[tuple[str, ...], int] = {}
    for text in seen_before:
        head = word_key(text)
        if len(head) >= MIN_NEAR_WORDS:
            exact.setdefault(head, -1)
    index: dict[tuple[str, ...], int] = {}
    gram_sets: dict[int, set[tuple[str, ...]]] = {}
    repeats: dict[int, tuple[int, float]] = {}
    short: dict[int, int] = {}
    placed: dict[int, int] = {}
    lone: dict[int, tuple[int, float]] = {}
    found = lone if runs_only else repeats
    keys = keys if keys is not None else [word_key(text) for text in paragraphs]
    recurring = recurring_keys(keys)
    for i, text in enumerate(paragraphs):
        key = keys[i]
        if not key:
            continue
        words = key
        if key in recurring and exact.get(key) != -1:
            continue  # the article's own recurring line, kept each time
        if key in exact:
            if exact[key] == -1:
                repeats[i] = (-1, 1.0)
            elif len(words) >= MIN_NEAR_WORDS or (runs_only and len(words) >= 4):
                found[i] = (exact[key], 1.0)
            elif len(words) >= 4:
                placed[i] = exact[key]
            else:
                short[i] = exact[key]
            continue
        exact[key] = i
        if len(words) < MIN_NEAR_WORDS:
            continue
        grams = _shingles(words)
        best = _best_original(grams, words, index, gram_sets)
        if (
            best is not None
            and best[1] >= CONTAINMENT
            and not (near_adds_nothing and adds_words(text, gram_sets[best[0]]))
        ):
            repeats[i] = best
            continue
        index.update(dict.fromkeys(grams, i))
        gram_sets[i] = grams
    _add_short_in_runs(repeats, {i: v[0] for i, v in lone.items()})
    _add_placed_runs(repeats, placed, short, keys, recurring)
    _add_short_in_runs(repeats, placed)
    _add_short_in_runs(repeats, short)
    _fill_gaps(repeats, keys)
    if not runs_only:  # in HTML exact repeats are the page's own unless they touch a near one
        _copied_blocks(repeats, keys, recurring)
    return repeats


#: A line written this many times is the article's own: a scraper or CMS prints a block twice.
RECURRING_COPIES = 3


def recurring_keys(keys: Sequence[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Lines the text has `RECURRING_COPIES` times or more: the questions of an interview put
    to each guest, a meal plan's "Pre-Workout Meal" every day, a table's header, "See it now:
    Amazon" or a disclosure under each product. Printed again as part of a block, they go
    (`_copied_blocks`)."""
    counts = Counter(k for k in keys if k)
    return {k for k, n in counts.items() if n >= RECURRING_COPIES}


def adds_words(text: str, original: set[tuple[str, ...]]) -> bool:
    """Whether a near copy has a word its original lacks (a dateline it opens with aside: a
    lead often restates a summary line with "DUBAI, United Arab Emirates —" in front).

    A scraper's or CMS's second copy re-wraps or trims the text but invents nothing, while
    paragraphs an article itself writes twice differ by added words: a list item with one more
    ingredient ("1 scoop Shakeology, 1 cup spinach, ..."), a lede restated in the body with
    "both" added. On text-dev every near repeat that added a word was kept in the gold (6 of 6).
    """
    dateline = find_dateline(text)
    known = {w for gram in original for w in gram}
    return any(w not in known for w in _words(text[len(dateline.raw) if dateline else 0 :]))


def _best_original(
    grams: set[tuple[str, ...]],
    words: tuple[str, ...],
    index: dict[tuple[str, ...], int],
    gram_sets: dict[int, set[tuple[str, ...]]],
) -> tuple[int, float] | None:
    if not index:
        return None
    step = max(1, (len(words) - 2) // ANCHORS)
    candidates = set()
    get = index.get
    for k in range(0, max(1, len(words) - 2), step):  # a plain loop: this runs per paragraph
        j = get(words[k : k + 3])
        if j is not None:
            candidates.add(j)
    best: tuple[int, float] | None = None
    for j in candidates:
        score = len(grams & gram_sets[j]) / len(grams)
        if best is None or score > best[1]:
            best = (j, round(score, 3))
    return best


#: Lines shorter than this may sit between a block and its copy, or after a copy at the end:
#: a credit ("PTI", "(With inputs from agencies)"), a photo line.
CREDIT_WORDS = 6


def _add_placed_runs(
    repeats: dict[int, tuple[int, float]],
    placed: dict[int, int],
    short: dict[int, int],
    keys: Sequence[tuple[str, ...]],
    recurring: set[tuple[str, ...]],
) -> None:
    """Runs of short repeats that sit where a printed-twice block sits: right after the run
    they copy, or at the end of the text (what follows, if anything, only credit-like lines of
    under `CREDIT_WORDS` words). A short line repeated anywhere else is the article's own: a
    list item under two headings, a "vote for her on the last page!" after each profile. Runs
    are judged last to first, so what follows each is known without scanning it again (that
    scan made a text of 20,000 repeated pairs take 87 s)."""
    copied = {o for o, _s in repeats.values()} | set(placed.values()) | set(short.values())

    def filler(i: int) -> bool:
        return len(keys[i]) < CREDIT_WORDS or keys[i] in recurring

    tail, tail_ok = len(keys), True
    for run in reversed(_consecutive(sorted(placed))):
        while tail - 1 > run[-1]:
            tail -= 1
            tail_ok = tail_ok and (tail in repeats or filler(tail))
        originals = [placed[i] for i in run]
        if originals != list(range(originals[0], originals[0] + len(run))):
            continue
        # between the block and its copy: only more of the block, or filler lines
        after = all(k in copied or filler(k) for k in range(originals[-1] + 1, run[0]))
        if after or tail_ok:
            for i in run:
                repeats[i] = (placed.pop(i), 1.0)


#: Long recurring paragraphs in a row, in the order of their first copies, that make a copied
#: block: a meal plan prints the same two-paragraph meal on several days (one Zyte page lost
#: four real paragraphs to pairs), a text printed three times repeats many in a row.
MIN_COPIED_BLOCK = 3


def _copied_blocks(
    repeats: dict[int, tuple[int, float]],
    keys: Sequence[tuple[str, ...]],
    recurring: set[tuple[str, ...]],
) -> None:
    """Long recurring paragraphs printed again in the order of their first copies: a block,
    or a whole text, printed three times (pages concatenated), which the recurring rule would
    keep whole. `MIN_COPIED_BLOCK` such paragraphs in a row, each the one after the other's
    first copy, are a copy; a disclosure under each product has other text around it."""
    first: dict[tuple[str, ...], int] = {}
    for i, key in enumerate(keys):
        first.setdefault(key, i)

    def copied(i: int) -> bool:
        key = keys[i]
        return key in recurring and len(key) >= MIN_NEAR_WORDS and first[key] < i

    run: list[int] = []
    for i in [*range(len(keys)), len(keys)]:
        if run and i < len(keys) and copied(i) and first[keys[i]] == first[keys[run[-1]]] + 1:
            run.append(i)
            continue
        if len(run) >= MIN_COPIED_BLOCK:
            for k in run:
                repeats.setdefault(k, (first[keys[k]], 1.0))
        run = [i] if i < len(keys) and copied(i) else []


def _fill_gaps(repeats: dict[int, tuple[int, float]], keys: Sequence[tuple[str, ...]]) -> None:
    """A block printed twice is copied line for line: a paragraph between two repeats that
    equals the paragraph between their originals is part of the copy, even a line the article
    has three times ("[ PC World ]" after each quote)."""
    for i in range(1, len(keys) - 1):
        before, after = repeats.get(i - 1), repeats.get(i + 1)
        if i in repeats or before is None or after is None or before[0] < 0:
            continue
        there = before[0] + 1
        if after[0] == there + 1 and keys[i] and keys[i] == keys[there]:
            repeats[i] = (there, 1.0)


def _consecutive(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _add_short_in_runs(repeats: dict[int, tuple[int, float]], short: dict[int, int]) -> None:
    """Short exact repeats join the result when they touch a repeated run."""
    changed = True
    while changed:
        changed = False
        for i, original in list(short.items()):
            if i - 1 in repeats or i + 1 in repeats:
                repeats[i] = (original, 1.0)
                del short[i]
                changed = True


#: A run of repeated lines counts from this many lines (or one line of `MIN_NEAR_WORDS` words).
MIN_RUN_LINES = 2
#: Line comparisons allowed per line over a whole search. A line that repeats one short line
#: thousands of times ("a" on 20,000 lines) starts a run against the first copy at every line
#: and is compared with all the lines before it: 64 s for 40 KB. Real repeats are accepted and
#: skipped whole, so they use a few comparisons per line.
MAX_COMPARISONS_PER_LINE = 64


def find_repeated_line_runs(
    lines: list[str], keys: Sequence[tuple[str, ...]] | None = None
) -> dict[int, int]:
    """Lines that repeat an earlier run of lines exactly (ignoring case and punctuation).

    Runs on lines *before* unwrapping: a hard-wrapped paragraph printed twice repeats line for
    line, and catching it here keeps an ambiguous line join from gluing the copy to its
    neighbour. A run must span whole paragraphs (neither its first line nor the line after it
    continues the line before): two different paragraphs quoting the same long phrase can wrap
    it into the same lines. Returns {index of repeated line: index of the line it repeats}.
    ``keys`` are the lines' `word_key` when the caller has them already.
    """
    if keys is None:
        keys = [word_key(s) for s in lines]
    first: dict[tuple[str, ...], int] = {}
    out: dict[int, int] = {}
    budget = MAX_COMPARISONS_PER_LINE * len(keys)
    recurring = recurring_keys(keys)
    i = 0
    while i < len(keys):
        j = first.get(keys[i]) if keys[i] and keys[i] not in recurring else None
        if j is None:
            if keys[i]:
                first.setdefault(keys[i], i)
            i += 1
            continue
        if budget <= 0:
            break  # degenerate input: the runs found so far stand
        n, limit = 0, min(len(keys) - i, i - j, budget)
        while n < limit and keys[i + n] and keys[i + n] == keys[j + n]:
            n += 1
        budget -= max(n, 1)
        end = i + n
        whole = (i == 0 or should_join(lines[i - 1], lines[i], None) is None) and (
            end == len(lines) or should_join(lines[end - 1], lines[end], None) is None
        )
        if whole and _wrapped(lines, i, end):
            for k in range(n):
                out[i + k] = j + k
            i += n
        else:
            i += 1
    return out


def _wrapped(lines: list[str], start: int, end: int) -> bool:
    """Whether lines ``start:end`` hold a hard-wrapped paragraph (some line continues the one
    before): a run of lines that are paragraphs each is left to `find_repeats`, which keeps a
    short line the article itself repeats ("1 scoop Shakeology, ..." in two meal plans)."""
    return end - start >= MIN_RUN_LINES and any(
        should_join(lines[k - 1], lines[k], None) is not None for k in range(start + 1, end)
    )
