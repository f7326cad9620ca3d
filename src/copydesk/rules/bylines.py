"""Bylines: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Jane Doe | Reuters", "Von X".

A byline is a short line of capitalised names, introduced by the language's "by" word or
followed by an agency. Lines of names without either are left alone: a one-line quote attribution
or a list of people in the news has the same shape.
"""

from __future__ import annotations

import re

from copydesk.rules.credits import canonical_agency

#: The word that introduces authors, per language.
BY_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("By", "Written by", "Words by", "Reporting by", "Author:", "Authors:", "Text:"),
    "de": ("Von", "Text:", "Autor:", "Autorin:", "Ein Beitrag von"),
    "fr": ("Par",),
    "es": ("Por",),
    "it": ("Di", "Da"),
    "pt": ("Por",),
    "nl": ("Door",),
    "sv": ("Av",),
    "no": ("Av",),
    "da": ("Af",),
    "pl": ("Autor:",),
    "fi": ("Teksti:",),
}

_NAME = (
    r"[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|van|von|de|der|da|di|del|la|le|bin|al|el)){0,4}"
)
_JOIN = r"(?:\s*,\s*|\s+(?:and|und|y|et|e|en|och|og|i|&)\s+)"
_BY = "|".join(
    sorted({re.escape(w) for ws in BY_WORDS.values() for w in ws}, key=len, reverse=True)
)

BY_LINE = re.compile(
    rf"^(?:{_BY})\s+(?P<names>{_NAME}(?:{_JOIN}{_NAME})*)"
    r"(?:\s*(?:,|\||/|–|—|-|\bfor\b|\bin\b)\s*(?P<org>[\w .&'-]{2,40}))?\s*\.?$"
)
NAME_AGENCY = re.compile(
    rf"^(?P<names>{_NAME}(?:{_JOIN}{_NAME})*)\s*(?:\||,|/|–|—)\s*(?P<org>[\w .&-]{{2,40}})$"
)

MAX_BYLINE_CHARS = 120


def byline_of_line(line: str) -> tuple[list[str], str | None] | None:
    """(authors, agency credit or None) when the line is a byline; else None."""
    text = line.strip()
    if not text or len(text) > MAX_BYLINE_CHARS:
        return None
    m = BY_LINE.match(text)
    if m:
        org = (m.group("org") or "").strip()
        names = _split_names(m.group("names"))
        if not org and len(names) > 1 and canonical_agency(names[-1]):
            # "By Jane Doe, Reuters": the comma also joins names, so the agency lands last.
            org = names.pop()
        return names, canonical_agency(org) if org else None
    m = NAME_AGENCY.match(text)
    if m and canonical_agency(m.group("org")):
        return _split_names(m.group("names")), canonical_agency(m.group("org"))
    return None


def _split_names(names: str) -> list[str]:
    parts = re.split(_JOIN, names)
    return [p.strip(" .") for p in parts if p.strip(" .")]


#: An author note names its author within this many first words ("Korrespondent Ulrich Exner ist
#: bei WELT ...", "Steph Bazzle covers politics ...").
BIO_NAME_WORDS = 6
MAX_BIO_CHARS = 600
_NAME_SPLIT = re.compile(r"\s*(?:,|/|&|;|\band\b|\bund\b|\bog\b|\bet\b|\by\b|\bи\b)\s*")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")


def names_only(text: str, authors: list[str]) -> bool:
    """The line is the article's author names and nothing else: the byline printed again in
    the body ("Ярослав Кузишин, Антон Зелинский, Карина Гасимова")."""
    if not authors or len(text) > MAX_BYLINE_CHARS:
        return False
    known = {a.casefold().strip() for a in authors}
    parts = [p.casefold() for p in _NAME_SPLIT.split(text.strip(" .")) if p.strip()]
    return bool(parts) and all(p in known for p in parts)


def author_note(text: str, authors: list[str]) -> bool:
    """A note about one of the article's authors: a paragraph that names the author among its
    first words, first name right before the surname ("Korrespondent Ulrich Exner ist ...";
    a short form of the first name counts: "Steph" for "Stephanie"). Asked only about the
    article's last blocks (`copydesk.extract.cleanup`)."""
    if len(text) > MAX_BIO_CHARS or text[:1] in "\"“”„«»'‘’-–—":
        return False
    lead = [w.casefold() for w in _TOKEN.findall(text)[:BIO_NAME_WORDS]]
    for author in authors:
        name = [w.casefold() for w in _TOKEN.findall(author)]
        if len(name) < 2 or len(name[0]) < 3 or name[0] == name[-1]:
            continue
        for k in range(1, len(lead)):
            first = lead[k - 1]
            if lead[k] == name[-1] and (first in name[:-1] or _short_form(first, name[0])):
                return True
    return False


def _short_form(word: str, first_name: str) -> bool:
    """ "Steph" for "Stephanie", "Alex" for "Alexander": four letters or more of its start."""
    return len(word) >= 4 and first_name.startswith(word)


#: A personal name on a line of its own: two to four words, each capitalised ("Lê Phương",
#: "Mohloai Mpesi"), several joined by "/", "," or "and".
_PERSON = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’.][^\W\d_]+)*$")
MAX_NAME_LINE_CHARS = 80


def name_line(text: str) -> list[str] | None:
    """The names when the line is nothing but people's names; else None. Only asked where a
    page's byline is its own name (`copydesk.extract.cleanup`): there a bare name above or
    under the article is the writer."""
    text = text.strip()
    if not text or len(text) > MAX_NAME_LINE_CHARS or any(c.isdigit() for c in text):
        return None
    names = [p.strip() for p in _NAME_SPLIT.split(text) if p.strip()]
    for name in names:
        words = name.split()
        if not 2 <= len(words) <= 4:
            return None
        if not all(_PERSON.match(w) and w[0].isupper() for w in words):
            return None
    return names or None
