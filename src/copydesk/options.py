"""One frozen options object per concern, passed explicitly: no module-level state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ErrorPolicy = Literal["raise", "record", "skip"]

#: Inputs larger than this are read only up to the cap and flagged in ``errors``: a 500 MB
#: "article" is a broken crawl, and reading all of it would stall a worker for nothing.
DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How readers find and decode inputs."""

    input_format: str = "auto"
    text_field: str = "text"
    html_field: str = "html"
    id_field: str | None = "id"
    url_field: str | None = "url"
    max_bytes: int = DEFAULT_MAX_BYTES
    encoding: str | None = None
    #: Patterns of input paths to leave out (`copydesk.readers.paths.excluded`).
    exclude: tuple[str, ...] = ()
    #: Absolute paths never read: the run's own output, which a folder being parsed may hold
    #: (read back while it is written, it became records of records).
    never_read: tuple[str, ...] = ()
    #: A folder the records' source paths are written relative to (absolute when outside it),
    #: whatever the working directory and however the input was named: an ingest sets its
    #: store's folder, so that ids, which hash the path, are the same on every rerun.
    path_base: str | None = None

    def __post_init__(self) -> None:
        # 0 made every JSONL line "over the cap", and -2 and below turned the cap off
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes}")


@dataclass(frozen=True, slots=True)
class EnrichOptions:
    """Settings of the optional NLP stage (the ``nlp`` extra)."""

    model: str = "auto"
    entities: bool = True
    quotes: bool = True
    dates: bool = True
    #: Base date (ISO) for relative dates in records that have no ``published`` of their own;
    #: a record's own date always wins (a page's metadata knows its day better than a default).
    published: str | None = None
    batch_size: int = 32


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """Everything `parse` needs; the CLI builds one from its flags."""

    read: ReadOptions = field(default_factory=ReadOptions)
    enrich: EnrichOptions | None = None
    errors: ErrorPolicy = "record"
    language: bool = True
    html_timeout: float = 30.0
