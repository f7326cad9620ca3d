"""WARC, WARC.gz and the older ARC: HTML responses become documents; every other record is a
counted skip.

Records are read one at a time from a stream, each payload capped at ``options.max_bytes``, so
an archive of any size goes through in constant memory. fastwarc reads WARC; warcio reads ARC
(fastwarc has no ARC reader), turning each record into its WARC form. HTTP chunked framing and
gzip, deflate or brotli compression left in a payload are undone
(`copydesk.readers.http_payload`), within the same cap. A damaged archive (truncated record,
wrong Content-Length, corrupt gzip) yields an error document that names the offset where
reading stopped; the records before it are kept.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import IO, cast

from copydesk.document import Document
from copydesk.options import ReadOptions
from copydesk.readers.files import GZIP_MAGIC, ForwardOnly, describe_os_error, starts_gzip
from copydesk.readers.http_payload import decode_payload
from copydesk.readers.warc_gzip import (
    Gunzipped,
    GzipDamage,
    member_end,
    member_starts,
    next_full_member,
)
from copydesk.readers.warc_resync import MAX_HEADER, bare_lf, can_resync, next_record, record_end
from copydesk.record import Source, stable_id

#: Payload types that hold a web page; a response without a type is sniffed instead.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml", "text/xml"})
#: Types that hold a page only when the document's root is ``<html>``: served as XML, a crawl's
#: sitemaps and feeds (``<urlset>``, ``<rss>``) are not pages, and were counted as failures.
XML_TYPES = frozenset({"application/xml", "text/xml"})
#: The root element of an XML document, after its prolog, comments and doctype.
_XML_ROOT = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:[\w.-]+:)?([\w.-]+)", re.DOTALL | re.I
)
_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--")
#: Archive names read as ARC rather than WARC.
ARC_SUFFIXES = (".arc", ".arc.gz")


@dataclass(frozen=True, slots=True)
class _Record:
    """One archive record as either library presents it."""

    kind: str
    url: str | None
    fetched: str | None
    status: int | None
    content_type: str
    charset: str | None
    transfer_encoding: str | None
    content_encoding: str | None
    #: media type and charset of the record's own block (what a resource or conversion holds)
    block_type: tuple[str, str | None]
    #: payload bytes the record declares, to tell a truncated record from a whole one
    declared: int | None
    #: why the crawler stopped storing the payload ("length", "time", ...): WARC-Truncated
    cut_by_crawler: str | None
    read: Callable[[int], bytes]
    #: where the record starts; warcio knows it only once the record has been read
    offset: Callable[[], int | None]
    #: why the HTTP headers of a response could not be read (too long, not HTTP at all)
    http_error: str | None = None
    #: WARC-Record-ID, to check that a gzip member starts with this record
    record_id: str | None = None


def read_warc(
    path: str, options: ReadOptions, skipped: Counter[str] | None = None
) -> Iterator[Document]:
    """The HTML responses of one archive, in order; ``skipped`` counts the rest by reason.
    Past damage, a file is read again from the next whole record (`warc_resync`)."""
    skipped = skipped if skipped is not None else Counter()
    stdin = path == "-"
    try:
        # closed in the finally below (stdin aside)
        handle = sys.stdin.buffer if stdin else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield _error(path, None, describe_os_error(path, exc))
        return
    path = "<stdin>" if stdin else path
    last: int | None = None
    records = 0
    start = 0
    lenient = False
    try:
        while True:
            try:
                before = records
                for record in _records(handle, path, start, lenient):
                    if lenient:
                        _check_no_gap(handle, last, start, record.offset())
                    records += 1
                    doc = _document(record, path, options, skipped)
                    last = record.offset()
                    if doc is not None:
                        yield doc
                if records == before and not lenient:
                    # the strict parser reads nothing, without a word, from a first header
                    # with bare LFs
                    bare = _bare_lf_record(handle, path, None, start)
                    if bare is not None:
                        lenient, start = True, bare
                        continue
                if not records:  # an archive the crawler never wrote to; its record says so
                    yield _error(path, None, f"{path}: no archive records (the input is empty)")
                return
            except BaseException as exc:
                if not _archive_damage(exc):
                    raise
                failed_at = None if lenient else _bare_lf_record(handle, path, last, start)
                if failed_at is not None:
                    # not damage: a header that ends its lines with bare LFs, which the strict
                    # parser refuses; the rest is read leniently (which passes over damage
                    # without a word, so it is not the default)
                    lenient, start = True, failed_at
                    continue
                resume = _resume_point(handle, path, exc, last, start)
                yield _damage(path, exc, _where(last, start), resume)
                if resume is None:
                    return
                start = resume
    finally:
        if not stdin:
            handle.close()


def _searchable(handle: IO[bytes], path: str) -> int | None:
    """The file descriptor of an input that can be read again at any offset and searched by
    its bytes (not a pipe, not ARC, not a zstd or lz4 archive); None for any other."""
    if path.lower().endswith(ARC_SUFFIXES) or not _has_fileno(handle):
        return None
    try:
        if not handle.seekable():
            return None
        fd = handle.fileno()
        return fd if can_resync(fd) else None
    except OSError:
        return None


def _next_start(fd: int, last: int | None, start: int) -> int | None:
    """Where the record after the last one read should start (reading's start when none was
    read since): the end of its gzip member, or of its block."""
    if last is None or last < start:
        return start
    if os.pread(fd, 2, last) == GZIP_MAGIC:
        return member_end(fd, last)[0]
    return record_end(fd, last)


def _resume_point(
    handle: IO[bytes], path: str, exc: BaseException, last: int | None, start: int
) -> int | None:
    """Where a whole record starts after the damage ``exc``, in a file that can be searched:
    past where this reading started, the last record read and the damage. In a gzipped file
    the last record's offset is a position in the file only when it starts a member (in an
    archive gzipped whole it is one in the decompressed archive); past one that does not,
    the search needs the damage's own position, which only the gzip reader knows."""
    fd = _searchable(handle, path)
    if fd is None:
        return None
    try:
        floor = start
        if last is not None:
            if os.pread(fd, 2, 0) != GZIP_MAGIC or member_starts(fd, last, None):
                floor = max(floor, last)
            elif not isinstance(exc, GzipDamage):
                return None
        if isinstance(exc, GzipDamage):
            floor = max(floor, exc.at)
        return next_record(fd, floor)
    except OSError:
        return None


def _check_no_gap(handle: IO[bytes], last: int | None, start: int, at: int | None) -> None:
    """Raise `OSError` when the record at ``at`` does not start where the one before it ended
    in a plain file. The lenient parser passes over damage without a word, and with it the
    record the damage runs into; this finds the gap, and the search finds that record."""
    fd = handle.fileno()
    if at is None or os.pread(fd, 2, 0) == GZIP_MAGIC:
        return
    expected = _next_start(fd, last, start)
    if expected is not None and at != expected:
        raise OSError(f"no record starts at offset {expected}, where the one before ends")


def _bare_lf_record(handle: IO[bytes], path: str, last: int | None, start: int) -> int | None:
    """Where the record after the last one read starts, when it ends its header lines with
    bare LFs; else None."""
    fd = _searchable(handle, path)
    if fd is None:
        return None
    at = _next_start(fd, last, start)
    return at if at is not None and bare_lf(fd, at) else None


def _where(last: int | None, start: int) -> str:
    """Where the damage is, as a reader can find it: after the last record read, else at the
    record reading was resumed at."""
    if last is not None and last >= start:
        return f"after the record at offset {last}"
    return f"at the record at offset {start}" if start else "at its first record"


def _damage(path: str, exc: BaseException, where: str, resume: int | None) -> Document:
    then = "the rest was not read" if resume is None else f"read again from offset {resume} on"
    # damage after a record has no offset of its own: the last good record's gave it that
    # record's id, and a store kept one of the two
    at = 0 if where == "at its first record" else None
    doc = _error(path, at, f"{path}: archive damaged {where} ({exc}); {then}")
    if resume is not None:  # one of several in the archive: named by where reading resumed
        doc.id = stable_id(Source(path=f"{path}\x00damage before", offset=resume))
    return doc


def _records(
    handle: IO[bytes], path: str, start: int = 0, lenient: bool = False
) -> Iterator[_Record]:
    """fastwarc for WARC, warcio for ARC, from ``start`` on (where damage was passed over),
    ``lenient`` past a header with bare LFs. A stream that cannot seek (stdin from a pipe,
    ``<(zcat crawl.warc.gz)``) is wrapped: fastwarc 2.0 panics on one instead of reading it."""
    if start or handle.seekable():  # a pipe is read once, from its start
        handle.seek(start)
    if path.lower().endswith(ARC_SUFFIXES):
        return _warcio_records(handle)
    if not handle.seekable():
        if starts_gzip(handle):
            return _gunzipped_records(handle)
        return _fastwarc_records(cast(IO[bytes], ForwardOnly(handle)))
    if starts_gzip(handle) and _has_fileno(handle):
        return _gzip_records(handle, lenient)
    return _fastwarc_records(handle, lenient)


def _gzip_records(handle: IO[bytes], lenient: bool = False) -> Iterator[_Record]:
    """The records of a gzipped archive, each with an offset that finds it again.

    A WARC is gzipped record by record (the standard, and what CDX indexes point into): a
    record's offset is where its gzip member starts. Gzipped whole (``gzip crawl.warc``),
    fastwarc reports positions in its read buffer instead: every record after the first had
    the same offset, so the same id, and an ingest kept one of them. Each offset is checked
    to start a member that starts with this very record (its WARC-Record-ID); at the first
    that does not, or at damage fastwarc stops at (NUL padding between members), the archive
    is read again through a decompressing stream (`_gunzipped_records`), from the same record
    on: from the first record that does not start a member, offsets are positions in the
    uncompressed archive (``zcat crawl.warc.gz | tail -c +OFFSET``); a first record's
    offset, 0, is both."""
    done = 0
    base = handle.tell()  # where reading starts: 0, or a member past damage
    last = -1
    resumed_at = -1
    fd = handle.fileno()
    native = _fastwarc_records(handle, lenient)
    while True:
        try:
            record = next(native)
        except StopIteration:
            # fastwarc also ends quietly at an empty gzip member: the records after it were
            # lost without a word. Go on from the next member that holds anything.
            resume = next_full_member(fd, last, base)
            if resume is None:
                return
            if resume <= resumed_at:  # read from there already, and no record came of it
                raise OSError(f"no archive record in the gzip member at offset {resume}") from None
            resumed_at = resume
            handle.seek(resume)
            native = _fastwarc_records(handle, lenient)
            continue
        except BaseException as exc:
            # damage: the re-read keeps what decompresses before it, and reports it
            if isinstance(exc, KeyboardInterrupt | SystemExit) or not _archive_damage(exc):
                raise
            break
        at = record.offset()
        if at is None or at <= last or not member_starts(fd, at, record.record_id):
            break
        last = at
        done += 1
        yield record
    handle.seek(base)
    for n, record in enumerate(_gunzipped_records(handle, base, lenient)):
        if n >= done:
            yield record


def _gunzipped_records(
    handle: IO[bytes], base: int = 0, lenient: bool = False
) -> Iterator[_Record]:
    """The records of a gzipped archive gunzipped here, a member at a time, with the offsets
    `_gzip_records` gives: a record that starts a member has the member's offset, until the
    first that does not, and from there on its position in the uncompressed archive.

    A pipe is read so, since it cannot be probed at an offset: fastwarc read the pipe itself
    and gave an archive gzipped whole its positions in its read buffer, offsets shared by
    several records and found neither in the file nor in its zcat. So is the rest of a file
    fastwarc stopped in (its members are not one record each, or it met damage)."""
    gunzipped = Gunzipped(handle, track_members=True)
    stream = cast(IO[bytes], ForwardOnly(cast(IO[bytes], gunzipped)))
    whole = False
    try:
        for record in _fastwarc_records(stream, lenient):
            at = record.offset()
            member = None if at is None else gunzipped.member_at(at)  # asked even when whole:
            # it forgets the members before ``at``, so memory stays bounded
            if whole or member is None:
                whole = True
                yield record
            else:
                yield replace(record, offset=_at(base + member))
    except BaseException as exc:
        # a record cut by the gzip damage: the damage is what to report (the record's
        # position in the decompressed bytes found nothing in the file)
        if not gunzipped.error or not _archive_damage(exc):
            raise
    if gunzipped.error:
        # after the records before it: the archive's damage
        raise GzipDamage(gunzipped.error, base + gunzipped.damaged_at)


def _has_fileno(handle: IO[bytes]) -> bool:
    try:
        handle.fileno()
    except (OSError, AttributeError, ValueError):
        return False
    return True


def _fastwarc_records(handle: IO[bytes], lenient: bool = False) -> Iterator[_Record]:
    try:
        from fastwarc.warc import ArchiveIterator
    except ImportError:  # pragma: no cover - fastwarc is a core dependency
        yield from _warcio_records(handle, arc=False)
        return
    # HTTP headers are parsed here, record by record, rather than by the iterator: headers over
    # fastwarc's length limit then cost their own record instead of ending the archive, and
    # quirks mode reads headers that end lines with a bare LF (the iterator's strict parse gave
    # such a page no content type and an empty payload, so it was skipped as "not HTML").
    for record in ArchiveIterator(
        handle, parse_http=False, max_header_len=MAX_HEADER, quirks_mode=lenient
    ):
        if record.headers.get("Content-Length") is None:
            # fastwarc gives a record cut inside its header (the archive's last bytes), which
            # went on as a page without a type, a skip: the archive looked whole
            raise OSError(
                f"the record at offset {record.stream_pos} ends inside its header, which "
                "has no Content-Length"
            )
        kind = str(record.record_type).rsplit(".", 1)[-1]
        http_error = None
        if kind == "response":
            try:
                record.parse_http(quirks_mode=True)
            except OSError as exc:
                http_error = str(exc) or type(exc).__name__
        http = record.http_headers if http_error is None else None
        yield _Record(
            kind=kind,
            url=_target_uri(record.headers.get("WARC-Target-URI")),
            fetched=record.headers.get("WARC-Date"),
            status=http.status_code if http is not None else None,
            content_type=(record.http_content_type or "").lower(),
            charset=record.http_charset,
            transfer_encoding=http.get("Transfer-Encoding") if http is not None else None,
            content_encoding=http.get("Content-Encoding") if http is not None else None,
            block_type=_content_type(record.headers.get("Content-Type")),
            declared=record.content_length,
            cut_by_crawler=record.headers.get("WARC-Truncated"),
            read=record.reader.read,
            offset=_at(record.stream_pos),
            http_error=http_error,
            record_id=record.headers.get("WARC-Record-ID"),
        )


def _warcio_records(handle: IO[bytes], arc: bool = True) -> Iterator[_Record]:
    from warcio.archiveiterator import ArchiveIterator

    archive = ArchiveIterator(handle, arc2warc=True)
    for n, record in enumerate(archive):
        # warcio reads any text as ARC records; a real ARC opens with its filedesc:// header
        if arc and n == 0 and record.rec_type != "warcinfo":
            raise ValueError("not an ARC file: it does not open with a filedesc:// header")
        http = record.http_headers
        ctype, charset = _content_type(http.get_header("Content-Type") if http else None)
        yield _Record(
            kind=record.rec_type,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            fetched=record.rec_headers.get_header("WARC-Date"),
            status=int(http.get_statuscode() or 0) or None if http else None,
            content_type=ctype,
            charset=charset,
            transfer_encoding=http.get_header("Transfer-Encoding") if http else None,
            content_encoding=http.get_header("Content-Encoding") if http else None,
            block_type=_content_type(record.rec_headers.get_header("Content-Type")),
            declared=record.payload_length if record.payload_length >= 0 else None,
            cut_by_crawler=record.rec_headers.get_header("WARC-Truncated"),
            read=record.raw_stream.read,
            offset=archive.get_record_offset,
        )


def _target_uri(value: str | None) -> str | None:
    """The URI of a WARC-Target-URI field. wget 1.19 wrote it in angle brackets (the WARC 1.0
    grammar's form, which 1.1 dropped); fastwarc keeps them, and they went into the record's
    source URL and its id (warcio strips them, so ARC records never had them)."""
    if value and value.startswith("<") and value.endswith(">"):
        return value[1:-1].strip() or None
    return value


def _at(offset: int) -> Callable[[], int | None]:
    return lambda: offset


def _content_type(header: str | None) -> tuple[str, str | None]:
    """The media type and charset of a Content-Type header."""
    if not header:
        return "", None
    media, *params = header.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _archive_damage(exc: BaseException) -> bool:
    """Whether ``exc`` is a reader's way of saying the archive is damaged: each library raises
    its own kinds, and fastwarc's Rust side can panic, which pyo3 raises as a BaseException
    that would otherwise end the whole batch."""
    if isinstance(exc, OSError | EOFError | ValueError):
        return True
    if type(exc).__name__ == "PanicException":
        return True
    try:
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:  # pragma: no cover - warcio is a core dependency
        return False
    return isinstance(exc, ArchiveLoadFailed)


def _format(record: _Record, skipped: Counter[str]) -> str | None:
    """ "html" or "text" for a record that holds an article; None (counted) for the rest.

    Besides HTTP responses, a page stored without HTTP around it (a ``resource``) and the text a
    crawler extracted from a response (a ``conversion``: Common Crawl's WET files hold nothing
    else) are articles too; the text goes through the same repairs as any extracted text.
    """
    if record.kind == "response":
        if record.status is not None and not 200 <= record.status < 300:
            skipped[f"HTTP status {record.status}"] += 1
            return None
        if record.content_type and record.content_type not in HTML_TYPES:
            skipped[f"not HTML ({record.content_type})"] += 1
            return None
        return "html"
    if record.kind in ("resource", "conversion"):
        media = record.block_type[0]
        if media in HTML_TYPES:
            return "html"
        if record.kind == "conversion" and media == "text/plain":
            return "text"
        skipped[f"{record.kind} record ({media or 'no content type'})"] += 1
        return None
    skipped[f"{record.kind} record"] += 1
    return None


def _document(
    record: _Record, path: str, options: ReadOptions, skipped: Counter[str]
) -> Document | None:
    fmt = _format(record, skipped)
    if fmt is None:
        return None
    payload = record.read(options.max_bytes + 1) if record.http_error is None else b""
    offset = record.offset()
    source = Source(path=path, url=record.url, format="warc", offset=offset, fetched=record.fetched)
    if record.http_error is not None:
        error = f"{path}@{offset}: HTTP headers could not be read ({record.http_error}); skipped"
        return Document(b"", source, fmt, url=record.url, errors=[error])
    errors = []
    if len(payload) > options.max_bytes:
        payload = payload[: options.max_bytes]
        errors.append(f"{path}@{offset}: page larger than {options.max_bytes} bytes, cut")
    elif record.declared is not None and len(payload) < record.declared:
        errors.append(
            f"{path}@{offset}: truncated record ({len(payload)} of "
            f"{record.declared} bytes); extracted what is there"
        )
        if not payload:
            return Document(b"", source, fmt, url=record.url, errors=errors)
    if record.cut_by_crawler:
        # the record is whole but the page in it is not: crawlers stop at a size or time limit
        # (Common Crawl at 1 MiB) and say so here, so the body may end early
        errors.append(
            f"{path}@{offset}: the crawler stored only part of this page "
            f"(WARC-Truncated: {record.cut_by_crawler}); extracted what is there"
        )
    if record.kind != "response":
        if record.block_type[0] in XML_TYPES and not _xml_page(payload):
            skipped[f"{record.kind} record ({record.block_type[0]})"] += 1
            return None
        charset = record.block_type[1]
        meta: dict[str, object] = {"http_charset": charset} if charset else {}
        return Document(payload, source, fmt, url=record.url, errors=errors, meta=meta)
    decoded = decode_payload(
        payload, record.transfer_encoding, record.content_encoding, options.max_bytes
    )
    payload = decoded.body
    errors += [f"{path}@{offset}: {e}" for e in decoded.errors]
    if not payload and decoded.errors:
        return Document(b"", source, fmt, url=record.url, errors=errors)
    if not payload.strip() and not errors:
        # a redirect's or a HEAD request's body, or a crawler's placeholder: no page, so a
        # skip, as a 404 is, rather than a failure that made the run's exit status 1
        skipped["empty response"] += 1
        return None
    if not record.content_type and not _sniffed_html(payload):
        skipped["not HTML (no content type)"] += 1
        return None
    if record.content_type in XML_TYPES and not _xml_page(payload):
        skipped[f"not HTML ({record.content_type})"] += 1
        return None
    meta = {"http_charset": record.charset} if record.charset else {}
    return Document(payload, source, fmt, url=record.url, errors=errors, meta=meta)


def _xml_page(payload: bytes) -> bool:
    """An XML payload whose root is ``<html>`` (XHTML served as XML), or one too damaged to
    tell, which extraction then judges."""
    root = _XML_ROOT.match(payload[:4096].lstrip(b"\xef\xbb\xbf"))
    return root is None or root.group(1).lower() == b"html"


def _sniffed_html(payload: bytes) -> bool:
    return payload[:1024].lstrip().lower().startswith(_SNIFF)


def _error(path: str, offset: int | None, error: str) -> Document:
    source = Source(path=path, format="warc", offset=offset)
    return Document(b"", source, "html", errors=[error])
