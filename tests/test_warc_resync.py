"""Damage inside one record of an archive costs that record at most: the reader goes on from
the next whole record (`copydesk.readers.warc_resync`), in plain and gzipped files."""

from __future__ import annotations

import gzip
import os
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.options import ReadOptions
from copydesk.readers.warc import read_warc
from copydesk.readers.warc_resync import can_resync, next_record

PAGE = (
    "<html><head><title>Harbour {n} reopens</title></head><body><article><h1>Harbour {n} "
    "reopens</h1>"
    + "<p>The harbour reopened to fishing boats on Monday after storm repairs.</p>"
    * 4
)


def _record(n: int, extra: bytes = b"") -> bytes:
    body = PAGE.format(n=n).encode() + extra
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://port.example/{n}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
        f"WARC-Date: 2024-03-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


RECORDS = [_record(n) for n in range(6)]
MEMBERS = [gzip.compress(r, mtime=0) for r in RECORDS]


def _read(path: Path) -> list[tuple[str | None, int | None, bool]]:
    return [(d.url, d.source.offset, bool(d.errors)) for d in read_warc(str(path), ReadOptions())]


def _damaged(parts: list[bytes], hit: int, start: float, size: int) -> tuple[bytes, list[int]]:
    """The parts joined with ``size`` bytes of part ``hit`` overwritten from the fraction
    ``start`` of it on, and where each part starts."""
    offsets = [sum(len(p) for p in parts[:n]) for n in range(len(parts))]
    part = bytearray(parts[hit])
    at = min(int(start * len(part)), len(part) - 1)
    part[at : at + size] = b"#" * len(part[at : at + size])
    return b"".join([*parts[:hit], bytes(part), *parts[hit + 1 :]]), offsets


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    hit=st.integers(0, len(RECORDS) - 1),
    start=st.floats(0, 1),
    size=st.integers(1, 400),
    gzipped=st.booleans(),
)
def test_damage_in_one_record_costs_that_record_at_most(
    tmp_path: Path, hit: int, start: float, size: int, gzipped: bool
) -> None:
    data, offsets = _damaged(MEMBERS if gzipped else RECORDS, hit, start, size)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(data)
    skipped: Counter[str] = Counter()
    docs = list(read_warc(str(path), ReadOptions(), skipped))
    read = [(d.url, d.source.offset) for d in docs if not d.errors]
    want = [(f"https://port.example/{n}", offsets[n]) for n in range(len(RECORDS))]
    # every record but the damaged one, once each, in order, at its own offset (the damaged
    # one may be read, with what the damage did to its URL or page)
    assert [r for r in read if r[1] != offsets[hit]] == [w for n, w in enumerate(want) if n != hit]
    # the damaged one is read (maybe with an error), or a skip (its HTTP header hit), or a
    # damage record says where it was lost; but bytes
    # after the last gzip member that are not gzip are trailing junk, ignored as every reader
    # does, and a last member whose magic number is hit is such bytes
    last_magic = gzipped and hit == len(RECORDS) - 1 and int(start * len(MEMBERS[hit])) < 3
    if all(d.source.offset != offsets[hit] for d in docs) and not skipped and not last_magic:
        assert any("archive damaged" in e for d in docs for e in d.errors)
    ids = [d.id for d in docs if d.id]
    assert len(ids) == len(set(ids))


def test_the_search_passes_over_a_header_quoted_in_a_page(tmp_path: Path) -> None:
    # a page about WARC prints a record's first line: its "header" has no block that ends
    # where its length says, so the search does not stop there
    quoted = b"<pre>\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\n</pre>"
    page = _record(0, quoted)
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"#" * 10 + page + RECORDS[1])
    with path.open("rb") as fh:
        assert next_record(fh.fileno(), 0) == 10
        assert next_record(fh.fileno(), 10) == 10 + len(page)
    # the same header with a block that ends where it says is a record
    path.write_bytes(b"#" * 10 + RECORDS[2] + RECORDS[1])
    with path.open("rb") as fh:
        assert next_record(fh.fileno(), 0) == 10


def test_zstd_and_lz4_archives_are_not_searched(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd" + b"WARC/1.0\r\n" * 4)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert not can_resync(fd)
    finally:
        os.close(fd)
