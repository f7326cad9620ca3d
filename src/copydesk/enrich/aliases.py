"""In-article aliases: every mention gets the full form the article itself gives for it.

Surnames go to the full name seen in the article ("Munter" -> "Cameron Munter"), acronyms to
their expansion ("ISI" -> "Inter-Services Intelligence", from a parenthesis or from initials),
country codes, short forms and demonyms to the country ("US", "Pak", "American"): its common
English name even where the article does not spell it out (docs/record.md, "Canonical forms").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from copydesk.enrich.countries import country_of, place_names
from copydesk.enrich.entities import Mention
from copydesk.enrich.tables import ACRONYM_STOPWORDS

#: Labels that may hold a country name or demonym.
COUNTRY_LABELS = frozenset({"GPE", "NORP", "LOC", "ORG"})
#: Labels the model gives a bare surname by mistake ("Munter" as ORG); relabelled PERSON.
SURNAME_RESCUE = frozenset({"ORG", "NORP", "GPE", "PRODUCT", "WORK_OF_ART", "FAC"})
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,7}$")
#: "Inter-Services Intelligence (ISI)": capitalised words (function words between) + (ACRONYM).
_PAREN = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|and|for|on|&)\s+)*)+[A-Z][\w'’-]*)"
    r"\s*\(([A-Z][A-Za-z&.]{1,8})\)"
)


def canonicalize(mentions: list[Mention], texts: list[str]) -> list[Mention]:
    """Fill ``canonical`` on every mention, add surname mentions the model missed; text order."""
    _countries(mentions)
    people = _full_names(mentions)
    mentions = mentions + _missed_surnames(mentions, people, texts)
    mentions.sort(key=lambda m: (m.chunk, m.start))
    _persons(mentions, people)
    _acronyms(mentions, texts)
    for m in mentions:
        if m.canonical is None:
            m.canonical = " ".join(m.text.split())
    return mentions


def _countries(mentions: list[Mention]) -> None:
    seen: set[str] = set()
    pending: list[Mention] = []
    for m in mentions:
        if m.label not in COUNTRY_LABELS or m.canonical:
            continue
        country = country_of(m.text)
        if country and (m.label != "ORG" or _capitals(m.text)):
            m.canonical, seen = country, seen | {country}
            m.label = "NORP" if m.label == "NORP" else "GPE"
        elif m.label in ("GPE", "NORP") or _capitals(m.text):
            pending.append(m)
    for m in pending:  # short forms and codes need the full name seen elsewhere in the article
        country = country_of(m.text, frozenset(seen))
        if country:
            m.canonical = country
            m.label = "NORP" if m.label == "NORP" else "GPE"


def _capitals(text: str) -> bool:
    """A code-like mention ("ER", "U.S."): an organisation so tagged may be a country code."""
    return text.replace(".", "").isupper()


def _full_names(mentions: list[Mention]) -> list[Mention]:
    """Person mentions of two words or more: the forms that shorter mentions resolve to."""
    return [m for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2]


def _missed_surnames(
    mentions: list[Mention], people: list[Mention], texts: list[str]
) -> list[Mention]:
    """Later bare surnames the model did not tag ("Munter met Bashir")."""
    surnames = {p.text.split()[-1] for p in people if len(p.text.split()[-1]) >= 3}
    if not surnames:
        return []
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, surnames))) + r")\b")
    covered = {(m.chunk, i) for m in mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    for chunk, text in enumerate(texts):
        for hit in pattern.finditer(text):
            if (chunk, hit.start()) not in covered and (chunk, hit.end() - 1) not in covered:
                found.append(Mention(chunk, hit.start(), hit.end(), hit.group(1), "PERSON"))
    return found


def _persons(mentions: list[Mention], people: list[Mention]) -> None:
    """Each person mention to the nearest earlier full name holding it (else the first later)."""
    seen_at: dict[str, list[tuple[int, int]]] = {}
    for p in people:
        seen_at.setdefault(p.text, []).append((p.chunk, p.start))
    by_word: dict[str, list[str]] = {}
    for name in seen_at:
        for word in set(name.split()):
            by_word.setdefault(word, []).append(name)
    for m in mentions:
        if m.canonical or (m.label != "PERSON" and m.label not in SURNAME_RESCUE):
            continue
        words = m.text.split()
        if m.label != "PERSON" and len(words) != 1:
            continue
        if m.label in ("GPE", "LOC") and m.text.casefold() in place_names():
            continue  # "Washington" the city stays a city
        names = [n for n in by_word.get(words[-1], []) if _contains(n, m.text)]
        if not names:
            continue
        best = max(names, key=lambda n: _last_before(seen_at[n], (m.chunk, m.start)))
        longest = max((n for n in seen_at if _contains(n, best)), key=len)
        m.canonical, m.label = longest, "PERSON"


def _last_before(positions: list[tuple[int, int]], at: tuple[int, int]) -> tuple[int, int]:
    """Where a name was last seen before ``at``; names seen only later rank below all others."""
    i = bisect_right(positions, at)
    return positions[i - 1] if i else (-1, -positions[0][1])


def _contains(full: str, part: str) -> bool:
    f, p = full.split(), part.split()
    return any(f[i : i + len(p)] == p for i in range(len(f) - len(p) + 1))


def _acronyms(mentions: list[Mention], texts: list[str]) -> None:
    defined = {
        acr: name for text in texts for name, acr in _PAREN.findall(text) if _spells(acr, name)
    }
    named = [m for m in mentions if len(m.text.split()) >= 2 and not _ACRONYM.match(m.text)]
    for m in mentions:
        if m.canonical or not _ACRONYM.match(m.text):
            continue
        key = m.text.replace(".", "")
        expansion = defined.get(key) or defined.get(m.text)
        if expansion is None:
            hits = Counter(n.canonical or n.text for n in named if _spells(key, n.text))
            expansion = hits.most_common(1)[0][0] if hits else None
        if expansion:
            m.canonical = _strip_article(expansion)
            m.label = next((n.label for n in named if n.text == expansion), m.label)


def _spells(acronym: str, name: str) -> bool:
    """True when the acronym is the initials of ``name`` (hyphenated parts count as words)."""
    letters = acronym.replace(".", "").replace("&", "").upper()
    words = [w for w in re.split(r"[\s\-–]+", _strip_article(name)) if w]
    full = "".join(w[0] for w in words if w[:1].isalpha()).upper()
    content = "".join(w[0] for w in words if w.lower() not in ACRONYM_STOPWORDS and w[:1].isalpha())
    return len(letters) >= 2 and letters in (full, content.upper())


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name.strip())
