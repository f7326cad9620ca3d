"""WARC and WARC.gz input: HTML responses are articles with provenance; the rest are counted
skips; damaged archives give an error record and keep what came before."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import copydesk
from copydesk.options import ReadOptions
from copydesk.readers.files import ForwardOnly
from copydesk.readers.warc import _archive_damage, read_warc

PAGE = (
    "<!DOCTYPE html><html><head><title>Ferry service resumes</title></head><body><article>"
    "<h1>Ferry service resumes</h1>"
    + "<p>The island ferry resumed its winter timetable on Friday after repairs to the pier.</p>"
    * 6
    + "</article></body></html>"
).encode()
DATE = "2024-05-06T07:08:09Z"


def record(
    url: str,
    payload: bytes,
    ctype: str = "text/html; charset=utf-8",
    kind: str = "response",
    status: int = 200,
    length_delta: int = 0,
    headers: str = "",
) -> bytes:
    http = (
        f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode() + payload
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: {DATE}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url)):032d}>\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\n{headers}"
        f"Content-Length: {len(http) + length_delta}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


RECORDS = [
    record("https://news.example/a", PAGE),
    record("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n...", ctype="image/png"),
    record("https://news.example/a", b"", kind="request"),
    record("https://news.example/gone", b"<html>gone</html>", status=404),
    record("https://news.example/b", PAGE),
]


def _compressed(path: Path, records: list[bytes]) -> None:
    """Write ``records`` zstd- or lz4-compressed, as the suffix of ``path`` says: a frame per
    record, as gzip archives have a member per record."""
    from fastwarc.stream_io import Lz4Writer, ZstdWriter

    frames = []
    for rec in records:
        writer = (ZstdWriter if path.name.endswith(".zst") else Lz4Writer)(str(path))
        writer.write(rec)
        writer.close()
        frames.append(path.read_bytes())
    path.write_bytes(b"".join(frames))


@pytest.fixture(params=["plain", "gz", "zst", "lz4"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "gz":
        path = tmp_path / "crawl.warc.gz"
        path.write_bytes(b"".join(gzip.compress(r) for r in RECORDS))
    elif request.param in ("zst", "lz4"):
        path = tmp_path / f"crawl.warc.{request.param}"
        _compressed(path, RECORDS)
    else:
        path = tmp_path / "crawl.warc"
        path.write_bytes(b"".join(RECORDS))
    return path


def test_html_responses_become_documents(archive: Path) -> None:
    skipped: Counter[str] = Counter()
    docs = list(read_warc(str(archive), ReadOptions(), skipped))
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert all(d.format == "html" and d.source.format == "warc" for d in docs)
    assert docs[0].source.offset == 0 and docs[1].source.offset > 0
    assert docs[0].source.fetched == DATE
    assert skipped == Counter(
        {"not HTML (image/png)": 1, "request record": 1, "HTTP status 404": 1}
    )


def test_sitemaps_and_feeds_served_as_xml_are_skipped_xhtml_is_read(tmp_path: Path) -> None:
    # found by a tester: a crawl's sitemaps (application/xml) were read as pages and each one
    # counted as a failure ("no HTML markup found"), exit status 1
    sitemap = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://x"><url/></urlset>'
    feed = b"<?xml version='1.0'?><!-- generator --><rss version='2.0'><channel/></rss>"
    xhtml = b'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">'
    path = tmp_path / "crawl.warc"
    path.write_bytes(
        record("https://news.example/sitemap.xml", sitemap, ctype="application/xml")
        + record("https://news.example/feed", feed, ctype="text/xml; charset=utf-8")
        + record("https://news.example/x", xhtml + PAGE[15:], ctype="application/xml")
    )
    skipped: Counter[str] = Counter()
    docs = list(read_warc(str(path), ReadOptions(), skipped))
    assert [d.url for d in docs] == ["https://news.example/x"]
    assert skipped == Counter({"not HTML (application/xml)": 1, "not HTML (text/xml)": 1})


@pytest.mark.parametrize("name", ["wrapped.warc", "wrapped.warc.gz"])
def test_a_target_uri_in_angle_brackets_is_the_uri_inside(tmp_path: Path, name: str) -> None:
    # wget 1.19 wrote WARC-Target-URI as "<http://...>" (the WARC 1.0 grammar's uri form);
    # the brackets stayed in the record's source URL and in its id's key. warcio strips them.
    path = tmp_path / name
    records = [record("<https://news.example/a>", PAGE), record("https://news.example/b", PAGE)]
    path.write_bytes(b"".join(gzip.compress(r) if name.endswith(".gz") else r for r in records))
    docs = list(read_warc(str(path), ReadOptions()))
    assert [(d.url, d.source.url) for d in docs] == [
        ("https://news.example/a", "https://news.example/a"),
        ("https://news.example/b", "https://news.example/b"),
    ]


def test_an_extraction_error_names_the_record_by_its_offset(tmp_path: Path) -> None:
    # the HTML stage named the archive alone ("crawl.warc: binary data, not HTML"), so the
    # closing summary's "first:" pointed at no record; the readers' errors name the offset
    path = tmp_path / "crawl.warc"
    records = [
        record("https://news.example/a", PAGE),
        record("https://news.example/img", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
        record("https://news.example/data", b"id,name\n1,ferry\n" * 20),
    ]
    path.write_bytes(b"".join(records))
    ok, binary, csv = copydesk.parse_files(str(path))
    assert not ok.errors
    for rec in (binary, csv):
        assert rec.errors[0].startswith(f"{path}@{rec.source.offset}: "), rec.errors
    assert "binary data" in binary.errors[0] and "no HTML markup" in csv.errors[0]
    assert "--input-format" not in csv.errors[0]  # reading the archive as text is no help


def test_parse_files_gives_articles_with_provenance(archive: Path) -> None:
    records = list(copydesk.parse_files(str(archive)))
    assert len(records) == 2
    first, second = records
    assert first.headline == "Ferry service resumes"
    assert first.body[0].startswith("The island ferry resumed")
    assert first.url == "https://news.example/a"
    assert first.source.offset == 0 and first.source.path == str(archive)
    assert first.id != second.id  # ids come from path + offset


def test_truncated_record_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    path.write_bytes(b"".join(RECORDS)[:-300])
    records = list(copydesk.parse_files(str(path)))
    assert records[0].body and not records[0].errors
    assert any("truncated record" in e for e in records[-1].errors)


def test_truncated_gzip_member(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in RECORDS)[:-60])
    records = list(copydesk.parse_files(str(path)))
    assert records[0].body and not records[0].errors
    assert records[-1].errors


def test_an_empty_response_is_a_counted_skip_not_a_failure(tmp_path: Path) -> None:
    # a 200 with no body (a HEAD request, a crawler's placeholder) was a record with errors,
    # "no article text found", and made the run's exit status 1
    path = tmp_path / "crawl.warc"
    path.write_bytes(record("https://news.example/empty", b"") + RECORDS[0])
    path.write_bytes(path.read_bytes() + record("https://news.example/blank", b" \r\n "))
    skipped: Counter[str] = Counter()
    docs = list(read_warc(str(path), ReadOptions(), skipped))
    assert [d.url for d in docs] == ["https://news.example/a"]
    assert skipped == Counter({"empty response": 2})


def test_a_page_the_crawler_cut_short_says_so(tmp_path: Path) -> None:
    # the WARC record is whole (its length is right) but holds only the start of the page
    path = tmp_path / "cut.warc"
    path.write_bytes(
        record(
            "https://news.example/a", PAGE[: len(PAGE) // 2], headers="WARC-Truncated: length\r\n"
        )
        + record("https://news.example/b", PAGE)
    )
    cut, whole = copydesk.parse_files(str(path))
    assert cut.errors == [
        f"{path}@0: the crawler stored only part of this page (WARC-Truncated: length); "
        "extracted what is there"
    ]
    assert cut.body and cut.headline == whole.headline
    assert whole.errors == []


@pytest.mark.parametrize("delta", [-40, 40])
def test_a_wrong_content_length_is_reported_and_the_records_after_it_are_read(
    tmp_path: Path, delta: int
) -> None:
    # fastwarc stopped at the next header, in the wrong place: every record after was lost
    path = tmp_path / "badlen.warc"
    bad = record("https://news.example/a", PAGE, length_delta=delta)
    path.write_bytes(bad + RECORDS[-1] + RECORDS[0])
    records = list(copydesk.parse_files(str(path)))
    assert records[0].body and not records[0].errors
    assert records[1].errors == [
        f"{path}: archive damaged after the record at offset 0 (Invalid WARC header); "
        f"read again from offset {len(bad)} on"
    ]
    assert [r.source.offset for r in records[2:]] == [len(bad), len(bad) + len(RECORDS[-1])]
    assert [r.source.url for r in records[2:]] == [
        "https://news.example/b",
        "https://news.example/a",
    ]
    assert not any(r.errors for r in records[2:]) and len({r.id for r in records}) == 4


@pytest.mark.parametrize("name", ["cut.warc.zst", "cut.warc.lz4"])
def test_a_cut_zstd_or_lz4_archive_keeps_the_records_before_the_cut(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    _compressed(path, RECORDS + RECORDS)
    path.write_bytes(path.read_bytes()[:-40])
    records = list(copydesk.parse_files(str(path)))
    assert [r.source.url for r in records[:3]] == [f"https://news.example/{x}" for x in "aba"]
    assert "archive damaged" in records[-1].errors[0]


def test_damage_in_the_first_record_is_reported_as_such(tmp_path: Path) -> None:
    path = tmp_path / "badstart.warc"
    junk = b"WARC/1.0 but not quite\r\n\r\n"
    path.write_bytes(junk + RECORDS[0])
    damage, rec = copydesk.parse_files(str(path))
    assert damage.errors[0].startswith(f"{path}: archive damaged at its first record (")
    assert damage.errors[0].endswith(f"; read again from offset {len(junk)} on")
    assert damage.source.offset == 0
    assert rec.source.offset == len(junk) and rec.body and not rec.errors
    # nothing to read again from: the rest was not read
    path.write_bytes(junk + b"<html><body><p>a page saved under the wrong name</p></html>")
    (damage,) = copydesk.parse_files(str(path))
    assert damage.errors[0].endswith("; the rest was not read") and damage.source.offset == 0


def _http_record(url: str, http_head: bytes) -> bytes:
    return block_record(url, "response", http_head + PAGE, "application/http; msgtype=response")


def test_http_headers_ending_lines_with_a_bare_lf_are_read(tmp_path: Path) -> None:
    # hand-made and some older tools' archives; a strict parse found no content type and an
    # empty payload, and the page was skipped as "not HTML"
    path = tmp_path / "lf.warc"
    path.write_bytes(
        _http_record("https://news.example/a", b"HTTP/1.1 200 OK\nContent-Type: text/html\n\n")
    )
    skipped: Counter[str] = Counter()
    (doc,) = read_warc(str(path), ReadOptions(), skipped)
    assert doc.content.startswith(b"<!DOCTYPE html>") and not skipped
    (rec,) = copydesk.parse_files(str(path))
    assert rec.headline == "Ferry service resumes" and not rec.errors


def test_http_headers_too_long_cost_their_record_not_the_archive(tmp_path: Path) -> None:
    junk = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nSet-Cookie: " + b"a" * 100_000
    path = tmp_path / "longhead.warc"
    path.write_bytes(
        _http_record("https://news.example/a", junk + b"\r\n\r\n")
        + _http_record(
            "https://news.example/b", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        )
    )
    bad, good = copydesk.parse_files(str(path))
    assert bad.source.url == "https://news.example/a" and not bad.body
    assert bad.errors[0].startswith(f"{path}@0: HTTP headers could not be read (")
    assert good.headline == "Ferry service resumes" and not good.errors


def test_offsets_find_each_record_however_the_archive_was_gzipped(tmp_path: Path) -> None:
    # gzipped whole, every record after the first had one offset, so one id: ingest kept one
    starts = [sum(len(r) for r in RECORDS[:n]) for n in (0, 4)]  # the two pages' records
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(b"".join(RECORDS)))
    docs = list(read_warc(str(whole), ReadOptions()))
    assert [d.source.offset for d in docs] == starts  # in the uncompressed archive
    raw = gzip.decompress(whole.read_bytes())
    assert all(raw[at:].startswith(b"WARC/1.0") for at in starts)
    # gzipped per record, an offset is where the record's member starts (what CDX gives)
    members = tmp_path / "members.warc.gz"
    members.write_bytes(b"".join(gzip.compress(r) for r in RECORDS))
    data = members.read_bytes()
    for doc in read_warc(str(members), ReadOptions()):
        assert doc.source.offset is not None
        assert gzip.decompress(data[doc.source.offset :]).startswith(b"WARC/1.0")
    # in blocks of records, a member each: offsets from the first record inside a block on
    # are in the uncompressed archive, the first record's (0) in both
    blocks = tmp_path / "blocks.warc.gz"
    blocks.write_bytes(gzip.compress(b"".join(RECORDS[:2])) + gzip.compress(b"".join(RECORDS[2:])))
    assert [d.source.offset for d in read_warc(str(blocks), ReadOptions())] == starts
    from typer.testing import CliRunner

    from copydesk.cli import app

    db = tmp_path / "c.db"
    res = CliRunner().invoke(app, ["ingest", str(whole), "--db", str(db), "--no-progress"])
    assert res.exit_code == 0 and "2 stored" in res.output


def _pages(n: int) -> list[bytes]:
    return [
        record(f"https://news.example/{i}", PAGE.replace(b"Ferry", b"Ferry %d" % i))
        for i in range(n)
    ]


def test_offsets_in_blocks_of_records_and_damaged_whole_archives(tmp_path: Path) -> None:
    pages = _pages(12)
    starts = [sum(len(r) for r in pages[:n]) for n in range(12)]
    # a block of four records a member: fastwarc gives a record inside a block the offset of
    # the next block, which starts a member, but with another record
    blocks = tmp_path / "blocks.warc.gz"
    blocks.write_bytes(b"".join(gzip.compress(b"".join(pages[i : i + 4])) for i in (0, 4, 8)))
    assert [d.source.offset for d in read_warc(str(blocks), ReadOptions())] == starts
    # the next block opening with the request that names this response (WARC-Concurrent-To)
    # holds its ID too, but not as its own
    response_id = f"<urn:uuid:{abs(hash('https://news.example/1')):032d}>"
    request = record(
        "https://news.example/1?",  # the helper derives a record's own ID from its URL
        b"",
        kind="request",
        headers=f"WARC-Concurrent-To: {response_id}\r\n",
    )
    mixed = [*pages[:2], request, *pages[2:4]]
    at = [sum(len(r) for r in mixed[:n]) for n in (0, 1, 3, 4)]
    concurrent = tmp_path / "concurrent.warc.gz"
    concurrent.write_bytes(gzip.compress(b"".join(mixed[:2])) + gzip.compress(b"".join(mixed[2:])))
    assert [d.source.offset for d in read_warc(str(concurrent), ReadOptions())] == at
    # gzipped whole, with bytes after it that are not gzip: every record, no error
    padded = tmp_path / "padded.warc.gz"
    padded.write_bytes(gzip.compress(b"".join(pages)) + b"garbage\n")
    docs = list(read_warc(str(padded), ReadOptions()))
    assert [d.source.offset for d in docs] == starts and not any(d.errors for d in docs)
    # cut short: every record that decompresses is read, as from the same bytes unzipped (a
    # GzipFile raised at the cut, and the records fastwarc had read ahead were lost)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(gzip.compress(b"".join(pages))[:-30])
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    plain = tmp_path / "cut.warc"
    plain.write_bytes(inflater.decompress(cut.read_bytes()) + inflater.flush())
    docs = list(read_warc(str(cut), ReadOptions()))
    same = list(read_warc(str(plain), ReadOptions()))
    assert (
        [d.source.offset for d in docs]
        == [d.source.offset for d in same]
        == [
            *starts[:11],
            # the last record is cut inside its header: damage after the one before, with no
            # offset (it had that record's, so its id, and a store kept one of the two)
            None,
        ]
    )
    assert [d.errors for d in docs] == [[]] * 11 + [
        [same[-1].errors[0].replace(".warc", ".warc.gz")]
    ]
    assert f"the record at offset {starts[11]} ends inside its header" in docs[-1].errors[0]


def test_damage_after_a_record_does_not_share_its_id(tmp_path: Path) -> None:
    # found by a reviewer: the damage record had the last good record's offset, so its id, and
    # an ingest kept only one of the two
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(RECORDS[:1]) + b"GARBAGE" * 40 + RECORDS[4])
    arts = list(copydesk.parse_files(str(path)))
    assert [bool(a.errors) for a in arts] == [False, True, False]
    assert len({a.id for a in arts}) == 3
    assert arts[1].source.offset is None and "after the record at offset 0" in arts[1].errors[0]
    assert arts[2].source.offset == len(RECORDS[0]) + 7 * 40
    # two damages in one archive: two damage records, each with an id of its own
    path.write_bytes(RECORDS[0] + b"GARBAGE" + RECORDS[4] + b"GARBAGE" + RECORDS[0])
    arts = list(copydesk.parse_files(str(path)))
    assert [bool(a.errors) for a in arts] == [False, True, False, True, False]
    assert len({a.id for a in arts}) == 5


def test_damage_in_a_whole_gzip_archive_keeps_the_records_before_it(tmp_path: Path) -> None:
    # the chunk holding the damage was dropped with everything it decompressed, silently
    pages = _pages(40)
    whole = bytearray(gzip.compress(b"".join(pages)))
    whole[-8] ^= 1  # the CRC
    path = tmp_path / "crc.warc.gz"
    path.write_bytes(bytes(whole))
    docs = list(read_warc(str(path), ReadOptions()))
    assert len([d for d in docs if not d.errors]) == 40
    assert "archive damaged" in docs[-1].errors[0] and "data check" in docs[-1].errors[0]
    zeros = bytearray(gzip.compress(b"".join(pages)))
    zeros[len(zeros) // 2 : len(zeros) // 2 + 20] = bytes(20)
    path.write_bytes(bytes(zeros))
    docs = list(read_warc(str(path), ReadOptions()))
    assert len(docs) > 10 and "archive damaged" in docs[-1].errors[0]


def test_a_long_header_keeps_member_offsets(tmp_path: Path) -> None:
    # a 9 KB target URI before the record's ID: the check read too little of the header and
    # sent the archive to the re-read, with uncompressed offsets
    long_url = "https://news.example/" + "x" * 9000
    pages = [record(long_url, PAGE), *_pages(3)]
    members = [gzip.compress(r) for r in pages]
    path = tmp_path / "long.warc.gz"
    path.write_bytes(b"".join(members))
    starts = [sum(len(m) for m in members[:n]) for n in range(4)]
    assert [d.source.offset for d in read_warc(str(path), ReadOptions())] == starts


def test_an_empty_gzip_member_between_records_loses_nothing(tmp_path: Path) -> None:
    # fastwarc ends quietly at an empty member: the records after it were lost, no error
    pages = _pages(4)
    members = [gzip.compress(r) for r in pages]
    empty, blank = gzip.compress(b""), gzip.compress(b"\r\n")
    layout = [members[0], empty, members[1], blank, empty, members[2], members[3], empty]
    path = tmp_path / "gaps.warc.gz"
    path.write_bytes(b"".join(layout))
    docs = list(read_warc(str(path), ReadOptions()))
    assert [d.source.url for d in docs] == [f"https://news.example/{i}" for i in range(4)]
    assert not any(d.errors for d in docs)
    data = path.read_bytes()
    for doc in docs:  # still member offsets, as a CDX index has them
        assert doc.source.offset is not None
        assert gzip.decompress(data[doc.source.offset :]).startswith(b"WARC/1.0")
    # an empty member first
    path.write_bytes(empty + b"".join(members))
    assert len([d for d in read_warc(str(path), ReadOptions()) if not d.errors]) == 4
    # a member that holds no record is damage, reported where it is; the members after it
    # are read
    bad = gzip.compress(b"not an archive\n")
    path.write_bytes(b"".join([members[0], bad, *members[1:]]))
    docs = list(read_warc(str(path), ReadOptions()))
    assert [d.source.url for d in docs if not d.errors] == [
        f"https://news.example/{i}" for i in range(4)
    ]
    assert "archive damaged after the record at offset 0" in docs[1].errors[0]
    assert docs[1].errors[0].endswith(f"read again from offset {len(members[0]) + len(bad)} on")
    # gzipped whole in two members with an empty one between: the re-read reads through it
    halves = [gzip.compress(b"".join(pages[:2])), gzip.compress(b"".join(pages[2:]))]
    path.write_bytes(halves[0] + empty + halves[1])
    docs = list(read_warc(str(path), ReadOptions()))
    assert len(docs) == 4 and not any(d.errors for d in docs)


def test_a_gzipped_warc_redirected_into_stdin(tmp_path: Path) -> None:
    # stdin that is a file can seek: its offsets were checked by opening "<stdin>" by name
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(gzip.compress(b"".join(_pages(3))))
    with path.open("rb") as stdin:
        res = subprocess.run(
            [sys.executable, "-m", "copydesk", "parse", "-", "--no-progress", "--jobs", "1"],
            stdin=stdin,
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 3


def test_corrupt_gzip_archive(tmp_path: Path) -> None:
    data = b"".join(gzip.compress(r) for r in RECORDS)
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(data[:25] + b"\x00garbage" * 30 + data[300:])
    records = list(copydesk.parse_files(str(path)))
    assert "archive damaged at its first record" in records[0].errors[0]
    # the members after the damage are read (the 404 before it is a skip)
    assert [r.source.url for r in records if not r.errors] == ["https://news.example/b"]


def test_missing_archive(tmp_path: Path) -> None:
    # said as for any other input that cannot be opened
    for name in ("nope.warc.gz", "nope.jsonl"):
        records = list(copydesk.parse_files(str(tmp_path / name)))
        assert len(records) == 1
        assert records[0].errors[0] == (
            f"{tmp_path / name}: no such file (check the path or the glob pattern)"
        )


def test_payload_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    path.write_bytes(record("https://news.example/a", PAGE))
    docs = list(read_warc(str(path), ReadOptions(max_bytes=200)))
    assert len(docs[0].content) == 200 and "larger than" in docs[0].errors[0]


def _cli(*args: str) -> Any:
    from typer.testing import CliRunner

    from copydesk.cli import app

    return CliRunner().invoke(app, ["parse", "--jobs", "1", "--no-progress", *args])


def test_cli_summary_counts_skipped_records_by_reason(archive: Path) -> None:
    res = _cli(str(archive))
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 2
    summary = " ".join(res.stderr.split())  # the console may wrap long lines
    assert "1 input(s), 2 record(s): 2 ok, 0 with errors, 3 skipped (not articles)" in summary
    for reason in ("not HTML (image/png) ×1", "request record ×1", "HTTP status 404 ×1"):
        assert reason in summary


def test_cli_archive_without_articles_is_not_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "no-pages.warc"
    path.write_bytes(RECORDS[1] + RECORDS[2])
    res = _cli(str(path), str(tmp_path / "missing.html"))
    assert res.exit_code == 1  # the missing file failed, the archive did not
    summary = " ".join(res.stderr.split())
    assert "2 input(s), 1 record(s): 0 ok, 1 with errors, 2 skipped" in summary
    assert _cli(str(path)).exit_code == 0


def test_ingest_summary_counts_records_that_are_not_articles(archive: Path) -> None:
    from typer.testing import CliRunner

    from copydesk.cli import app

    db = archive.parent / "c.db"
    res = CliRunner().invoke(app, ["ingest", str(archive), "--db", str(db), "--no-progress"])
    assert res.exit_code == 0, res.output
    summary = " ".join(res.output.split())
    assert "2 stored" in summary
    assert "3 input record(s) not articles, skipped: " in summary
    for reason in ("not HTML (image/png) ×1", "request record ×1", "HTTP status 404 ×1"):
        assert reason in summary


# -- ARC, the format before WARC (read with warcio) --------------------------------------------


def arc_record(url: str, payload: bytes, ctype: str = "text/html", status: int = 200) -> bytes:
    http = f"HTTP/1.0 {status} X\r\nContent-Type: {ctype}\r\n\r\n".encode() + payload
    return f"{url} 192.0.2.1 20240506070809 {ctype} {len(http)}\n".encode() + http + b"\n"


def arc_file(tmp_path: Path, name: str, records: list[bytes]) -> Path:
    version = b"1 0 copydesk test\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://%s 0.0.0.0 20240506070809 text/plain %d\n" % (name.encode(), len(version))
    members = [head + version + b"\n", *records]
    path = tmp_path / name
    compress = gzip.compress if name.endswith(".gz") else (lambda b: b)
    path.write_bytes(b"".join(compress(m) for m in members))
    return path


@pytest.mark.parametrize("name", ["crawl.arc.gz", "crawl.arc"])
def test_arc_responses_become_documents(tmp_path: Path, name: str) -> None:
    path = arc_file(
        tmp_path,
        name,
        [
            arc_record("http://news.example/a", PAGE),
            arc_record("http://news.example/logo.gif", b"GIF89a...", ctype="image/gif"),
            arc_record("http://news.example/gone", b"<html>gone</html>", status=404),
            arc_record("http://news.example/b", PAGE),
        ],
    )
    skipped: Counter[str] = Counter()
    docs = list(read_warc(str(path), ReadOptions(), skipped))
    assert [d.url for d in docs] == ["http://news.example/a", "http://news.example/b"]
    assert docs[0].source.fetched == "2024-05-06T07:08:09Z"
    assert 0 < docs[0].source.offset < docs[1].source.offset  # offset 0 is the file header
    assert skipped == Counter(
        {"warcinfo record": 1, "not HTML (image/gif)": 1, "HTTP status 404": 1}
    )
    records = list(copydesk.parse_files(str(path)))
    assert [r.headline for r in records] == ["Ferry service resumes"] * 2
    assert not records[0].errors


def test_a_truncated_arc_keeps_earlier_records(tmp_path: Path) -> None:
    path = arc_file(
        tmp_path,
        "cut.arc",
        [arc_record("http://a.example/1", PAGE), arc_record("http://a.example/2", PAGE)],
    )
    path.write_bytes(path.read_bytes()[:-200])
    first, last = copydesk.parse_files(str(path))
    assert first.body and not first.errors
    assert any("truncated record" in e for e in last.errors)


def test_a_file_that_is_not_an_arc_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "odd.arc"
    path.write_bytes(b"this is not an archive at all\n" * 20)
    (record,) = copydesk.parse_files(str(path))
    assert "archive damaged" in record.errors[0]


# -- the charset of the HTTP header ------------------------------------------------------------

POLISH = (
    "<html><head><title>Powódź w Kłodzku</title></head><body><article><h1>Powódź w Kłodzku</h1>"
    + "<p>Woda w Nysie Kłodzkiej opadła w środę, a mieszkańcy zaczęli sprzątać zalane "
    "ulice. Straż pożarna pompowała wodę z piwnic przez całą noc.</p>"
    * 5
    + "</article></body></html>"
)


def test_a_charset_only_the_http_header_gives_is_used(tmp_path: Path) -> None:
    # cp1250 bytes with no meta charset: read as cp1252 they would be mojibake ("Kģodzku")
    path = tmp_path / "pl.warc"
    payload = POLISH.encode("cp1250")
    path.write_bytes(
        record("https://pl.example/a", payload, ctype="text/html; charset=windows-1250")
    )
    (rec,) = copydesk.parse_files(str(path))
    assert rec.headline == "Powódź w Kłodzku"
    assert "Straż pożarna pompowała wodę z piwnic" in " ".join(rec.body)


def test_the_pages_own_meta_charset_outranks_the_http_header(tmp_path: Path) -> None:
    # servers label every page with a default; the page's meta is the better witness
    page = POLISH.replace("<head>", '<head><meta charset="windows-1250">')
    path = tmp_path / "pl.warc"
    path.write_bytes(
        record("https://pl.example/a", page.encode("cp1250"), ctype="text/html; charset=ISO-8859-1")
    )
    (rec,) = copydesk.parse_files(str(path))
    assert rec.headline == "Powódź w Kłodzku"


def test_a_utf8_meta_the_bytes_disprove_leaves_the_http_header_as_witness(tmp_path: Path) -> None:
    # a template that says utf-8 over a database's cp1250 text, and a server that says so
    # truly: the disproved meta still outranked the header, and the page was read as cp1252
    # ("K³odzku" for "Kłodzku")
    page = POLISH.replace("<head>", '<head><meta charset="utf-8">')
    path = tmp_path / "pl.warc"
    path.write_bytes(
        record(
            "https://pl.example/a", page.encode("cp1250"), ctype="text/html; charset=windows-1250"
        )
    )
    (rec,) = copydesk.parse_files(str(path))
    assert rec.headline == "Powódź w Kłodzku"
    assert "Straż pożarna pompowała wodę z piwnic" in " ".join(rec.body)


def test_a_latin1_label_reads_cp1252_punctuation(tmp_path: Path) -> None:
    text = "The \u201cnew rules\u201d \u2013 said the owners \u2013 would cost them a lot. "
    page = f"<html><body><article><h1>Rules</h1><p>{text * 8}</p></article></body></html>"
    path = tmp_path / "l1.warc"
    path.write_bytes(
        record("https://en.example/a", page.encode("cp1252"), ctype="text/html; charset=iso-8859-1")
    )
    (rec,) = copydesk.parse_files(str(path))
    assert "The \u201cnew rules\u201d \u2013 said" in " ".join(rec.body)


# -- records that hold a document without HTTP: resource, and conversion (WET) ------------------

SEED_TEXT = (
    "Ferry service resumes\n\nThe island ferry resumed its winter timetable on Friday after\n"
    "repairs to the pier, the operator said in a statement on its website.\n\n"
    "Passengers had used a smaller boat from the north harbour for three weeks, and the\n"
    "council thanked them for their patience during the works.\n"
)


def block_record(url: str, kind: str, block: bytes, ctype: str) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: {DATE}\r\n"
        f"WARC-Record-ID: <urn:uuid:{abs(hash(url + kind)):032d}>\r\n"
        f"Content-Type: {ctype}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return head + block + b"\r\n\r\n"


def test_wet_conversion_records_are_text_articles(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.wet.gz"
    records = [
        block_record("urn:x", "warcinfo", b"software: test\r\n", "application/warc-fields"),
        block_record("https://news.example/a", "conversion", SEED_TEXT.encode(), "text/plain"),
        block_record("https://news.example/b", "conversion", b"%PDF...", "application/pdf"),
    ]
    path.write_bytes(b"".join(gzip.compress(r) for r in records))
    skipped: Counter[str] = Counter()
    docs = list(read_warc(str(path), ReadOptions(), skipped))
    assert [(d.url, d.format) for d in docs] == [("https://news.example/a", "text")]
    assert skipped == Counter({"warcinfo record": 1, "conversion record (application/pdf)": 1})
    (rec,) = copydesk.parse_files(str(path))
    assert rec.source.format == "warc" and rec.source.fetched == DATE
    # the text pipeline repairs it: headline found, hard wraps joined
    assert rec.headline == "Ferry service resumes"
    assert rec.body[0] == (
        "The island ferry resumed its winter timetable on Friday after repairs to the pier, "
        "the operator said in a statement on its website."
    )


def test_an_html_resource_record_is_an_article(tmp_path: Path) -> None:
    path = tmp_path / "saved.warc"
    path.write_bytes(
        block_record("https://news.example/a", "resource", PAGE, "text/html; charset=utf-8")
        + block_record(
            "dns:news.example", "resource", b"20240506 news.example. A 1.2.3.4", "text/dns"
        )
    )
    skipped: Counter[str] = Counter()
    (doc,) = read_warc(str(path), ReadOptions(), skipped)
    assert doc.format == "html" and doc.url == "https://news.example/a"
    assert skipped == Counter({"resource record (text/dns)": 1})
    (rec,) = copydesk.parse_files(str(path))
    assert rec.headline == "Ferry service resumes"


def test_a_resource_records_own_charset_is_used(tmp_path: Path) -> None:
    # no HTTP header here: the record's Content-Type is the only label the page has
    path = tmp_path / "saved.warc"
    block = POLISH.encode("cp1250")
    path.write_bytes(
        block_record("https://pl.example/a", "resource", block, "text/html; charset=windows-1250")
    )
    (rec,) = copydesk.parse_files(str(path))
    assert rec.headline == "Powódź w Kłodzku"


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_piped_to_stdin_is_read(tmp_path: Path, gz: bool) -> None:
    # a pipe cannot seek, and fastwarc 2.0 panicked on one: the whole batch died
    data = b"".join(gzip.compress(r) if gz else r for r in RECORDS)
    res = subprocess.run(
        [sys.executable, "-m", "copydesk", "parse", "--input-format", "warc", "-", "--no-progress"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr.decode()
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["source"]["path"], r["url"]) for r in recs] == [
        ("<stdin>", "https://news.example/a"),
        ("<stdin>", "https://news.example/b"),
    ]


def test_a_forward_only_stream_seeks_by_reading_and_never_back() -> None:
    stream = ForwardOnly(io.BytesIO(b"0123456789"))
    assert stream.read(2) == b"01" and stream.tell() == 2
    assert stream.seek(3, io.SEEK_CUR) == 5 and stream.read(2) == b"56"
    with pytest.raises(OSError, match="backwards"):
        stream.seek(0)


def test_a_panic_in_the_archive_reader_is_archive_damage_not_the_end_of_the_batch() -> None:
    class PanicException(BaseException):  # what pyo3 raises for a Rust panic
        pass

    assert _archive_damage(PanicException("called `Result::unwrap()` on an `Err` value"))
    assert not _archive_damage(KeyboardInterrupt())


def _urls(docs: list[Any]) -> list[str | None]:
    return [d.source.url for d in docs if not d.errors]


def test_bytes_between_gzip_members_are_padding_or_damage_never_a_quiet_end(
    tmp_path: Path,
) -> None:
    # fastwarc ends quietly at bytes that are not gzip: every record after them was lost, no error
    pages = _pages(3)
    urls = [f"https://news.example/{i}" for i in range(3)]
    members = [gzip.compress(r) for r in pages]
    path = tmp_path / "gaps.warc.gz"
    # NUL or blank padding between members: every record, at its member's offset, no error
    path.write_bytes(members[0] + bytes(512) + members[1] + b"\r\n" + members[2])
    docs = list(read_warc(str(path), ReadOptions()))
    assert _urls(docs) == urls and len(docs) == 3
    data = path.read_bytes()
    assert all(_member(data, d.source.offset).startswith(b"WARC/") for d in docs)
    # other bytes with records after them: an error naming where, every record kept
    path.write_bytes(members[0] + b"GARBAGE\r\n" + members[1] + members[2])
    docs = list(read_warc(str(path), ReadOptions()))
    assert _urls(docs) == urls and len(docs) == 4
    assert "archive damaged" in docs[1].errors[0]
    assert f"offset {len(members[0])}" in docs[1].errors[0]
    assert docs[2].source.offset == len(members[0]) + 9
    # the same after a member of several records, read through the re-read: the gzip
    # reader's position of the damage is where the search starts
    block = gzip.compress(pages[0] + pages[1])
    path.write_bytes(block + b"GARBAGE" + members[2])
    docs = list(read_warc(str(path), ReadOptions()))
    assert _urls(docs) == urls and "archive damaged" in docs[2].errors[0]
    assert docs[-1].source.offset == len(block) + 7
    # bytes after the last member stay harmless (see the padded archive above)
    path.write_bytes(b"".join(members) + b"garbage\n")
    docs = list(read_warc(str(path), ReadOptions()))
    assert _urls(docs) == urls and len(docs) == 3


@pytest.mark.parametrize("cut", [5, 30, 100])
def test_a_last_gzip_member_cut_in_its_first_bytes_is_damage(tmp_path: Path, cut: int) -> None:
    # a download cut short inside the last member's first bytes decompresses to nothing, and
    # fastwarc said nothing of it: the archive looked whole, one record short
    members = [gzip.compress(r) for r in _pages(3)]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(members[0] + members[1] + members[2][:cut])
    docs = list(read_warc(str(path), ReadOptions()))
    assert _urls(docs) == ["https://news.example/0", "https://news.example/1"]
    assert len(docs) == 3 and "archive damaged" in docs[-1].errors[0]
    # gzipped whole, in blocks of records, the last block cut the same way
    path.write_bytes(gzip.compress(b"".join(_pages(2))) + members[2][:cut])
    docs = list(read_warc(str(path), ReadOptions()))
    assert len(_urls(docs)) == 2 and len(docs) == 3 and "archive damaged" in docs[-1].errors[0]


@pytest.mark.parametrize("cut", [30, 100])
def test_a_record_cut_inside_its_header_is_damage_not_a_page_without_a_type(
    tmp_path: Path, cut: int
) -> None:
    # fastwarc gives a record cut inside its WARC header, without Content-Length or ID; it was
    # counted as "not HTML (no content type)", a skip, and the archive looked whole
    pages = _pages(3)
    path = tmp_path / "cut.warc"
    path.write_bytes(pages[0] + pages[1] + pages[2][:cut])
    skipped: Counter[str] = Counter()
    docs = list(read_warc(str(path), ReadOptions(), skipped))
    assert _urls(docs) == ["https://news.example/0", "https://news.example/1"]
    assert len(docs) == 3 and "archive damaged" in docs[-1].errors[0] and not skipped


@pytest.mark.parametrize("layout", ["whole", "members", "blocks", "garbage"])
def test_a_gzipped_warc_piped_to_stdin_has_the_offsets_of_the_file(
    tmp_path: Path, layout: str
) -> None:
    # a pipe cannot be probed at an offset: gzipped whole, records had fastwarc's positions in
    # its read buffer, shared by several records and found in neither the file nor its zcat
    pages = _pages(6)
    data = {
        "whole": gzip.compress(b"".join(pages)),
        "members": b"".join(gzip.compress(p) for p in pages),
        "blocks": b"".join(gzip.compress(b"".join(pages[i : i + 3])) for i in (0, 3)),
        "garbage": b"".join(gzip.compress(p) for p in pages[:2])
        + b"GARBAGE"
        + gzip.compress(pages[2]),
    }[layout]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    from_file = [(d.source.offset, d.errors[:1]) for d in read_warc(str(path), ReadOptions())]
    res = subprocess.run(
        [sys.executable, "-m", "copydesk", "parse", "-", "--no-progress", "--jobs", "1"],
        input=data,
        capture_output=True,
        check=False,
    )
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    piped = [
        (r["source"].get("offset"), [e.replace("<stdin>", str(path)) for e in r["errors"][:1]])
        for r in recs
    ]
    if layout == "garbage":
        # a file is read again past the damage; a pipe cannot be searched, and stops there
        resumed = len(data) - len(gzip.compress(pages[2]))
        (at, error), last = from_file[-2:]
        assert error[0].endswith(f"; read again from offset {resumed} on") and last == (resumed, [])
        from_file[-2:] = [(at, [error[0].replace(f"read again from offset {resumed} on", "")])]
        piped[-1][1][0] = piped[-1][1][0].replace("the rest was not read", "")
    assert piped == from_file
    if layout == "whole":
        assert [at for at, _ in piped] == [sum(len(p) for p in pages[:n]) for n in range(6)]
    assert res.returncode == (1 if layout == "garbage" else 0), res.stderr.decode()


def _member(data: bytes, at: int | None) -> bytes:
    """What the gzip member at ``at`` decompresses to."""
    assert at is not None
    return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[at:])
