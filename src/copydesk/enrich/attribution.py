"""Cues and speakers for direct quotes, and indirect speech ("X said that ...").

Everything here reads the dependency parse: a cue is a speech verb outside the quote, in the
sentence that holds the quote (or the sentence just before, when it ends with a colon, or a
short one just after); the speaker is the cue's subject. Indirect speech is a speech verb with a
clausal complement, or "according to X" in front of a clause.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from copydesk.enrich.quotes import QuoteMarks
from copydesk.enrich.speakers import Speaker, SpeakerIndex, resolve
from copydesk.enrich.tables import (
    OBJECT_CONTENT_VERBS,
    SAYING_VERBS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
)

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
#: Forms of "say" that title case makes the tagger read as proper nouns ("Obama Says ...").
HEADLINE_CUES = frozenset({"says", "said", "tells", "told"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
#: Prepositions after a cue that introduce what is reported ("warned of", "talked about").
REPORT_PREPS = frozenset({"about", "of", "for", "as", "on", "over", "against", "with"})
#: Tokens of the next sentence searched for a cue when a quote ends its sentence ('?" he said').
FOLLOWING_CUE_TOKENS = 4
DASHES = frozenset("—―–-")
#: Longest text between two quotes of one paragraph for the second to be the same speaker's
#: ('," he said. "' is 13 characters; '," said the former secretary of state. "' is 40).
CONTINUATION_GAP = 48
SENT_STARTS_KEY = "copydesk_sentence_starts"
TEXT_KEY = "copydesk_text"
#: Tokens before a colon searched for the cue of what follows it ("Trump said Tuesday:").
COLON_CUE_REACH = 6
#: An indirect content shorter than this (tokens) is a fragment, not a claim.
MIN_CONTENT_TOKENS = 3
#: Share of an indirect content already inside a direct quote above which it is not reported
#: again as indirect speech.
MAX_QUOTED_SHARE = 0.5


@dataclass(slots=True)
class Attribution:
    """A quote or a reported claim, in chunk offsets."""

    kind: str
    parts: list[tuple[int, int]]
    cue: Any | None
    speaker: Speaker | None


def attribute_direct(doc: Any, quotes: list[QuoteMarks], index: SpeakerIndex) -> list[Attribution]:
    """One attribution per quote; quotes without a cue inherit the speaker of the quote before."""
    inside = _inside(doc, quotes)
    out: list[Attribution] = []
    previous: Attribution | None = None
    for q in quotes:
        if previous is not None and previous.speaker is not None and _continues(doc, previous, q):
            out.append(Attribution("direct", q.parts, previous.cue, previous.speaker))
            previous = out[-1]
            continue
        cue = _direct_cue(doc, q, inside)
        speaker = _speaker_of(cue, index) if cue is not None else None
        if speaker is None:
            speaker = _dash_speaker(doc, q, index)
        inherit = speaker is None and previous is not None and previous.speaker is not None
        if inherit and previous is not None and _near(doc, previous.parts[-1][1], q.start):
            speaker = previous.speaker
        if speaker is None and cue is None:
            cue = _governing_verb(doc, q, inside)
            speaker = _speaker_of(cue, index) if cue is not None else None
        att = Attribution("direct", q.parts, cue, speaker)
        out.append(att)
        previous = att
    return out


def _continues(doc: Any, previous: Attribution, q: QuoteMarks) -> bool:
    """'"...," he said. "...": the next quote in the paragraph, only a short cue in between."""
    end = previous.parts[-1][1]
    between = _text(doc)[end : q.start]
    if "\n" in between or len(between) > CONTINUATION_GAP:
        return False
    cue = previous.cue
    cue_between = cue is not None and end <= cue.idx < q.start
    return cue_between or not any(ch.isalpha() for ch in between)


def _dash_speaker(doc: Any, q: QuoteMarks, index: SpeakerIndex) -> Speaker | None:
    """'"..." — Jane Doe': a name after a dash right behind the closing mark."""
    rest = _text(doc)[q.end : q.end + 8]
    stripped = rest.lstrip("\"”»’' \u00a0")
    if not stripped[:1] or stripped[0] not in DASHES:
        return None
    at = q.end + len(rest) - len(stripped) + 1
    span = doc.char_span(at, min(len(_text(doc)), at + 60), alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if not t.is_space][:1]
    if not words or words[0].pos_ != "PROPN":
        return None
    return resolve(words[0].head if words[0].dep_ == "compound" else words[0], index)


def _governing_verb(doc: Any, q: QuoteMarks, inside: set[int]) -> Any | None:
    """The verb outside the quote that the quote hangs from ("Trump proclaimed a goal of '...'")."""
    for token in _quote_roots(doc, q, inside):
        node = token.head
        while node.i in inside and node.head is not node:
            node = node.head
        for _ in range(4):
            if (
                node.i not in inside
                and node.pos_ in ("VERB", "AUX")
                and any(c.dep_ in SUBJECTS for c in node.children)
            ):
                return node
            if node.head is node:
                break
            node = node.head
    return None


def _quote_roots(doc: Any, q: QuoteMarks, inside: set[int]) -> list[Any]:
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if t.head.i not in range(span.start, span.end) or t.head is t]


def _text(doc: Any) -> str:
    """``doc.text``, built once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)


def _sent(token: Any) -> Any:
    """The sentence of ``token``. spaCy's ``Token.sent`` walks the document on every call; the
    boundaries are indexed once per document instead."""
    doc = token.doc
    starts = doc.user_data.get(SENT_STARTS_KEY)
    if starts is None:
        starts = [s.start for s in doc.sents] + [len(doc)]
        doc.user_data[SENT_STARTS_KEY] = starts
    i = bisect_right(starts, token.i) - 1
    return doc[starts[i] : starts[i + 1]]


def _inside(doc: Any, quotes: list[QuoteMarks]) -> set[int]:
    """Token indices inside any quote (their verbs are the speaker's, not the reporter's)."""
    inside: set[int] = set()
    for q in quotes:
        for start, end in q.parts:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                inside.update(range(span.start, span.end))
    return inside


def _direct_cue(doc: Any, q: QuoteMarks, inside: set[int]) -> Any | None:
    first = doc.char_span(q.start, q.start + 1, alignment_mode="expand")
    last = doc.char_span(max(q.start, q.end - 1), q.end, alignment_mode="expand")
    if first is None or last is None:
        return None
    cue = _ancestor_cue(doc, q, inside)
    if cue is not None:
        return cue
    head_sent, tail_sent = _sent(first[0]), _sent(last[-1])
    after = [t for t in tail_sent if t.i >= last.end and t.i not in inside]
    if tail_sent.end < len(doc) and len(after) <= 2:  # '"....?" she said.' split off
        following = _sent(doc[tail_sent.end])
        if "\n" not in _text(doc)[q.end : following.start_char]:
            after += [t for t in following[:FOLLOWING_CUE_TOKENS] if t.i not in inside]
    before = [t for t in head_sent if t.i < first.start and t.i not in inside]
    cue = _nearest_cue(after) or _nearest_cue(list(reversed(before)))
    if cue is not None:
        return cue
    if cue is None and head_sent.start > 0:  # 'Trump said: "..."'
        prior = _sent(doc[head_sent.start - 1])
        if prior[-1].text == ":" or (len(prior) > 1 and prior[-2].text == ":"):
            cue = _nearest_cue(list(reversed([t for t in prior if t.i not in inside])))
    return cue


def _ancestor_cue(doc: Any, q: QuoteMarks, inside: set[int]) -> Any | None:
    """A cue the quote depends on in the parse: 'said "..."', 'called it a "..."'."""
    for token in _quote_roots(doc, q, inside):
        node = token
        for _ in range(4):
            if node.head is node:
                break
            node = node.head
            if node.i not in inside and _is_cue(node):
                return node
    return None


def _nearest_cue(tokens: list[Any]) -> Any | None:
    for t in tokens:
        if _is_cue(t):
            return t
    return None


def _is_cue(t: Any) -> bool:
    if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH_VERBS:
        return True
    if t.lower_ in HEADLINE_CUES and t.dep_ == "ROOT":  # "Obama Says ...": a PROPN in title case
        return True
    if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
        return True
    return (
        t.pos_ == "NOUN"
        and t.lemma_.lower() in SPEECH_NOUNS
        and any(c.dep_ == "poss" for c in t.children)
    )


def _speaker_of(cue: Any, index: SpeakerIndex) -> Speaker | None:
    head = _speaker_head(cue)
    return resolve(head, index) if head is not None else None


def _speaker_head(cue: Any) -> Any | None:
    if cue.lower_ == "according":
        for to in cue.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    if cue.pos_ == "NOUN":
        return next((c for c in cue.children if c.dep_ == "poss"), None)
    for child in cue.children:
        if child.dep_ in SUBJECTS:
            if child.lower_ in RELATIVE_PRONOUNS and cue.dep_ == "relcl":
                return cue.head  # "Smith, who told reporters ...": Smith
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):  # "Russia backing the ..."
        return cue.head
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head is not cue:  # "X smiled and said"
        return _speaker_head(cue.head) if cue.head.pos_ in ("VERB", "AUX") else None
    return None


def _near(doc: Any, end: int, start: int) -> bool:
    """True when ``start`` is in the paragraph after ``end``'s, or the same one."""
    return _text(doc).count("\n\n", end, start) <= 1


def attribute_indirect(
    doc: Any, quoted: list[tuple[int, int]], index: SpeakerIndex
) -> list[Attribution]:
    """Reported speech: speech verbs with a clause, and "according to X"."""
    out: list[Attribution] = []
    for t in doc:
        if not _is_cue(t) or t.pos_ == "NOUN" or _within(t.idx, quoted):
            continue
        content = _content(t)
        if content is None or _quoted_share(content, quoted) > MAX_QUOTED_SHARE:
            continue
        speaker = _speaker_of(t, index)
        if speaker is None and t.lemma_.lower() not in SAYING_VERBS and t.lower_ != "according":
            continue
        out.append(Attribution("indirect", [content], t, speaker))
    seen = {a.cue.i for a in out if a.cue is not None}
    colons = _colon_attributions(doc, quoted, index)
    out.extend(a for a in colons if a.cue is not None and a.cue.i not in seen)
    return out


def _colon_attributions(
    doc: Any, quoted: list[tuple[int, int]], index: SpeakerIndex
) -> list[Attribution]:
    """'X said:' (or 'X's statement:') followed by unquoted text: the rest of the paragraph."""
    out: list[Attribution] = []
    for colon in doc:
        if colon.text != ":" or _within(colon.idx, quoted):
            continue
        window = doc[max(_sent(colon).start, colon.i - COLON_CUE_REACH) : colon.i]
        cue = next((t for t in reversed(list(window)) if _is_cue(t)), None)
        if cue is None:
            continue
        start = colon.idx + 1
        end = _text(doc).find("\n\n", start)
        end = len(_text(doc)) if end < 0 else end
        content = _strip(_text(doc), start, end)
        if content is None or _quoted_share(content, quoted) > MAX_QUOTED_SHARE:
            continue
        out.append(Attribution("indirect", [content], cue, _speaker_of(cue, index)))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if len(text[start:end].split()) >= MIN_CONTENT_TOKENS else None


def _content(cue: Any) -> tuple[int, int] | None:
    """What the cue reports: its clause ("said that ..."), the clause it interrupts ("X was,
    Y said, Z"), the clause around "according to Y", or the thing it names ("denied the claim").
    """
    if cue.lower_ == "according":
        return _around(cue, list(cue.subtree))
    clauses = [c for c in cue.children if c.dep_ in CONTENT_DEPS]
    after = [c for c in clauses if c.i > cue.i]
    comp = after[0] if after else (clauses[-1] if clauses else None)
    if comp is None and cue.dep_ == "parataxis" and cue.head is not cue:
        return _around(cue, list(cue.subtree), within=list(cue.head.subtree))
    if comp is None:
        comp = _that_clause(cue) or _topic(cue)
    if comp is None and cue.lemma_.lower() in OBJECT_CONTENT_VERBS:
        comp = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if comp is None or comp.pos_ == "PRON":
        return None
    tokens = sorted(comp.subtree, key=lambda x: x.i)
    if len(tokens) < MIN_CONTENT_TOKENS:
        return None
    return _trim(cue.doc[tokens[0].i : tokens[-1].i + 1])


def _that_clause(cue: Any) -> Any | None:
    """A "that" clause the parser hung under the listener: "told the leaders that ..."."""
    for obj in cue.children:
        if obj.dep_ not in ("dobj", "dative"):
            continue
        for token in obj.subtree:
            if (
                token.dep_ == "mark"
                and token.lower_ == "that"
                and token.head.pos_ in ("VERB", "AUX")
            ):
                return token.head
    return None


def _topic(cue: Any) -> Any | None:
    """The object of a preposition that gives what is reported: "talked about X", "accused Y
    of X", "described Y as X", "called for X"."""
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ in REPORT_PREPS:
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj
    for obj in cue.children:  # "accused Rafael Cruz of associating with ..."
        if obj.dep_ == "dobj":
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in REPORT_PREPS:
                    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return None


def _around(cue: Any, phrase: list[Any], within: list[Any] | None = None) -> tuple[int, int] | None:
    """The longer side of a sentence (or of ``within``) once the cue's own phrase is left out."""
    doc = cue.doc
    region = sorted(within, key=lambda x: x.i) if within else list(_sent(cue))
    lo, hi = min(p.i for p in phrase), max(p.i for p in phrase) + 1
    first, last = region[0].i, region[-1].i + 1
    left, right = doc[first:lo] if lo > first else None, doc[hi:last] if last > hi else None
    sides = [s for s in (left, right) if s is not None and len(s) >= MIN_CONTENT_TOKENS]
    if not sides:
        return None
    return _trim(max(sides, key=len))


def _trim(span: Any) -> tuple[int, int] | None:
    tokens = [t for t in span if not (t.is_punct or t.is_space)]
    if not tokens:
        return None
    if tokens[0].lower_ == "that" and len(tokens) > 1:
        tokens = tokens[1:]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _within(at: int, parts: list[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in parts)


def _quoted_share(content: tuple[int, int], parts: list[tuple[int, int]]) -> float:
    start, end = content
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in parts)
    return covered / max(1, end - start)
