"""One article's model outputs to its ``entities``, ``quotes`` and ``dates`` fields."""

from __future__ import annotations

from typing import Any

from copydesk.enrich.aliases import canonicalize
from copydesk.enrich.attribution import Attribution, attribute_direct, attribute_indirect
from copydesk.enrich.countries import place_names
from copydesk.enrich.dates import base_date, date_phrase, date_wording, resolve_date
from copydesk.enrich.entities import Mention, doc_mentions
from copydesk.enrich.quotes import find_quotes, is_quotation
from copydesk.enrich.segments import Chunk, trim_tokens
from copydesk.enrich.speakers import SpeakerIndex
from copydesk.options import EnrichOptions
from copydesk.record import Article

Span = dict[str, int | str]


def annotate(
    article: Article, chunks: list[Chunk], docs: list[Any], options: EnrichOptions
) -> None:
    """Fill the enrichment fields of ``article`` from the docs of its chunks (in order)."""
    mentions = [m for n, doc in enumerate(docs) for m in doc_mentions(doc, n)]
    mentions = canonicalize(mentions, [c.text for c in chunks])
    if options.entities:
        article.entities = _entities(mentions, chunks) + _dateline_entity(article)
    if options.quotes:
        article.quotes = _quotes(chunks, docs, mentions)
    if options.dates:
        # the article's own date first: --published stands in for inputs without one
        base = base_date(article.published) or base_date(options.published)
        article.dates = _dates(chunks, docs, base)


def _entities(mentions: list[Mention], chunks: list[Chunk]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for m in mentions:
        located = chunks[m.chunk].locate(m.start, m.end)
        if located is None:
            continue
        key = (m.canonical or m.text, m.label)
        entry = groups.setdefault(
            key,
            {"text": m.text, "label": m.label, "canonical": key[0], "spans": [], "mentions": []},
        )
        if m.text == key[0]:
            entry["text"] = m.text
        entry["spans"].append(located[1])
        if m.text not in entry["mentions"]:
            entry["mentions"].append(m.text)
        if m.title and "title" not in entry:
            entry["title"] = m.title
    return list(groups.values())


def _dateline_entity(article: Article) -> list[dict[str, Any]]:
    """The dateline place is a place by definition; the model never sees it (it is not body)."""
    place = (article.dateline or {}).get("place")
    if not place or not place.strip():
        return []
    canonical = place_names().get(place.strip().casefold(), place.strip())
    span: Span = {"field": "dateline", "start": 0, "end": len(place)}
    return [
        {
            "text": place,
            "label": "GPE",
            "canonical": canonical,
            "spans": [span],
            "mentions": [place],
        }
    ]


def _quotes(chunks: list[Chunk], docs: list[Any], mentions: list[Mention]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, (chunk, doc) in enumerate(zip(chunks, docs, strict=True)):
        index = SpeakerIndex([m for m in mentions if m.chunk == n])
        marks = find_quotes(chunk)
        parsed = _parsed(doc)
        direct = attribute_direct(doc, marks, index) if parsed else []
        direct = [a for a in direct if is_quotation(_joined(chunk, a.parts))]
        quoted = [p for q in marks for p in q.parts]
        indirect = attribute_indirect(doc, quoted, index) if parsed else []
        atts = sorted(direct + indirect, key=lambda a: a.parts[0][0])
        out.extend(q for a in atts if (q := _quote(chunk, a)) is not None)
    return out


def _quote(chunk: Chunk, att: Attribution) -> dict[str, Any] | None:
    spans = [loc[1] for s, e in att.parts if (loc := chunk.locate(s, e)) is not None]
    if not spans:
        return None
    text = _joined(chunk, att.parts)
    quote: dict[str, Any] = {
        "text": text,
        "speaker": att.speaker.canonical if att.speaker else None,
        "kind": att.kind,
        "span": spans[0],
        "cue": att.cue.text if att.cue is not None else None,
    }
    if len(spans) > 1:
        quote["spans"] = spans
    if att.speaker is not None:
        quote["speaker_text"] = att.speaker.text
        located = chunk.locate(att.speaker.start, att.speaker.end)
        if located is not None:
            quote["speaker_span"] = located[1]
    return quote


def _parsed(doc: Any) -> bool:
    """True when the parser ran (every token then has a dependency label, at least ROOT).
    ``Doc.has_annotation`` would build every token of the document to say the same."""
    return len(doc) > 0 and bool(doc[0].dep_) and bool(doc[len(doc) - 1].dep_)


def _joined(chunk: Chunk, parts: list[tuple[int, int]]) -> str:
    return "\n\n".join(chunk.text[s:e] for s, e in parts).strip()


def _dates(chunks: list[Chunk], docs: list[Any], base: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for chunk, doc in zip(chunks, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            start, end = trim_tokens(doc, ent.start, ent.end)
            if start >= end:
                continue
            span = doc[start:end]
            located = chunk.locate(span.start_char, span.end_char)
            wording = date_wording(doc, start, end)
            phrase = date_phrase(span.text, wording)
            if located is None or phrase is None:
                continue  # a duration, an age, a count: no time to place
            resolved = resolve_date(phrase, base, wording.future, wording.nearest)
            out.append({"text": span.text, "resolved": resolved, "span": located[1]})
    return out
