"""Plain text to an article: lines become blocks, then the shared structure rules run."""

from __future__ import annotations

from copydesk.record import Article
from copydesk.structure.blocks import Block, TraceLine
from copydesk.structure.build import build_article


def split_lines(text: str) -> list[Block]:
    """One block per input line, numbered from 1; line endings of every platform accepted."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Block(line, n) for n, line in enumerate(text.split("\n"), start=1)]


def structure_text(text: str) -> tuple[Article, list[TraceLine]]:
    """Structure already-extracted text (the seed's kind of input) into a record."""
    return build_article(split_lines(text), meta=None, layout="text")
