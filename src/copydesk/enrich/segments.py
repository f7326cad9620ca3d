"""What the model reads: an article cut into pieces and chunks, with the way back to spans.

The model sees one text per chunk: the headline, standfirst and body paragraphs joined by blank
lines. Offsets in a chunk map back to ``{"para", "start", "end"}`` in ``Article.body`` (or
``{"field", "start", "end"}`` for the headline and standfirst), so annotations stay views into
the record and never copies of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from copydesk.record import Article

#: Longest text handed to the model at once. spaCy's memory grows with the text (about 1 GB per
#: 100,000 words with the parser), so a 100,000-word "article" goes in pieces of this size.
CHUNK_CHARS = 50_000
SEPARATOR = "\n\n"
#: Where a paragraph too long for one chunk may be cut, best first: after a sentence, at a space.
_CUTS = (re.compile(r"[.!?][\"'”’)]?\s+"), re.compile(r"\s+"))


@dataclass(slots=True, frozen=True)
class Piece:
    """A stretch of one field: a body paragraph (``para``) or ``field`` of the record."""

    field: str
    para: int | None
    offset: int
    text: str


@dataclass(slots=True)
class Chunk:
    """Pieces joined by blank lines: one model input. ``starts[i]`` is piece i's offset."""

    pieces: list[Piece] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    text: str = ""

    def add(self, piece: Piece) -> None:
        if self.pieces:
            self.text += SEPARATOR
        self.starts.append(len(self.text))
        self.pieces.append(piece)
        self.text += piece.text

    def locate(self, start: int, end: int) -> tuple[Piece, dict[str, int | str]] | None:
        """The span of chunk offsets ``start:end`` in the record, clipped to one piece."""
        i = bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        piece, base = self.pieces[i], self.starts[i]
        lo, hi = start - base, min(end - base, len(piece.text))
        if lo < 0 or lo >= hi:
            return None
        where: dict[str, int | str] = (
            {"para": piece.para} if piece.para is not None else {"field": piece.field}
        )
        where.update(start=piece.offset + lo, end=piece.offset + hi)
        return piece, where


def article_pieces(article: Article) -> list[Piece]:
    """Headline, standfirst and body paragraphs, long paragraphs cut to fit a chunk."""
    pieces: list[Piece] = []
    for name in ("headline", "standfirst"):
        value = getattr(article, name)
        if value and value.strip():
            pieces.extend(_cut(name, None, value))
    for n, para in enumerate(article.body):
        if para.strip():
            pieces.extend(_cut("body", n, para))
    return pieces


def chunk_pieces(pieces: list[Piece], limit: int = CHUNK_CHARS) -> list[Chunk]:
    """Greedy packing of whole pieces into chunks of at most ``limit`` characters."""
    chunks: list[Chunk] = []
    current = Chunk()
    for piece in pieces:
        if current.pieces and len(current.text) + len(SEPARATOR) + len(piece.text) > limit:
            chunks.append(current)
            current = Chunk()
        current.add(piece)
    if current.pieces:
        chunks.append(current)
    return chunks


def _cut(name: str, para: int | None, text: str, limit: int = CHUNK_CHARS) -> list[Piece]:
    out: list[Piece] = []
    offset = 0
    while len(text) - offset > limit:
        cut = _cut_point(text, offset, offset + limit)
        out.append(Piece(name, para, offset, text[offset:cut]))
        offset = cut
    out.append(Piece(name, para, offset, text[offset:]))
    return out


def _cut_point(text: str, lo: int, hi: int) -> int:
    """The last sentence end (else space) in the second half of ``text[lo:hi]``, else ``hi``."""
    window = text[lo + (hi - lo) // 2 : hi]
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(window)]
        if ends:
            return lo + (hi - lo) // 2 + ends[-1]
    return hi


def trim_tokens(doc: Any, start: int, end: int) -> tuple[int, int]:
    """Token range ``start:end`` without whitespace tokens at its ends, cut at a line break.

    spaCy keeps any whitespace but one space as a token of its own, and the model often ends a
    name or date on one ("Steve Jobs\n\n" at the end of a paragraph). A chunk joins pieces with
    a blank line, so such a span reads on into the next paragraph while its ``locate``d span stops
    at the end of this one: the text must stop there too, or it is not the text the span covers.
    """
    while start < end and doc[start].is_space:
        start += 1
    for i in range(start, end):
        if doc[i].is_space and "\n" in doc[i].text:
            end = i
            break
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end
