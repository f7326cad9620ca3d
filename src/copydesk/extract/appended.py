"""The next story a page prints in full below its own (infinite scroll), cut from the body.

Sites with infinite scroll print the following article under the one the URL names, whole,
with its own headline: Dagbladet's ``<article id="second-article">``. trafilatura reads both as
one body (its pull request #911 prunes one WordPress theme's container by class name); on the
Dagbladet dev page the next story was 50 of the body's 69 paragraphs.

The markup says so without class names: an ``<article>`` element that opens after the article
holding the page's headline has closed, and holds an h1 that is another headline. From the
first body block that the markup first prints inside it (looked up after the headline), the
body is the next story's. Pages whose headline is not inside an ``<article>``, or whose later
h1s sit inside the same one (a subtitle set as an h1, a photo caption), are left alone: on the
219 dev pages it fires on that one page only, and no other page's record changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from copydesk.extract.headline import TitleSources, prints_headline
from copydesk.extract.markup import HIDDEN_HEADING, elements, heading_text
from copydesk.extract.xmlblocks import RawBlock

#: h1 elements looked at: the page's own headline comes first, and a page appends one or two
#: stories before a reader scrolls on (each a later request, not in the fetched markup).
MAX_H1 = 8
#: Leading words of a block looked up in the markup to place it.
PROBE_WORDS = 6
#: Blocks looked up at most: a hostile page's thousands of blocks would each cost a search.
MAX_BLOCKS = 400

#: Article tags read before an h1, at most: a news page has a few dozen (teaser cards among
#: them); a page of thousands is not one whose structure can be trusted, and is left alone.
MAX_ARTICLE_TAGS = 1000

_ARTICLE_TAG = re.compile(r"<(/?)article\b", re.IGNORECASE)


def appended_from(
    page: str, titles: TitleSources, headline: str | None, blocks: Sequence[RawBlock]
) -> int | None:
    """The index of the first of ``blocks`` that belongs to a story appended below the page's
    own, or None. ``titles`` and ``headline``: the page's headline sources and the one chosen."""
    if len(titles.h1s) < 2:  # the h1s readers see; searching the markup for them costs more
        return None
    declared = (headline, titles.jsonld, titles.og, titles.twitter, titles.title)
    found = _appended_start(page, [t for t in declared if t])
    if found is None:
        return None
    own, start = found
    for n, block in enumerate(blocks[:MAX_BLOCKS]):
        probe = " ".join(block.text.split()[:PROBE_WORDS])
        # Looked up from the headline on: a copy in the head's metadata does not place it.
        if probe and page.find(probe, own) >= start:
            # trafilatura walks the page in order: what follows is the appended story too
            # (a disclaimer both stories print is found in the first one).
            return n
    return None


def _appended_start(page: str, titles: Sequence[str]) -> tuple[int, int] | None:
    """Where the page's own headline h1 starts and where the first article appended after
    its article opens, or None."""
    own: int | None = None
    for n, (attrs, inner, start, _end) in enumerate(elements(page, "h1")):
        if n >= MAX_H1:
            break
        if HIDDEN_HEADING.search(attrs):
            continue
        text = heading_text(inner)
        if any(prints_headline(text, t) for t in titles):
            own = start if own is None else own
        elif own is not None and text:
            opened = _next_article(page, own, start)
            if opened is not None:
                return own, opened
    return None


def _next_article(page: str, own: int, other: int) -> int | None:
    """The opening of the innermost article element around ``other`` (an h1), when it opened
    after ``own`` (the headline's h1) and the article around ``own`` had closed by then."""
    stack: list[int] = []
    own_article: int | None = None
    for n, tag in enumerate(_ARTICLE_TAG.finditer(page, 0, other)):
        if n == MAX_ARTICLE_TAGS:
            return None
        if own_article is None and tag.start() > own:
            if not stack:
                return None  # the headline is in no article: no structure to go by
            own_article = stack[-1]
        if not tag.group(1):
            stack.append(tag.start())
        elif stack:
            stack.pop()
    if own_article is None or own_article in stack or not stack or stack[-1] < own:
        return None
    return stack[-1]
