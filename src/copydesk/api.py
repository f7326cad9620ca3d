"""The Python API: `parse` one text or page, `parse_files` for many."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import get_args

from copydesk.document import Document
from copydesk.options import EnrichOptions, ErrorPolicy, ParseOptions, ReadOptions
from copydesk.pipeline import parse_document, run_shard
from copydesk.readers.sniff import sniff_format
from copydesk.readers.surrogates import scrub_document
from copydesk.record import Article, Source


def parse(
    data: str | bytes | bytearray | memoryview,
    *,
    format: str = "auto",
    url: str | None = None,
    enrich: bool | EnrichOptions = False,
    errors: ErrorPolicy = "record",
    options: ParseOptions | None = None,
) -> Article:
    """Parse one article given as text or bytes (plain text or HTML).

    ``format="auto"`` treats input that starts like markup (``<!doctype``, ``<html``) as HTML.
    With ``errors="raise"`` a bad input raises `copydesk.InputError` instead of returning a
    record whose ``errors`` say what went wrong. ``errors="skip"`` leaves failed records out of
    a stream (`parse_files`); for the one record this function returns it is ``"record"``:
    there is nothing to leave it out of, and returning None would hide why.
    """
    if format not in ("auto", "text", "html"):
        raise ValueError(f"format must be auto, text or html, not {format!r}")
    if errors not in get_args(ErrorPolicy):
        raise ValueError(f"errors must be record, skip or raise, not {errors!r}")
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, str | bytes):
        raise TypeError(f"parse takes str or bytes, not {type(data).__name__}")
    options = _options(options, enrich, errors)
    fmt = sniff_format(data) if format == "auto" else format
    cap, problems = options.read.max_bytes, []
    if len(data) > cap:  # as for a file: the reader's cap, counted in characters for a str
        data = data[:cap]
        unit = "characters" if isinstance(data, str) else "bytes"
        problems.append(
            f"{url or '<input>'}: input larger than {cap} {unit}: only the first {cap} were "
            "read (raise ReadOptions.max_bytes to read more)"
        )
    # scrubbed as the readers' documents are: a str may hold lone surrogates
    doc = scrub_document(Document(data, Source(url=url, format=fmt), fmt, url=url, errors=problems))
    article = parse_document(doc, options).article
    if options.enrich is not None:
        from copydesk.enrich import enrich_records

        article = next(iter(enrich_records([article], options.enrich)))
    return article


def parse_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    input_format: str = "auto",
    enrich: bool | EnrichOptions = False,
    errors: ErrorPolicy = "record",
    options: ParseOptions | None = None,
) -> Iterator[Article]:
    """Yield one record per article in files, folders, globs or ``-`` (stdin), lazily."""
    options = _options(options, enrich, errors)
    if input_format != "auto":
        options = replace(options, read=replace(options.read, input_format=input_format))
    if isinstance(paths, str | os.PathLike):
        inputs: Iterable[str] = [os.fspath(paths)]
    else:  # lazily: a generator of a million paths stays one
        inputs = (os.fspath(p) for p in paths)
    yield from run_shard(inputs, options)


def _options(
    options: ParseOptions | None, enrich: bool | EnrichOptions, errors: ErrorPolicy
) -> ParseOptions:
    base = options or ParseOptions(read=ReadOptions(), errors=errors)
    if options is None and enrich:
        base = replace(
            base, enrich=enrich if isinstance(enrich, EnrichOptions) else EnrichOptions()
        )
    return base
