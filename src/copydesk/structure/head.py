"""Choosing the head of an article: the headline and the standfirst (dek) under it.

In plain text the head is the first lines after the breadcrumbs; which of them are head and
which are body is decided by shape: a headline is short and does not read as a sentence ending
in a full stop; a standfirst is a single line that does not continue into the next one and is
followed by the body proper (often opening with a dateline). HTML pages say it in metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.repair.unwrap import ends_sentence, run_width, should_join
from copydesk.rules.datelines import find_dateline
from copydesk.structure.blocks import PageMeta

#: Headlines longer than this are paragraphs (the longest dev-set headline has 190 characters).
MAX_HEADLINE_CHARS = 300
#: A line ending with a full stop this long is a sentence, not a headline.
MAX_SENTENCE_HEADLINE_CHARS = 150
MAX_STANDFIRST_CHARS = 450
#: Shorter unpunctuated lines under a headline are kickers, labels or shouted promos.
MIN_STANDFIRST_WORDS = 6
_WORDS = re.compile(r"\w+")


@dataclass(slots=True)
class Head:
    headline: str | None = None
    headline_index: int | None = None
    standfirst: str | None = None
    standfirst_index: int | None = None


def looks_like_headline(line: str, following: str | None) -> bool:
    if not line or len(line) > MAX_HEADLINE_CHARS or following is None:
        return False
    if line.endswith(".") and not line.endswith("...") and len(line) > MAX_SENTENCE_HEADLINE_CHARS:
        return False
    if _opens_story(line):
        return False
    return should_join(line, following, None) is None


#: Words after the colon of a "Place: headline" title at most (a wrapped lead's first line,
#: "New Delhi: Prime Minister Narendra Modi on Tuesday inaugurated the new", has more).
MAX_TITLE_WORDS = 8


def _opens_story(line: str) -> bool:
    """A line that opens with a dateline is the story's first paragraph, unless it is a
    "Place: headline" or "Name: headline" title: the place not in a wire's capitals, no date,
    no agency, a few words, and no full stop at the end ("Kabul: Taliban seize key district",
    "Campbell: E-mail row 'silly fuss'")."""
    dateline = find_dateline(line)
    if dateline is None:
        return False
    place = dateline.raw.split(",")[0].split(":")[0]
    return (
        bool(dateline.date or dateline.agency)
        or ends_sentence(line)
        or place.isupper()
        or len(line[len(dateline.raw) :].split()) > MAX_TITLE_WORDS
    )


def looks_like_standfirst(line: str, following: str | None, width: int | None) -> bool:
    """Only on strong evidence: a wrongly taken standfirst loses the lead paragraph.

    Strong means the body proper opens with a dateline right after it, or the line is a
    summary fragment (no closing punctuation) that is not the first line of a wrapped paragraph.
    """
    if following is None or len(line) > MAX_STANDFIRST_CHARS or find_dateline(line):
        return False
    if should_join(line, following, width) is not None:
        return False
    if find_dateline(following) is not None:
        return True
    words = line.split()
    shouting = line.upper() == line
    # An unpunctuated line stands out only where the body is punctuated: in texts whose
    # paragraphs all lack full stops it says nothing.
    return (
        not ends_sentence(line)
        and ends_sentence(following)
        and len(words) >= MIN_STANDFIRST_WORDS
        and not shouting
    )


def choose_head(
    lines: list[str], meta: PageMeta | None, layout: str, ends_block: list[bool] | None = None
) -> Head:
    """Pick the head among the first open ``lines``; indices refer to ``lines``.

    ``ends_block`` says which lines are followed by a blank line: in blank-line separated text a
    standfirst ends its block, and a line that runs on into the next is a wrapped paragraph.
    """
    if layout != "text" and meta is not None:
        return _head_from_meta(lines, meta)
    head = Head()
    get = lines.__getitem__
    n = len(lines)
    if n >= 2 and looks_like_headline(lines[0], get(1)):
        head.headline, head.headline_index = lines[0], 0
        in_block = layout == "text-blocks" and ends_block is not None and not ends_block[1]
        # A blank line after it means no wrap can run on from it: the width signal is moot.
        ends_own_block = layout == "text-blocks" and ends_block is not None and ends_block[1]
        width = None if ends_own_block else run_width(lines[1:])
        if n >= 3:
            shaped = not in_block and looks_like_standfirst(lines[1], get(2), width)
            # a dek's line in the headline's own block: nothing between them, a blank line after
            heads_block = ends_own_block and ends_block is not None and not ends_block[0]
            if shaped or (heads_block and _dek(lines[1])):
                head.standfirst, head.standfirst_index = lines[1], 1
    return head


def _dek(line: str) -> bool:
    """In text whose paragraphs are set apart by blank lines, one line of prose set right
    under the headline, in its block (no blank line between them, one after it), is the
    standfirst: the body starts after the blank line that closes the head. The caller checks
    the block; this, that the line reads as prose, not a dateline, a label or a shout."""
    return (
        len(line.split()) >= MIN_STANDFIRST_WORDS
        and len(line) <= MAX_STANDFIRST_CHARS
        and find_dateline(line) is None
        and line.upper() != line
    )


def _same(a: str, b: str) -> bool:
    wa = [w.casefold() for w in _WORDS.findall(a)]
    wb = [w.casefold() for w in _WORDS.findall(b)]
    return bool(wa) and wa == wb


def _head_from_meta(lines: list[str], meta: PageMeta) -> Head:
    head = Head(headline=meta.title)
    for i, line in enumerate(lines[:2]):
        if meta.title and _same(line, meta.title):
            head.headline_index = i
        elif meta.description and _same(line, meta.description):
            head.standfirst, head.standfirst_index = line, i
    if head.standfirst is None and meta.description:
        head.standfirst = meta.description
    return head
