"""Who is speaking: the subject of a cue, resolved to an entity of the article.

Pronouns go to the last person named in subject position before them ("Tehmina Janjua said ...
'...,' she said"): news reports name a speaker as a subject and then refer back to them; a
person named inside a prepositional phrase ("the meeting between Clinton and Khar") rarely is.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from copydesk.enrich.entities import Mention
from copydesk.enrich.tables import GROUP_PRONOUNS, LEADING_TRIM, PERSON_PRONOUNS, THING_PRONOUNS

#: How far back (characters) a pronoun may look for its person: about three paragraphs.
PRONOUN_REACH = 1500
#: What "it" may stand for as a speaker.
ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
#: Longest entity mention looked back over when finding the one under a speaker.
MAX_MENTION_CHARS = 200
#: Dependents that end a speaker phrase ("Smith, who ..., said" keeps "Smith").
CUT_DEPS = frozenset({"appos", "relcl", "acl", "prep", "punct", "cc", "conj", "advcl", "prt"})


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: the words in the text and the entity they stand for."""

    start: int
    end: int
    text: str
    canonical: str | None


class SpeakerIndex:
    """The mentions of one chunk, searchable by position; built once per chunk."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def covering(self, start: int, end: int) -> Mention | None:
        """The last mention overlapping ``start:end`` (the head of "X spokesperson Y" is Y)."""
        hits: list[Mention] = []
        for i in range(bisect_right(self.starts, end) - 1, -1, -1):
            m = self.mentions[i]
            if m.start < start - MAX_MENTION_CHARS:
                break
            if m.end > start and m.start < end:
                hits.append(m)
        people = [m for m in hits if m.label == "PERSON"]
        best = people or hits
        return best[0] if best else None

    def antecedent(self, at: int, labels: frozenset[str]) -> Mention | None:
        """The last mention in subject position with one of ``labels`` before offset ``at``."""
        fallback = None
        for i in range(bisect_right(self.starts, at) - 1, -1, -1):
            m = self.mentions[i]
            if at - m.start > PRONOUN_REACH:
                break
            if m.end > at or m.label not in labels:
                continue
            if m.subject:
                return m
            fallback = fallback or m
        return fallback


def speaker_phrase(head: Any) -> tuple[int, int]:
    """Token range of the phrase headed by ``head``, without clauses, appositions and "the"."""
    start, end = head.i, head.i + 1
    for child in head.lefts:
        if child.dep_ not in CUT_DEPS:
            start = min(start, child.left_edge.i)
    for child in head.rights:
        if child.dep_ in CUT_DEPS:
            break
        end = max(end, child.right_edge.i + 1)
    doc = head.doc
    start, end = _same_line(doc, start, end, head.i)
    while start < head.i and (doc[start].lower_ in LEADING_TRIM or _edge(doc[start])):
        start += 1
    while end > head.i + 1 and _edge(doc[end - 1]) and not doc[end - 1].is_bracket:
        end -= 1
    return start, end


def _edge(token: Any) -> bool:
    """Whitespace and punctuation at the ends of a phrase: "”― Pamela Padilla\xa0" is the name
    after a quote and a dash, followed by a no-break space. A closing bracket stays: it ends
    "Smith (R-Texas)"."""
    return bool(token.is_space or token.is_punct)


def _same_line(doc: Any, start: int, end: int, head: int) -> tuple[int, int]:
    """``start:end`` cut to the line of token ``head``: a speaker's words never cross a line
    break (a chunk joins paragraphs with blank lines, and a span stops at its paragraph)."""
    for i in range(head - 1, start - 1, -1):
        if _line_break(doc[i]):
            start = i + 1
            break
    for i in range(head + 1, end):
        if _line_break(doc[i]):
            end = i
            break
    return start, end


def _line_break(token: Any) -> bool:
    return bool(token.is_space and "\n" in token.text)


def resolve(head: Any, index: SpeakerIndex) -> Speaker:
    """The speaker headed by token ``head``: its words, and the entity they name or refer to."""
    doc = head.doc
    start, end = speaker_phrase(head)
    span = doc[start:end]
    lower = head.lower_
    mention = None
    if lower in PERSON_PRONOUNS:
        mention = index.antecedent(head.idx, frozenset({"PERSON"}))
    elif lower in THING_PRONOUNS:
        mention = index.antecedent(head.idx, ORG_LABELS)
    elif lower in GROUP_PRONOUNS:
        mention = None
    else:
        mention = index.covering(head.idx, head.idx + len(head.text))
        if mention is None:
            mention = index.covering(span.start_char, span.end_char)
    canonical = mention.canonical if mention is not None else None
    return Speaker(span.start_char, span.end_char, span.text, canonical)
