"""Related-story boxes named only by their heading: "You might also like", "Lesen Sie auch".

`boxes` finds the boxes a template names in a class, id or ARIA label. Some templates name them
nowhere but in the heading readers see: Taipei Times sets its "You might also like" teasers,
each with a summary paragraph, in a ``<div class="dboxss2 boxTitle boxText">``, and
trafilatura read them as body text (P 0.50 on that page). A heading that is only such a label
opens the box it stands in: the nearest element around it that holds more than the heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Where the element opened at a start offset (its tag ending at the second) closes.
ElementEnd = Callable[[int, int], int | None]

#: A heading that is only one of these labels (punctuation around it allowed) heads a list of
#: other stories. Whole-heading matches only: "More from the trial" is a section of the story.
LABEL = re.compile(
    r"^\W*(?:you (?:might|may) also like|related (?:stories|articles|news|posts|coverage|content"
    r"|reading)|more (?:stories|news|on this)|read (?:more|also|next)|also read"
    r"|recommended(?: for you| stories| articles)?|most (?:read|popular)|mehr zum thema"
    r"|lesen sie auch|das könnte sie auch interessieren|weitere artikel|auch interessant"
    r"|noticias relacionadas|(?:à )?lire aussi|leggi anche|czytaj (?:też|także|więcej)"
    r"|les også|läs också|relaterte saker)\W*$",
    re.IGNORECASE,
)
#: Headings looked at, at most, and the characters a heading's text may run to.
MAX_HEADINGS = 200
MAX_HEADING_CHARS = 400
#: How far before a heading, and how many opening tags, the search for its box goes.
MAX_BACK_CHARS = 4096
MAX_ANCESTORS = 8
#: Words the box must hold besides its heading: an element holding only the heading (its
#: title bar) is not the box.
MIN_BOX_WORDS = 10

_HEADING = re.compile(rb"<h([1-6])\b[^>]*>")
_CONTAINER = re.compile(rb"<(?:div|section|aside|ul|ol|nav)\b")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


def labelled_box_starts(raw: bytes, low: bytes, element_end: ElementEnd) -> list[int]:
    """Where each element that a related-stories heading opens starts, in page order.

    ``raw`` and ``low`` are the page and its lowercased bytes; ``element_end(start,
    tag_end)`` is where the element opened at ``start`` closes (None when it does not)."""
    starts: list[int] = []
    for n, heading in enumerate(_HEADING.finditer(low)):
        if n >= MAX_HEADINGS:
            break
        close = low.find(
            b"</h" + heading.group(1), heading.end(), heading.end() + MAX_HEADING_CHARS
        )
        if close < 0:
            continue
        text = raw[heading.end() : close].decode("utf-8", "replace")
        if not LABEL.match(" ".join(_TAG.sub(" ", text).split())):
            continue
        box = _box_around(raw, low, heading.start(), close, element_end)
        if box is not None:
            starts.append(box)
    return sorted(set(starts))


def _box_around(
    raw: bytes, low: bytes, heading: int, heading_end: int, element_end: ElementEnd
) -> int | None:
    """The nearest element opened before the heading that closes after it and holds at least
    `MIN_BOX_WORDS` words besides it."""
    since = max(0, heading - MAX_BACK_CHARS)
    opened = [m.start() for m in _CONTAINER.finditer(low, since, heading)]
    label = _TAG.sub(" ", raw[heading:heading_end].decode("utf-8", "replace"))
    label_words = len(_WORD.findall(label))
    for start in reversed(opened[-MAX_ANCESTORS:]):
        tag_end = low.find(b">", start, heading)
        if tag_end < 0:
            continue
        end = element_end(start, tag_end)
        if end is None or end <= heading_end:
            continue
        text = _TAG.sub(" ", raw[start:end].decode("utf-8", "replace"))
        if len(_WORD.findall(text)) - label_words >= MIN_BOX_WORDS:
            return start
    return None
