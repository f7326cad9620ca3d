"""Entity mentions from the model, with the fixes news text needs.

The small English model makes the same mistakes on news over and over: a capitalised dateline
("ISLAMABAD:") becomes an organisation, a portfolio ("Interior" in "Interior Minister") becomes
an organisation, a title stays inside the name ("Adm Mike Mullen"), "the" is kept in front of an
organisation, and "the Haqqani network" loses its head noun. Each fix is one small function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from copydesk.enrich.countries import place_names
from copydesk.enrich.segments import trim_tokens
from copydesk.enrich.tables import (
    ENTITY_LABELS,
    LANGUAGE_LEADS,
    LANGUAGE_NOUNS,
    LEADING_TRIM,
    OFFICE_NOUNS,
    ORG_HEADS,
    PORTFOLIOS,
    TITLES,
    TRAILING_TRIM,
)

#: Punctuation after an all-caps place that makes it a dateline ("ISLAMABAD:", "PARIS (AP) -").
DATELINE_MARKS = frozenset({":", ",", "-", "—", "–", "("})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
HYPHENS = frozenset({"-", "‐", "‑", "–"})
CLAUSE_ENDS = frozenset({",", ".", ";", ":", "!", "?", ")", "—"})
#: Marks the model leaves at the head of a name ("― Jane Doe", "“Crooked Hillary"): quotes,
#: brackets and dashes; other punctuation may belong to the name ("#MeToo").
LEADING_MARKS = frozenset("\"'“”‘’«»‹›([{—―–-")


@dataclass(slots=True)
class Mention:
    """One mention, by chunk and character offsets in the chunk text."""

    chunk: int
    start: int
    end: int
    text: str
    label: str
    title: str | None = None
    canonical: str | None = None
    subject: bool = False


def doc_mentions(doc: Any, chunk: int) -> list[Mention]:
    """The kept entity mentions of one model output, fixes applied, in text order."""
    out: list[Mention] = []
    taken = {t.i for ent in doc.ents for t in ent}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        mention = _fix(doc, ent.start, ent.end, ent.label_, taken, chunk)
        if mention is not None:
            out.append(mention)
    return out


def _fix(doc: Any, start: int, end: int, label: str, taken: set[int], chunk: int) -> Mention | None:
    start, end = _trim_edges(doc, start, end)
    if start >= end or _is_portfolio(doc, start, end):
        return None
    if label == "NORP" and _is_language(doc, start, end):
        return None
    title = None
    head = doc[end] if end < len(doc) else None
    if head is not None and head.lower_ in ORG_HEADS and head.text.islower() and end not in taken:
        end, label = end + 1, "ORG"
    if label == "PERSON":
        start, title = _split_title(doc, start, end)
        if start >= end:
            return None
    canonical = _dateline_place(doc, start, end)
    if canonical:
        label = "GPE"
    span = doc[start:end]
    subject = span.root.dep_ in SUBJECT_DEPS
    return Mention(
        chunk, span.start_char, span.end_char, span.text, label, title, canonical, subject
    )


def _trim_edges(doc: Any, start: int, end: int) -> tuple[int, int]:
    """The name without what the model keeps around it: whitespace, a line break and what
    follows it, "the", a possessive ending, and punctuation."""
    start, end = trim_tokens(doc, start, end)
    while start < end and (doc[start].lower_ in LEADING_TRIM or _mark(doc[start])):
        start += 1
    while end > start and (
        doc[end - 1].text in TRAILING_TRIM or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    return start, end


def _mark(token: Any) -> bool:
    return token.is_space or token.text in LEADING_MARKS


def _is_portfolio(doc: Any, start: int, end: int) -> bool:
    """ "Interior" in "Interior Minister", "State" in "Secretary of State": part of a title."""
    if end - start != 1 or doc[start].lower_ not in PORTFOLIOS:
        return False
    after = doc[end].lower_ if end < len(doc) else ""
    before = [t.lower_ for t in doc[max(0, start - 2) : start]]
    return (
        after in OFFICE_NOUNS
        or after in TITLES
        or (len(before) == 2 and before[1] == "of" and before[0] in TITLES | OFFICE_NOUNS)
    )


def _is_language(doc: Any, start: int, end: int) -> bool:
    """ "Spanish speakers", "a Spanish-language ad", "written in German.": the language, which
    is not kept (as the model's own LANGUAGE tags are not) and is not a people or a country."""
    after = doc[end] if end < len(doc) else None
    if after is not None and after.text in HYPHENS and end + 1 < len(doc):
        after = doc[end + 1]
    if after is not None and after.lower_ in LANGUAGE_NOUNS:
        return True
    before = doc[start - 1].lower_ if start > 0 else ""
    ends = end >= len(doc) or doc[end].text in CLAUSE_ENDS or doc[end].is_space
    return before in LANGUAGE_LEADS and ends


def _split_title(doc: Any, start: int, end: int) -> tuple[int, str | None]:
    """Leading honorifics and ranks out of a person span: "Adm Mike Mullen" -> "Adm"."""
    first = start
    while start < end - 1 and doc[start].lower_.rstrip(".") in TITLES:
        start += 1
    if start == first:
        return start, None
    return start, doc[first:start].text


def _dateline_place(doc: Any, start: int, end: int) -> str | None:
    """An all-caps place at the head of a paragraph followed by dateline punctuation."""
    span = doc[start:end]
    text = span.text
    if len(text) < 3 or not text.isupper() or end >= len(doc):
        return None
    if doc[end].text not in DATELINE_MARKS:
        return None
    if start > 0 and "\n" not in doc[start - 1].text_with_ws and not doc[start - 1].is_space:
        return None
    return place_names().get(text.casefold())
