"""The structure stage's input: blocks of text with where they came from and a hint.

Plain text gives one block per line (``where`` = 1-based line number, no hint); HTML gives one
block per paragraph, heading, list item or quote of trafilatura's XML (``where`` = block index,
``hint`` = the element). Both then go through the same classification and repair rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Words from which a paragraph is body prose. No dek comes after one (a "subtitle" block below
#: the first paragraph is a related-article teaser, "Czytaj więcej"), nor a timestamp line.
PROSE_WORDS = 12


@dataclass(slots=True)
class Block:
    text: str
    where: int
    hint: str | None = None


@dataclass(slots=True)
class PageMeta:
    """Metadata an HTML page declares about itself (all optional)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    description: str | None = None
    site: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None


@dataclass(slots=True)
class TraceLine:
    """What happened to one input block: its class and any change, for ``--explain``."""

    where: int
    text: str
    label: str
    note: str = ""
