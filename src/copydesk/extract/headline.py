"""The headline: the page's ``<h1>`` when it agrees with the declared title, else that title
without the site name it usually carries ("Headline | Site", "Headline - Site").

Titles are written for search results and tabs; the ``<h1>`` is what readers see, so it wins
whenever the two are about the same words.
"""

from __future__ import annotations

import re

from copydesk.extract.match import norm, word_overlap

#: An h1 and the title must share this share of the h1's words to count as the same headline.
H1_AGREEMENT = 0.6
#: Separators between a headline and a site name in <title>; "|" never occurs in headlines.
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+|\s*ㅣ\s*|(?<=\S)-(?=정치|사회|경제)")


def choose_headline(h1s: list[str], title: str | None, site: str | None) -> str | None:
    """``h1s``: the page's h1 texts (`copydesk.extract.markup.h1_texts`)."""
    stripped = strip_site(title, site)
    for h1 in h1s:
        if stripped and _agree(h1, stripped, title):
            return h1
    return stripped


def strip_site(title: str | None, site: str | None) -> str | None:
    """``title`` without a leading or trailing part that names the site."""
    if not title:
        return None
    parts = TITLE_SEPARATORS.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    pipes = "|" in title or "ㅣ" in title
    while (
        len(parts) > 1
        and (pipes or _names_site(parts[-1], site))
        and len(parts[-1]) < len(parts[0])
    ):
        parts.pop()
    if len(parts) > 1 and _names_site(parts[0], site):
        parts.pop(0)
    sep = re.search(TITLE_SEPARATORS, title)
    return (sep.group(0) if sep else " ").join(parts).strip() or title.strip()


def _names_site(part: str, site: str | None) -> bool:
    if not site:
        return False
    p, s = norm(part).replace(" ", ""), norm(site).replace(" ", "")
    s = re.sub(r"^www\.|\.(?:com|co\.uk|de|org|net|in|es|it|fr)$", "", s)
    return bool(p) and (p in s or s in p)


def _agree(h1: str, stripped: str, title: str | None) -> bool:
    """Same headline: most words shared both ways (an h1 with a kicker in front fails this)."""
    if norm(h1) in norm(title):
        return True
    return min(word_overlap(h1, stripped), word_overlap(stripped, h1)) >= H1_AGREEMENT
