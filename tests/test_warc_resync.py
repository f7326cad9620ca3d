"""Damage inside one record of an archive costs that record at most: the reader goes on from
the next whole record (`copydesk.readers.warc_resync`), in plain and gzipped files. Records
the strict parser refuses but are whole (header lines ending in bare LFs, headers over 32 KB)
are read, not taken for damage."""

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


def _record(n: int, extra: bytes = b"", newline: str = "\r\n", field: str = "") -> bytes:
    body = PAGE.format(n=n).encode() + extra
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    lines = [
        "WARC/1.0",
        "WARC-Type: response",
        f"WARC-Target-URI: https://port.example/{n}",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>",
        "WARC-Date: 2024-03-01T00:00:00Z",
        *([field] if field else []),
        "Content-Type: application/http; msgtype=response",
        f"Content-Length: {len(http)}",
    ]
    head = (newline.join(lines) + 2 * newline).encode()
    return head + http + 2 * newline.encode()


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


def _urls(path: Path) -> list[tuple[str | None, int | None, bool]]:
    return [(d.url, d.source.offset, bool(d.errors)) for d in read_warc(str(path), ReadOptions())]


def _want(records: list[bytes], ns: range | list[int]) -> list[tuple[str | None, int | None, bool]]:
    at = [sum(len(r) for r in records[:n]) for n in range(len(records))]
    return [(f"https://port.example/{n}", at[n], False) for n in ns]


def test_headers_with_bare_lfs_are_read_not_damage(tmp_path: Path) -> None:
    # the strict parser read nothing of an archive written with bare LFs (no error either), and
    # stopped at one such record among others
    lf = [_record(n, newline="\n") for n in range(4)]
    path = tmp_path / "lf.warc"
    path.write_bytes(b"".join(lf))
    assert _urls(path) == _want(lf, range(4))
    mixed = [RECORDS[0], lf[1], RECORDS[2], RECORDS[3]]
    path.write_bytes(b"".join(mixed))
    assert _urls(path) == _want(mixed, range(4))
    gz = tmp_path / "lf.warc.gz"
    members = [gzip.compress(r, mtime=0) for r in lf]
    gz.write_bytes(b"".join(members))
    assert [u for u, _at, err in _urls(gz) if not err] == [
        f"https://port.example/{n}" for n in range(4)
    ]
    # read leniently, damage is still found: the lenient parser passed over junk and the
    # record after it without a word
    path.write_bytes(lf[0] + lf[1] + b"JUNK" + lf[2] + lf[3])
    got = _urls(path)
    assert got[2][2] and [g for g in got if not g[2]] == [
        *_want(lf, [0, 1]),
        ("https://port.example/2", len(lf[0]) + len(lf[1]) + 4, False),
        ("https://port.example/3", len(lf[0]) + len(lf[1]) + 4 + len(lf[2]), False),
    ]
    docs = list(read_warc(str(path), ReadOptions()))
    assert docs[2].errors[0].endswith(f"read again from offset {len(lf[0]) + len(lf[1]) + 4} on")


def test_a_header_over_32_kb_is_read(tmp_path: Path) -> None:
    # fastwarc's default header limit ended the archive there
    long = [RECORDS[0], _record(1, field="X-Crawler-Note: " + "n" * 40_000), RECORDS[2]]
    path = tmp_path / "long.warc"
    path.write_bytes(b"".join(long))
    assert _urls(path) == _want(long, range(3))


def test_in_a_gzipped_archive_only_members_are_read_again(tmp_path: Path) -> None:
    # a record's bytes seen plain inside a gzipped file (stored uncompressed in a member, or
    # junk) are not one of the archive's records: reading resumes at the next member
    path = tmp_path / "crawl.warc.gz"
    layout = [MEMBERS[0], b"JUNK", RECORDS[1], MEMBERS[2]]
    path.write_bytes(b"".join(layout))
    docs = list(read_warc(str(path), ReadOptions()))
    resumed = sum(len(part) for part in layout[:3])
    assert [(d.url, d.source.offset) for d in docs if not d.errors] == [
        ("https://port.example/0", 0),
        ("https://port.example/2", resumed),
    ]
    assert docs[1].errors[0].endswith(f"read again from offset {resumed} on")
