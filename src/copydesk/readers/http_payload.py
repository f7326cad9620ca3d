"""Undo the HTTP framing and compression that a WARC response record still carries.

A WARC keeps the response as it came over the wire. Archives written while browsing or by
crawlers that record raw traffic (wget, warcprox, Browsertrix) hold ``Transfer-Encoding:
chunked`` framing and a gzip, deflate or brotli ``Content-Encoding`` in the payload. Read as
HTML, chunk sizes land inside the article's sentences ("the island ferr 64 y resumed") and a
compressed page is binary noise. fastwarc can decode both, but in our tests it dropped a record
it could not decode without a word, and its decoded length no longer tells a truncated record
from a whole one. So the reader takes the raw bytes, checks them against Content-Length, and
decodes them here:

- bounded: output stops at the page cap, so a compression bomb costs no more than a big page;
- tolerant: a payload stored already decoded under its original header (some tools decode and
  keep the header) is recognised by its first bytes and left as it is, and a gzipped one
  under no header (or gzipped twice) is gunzipped, as a gzipped file is whatever its name;
- honest: a stream cut short yields what was there, and an error says so.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from copydesk.readers.files import GZIP_MAGIC

#: A chunk-size line is a hex number, maybe with ``;name=value`` extensions. Anything else at
#: the start of a payload means it is not chunked framing (it was stored already decoded).
_SIZE_LINE = re.compile(rb"[0-9A-Fa-f]{1,16}[ \t]*(?:;[^\r\n]*)?")
#: The longest size line (with extensions) looked at before giving up on the framing.
MAX_SIZE_LINE = 256
#: Compressed input is fed in pieces this big, so output is checked against the cap often.
FEED = 64 * 1024


@dataclass(slots=True)
class Payload:
    """A decoded HTTP body and what went wrong on the way (messages without the input name)."""

    body: bytes
    errors: list[str] = field(default_factory=list)


def decode_payload(
    raw: bytes, transfer_encoding: str | None, content_encoding: str | None, limit: int
) -> Payload:
    """The body the server meant to send: chunks joined, then each content coding undone."""
    out = Payload(raw)
    if "chunked" in _codings(transfer_encoding):
        body, complete = unchunk(raw)
        if body is not None:
            out.body = body
            if not complete:
                out.errors.append(
                    "chunked body ended before its last chunk; extracted what is there"
                )
    # Codings are listed in the order they were applied, so they are undone from the last.
    for coding in reversed(_codings(content_encoding)):
        out.body = _decompress(out.body, coding, limit, out.errors)
    if out.body.startswith(GZIP_MAGIC) and not out.errors:
        # gzip that no header names (a pre-compressed file served as text/html, a header a
        # proxy dropped) or applied twice: gunzipped, as a file of such bytes is
        out.body = _zlib(out.body, zlib.MAX_WBITS | 16, "gzip", limit, out.errors)
    return out


def unchunk(raw: bytes) -> tuple[bytes | None, bool]:
    """The joined chunks, and whether the closing zero-size chunk was reached.

    ``None`` when the payload does not open with a chunk-size line: it is not chunked framing.
    """
    out = bytearray()
    pos, end = 0, len(raw)
    while pos < end:
        eol = raw.find(b"\n", pos, pos + MAX_SIZE_LINE)
        line = raw[pos:eol].rstrip(b"\r") if eol >= 0 else b""
        if eol < 0 or not _SIZE_LINE.fullmatch(line):
            return (None, False) if pos == 0 else (bytes(out), False)
        size = int(line.split(b";", 1)[0], 16)
        if size == 0:
            return bytes(out), True
        start = eol + 1
        out += raw[start : start + size]
        pos = start + size
        # the CRLF that closes a chunk's data
        if raw.startswith(b"\r\n", pos):
            pos += 2
        elif raw.startswith(b"\n", pos):
            pos += 1
    return bytes(out), False


def _codings(header: str | None) -> list[str]:
    if not header:
        return []
    return [c.strip().lower() for c in header.split(",") if c.strip()]


def _decompress(data: bytes, coding: str, limit: int, errors: list[str]) -> bytes:
    if coding in ("identity", "none", ""):
        return data
    if coding in ("gzip", "x-gzip"):
        if not data.startswith(b"\x1f\x8b"):
            return data  # stored decoded under its original header
        return _zlib(data, zlib.MAX_WBITS | 16, coding, limit, errors)
    if coding == "deflate":
        if _looks_like_markup(data):
            return data
        # RFC 9110 means zlib-wrapped, but servers have long sent raw deflate as well
        wbits = zlib.MAX_WBITS if _zlib_header(data) else -zlib.MAX_WBITS
        return _zlib(data, wbits, coding, limit, errors)
    if coding == "br":
        if _looks_like_markup(data):
            return data
        return _brotli(data, limit, errors)
    errors.append(f"content encoding {coding!r} is not supported; the page could not be read")
    return b""


def _zlib(data: bytes, wbits: int, coding: str, limit: int, errors: list[str]) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = bytearray()
    try:
        for at in range(0, len(data), FEED):
            out += inflater.decompress(data[at : at + FEED], limit + 1 - len(out))
            if len(out) > limit:
                return _capped(out, limit, errors)
            if inflater.eof:
                break
        out += inflater.flush()
    except zlib.error as exc:
        errors.append(f"{coding} data is corrupt ({exc}); extracted what could be decompressed")
        return bytes(out[:limit])
    if not inflater.eof:
        errors.append(f"{coding} data ends early; extracted what could be decompressed")
    return _capped(out, limit, errors) if len(out) > limit else bytes(out)


def _brotli(data: bytes, limit: int, errors: list[str]) -> bytes:
    import brotli  # a dependency of fastwarc, imported only for brotli pages

    inflater = brotli.Decompressor()
    out = bytearray()
    try:
        for at in range(0, len(data), FEED):
            out += inflater.process(data[at : at + FEED], output_buffer_limit=limit + 1 - len(out))
            # output held back by the limit comes out on calls without input
            while len(out) <= limit and not inflater.can_accept_more_data():
                more = inflater.process(b"", output_buffer_limit=limit + 1 - len(out))
                if not more:
                    break
                out += more
            if len(out) > limit:
                return _capped(out, limit, errors)
    except brotli.error as exc:
        errors.append(f"br data is corrupt ({exc}); extracted what could be decompressed")
        return bytes(out[:limit])
    if not inflater.is_finished():
        errors.append("br data ends early; extracted what could be decompressed")
    return bytes(out)


def _capped(out: bytearray, limit: int, errors: list[str]) -> bytes:
    errors.append(f"page larger than {limit} bytes once decompressed, cut")
    return bytes(out[:limit])


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _looks_like_markup(data: bytes) -> bool:
    return data[:256].lstrip()[:1] == b"<"
