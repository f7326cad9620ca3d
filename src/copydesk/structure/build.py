"""Blocks to an article record: classify, repair, assemble (placeholder: every line is body)."""

from __future__ import annotations

from copydesk.record import Article
from copydesk.structure.blocks import Block, PageMeta, TraceLine


def build_article(
    blocks: list[Block], meta: PageMeta | None, layout: str
) -> tuple[Article, list[TraceLine]]:
    article = Article()
    trace = []
    for block in blocks:
        if block.text.strip():
            article.body.append(block.text.strip())
            trace.append(TraceLine(block.where, block.text, "body"))
    return article, trace
