"""Article text to HTML: every character escaped, then marks for matches, entities and quotes.

Annotations are spans into body paragraphs (``para``, ``start``, ``end``); they never copy the
text. A paragraph is cut at every span boundary and each piece is escaped on its own, so no
stored text can ever become markup. Quotes wrap entities; an entity that crosses a quote's edge
is cut there. Spans that do not fit the paragraph (a stale annotation) are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from copydesk.web.query import MARK_CLOSE, MARK_OPEN


def highlight(snippet: str) -> Markup:
    """A snippet with FTS5 marks as escaped HTML with balanced ``<mark>`` elements."""
    out, open_ = [], False
    snippet = " ".join(snippet.split())
    for i, part in enumerate(snippet.split(MARK_OPEN)):
        pieces = part.split(MARK_CLOSE) if i else [part]
        for j, piece in enumerate(pieces):
            if i and j == 0 and not open_:
                out.append("<mark>")
                open_ = True
            elif j and open_:
                out.append("</mark>")
                open_ = False
            out.append(escape(piece, quote=False))
    if open_:
        out.append("</mark>")
    return Markup("".join(out))


def plain(snippet: str) -> str:
    """A snippet without its marks (for the JSON API)."""
    return " ".join(snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "").split())


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str  # "quote" or "entity"
    info: dict[str, Any]


def paragraphs(
    body: list[str], entities: list[dict[str, Any]], quotes: list[dict[str, Any]]
) -> list[Markup]:
    """The body as HTML paragraphs' inner markup, with entities and quotes marked."""
    per_para: dict[int, list[_Span]] = {}
    for q in quotes:
        span = q.get("span") or {}
        _add(per_para, body, span, "quote", q)
    for e in entities:
        for span in e.get("spans") or []:
            _add(per_para, body, span, "entity", e)
    return [_paragraph(text, per_para.get(i, [])) for i, text in enumerate(body)]


def _add(
    out: dict[int, list[_Span]], body: list[str], span: Any, kind: str, info: dict[str, Any]
) -> None:
    if not isinstance(span, dict):
        return
    para, start, end = span.get("para"), span.get("start"), span.get("end")
    if not (isinstance(para, int) and isinstance(start, int) and isinstance(end, int)):
        return
    if 0 <= para < len(body) and 0 <= start < end <= len(body[para]):
        out.setdefault(para, []).append(_Span(start, end, kind, info))


def _paragraph(text: str, spans: list[_Span]) -> Markup:
    if not spans:
        return Markup(escape(text, quote=False))
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    quotes = [s for s in spans if s.kind == "quote"]
    ents = [s for s in spans if s.kind == "entity"]
    out: list[str] = []
    current: tuple[_Span | None, _Span | None] = (None, None)
    for a, b in pairwise(cuts):
        q = next((s for s in quotes if s.start <= a and b <= s.end), None)
        e = next((s for s in ents if s.start <= a and b <= s.end), None)
        if (q, e) != current:
            if current[1] is not None:
                out.append("</a>")
            if current[0] is not None and q is not current[0]:
                out.append("</q>")
            if q is not None and q is not current[0]:
                out.append(_open_quote(q.info))
            if e is not None:
                out.append(_open_entity(e.info))
            current = (q, e)
        out.append(escape(text[a:b], quote=False))
    if current[1] is not None:
        out.append("</a>")
    if current[0] is not None:
        out.append("</q>")
    return Markup("".join(out))


def _open_quote(info: dict[str, Any]) -> str:
    speaker = info.get("speaker")
    kind = str(info.get("kind") or "direct")
    title = f"{kind} quote" + (f" — {speaker}" if speaker else " — speaker unknown")
    return f'<q class="quote quote-{escape(_slug(kind))}" title="{escape(title)}">'


def _open_entity(info: dict[str, Any]) -> str:
    label = str(info.get("label") or "MISC")
    name = str(info.get("canonical") or info.get("text") or "")
    href = "/entity/" + quote(name, safe="")
    title = escape(f"{label}: {name}")
    return f'<a class="ent ent-{escape(_slug(label))}" href="{escape(href)}" title="{title}">'


def _slug(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum()) or "x"
