"""The Python API: `parse` one text or page, `parse_files` for many."""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import get_args

from copydesk.document import Document
from copydesk.options import EnrichOptions, ErrorPolicy, ParseOptions, ReadOptions
from copydesk.pipeline import parse_document, run_shard
from copydesk.readers.files import GZIP_MAGIC
from copydesk.readers.sniff import sniff_format
from copydesk.readers.surrogates import scrub_document
from copydesk.record import Article, Source


def parse(
    data: str | bytes | bytearray | memoryview,
    *,
    format: str = "auto",
    url: str | None = None,
    enrich: bool | EnrichOptions | None = None,
    errors: ErrorPolicy | None = None,
    options: ParseOptions | None = None,
) -> Article:
    """Parse one article given as text or bytes (plain text or HTML).

    ``format="auto"`` treats input that starts like markup (``<!doctype``, ``<html``) as HTML.
    With ``errors="raise"`` a bad input raises `copydesk.InputError` instead of returning a
    record whose ``errors`` say what went wrong. ``errors="skip"`` leaves failed records out of
    a stream (`parse_files`); for the one record this function returns it is ``"record"``:
    there is nothing to leave it out of, and returning None would hide why. ``errors`` and
    ``enrich``, when given, override the matching fields of ``options``. Gzipped bytes are
    gunzipped; a WARC archive holds many records, so it is `parse_files`'s to read.
    """
    if format not in ("auto", "text", "html"):
        raise ValueError(f"format must be auto, text or html, not {format!r}")
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, str | bytes):
        raise TypeError(f"parse takes str or bytes, not {type(data).__name__}")
    options = _options(options, enrich, errors)
    cap, problems = options.read.max_bytes, []
    if isinstance(data, bytes) and data.startswith(GZIP_MAGIC):
        data, problem = _gunzip(data, cap, url or "<input>")
        problems += problem
    if _is_warc(data):
        raise ValueError(
            "this is a WARC archive, which holds many records: read it with "
            "copydesk.parse_files(path)"
        )
    fmt = sniff_format(data) if format == "auto" else format
    if len(data) > cap:  # as for a file: the reader's cap, counted in characters for a str
        data = data[:cap]
        unit = "characters" if isinstance(data, str) else "bytes"
        problems.append(
            f"{url or '<input>'}: input larger than {cap} {unit}: only the first {cap} were "
            "read (raise ReadOptions.max_bytes to read more)"
        )
    # scrubbed as the readers' documents are: a str may hold lone surrogates
    meta: dict[str, object] = {"sniffed": format == "auto" and fmt == "html"}
    source = Source(url=url, format=fmt)
    doc = scrub_document(Document(data, source, fmt, url=url, errors=problems, meta=meta))
    article = parse_document(doc, options).article
    if options.enrich is not None:
        from copydesk.enrich import enrich_records

        article = next(iter(enrich_records([article], options.enrich)))
    return article


def parse_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    input_format: str = "auto",
    enrich: bool | EnrichOptions | None = None,
    errors: ErrorPolicy | None = None,
    options: ParseOptions | None = None,
) -> Iterator[Article]:
    """Yield one record per article in files, folders, globs or ``-`` (stdin), lazily.

    ``errors`` (default "record") and ``enrich`` (default off), when given, override the
    matching fields of ``options``."""
    options = _options(options, enrich, errors)
    if input_format != "auto":
        options = replace(options, read=replace(options.read, input_format=input_format))
    if isinstance(paths, str | os.PathLike):
        inputs: Iterable[str] = [os.fspath(paths)]
    else:  # lazily: a generator of a million paths stays one
        inputs = (os.fspath(p) for p in paths)
    yield from run_shard(inputs, options)


def _options(
    options: ParseOptions | None, enrich: bool | EnrichOptions | None, errors: ErrorPolicy | None
) -> ParseOptions:
    """``options`` with the keywords given applied over it: a call passing both used to drop
    the keywords without a word (``errors="skip"`` still yielded failed records)."""
    if errors is not None and errors not in get_args(ErrorPolicy):
        raise ValueError(f"errors must be record, skip or raise, not {errors!r}")
    base = options or ParseOptions(read=ReadOptions())
    if errors is not None:
        base = replace(base, errors=errors)
    if enrich is not None and enrich is not False:
        base = replace(
            base, enrich=enrich if isinstance(enrich, EnrichOptions) else EnrichOptions()
        )
    elif enrich is False:
        base = replace(base, enrich=None)
    return base


def _gunzip(data: bytes, cap: int, where: str) -> tuple[bytes, list[str]]:
    """Gzipped bytes decompressed up to ``cap``, and what went wrong (a corrupt stream
    keeps what decompressed before the damage)."""
    parts: list[bytes] = []
    size, at, view = 0, 0, memoryview(data)
    # member after member, as gzip reads; by offset, never copying the rest for each member
    while data[at : at + 2] == GZIP_MAGIC and size <= cap:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            parts.append(inflater.decompress(view[at:], cap + 1 - size))
        except zlib.error as exc:
            return (b"".join(parts) or data), [f"{where}: corrupt gzip data ({exc})"]
        size += len(parts[-1])
        if not inflater.eof:
            break
        at = len(data) - len(inflater.unused_data)
    out = b"".join(parts)
    if len(out) > cap:
        return out[:cap], [
            f"{where}: input larger than {cap} bytes once gunzipped: only the first {cap} were "
            "read (raise ReadOptions.max_bytes to read more)"
        ]
    if not inflater.eof:
        return out, [f"{where}: truncated gzip data: what decompressed was read"]
    return out, []


#: A WARC record's version line and, in its header, the record's type or ID: five bytes
#: "WARC/" alone are a text (a property test found that it was refused).
_WARC_START = re.compile(
    rb"\s*WARC/\d+\.\d+\r?\n(?:[^\r\n]*\r?\n){0,32}?WARC-(?:Type|Record-ID):", re.I
)


def _is_warc(data: str | bytes) -> bool:
    head = data[:8192]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    return _WARC_START.match(head) is not None
