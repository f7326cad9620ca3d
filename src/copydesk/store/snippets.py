"""Snippets made in Python, for the words no FTS5 index of the query highlighted.

FTS5 marks only what its own MATCH found. A query split between indexes (a Chinese name of two
characters found by scanning the text, an English word beside a Japanese one) has words that
its snippet leaves plain, and a query answered by a scan alone has no FTS5 snippet at all;
these functions add the marks, and cut a snippet from the text, around the first match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def _pattern(patterns: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def mark(snippet: str, patterns: Sequence[str], marks: tuple[str, str]) -> str:
    """``snippet`` with each match of ``patterns`` between ``marks``, outside the spans that are
    marked already (marks are never nested)."""
    if not patterns or not snippet:
        return snippet
    found = _pattern(patterns)
    opening, closing = marks

    def add(part: str) -> str:
        return found.sub(lambda m: opening + m.group() + closing, part) if part else part

    if not opening or not closing:
        return add(snippet)
    out: list[str] = []
    pos = 0
    for span in re.finditer(re.escape(opening) + ".*?" + re.escape(closing), snippet, re.S):
        out.append(add(snippet[pos : span.start()]))
        out.append(span.group())
        pos = span.end()
    out.append(add(snippet[pos:]))
    return "".join(out)


def cut(text: str, patterns: Sequence[str], marks: tuple[str, str], width: int) -> str:
    """About ``width`` characters of ``text`` from a little before its first match, marked, with
    an ellipsis where it was cut (as FTS5's snippet); the start of the text when nothing in it
    matches (the words were in the headline)."""
    first = _pattern(patterns).search(text) if patterns else None
    if first is None:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, first.start() - width // 4)
    if start and text[start - 1].isalnum():  # not inside a Latin word, when a space is near
        space = text.rfind(" ", max(0, start - 12), start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    body = mark(text[start:end], patterns, marks)
    return ("…" if start else "") + body + ("…" if end < len(text) else "")
