"""HTTP framing and compression left in WARC payloads: undone, bounded, and reported.

Archives recorded from raw traffic (wget, warcprox, Browsertrix) keep chunked framing and
gzip/deflate/brotli bodies; read as they are, chunk sizes land inside sentences and compressed
pages are noise.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import brotli
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.readers.http_payload import decode_payload, unchunk

HTML = (
    b"<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body><article>"
    b"<h1>Harbour reopens</h1>"
    + b"".join(
        b"<p>Paragraph %d: the harbour reopened to fishing boats on Monday after the storm "
        b"damage to the breakwater was repaired by the county engineers.</p>" % i
        for i in range(8)
    )
    + b"</article></body></html>"
)


def chunked(data: bytes, size: int = 100, ext: bytes = b"") -> bytes:
    parts = [b"%x%s\r\n%s\r\n" % (len(data[i : i + size]), ext, data[i : i + size])
             for i in range(0, len(data), size)]  # fmt: skip
    return b"".join(parts) + b"0\r\n\r\n"


# -- chunked framing ---------------------------------------------------------------------------


def test_chunks_are_joined() -> None:
    out = decode_payload(chunked(HTML), "chunked", None, 10**6)
    assert out.body == HTML and out.errors == []


def test_chunk_extensions_and_bare_newlines_are_read() -> None:
    framed = chunked(HTML, 77, b";name=value").replace(b"\r\n", b"\n")
    assert unchunk(framed) == (HTML, True)


def test_a_body_stored_already_joined_is_left_alone() -> None:
    # the header says chunked, but the writer stored the joined body
    out = decode_payload(HTML, "chunked", None, 10**6)
    assert out.body == HTML and out.errors == []


def test_chunks_cut_short_keep_what_came_and_say_so() -> None:
    framed = chunked(HTML)
    out = decode_payload(framed[: len(framed) // 2], "chunked", None, 10**6)
    assert HTML.startswith(out.body) and len(out.body) > len(HTML) // 3
    assert "before its last chunk" in out.errors[0]


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=1, max_value=600))
def test_unchunk_undoes_any_chunking(data: bytes, size: int) -> None:
    assert unchunk(chunked(data, size)) == (data, True)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_unchunk_never_grows_or_fails(data: bytes) -> None:
    body, _ = unchunk(data)
    assert body is None or len(body) <= len(data)


# -- content codings ---------------------------------------------------------------------------


def test_gzip_deflate_and_brotli_are_decompressed() -> None:
    raw_deflate = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    for coding, data in [
        ("gzip", gzip.compress(HTML)),
        ("x-gzip", gzip.compress(HTML)),
        ("deflate", zlib.compress(HTML)),
        ("deflate", raw_deflate.compress(HTML) + raw_deflate.flush()),
        ("br", brotli.compress(HTML)),
        ("identity", HTML),
    ]:
        out = decode_payload(data, None, coding, 10**6)
        assert (out.body, out.errors) == (HTML, []), coding


def test_chunked_and_compressed_together() -> None:
    out = decode_payload(chunked(gzip.compress(HTML), 50), "chunked", "GZIP", 10**6)
    assert out.body == HTML and out.errors == []


def test_codings_are_undone_last_applied_first() -> None:
    twice = brotli.compress(gzip.compress(HTML))
    assert decode_payload(twice, None, "gzip, br", 10**6).body == HTML


def test_a_body_stored_already_decompressed_is_left_alone() -> None:
    for coding in ("gzip", "deflate", "br"):
        out = decode_payload(HTML, None, coding, 10**6)
        assert (out.body, out.errors) == (HTML, []), coding


def test_a_truncated_stream_keeps_what_it_has() -> None:
    for coding, data in [("gzip", gzip.compress(HTML)), ("br", brotli.compress(HTML))]:
        out = decode_payload(data[: len(data) * 2 // 3], None, coding, 10**6)
        assert HTML.startswith(out.body) and out.body, coding
        assert "ends early" in out.errors[0], coding


def test_corrupt_data_is_an_error_not_an_exception() -> None:
    data = gzip.compress(HTML)
    out = decode_payload(data[:12] + b"\xff" * 40 + data[52:], None, "gzip", 10**6)
    assert "corrupt" in out.errors[0]


def test_an_unknown_coding_is_an_error() -> None:
    out = decode_payload(b"\x28\xb5\x2f\xfd....", None, "zstd", 10**6)
    assert out.body == b"" and "'zstd' is not supported" in out.errors[0]


def test_a_compression_bomb_stops_at_the_cap() -> None:
    for coding, compress in [("gzip", gzip.compress), ("br", brotli.compress)]:
        bomb = compress(b"<p>" + b"a" * 50_000_000)
        assert len(bomb) < 200_000
        out = decode_payload(bomb, None, coding, 100_000)
        assert len(out.body) == 100_000, coding
        assert "larger than 100000 bytes once decompressed" in out.errors[0]


def test_gzip_no_coding_names_is_gunzipped_too() -> None:
    # a page kept gzipped with no Content-Encoding to say so (a pre-compressed file served as
    # text/html, a header a proxy dropped) or gzipped twice reached the extractor as binary
    # noise: "no article text found", with readability's traceback on stderr. A file of such
    # bytes is gunzipped whatever its name says.
    for data, coding in [(gzip.compress(HTML), None), (gzip.compress(gzip.compress(HTML)), "gzip")]:
        out = decode_payload(data, None, coding, 10**6)
        assert (out.body, out.errors) == (HTML, []), coding
    out = decode_payload(gzip.compress(b"<p>" + b"a" * 5_000_000), None, None, 100_000)
    assert len(out.body) == 100_000 and "once decompressed" in out.errors[0]


# -- through the WARC reader -------------------------------------------------------------------


def response(url: str, headers: bytes, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + headers
    http += b"\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url)):032d}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def test_recorded_traffic_parses_like_the_plain_page(tmp_path: Path) -> None:
    path = tmp_path / "recorded.warc.gz"
    records = [
        response("https://a.example/plain", b"", HTML),
        response("https://a.example/chunked", b"Transfer-Encoding: chunked\r\n", chunked(HTML)),
        response(
            "https://a.example/gzip-chunked",
            b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
            chunked(gzip.compress(HTML), 64),
        ),
        response("https://a.example/br", b"Content-Encoding: br\r\n", brotli.compress(HTML)),
        response("https://a.example/gzip-unsaid", b"", gzip.compress(HTML)),
    ]
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    plain, *encoded = copydesk.parse_files(str(path))
    assert plain.headline == "Harbour reopens" and len(plain.body) == 8
    for rec in encoded:
        assert (rec.headline, rec.body, rec.errors) == (plain.headline, plain.body, []), rec.url


def test_a_payload_that_cannot_be_decoded_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "odd.warc"
    path.write_bytes(
        response("https://a.example/z", b"Content-Encoding: zstd\r\n", b"\x28\xb5\x2f\xfd..")
        + response("https://a.example/ok", b"", HTML)
    )
    odd, ok = copydesk.parse_files(str(path))
    assert odd.url == "https://a.example/z" and "'zstd' is not supported" in odd.errors[0]
    assert ok.body and not ok.errors
