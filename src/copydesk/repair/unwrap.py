"""Unwrapping hard-wrapped paragraphs without merging real ones.

Wire copy and e-mail pipelines break paragraphs into lines of 55-80 characters. Two signals say
that a line break is a wrap and not a paragraph end:

* continuation: the line does not end a sentence and the next line starts in lower case;
* width: the line sits in a run of short lines of similar length, and the next line's first word
  would not have fitted on it (what a greedy wrapper does), or it runs up to the run's width
  without closing a sentence.

Scripts without case (CJK, Arabic, Hindi) rely on the width signal alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Lines longer than this are never wrap fragments: wrappers break at 100 columns at most.
MAX_WRAP_WIDTH = 100
#: Narrower "runs" are lists or verse, not wrapped prose.
MIN_WRAP_WIDTH = 30
#: A wrapped line is full when it ends within a long word of the width ...
FULL_LINE_SLACK = 12
#: ... and a wrapped run has two full lines at least, and this share of its lines.
MIN_FULL_SHARE = 0.4
#: A line ends a sentence when its last character (closing quotes/brackets aside) is one of these.
TERMINAL = frozenset(".!?…:;。！？")
_CLOSERS = "\"'”’»)]›」』"
_FIRST_WORD = re.compile(r"\S+")
#: A word split by a hyphen at the line end: "inter-" + "national".
HYPHEN_END = re.compile(r"[^\W\d_]-$")


def hyphen_end(line: str) -> bool:
    """Whether ``line`` ends in a word split by a hyphen. The suffix test first: a regex anchored
    at the end still scans the whole line."""
    return line.endswith(("-", "-\n")) and HYPHEN_END.search(line) is not None


@dataclass(slots=True)
class Join:
    """Why two lines were joined (for the repair record)."""

    rule: str
    hyphen: bool = False


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINAL


def _starts_lower(line: str) -> bool:
    first = line[:1]
    return first.isalpha() and first.islower()


def wrap_width(lengths: list[int]) -> int | None:
    """The width of a run of wrapped lines, or None when the lines do not look wrapped."""
    if len(lengths) < 2:
        return None
    body = lengths[:-1]
    width = max(body)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    # Wrapped lines fill most of the width; a list of short items does not. And a wrapper
    # fills several lines to within a word of the width, while in text with a paragraph a
    # line only the longest line reaches it: that one line set the width, "filled" it, and
    # was joined to the next paragraph (text-dev, with the sentence check in `run_widths`:
    # paragraph breaks kept 0.971 -> 0.985, wraps undone 2,871 -> 2,866 of 2,912).
    near = sum(1 for n in body if n >= 0.6 * width)
    full = sum(1 for n in body if n >= width - FULL_LINE_SLACK)
    if near < 0.7 * len(body) or full < max(min(2, len(body)), MIN_FULL_SHARE * len(body)):
        return None  # a paragraph of two lines has one full line; `run_widths` asks more
    return width


def should_join(a: str, b: str, width: int | None) -> Join | None:
    """Whether line ``b`` continues line ``a`` (both already stripped)."""
    if not a or not b or len(a) > MAX_WRAP_WIDTH + 50:
        return None
    hyphen = hyphen_end(a)
    if not ends_sentence(a) and _starts_lower(b):
        return Join("continuation", hyphen)
    if width is None or len(a) > width:
        return None
    first = _FIRST_WORD.match(b)
    first_len = len(first.group(0)) if first else 0
    if len(a) + 1 + first_len > width and len(a) >= 0.6 * width:
        return Join("width", hyphen)
    if not ends_sentence(a) and len(a) >= 0.8 * width and not _is_heading_like(a):
        return Join("width", hyphen)
    return None


def _is_heading_like(line: str) -> bool:
    """Short title-case lines without punctuation: subheadings, not wrap fragments."""
    words = line.split()
    caps = sum(1 for w in words if w[:1].isupper())
    return len(words) <= 8 and caps >= 0.8 * len(words)


def join_lines(a: str, b: str, how: Join) -> str:
    """Join two wrapped lines: a space, or nothing after a hyphen kept as written."""
    return a + b if how.hyphen else a + " " + b


def unwrap(lines: list[str]) -> list[tuple[list[int], str, list[Join]]]:
    """Group consecutive lines into paragraphs.

    Returns, per paragraph, the indices of its lines in ``lines``, its text and the joins made.
    Linear in the number of lines: run widths are computed once, texts joined once.
    """
    widths = run_widths(lines)
    groups: list[tuple[list[int], list[Join]]] = []
    for i, line in enumerate(lines):
        if groups:
            idx, joins = groups[-1]
            how = should_join(lines[idx[-1]], line, widths[idx[-1]])
            if how:
                idx.append(i)
                joins.append(how)
                continue
        groups.append(([i], []))
    return [(idx, _joined(lines, idx, joins), joins) for idx, joins in groups]


def _joined(lines: list[str], idx: list[int], joins: list[Join]) -> str:
    parts = [lines[idx[0]]]
    for k, how in zip(idx[1:], joins, strict=True):
        parts.append(lines[k] if how.hyphen else " " + lines[k])
    return "".join(parts)


def run_widths(lines: list[str]) -> list[int | None]:
    """For every line, the wrap width of the run of short lines it belongs to (or None). A run
    whose every line but the last ends a sentence is a paragraph a line, however even their
    lengths: a wrapper breaks mid-sentence on most lines."""
    out: list[int | None] = [None] * len(lines)
    i = 0
    while i < len(lines):
        if len(lines[i]) > MAX_WRAP_WIDTH:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and len(lines[j + 1]) <= MAX_WRAP_WIDTH:
            j += 1
        two = j == i + 1  # one full line and the rest: a wrap only if it reads like prose
        if two and (len(lines[i]) < 0.6 * MAX_WRAP_WIDTH or _is_heading_like(lines[i])):
            pass
        elif j > i and not all(ends_sentence(s) for s in lines[i:j]):
            width = wrap_width([len(s) for s in lines[i : j + 1]])
            out[i : j + 1] = [width] * (j + 1 - i)
        i = j + 1
    return out


def run_width(lines: list[str]) -> int | None:
    """The wrap width of the run of short lines that ``lines`` starts with, if any."""
    if not lines or len(lines[0]) > MAX_WRAP_WIDTH:
        return None
    j = 0
    while j + 1 < len(lines) and len(lines[j + 1]) <= MAX_WRAP_WIDTH:
        j += 1
    return wrap_width([len(s) for s in lines[: j + 1]]) if j else None


#: List items keep their own lines even inside a blank-line separated block.
LIST_ITEM = re.compile(r"^(?:[-–•*·▪]|\d{1,2}[.)])\s")


def unwrap_block(lines: list[str]) -> list[tuple[list[int], str, list[Join]]]:
    """Join the lines of one block of blank-line separated text: there, a newline is a wrap.

    List items stay separate.
    """
    groups: list[tuple[list[int], list[Join]]] = []
    for i, line in enumerate(lines):
        if groups and not LIST_ITEM.match(line):
            idx, joins = groups[-1]
            prev = lines[idx[-1]]
            joins.append(Join("block", hyphen_end(prev) and _starts_lower(line)))
            idx.append(i)
            continue
        groups.append(([i], []))
    return [(idx, _joined(lines, idx, joins), joins) for idx, joins in groups]
