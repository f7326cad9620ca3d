"""The article record: the user-facing contract of copydesk.

Field names are stable (see ARCHITECTURE.md): fields may be added, never renamed or dropped.
Annotations (entities, quotes, dates) point into ``body`` by paragraph index and character
offsets; they never copy or alter the text they describe.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1

#: ``errors`` entries that start with this are notes, not failures: a record in another
#: language is not enriched on purpose, and its input still parsed fine.
SKIP_NOTE_PREFIX = "enrich skipped:"


@dataclass(slots=True)
class Source:
    """Where a record came from: enough to find the input again and to give a stable id."""

    path: str | None = None
    url: str | None = None
    format: str = "text"
    offset: int | None = None
    line: int | None = None
    fetched: str | None = None

    def key(self) -> str:
        """The identity of the input position, hashed into the record id."""
        where = self.path or self.url or ""
        pos = self.offset if self.offset is not None else self.line
        return f"{where}\x00{'' if pos is None else pos}"


@dataclass(slots=True)
class Removal:
    """A block that was dropped, with the rule that dropped it: the audit trail."""

    text: str
    reason: str
    where: int | str | None = None
    detail: str | None = None


@dataclass(slots=True)
class Repair:
    """A change made to kept text; ``before``/``after`` are kept only when short."""

    kind: str
    where: int | str | None = None
    rule: str | None = None
    before: str | None = None
    after: str | None = None
    count: int = 1


@dataclass(slots=True)
class Article:
    """One article, built by the structure stage and filled in by later stages."""

    id: str = ""
    source: Source = field(default_factory=Source)
    url: str | None = None
    language: str | None = None
    section: list[str] = field(default_factory=list)
    headline: str | None = None
    standfirst: str | None = None
    byline: list[str] = field(default_factory=list)
    credit: str | None = None
    dateline: dict[str, str] | None = None
    published: str | None = None
    body: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    duplicate_of: str | None = None
    cluster: str | None = None
    errors: list[str] = field(default_factory=list)
    site: str | None = None
    tags: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(self.body)

    @property
    def failures(self) -> list[str]:
        """The errors that mean the input failed (notes such as a skipped enrichment aside)."""
        return [e for e in self.errors if not e.startswith(SKIP_NOTE_PREFIX)]

    @property
    def ok(self) -> bool:
        """True when the input gave an article; a failed input still yields a record."""
        return not self.failures

    def to_dict(self) -> dict[str, Any]:
        """The record as `copydesk parse --format jsonl` prints it (``text`` included)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Source):
                value = {k: v for k, v in asdict(value).items() if v is not None}
            elif f.name in ("removed", "repairs"):
                value = [_compact(asdict(item)) for item in value]
            out[f.name] = value
            if f.name == "body":
                out["text"] = self.text
        return out

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild a record from `to_dict` output (the store and the Ray executor use this)."""
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["source"] = Source(**(data.get("source") or {}))
        kwargs["removed"] = [Removal(**r) for r in data.get("removed") or []]
        kwargs["repairs"] = [Repair(**r) for r in data.get("repairs") or []]
        return cls(**kwargs)


def _compact(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v is not None and not (k == "count" and v == 1)}


def stable_id(source: Source, content: str | bytes | None = None) -> str:
    """A 16-hex id from the source position, so re-running gives the same id.

    Records without a path or URL (``copydesk.parse("...")``), and those read from standard
    input (every one of which is "<stdin>"), are named by their content too.
    """
    key = source.key()
    unnamed = not (source.path or source.url) or source.path == "<stdin>"
    if unnamed and content is not None:
        data = content if isinstance(content, bytes) else content.encode("utf-8", "replace")
        key += hashlib.sha1(data).hexdigest()
    return hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:16]
