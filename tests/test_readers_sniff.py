"""Inputs whose name does not say what they hold: a mirror's pages, gzip under any name, a
page in a JSONL text field, and the same on standard input."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import copydesk
from copydesk.options import ReadOptions
from copydesk.readers import read_inputs
from copydesk.readers.sniff import sniff_format

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "examples" / "tech-article.html").read_bytes()
HEADLINE = copydesk.parse(PAGE, format="html").headline
COPYDESK = (sys.executable, "-m", "copydesk")


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html><html>",
        "  \n<html lang='en'>",
        "\ufeff<head><title>x</title>",
        "<div class='story'><h1>Floods</h1>",
        "<p>One paragraph.</p>",
        "<H2>Update</H2><p>text</p>",
        "<!-- saved from url=(0040)https://example.org -->",
    ],
)
def test_markup_at_the_start_is_html(start: str) -> None:
    assert sniff_format(start + " The rest of the page.") == "html"
    assert sniff_format(start.encode("utf-16")) == "html"


@pytest.mark.parametrize(
    "start",
    [
        "Floods hit the coast on Tuesday.",
        "<<< BREAKING >>> Floods hit the coast",
        "<pre-release> notes say the <div> tag",  # a word in angle brackets, no tag name
        "<a1> is a cell name",
        "- News>\n- Asia\nPak, US step up contacts",
    ],
)
def test_text_that_mentions_tags_is_text(start: str) -> None:
    assert sniff_format(start) == "text"


def _read(path: Path) -> list[copydesk.Document]:
    return list(read_inputs([str(path)], ReadOptions()))


@pytest.mark.parametrize("name", ["page.php?id=3", "index.shtml", "saved-page"])
def test_a_page_under_a_name_that_does_not_say_html_is_read_as_html(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(PAGE)
    [doc] = _read(path)
    assert doc.format == "html"
    [record] = copydesk.parse_files([str(path)])
    assert record.headline == HEADLINE
    assert not record.errors


ARTICLE = (
    "Harbour wall vote passes\n\nThe town council voted on Tuesday to rebuild the old sea "
    "wall, after two winters of flooding closed the harbour road.\n\nWork starts in May.\n"
)


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("wire.txt", "<!-- wire copy, do not edit -->\n"),
        ("post.md", '<p align="center"><img src="logo.png"></p>\n\n'),
        ("wire", "<!-- wire copy, do not edit -->\n"),  # sniffed, then read as the text it is
    ],
)
def test_text_that_opens_with_markup_keeps_its_article(
    tmp_path: Path, name: str, start: str
) -> None:
    path = tmp_path / name
    path.write_text(start + ARTICLE, encoding="utf-8")
    [record] = copydesk.parse_files([str(path)])
    assert any("sea wall" in p for p in record.body)
    assert record.source.format == "text"
    assert not record.errors
    [same] = copydesk.parse_files([str(path)], input_format="text")
    assert same.body == record.body
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"text": start + ARTICLE}) + "\n", encoding="utf-8")
    [line] = copydesk.parse_files([str(lines)])
    assert line.body == record.body and not line.errors


def test_a_text_file_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    path.write_text("Floods hit the coast.\n\n<p> is how a paragraph starts.\n", encoding="utf-8")
    [doc] = _read(path)
    assert doc.format == "text"


def test_gzip_is_gunzipped_whatever_the_name(tmp_path: Path) -> None:
    # wget keeps a page served with Content-Encoding: gzip under its .html name
    path = tmp_path / "page.html"
    path.write_bytes(gzip.compress(PAGE))
    [record] = copydesk.parse_files([str(path)])
    assert record.headline == HEADLINE
    assert not record.errors
    no_name = tmp_path / "page"
    no_name.write_bytes(gzip.compress(PAGE))
    [record] = copydesk.parse_files([str(no_name)])
    assert record.source.format == "html"
    assert record.headline == HEADLINE


def test_a_corrupt_gzip_under_any_name_is_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(gzip.compress(PAGE)[:200])
    [record] = copydesk.parse_files([str(path)])
    assert any("corrupt or truncated gzip" in e for e in record.errors)


def test_a_jsonl_text_field_holding_a_page_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    page = PAGE.decode("utf-8")
    lines = [{"text": page}, {"text": "Floods hit the coast on Tuesday, officials said."}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    docs = _read(path)
    assert [d.format for d in docs] == ["html", "text"]
    text_only = list(read_inputs([str(path)], ReadOptions(input_format="text")))
    assert text_only[0].format == "text"  # --input-format text means it


def test_a_missing_text_field_names_the_field_that_holds_html(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    line = {"doc_id": 1, "link": "https://example.org/a", "raw_html": PAGE.decode("utf-8")}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    [doc] = _read(path)
    assert "'raw_html' holds HTML: choose it with --html-field raw_html" in doc.errors[0]
    path.write_text(json.dumps({"body": "plain words"}) + "\n", encoding="utf-8")
    [doc] = _read(path)
    assert "choose one with --text-field" in doc.errors[0]


def test_a_gzipped_jsonl_without_the_gz_name(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_bytes(gzip.compress(b'{"text": "Floods hit the coast on Tuesday."}\n'))
    [doc] = _read(path)
    assert not doc.errors
    assert doc.format == "text"


def _stdin(data: bytes, *args: str) -> list[dict[str, object]]:
    res = subprocess.run(
        [*COPYDESK, "parse", "-", "--no-progress", "--jobs", "1", *args],
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stderr.decode()
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_gzipped_input_on_stdin() -> None:
    [page] = _stdin(gzip.compress(PAGE))
    assert page["headline"] == HEADLINE
    assert page["source"] == {"path": "<stdin>", "format": "html"}
    [forced] = _stdin(gzip.compress(PAGE), "--input-format", "html")
    assert forced["headline"] == HEADLINE
    lines = b'{"text": "Floods hit the coast."}\n{"text": "The sea wall held."}\n'
    records = _stdin(gzip.compress(lines))
    assert [r["body"] for r in records] == [["Floods hit the coast."], ["The sea wall held."]]


def test_a_gzipped_warc_on_stdin_needs_no_flag() -> None:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n"
        "WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    [page] = _stdin(gzip.compress(head + http + b"\r\n\r\n"))
    assert page["source"]["format"] == "warc"  # type: ignore[index]
    assert page["source"]["url"] == "https://example.org/a"  # type: ignore[index]
    assert page["headline"] == HEADLINE


@pytest.mark.parametrize(
    "start", ["<strong>LONDON</strong> — ", "<a href='/x'>Home</a> ", "<br>", "<li>One</li>"]
)
def test_inline_markup_at_the_start_is_html(start: str) -> None:
    assert sniff_format(start + "The council voted.") == "html"


def test_a_gz_name_over_plain_bytes_is_read_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"  # saved uncompressed under the crawler's name
    path.write_bytes(PAGE)
    [record] = copydesk.parse_files([str(path)])
    assert record.headline == HEADLINE and not record.errors
    feed = tmp_path / "feed.ndjson.gz"
    feed.write_bytes(gzip.compress(b'{"text": "Floods hit the coast on Tuesday."}\n'))
    [doc] = _read(feed)
    assert doc.source.format == "jsonl" and doc.content == "Floods hit the coast on Tuesday."


def test_a_gzipped_jsonl_from_a_pipe_is_read_once(tmp_path: Path) -> None:
    # it was peeked at, closed and opened again by name: a pipe's first bytes were gone
    import threading

    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    data = gzip.compress(b'{"text": "one"}\n{"text": "two"}\n')

    def feed() -> None:
        with fifo.open("wb") as fh:
            fh.write(data)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    docs = list(read_inputs([str(fifo)], ReadOptions()))
    writer.join(timeout=10)
    assert [d.content for d in docs] == ["one", "two"]


@pytest.mark.parametrize(
    "data",
    [
        b'\xef\xbb\xbf{"text": "Floods hit the coast."}\n',
        '{"text": "Floods hit the coast."}\n'.encode("utf-16"),
        gzip.compress(b'\xef\xbb\xbf{"text": "Floods hit the coast."}\n'),
    ],
)
def test_jsonl_on_stdin_after_a_byte_order_mark(data: bytes) -> None:
    [record] = _stdin(data)
    assert record["source"]["format"] == "jsonl"  # type: ignore[index]
    assert record["body"] == ["Floods hit the coast."]


def test_a_closed_stdin_is_an_error_record() -> None:
    res = subprocess.run(
        [*COPYDESK, "parse", "-", "--no-progress"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.close(0),
    )
    assert b"Traceback" not in res.stderr
    assert b"standard input is closed" in res.stdout
    assert res.returncode == 1


def test_a_page_without_an_article_stays_a_page(tmp_path: Path) -> None:
    # read as text, its markup became the body of a record marked ok
    shell = (
        "<html><head><title>Redirecting</title><meta http-equiv='refresh' content='0;url=/a'>"
        "</head><body><div id='root'></div><script>window.__STATE__ = {}</script></body></html>"
    )
    path = tmp_path / "index"
    path.write_text(shell, encoding="utf-8")
    [record] = copydesk.parse_files([str(path)])
    assert record.source.format == "html"
    assert not any("<" in p for p in record.body)
    assert any("no article text" in e for e in record.errors)


def test_parse_reads_every_gzip_member() -> None:
    first, second = b"Ferry resumes\n\nThe island ferry resumed.\n", b"\nIt runs daily.\n"
    record = copydesk.parse(gzip.compress(first) + gzip.compress(second))
    assert record.body == copydesk.parse(first + second).body and not record.errors


def test_a_utf16_page_without_an_article_stays_a_page() -> None:
    page = "<html><head><title>Only nav</title></head><body><nav>Home</nav></body></html>"
    record = copydesk.parse(page.encode("utf-16"))
    assert record.source.format == "html" and not any("<" in p for p in record.body)


def test_parse_reads_many_gzip_members() -> None:
    lines = [f"Line {n} of the ferry timetable.\n".encode() for n in range(2000)]
    record = copydesk.parse(b"".join(gzip.compress(line) for line in lines))
    assert record.text == copydesk.parse(b"".join(lines)).text and not record.errors
