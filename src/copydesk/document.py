"""A raw input on its way into the pipeline: content plus provenance, nothing parsed yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from copydesk.record import Source


@dataclass(slots=True)
class Document:
    """What a reader yields: raw ``content`` (bytes or already-decoded text) and its source.

    ``format`` is "text" or "html"; readers of containers (JSONL, WARC) unpack to these.
    ``errors`` carries reader-level failures so the document still becomes a record.
    """

    content: bytes | str
    source: Source
    format: str = "text"
    id: str | None = None
    url: str | None = None
    errors: list[str] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)
