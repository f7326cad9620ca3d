"""Export the store to JSONL or Parquet, written to a temporary file and renamed at the end so
an interrupted export never leaves a half-written file under the requested name."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from copydesk.record import Article
from copydesk.store.read import ReadStore
from copydesk.writers.parquet import write_parquet
from copydesk.writers.targets import seekable, written_in_place

#: Record fields that are lists of strings in Parquet; other structured fields are JSON text.
_STRING_LISTS = ("section", "byline", "body", "errors", "tags")
_JSON_TEXT = ("dateline", "removed", "repairs", "entities", "quotes", "dates", "meta")
_SCALARS = (
    "id",
    "url",
    "language",
    "headline",
    "standfirst",
    "credit",
    "published",
    "text",
    "duplicate_of",
    "cluster",
    "site",
)


def export(store: ReadStore, out: Path, fmt: str, *, canonical_only: bool = False) -> int:
    """Write every record (or only canonical copies) to ``out``; returns how many.

    ``-`` writes JSONL to stdout; a device or a pipe (``-o /dev/null``) is written where it
    is (`written_in_place`). The rename at the end replaces whatever ``out`` names, so ``out``
    is checked first: the store itself (``-o corpus.db`` destroyed it) and a folder are
    refused, and a link is written through, not replaced.
    """
    if str(out) == "-":
        if fmt != "jsonl":
            raise OSError("only JSONL can be written to stdout (-o -)")
        return _write_jsonl(store.iter_articles(canonical_only=canonical_only), sys.stdout)
    records = store.iter_articles(canonical_only=canonical_only)
    _not_the_store(out, store.path)
    if fmt == "parquet" and not seekable(out):
        raise OSError(f"{out} is a pipe or a terminal, and Parquet needs a file: name one")
    if written_in_place(out):
        return _write(records, out, fmt, append=True)
    out = _target(out)
    tmp = out.with_name(f".{out.name}.partial")
    try:
        count = _write(records, tmp, fmt)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _not_the_store(out: Path, store: Path) -> None:
    """Whatever way ``out`` is written, it must not be the store or its journal files."""
    for name in (store, Path(f"{store}-wal"), Path(f"{store}-shm")):
        try:
            same = out.exists() and name.exists() and out.samefile(name)
        except OSError:
            same = False
        if same:
            raise OSError(f"{out} is the store itself; choose another output file")


def _target(out: Path) -> Path:
    """The regular file an export may replace: ``out``, or the file a link names."""
    if out.is_symlink():
        out = out.resolve()
    if out.exists() and not out.is_file():
        raise OSError(f"{out} is a folder: export writes one file; name one ({out}/corpus.jsonl)")
    return out


def _write(records: Iterable[Article], path: Path, fmt: str, append: bool = False) -> int:
    if fmt == "jsonl":
        return _jsonl(records, path, append)
    return write_parquet(records, path, batch=5000)


def _jsonl(records: Iterable[Article], path: Path, append: bool = False) -> int:
    with path.open("a" if append else "w", encoding="utf-8") as fh:
        return _write_jsonl(records, fh)


def _write_jsonl(records: Iterable[Article], fh: TextIO) -> int:
    count = 0
    for rec in records:
        fh.write(rec.to_json() + "\n")
        count += 1
    return count


def parquet_schema():  # type: ignore[no-untyped-def]
    import pyarrow as pa

    source = pa.struct(
        [(k, pa.string()) for k in ("path", "url", "format", "fetched")]
        + [("offset", pa.int64()), ("line", pa.int64())]
    )
    return pa.schema(
        [(k, pa.string()) for k in _SCALARS]
        + [(k, pa.list_(pa.string())) for k in _STRING_LISTS]
        + [(k, pa.string()) for k in _JSON_TEXT]
        + [("source", source)]
    )


def _flat(rec: Article) -> dict:
    data = rec.to_dict()
    out = {k: data[k] for k in (*_SCALARS, *_STRING_LISTS)}
    for k in _JSON_TEXT:
        # "[]" and "{}" as written in JSONL: null stood for both and for a missing dateline,
        # so the two exports of one store differed and every reader had to test for it
        out[k] = None if data[k] is None else json.dumps(data[k], ensure_ascii=False)
    out["source"] = data["source"]
    return out
