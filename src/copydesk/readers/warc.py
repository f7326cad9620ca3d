"""WARC and WARC.gz: HTML responses become documents; every other record is a counted skip.

Records are read one at a time from a stream (fastwarc), each payload capped at
``options.max_bytes``, so an archive of any size goes through in constant memory. HTTP chunked
framing and gzip, deflate or brotli compression left in a payload are undone
(`copydesk.readers.http_payload`), within the same cap. A damaged
archive (truncated record, wrong Content-Length, corrupt gzip) yields an error document that
names the offset where reading stopped; the records before it are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from copydesk.document import Document
from copydesk.options import ReadOptions
from copydesk.readers.http_payload import decode_payload
from copydesk.record import Source

#: Payload types that hold a web page; a response without a type is sniffed instead.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml", "text/xml"})
_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--")


def read_warc(
    path: str, options: ReadOptions, skipped: Counter[str] | None = None
) -> Iterator[Document]:
    """The HTML responses of one archive, in order; ``skipped`` counts the rest by reason."""
    skipped = skipped if skipped is not None else Counter()
    try:
        from fastwarc.warc import ArchiveIterator
    except ImportError:  # pragma: no cover - fastwarc is a core dependency
        yield from _read_with_warcio(path, options, skipped)
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        yield _error(path, None, f"cannot be read: {exc.strerror or exc}")
        return
    last = 0
    try:
        for record in ArchiveIterator(handle, parse_http=True):
            last = record.stream_pos
            doc = _document(record, path, options, skipped)
            if doc is not None:
                yield doc
    except (OSError, EOFError, ValueError) as exc:
        yield _error(
            path,
            last,
            f"archive damaged after the record at offset {last} ({exc}); "
            "the records after it were not read",
        )
    finally:
        handle.close()


def _document(
    record: Any, path: str, options: ReadOptions, skipped: Counter[str]
) -> Document | None:
    kind = str(record.record_type).rsplit(".", 1)[-1]
    if kind != "response":
        skipped[f"{kind} record"] += 1
        return None
    url = record.headers.get("WARC-Target-URI")
    source = Source(
        path=path,
        url=url,
        format="warc",
        offset=record.stream_pos,
        fetched=record.headers.get("WARC-Date"),
    )
    status = record.http_headers.status_code if record.http_headers is not None else None
    if status is not None and not 200 <= status < 300:
        skipped[f"HTTP status {status}"] += 1
        return None
    ctype = (record.http_content_type or "").lower()
    if ctype and ctype not in HTML_TYPES:
        skipped[f"not HTML ({ctype})"] += 1
        return None
    payload = record.reader.read(options.max_bytes + 1)
    errors = []
    if len(payload) > options.max_bytes:
        payload = payload[: options.max_bytes]
        errors.append(
            f"{path}@{record.stream_pos}: page larger than {options.max_bytes} bytes, cut"
        )
    elif record.content_length is not None and len(payload) < record.content_length:
        errors.append(
            f"{path}@{record.stream_pos}: truncated record ({len(payload)} of "
            f"{record.content_length} bytes); extracted what is there"
        )
        if not payload:
            return Document(b"", source, "html", url=url, errors=errors)
    headers = record.http_headers
    decoded = decode_payload(
        payload,
        headers.get("Transfer-Encoding") if headers is not None else None,
        headers.get("Content-Encoding") if headers is not None else None,
        options.max_bytes,
    )
    payload = decoded.body
    errors += [f"{path}@{record.stream_pos}: {e}" for e in decoded.errors]
    if not payload and decoded.errors:
        return Document(b"", source, "html", url=url, errors=errors)
    if not ctype and not _sniffed_html(payload):
        skipped["not HTML (no content type)"] += 1
        return None
    meta: dict[str, object] = {"http_charset": record.http_charset} if record.http_charset else {}
    return Document(payload, source, "html", url=url, errors=errors, meta=meta)


def _is_html(ctype: str, payload: bytes) -> bool:
    return ctype in HTML_TYPES if ctype else _sniffed_html(payload)


def _sniffed_html(payload: bytes) -> bool:
    return payload[:1024].lstrip().lower().startswith(_SNIFF)


def _error(path: str, offset: int | None, message: str) -> Document:
    source = Source(path=path, format="warc", offset=offset)
    return Document(b"", source, "html", errors=[f"{path}: {message}"])


def _read_with_warcio(
    path: str, options: ReadOptions, skipped: Counter[str]
) -> Iterator[Document]:  # pragma: no cover - only where fastwarc will not install
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        it = ArchiveIterator(handle)
        try:
            for record in it:
                if record.rec_type != "response":
                    skipped[f"{record.rec_type} record"] += 1
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].lower()
                payload = record.content_stream().read(options.max_bytes)
                if not _is_html(ctype, payload):
                    skipped[f"not HTML ({ctype or 'no content type'})"] += 1
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                source = Source(
                    path=path,
                    url=url,
                    format="warc",
                    offset=it.get_record_offset(),
                    fetched=record.rec_headers.get_header("WARC-Date"),
                )
                yield Document(payload, source, "html", url=url)
        except Exception as exc:
            yield _error(path, None, f"archive damaged ({exc}); later records skipped")
