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

    @property
    def where(self) -> str:
        """The input as errors name it: a JSONL record by its line ("in.jsonl:3"), a WARC record
        by its offset ("crawl.warc.gz@5120"), as the readers' own errors do; every stage names
        it so, or a summary's "first:" points at a whole archive."""
        where = self.source.path or self.source.url or "<input>"
        if self.source.path and self.source.line is not None:
            return f"{where}:{self.source.line}"
        if self.source.path and self.source.offset is not None:
            return f"{where}@{self.source.offset}"
        return where
