"""Readers: path expansion, format by name, capped and gzipped reads, JSONL, decoding."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from copydesk.options import ReadOptions
from copydesk.readers import ReadStats, detect_format, expand_paths, read_inputs
from copydesk.readers.decode import decode_bytes, looks_binary
from copydesk.readers.files import read_capped
from copydesk.readers.jsonl import _lines
from copydesk.readers.paths import excluded


def test_detect_format() -> None:
    assert detect_format("a/b.warc.gz") == "warc"
    assert detect_format("page.HTML") == "html"
    assert detect_format("x.jsonl.gz") == "jsonl"
    assert detect_format("notes.txt") == "text"


def test_expand_paths_sorted_recursive_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.txt", "sub/c.txt", ".hidden/d.txt", ".e.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = [Path(p).relative_to(tmp_path).as_posix() for p in expand_paths([str(tmp_path)])]
    assert got == ["a.txt", "b.txt", "sub/c.txt"]


def test_exclude_names_below_the_folder_and_whole_paths(tmp_path: Path) -> None:
    root = tmp_path / "tmp"  # a folder named like a pattern above the input must not count
    for name in ("a.html", "b.tmp.html", "drafts/c.html", "keep/drafts.html", "x/2024/d.html"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    stats = ReadStats()
    patterns = ["*.tmp.html", "drafts", "tmp", "*/x/2024/*"]
    got = [Path(p).relative_to(root).as_posix() for p in expand_paths([str(root)], patterns, stats)]
    assert got == ["a.html", "keep/drafts.html"]
    assert (stats.excluded, stats.excluded_folders) == (2, 1)  # drafts/ is not walked
    # A file named on the command line is tested by its name.
    assert list(expand_paths([str(root / "b.tmp.html")], ["*.tmp.html"])) == []
    assert excluded("crawl/2024/page.html", ["crawl/*"]) and not excluded("crawl/p.html", ["2024"])
    # A glob's files are tested below its fixed part, and slash patterns below it too.
    glob_root = str(root) + "/**/*.html"
    kept = [Path(p).name for p in expand_paths([glob_root], ["drafts", "x/2024/*"])]
    assert kept == ["a.html", "b.tmp.html", "drafts.html"]


def test_unmatched_glob_passes_through_as_error(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.nothing")
    assert list(expand_paths([pattern, "-"])) == [pattern, "-"]
    (doc,) = read_inputs([pattern])
    assert doc.errors and "no such file" in doc.errors[0]


def test_read_capped_plain_and_gzip(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_bytes(b"0123456789")
    assert read_capped(plain, 4) == (b"0123", True)
    assert read_capped(plain, 10) == (b"0123456789", False)
    gz = tmp_path / "a.txt.gz"
    gz.write_bytes(gzip.compress(b"hello world"))
    assert read_capped(gz, 100) == (b"hello world", False)


def test_corrupt_gzip_becomes_error_document(tmp_path: Path) -> None:
    gz = tmp_path / "bad.txt.gz"
    gz.write_bytes(gzip.compress(b"hello world" * 100)[:30])
    (doc,) = read_inputs([str(gz)])
    assert doc.errors and "cannot be read" in doc.errors[0]


def test_jsonl_in_a_legacy_encoding_is_read_with_encoding(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(json.dumps({"text": "Café reopens"}, ensure_ascii=False).encode("cp1252"))
    (doc,) = read_inputs([str(src)])
    assert doc.content == b"" and "not UTF-8" in doc.errors[0] and "--encoding" in doc.errors[0]
    (doc,) = read_inputs([str(src)], ReadOptions(encoding="cp1252"))
    assert doc.content == "Café reopens" and not doc.errors
    (doc,) = read_inputs([str(src)], ReadOptions(encoding="ascii"))
    assert "not ascii" in doc.errors[0] and "not in that encoding" in doc.errors[0]


@pytest.mark.parametrize(
    ("encoding", "named"), [("utf-16", False), ("utf-32", False), ("utf-16-le", True)]
)
def test_jsonl_in_a_wide_encoding(tmp_path: Path, encoding: str, named: bool) -> None:
    # its newlines come with NUL bytes: split as bytes, every line was broken
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"text": f"Café {n} reopens"}, ensure_ascii=False) for n in range(3)]
    src.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    options = ReadOptions(encoding=encoding) if named else ReadOptions()
    docs = list(read_inputs([str(src)], options))  # a BOM names UTF-16 and -32 by itself
    assert [d.content for d in docs] == [f"Café {n} reopens" for n in range(3)]
    assert [d.source.line for d in docs] == [1, 2, 3]


def test_jsonl_with_a_utf8_bom_and_a_bad_wide_file(tmp_path: Path) -> None:
    src = tmp_path / "bom.jsonl"
    src.write_bytes(codecs.BOM_UTF8 + b'{"text": "one"}\n{"text": "two"}\n')
    for options in (ReadOptions(), ReadOptions(encoding="utf-8")):
        assert [d.content for d in read_inputs([str(src)], options)] == ["one", "two"]
    bad = tmp_path / "bad.jsonl"
    lone_surrogate = b"\x00\xd8\n\x00"
    good = ['{"text": "one"}\n'.encode("utf-16-le"), '{"text": "two"}\n'.encode("utf-16-le")]
    bad.write_bytes(good[0] + lone_surrogate + good[1] + b"{")  # and a last line cut short
    docs = list(read_inputs([str(bad)], ReadOptions(encoding="utf-16-le")))
    # each line decoded alone: a bad one costs itself (a text decoder lost its whole buffer
    # and the rest of the file)
    assert [d.content for d in docs[::2]] == ["one", "two"]
    assert [d.source.line for d in docs] == [1, 2, 3, 4]
    for doc in docs[1::2]:
        assert doc.content == b"" and "not utf-16-le" in doc.errors[0]
        assert "the line was skipped" in doc.errors[0]
    # UTF-16 named for a file without its byte-order mark: Python's decoder raises a bare
    # UnicodeError, which escaped as a traceback; the message says to name the byte order
    (doc,) = read_inputs([str(src)], ReadOptions(encoding="utf-16"))
    assert "not utf-16" in doc.errors[0] and "utf-16-le or utf-16-be" in doc.errors[0]


@given(
    st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=40), max_size=12),
    st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"]),
    st.integers(min_value=1, max_value=9),
)
# a newline's bytes across two code units: U+0A05 then U+0100 in little-endian, the reverse in
# big-endian; and a character outside the BMP, a surrogate pair in UTF-16
@example(["\u0a05\u0100\u0100\u0a05 \U0001f600"], "utf-16-le", 64)
@example(["\u0a05\u0100\u0100\u0a05 \U0001f600"], "utf-16-be", 64)
def test_wide_jsonl_lines_survive_any_chunking(texts: list[str], encoding: str, chunk: int) -> None:
    from copydesk.readers.jsonl import _WideLines

    lines = [json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts]
    data = "".join(lines).encode(encoding)
    reader = _WideLines(io.BytesIO(data), encoding)
    reader.CHUNK = chunk  # a newline split across reads, a code unit split across reads
    assert [json.loads(line)["text"] for line in iter(reader.readline, b"")] == texts
    # under a line cap (counted in code units), the long lines are skipped, the rest read
    cap = 30
    capped = _WideLines(io.BytesIO(data), encoding)
    capped.CHUNK = chunk
    want = [
        t if len(line.encode("utf-8")) <= cap else None
        for t, line in zip(texts, lines, strict=True)
    ]
    got = [raw if raw is None else json.loads(raw)["text"] for raw in _lines(capped, cap)]
    assert [g for g, w in zip(got, want, strict=True) if w is not None] == [
        w for w in want if w is not None
    ]
    assert len(got) == len(texts)


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"text": "one", "id": 1})
        + "\n{not json\n[1, 2]\n"
        + json.dumps({"body": "no text field"})
        + "\n\n"
        + json.dumps({"text": "two"})
        + "\n",
        encoding="utf-8",
    )
    docs = list(read_inputs([str(src)]))
    assert [d.content for d in docs] == ["one", b"", b"", "", "two"]
    assert docs[0].id == "1"
    assert "not valid JSON" in docs[1].errors[0] and docs[1].source.line == 2
    assert "not a JSON object" in docs[2].errors[0]
    assert "--text-field" in docs[3].errors[0]
    assert not docs[4].errors


def test_jsonl_that_python_will_not_build_is_an_error_and_the_file_goes_on(
    tmp_path: Path,
) -> None:
    # valid JSON both: a number past Python's 4,300-digit limit, and arrays nested 100,000 deep
    src = tmp_path / "in.jsonl"
    number = '{"text": "a", "n": ' + "9" * 5000 + "}"
    nested = "[" * 100_000 + "]" * 100_000
    src.write_text("\n".join([number, nested, json.dumps({"text": "two"})]) + "\n")
    docs = list(read_inputs([str(src)]))
    assert [d.content for d in docs] == [b"", b"", "two"]
    assert docs[0].errors[0].startswith(f"{src}:1: unreadable JSON (Exceeds the limit")
    assert docs[1].errors == [f"{src}:2: unreadable JSON (nested too deeply)"]


def test_a_jsonl_line_over_the_cap_is_an_error_and_the_file_goes_on(tmp_path: Path) -> None:
    # a line is read whole before it can be parsed: without the cap a dump with no newlines
    # (or one huge object) is held in memory entire; gzipped, and as the last unended line too
    one, big, two = (json.dumps({"text": t}) for t in ("one", "x" * 5000, "two"))
    for name, data, contents in (
        ("in.jsonl", f"{one}\n{big}\n{two}\n".encode(), ["one", b"", "two"]),
        ("in.jsonl.gz", gzip.compress(f"{one}\n{big}\n{two}\n".encode()), ["one", b"", "two"]),
        ("end.jsonl", f"{one}\n{big}".encode(), ["one", b""]),
    ):
        src = tmp_path / name
        src.write_bytes(data)
        docs = list(read_inputs([str(src)], ReadOptions(max_bytes=1000)))
        assert [d.content for d in docs] == contents
        assert docs[1].source.line == 2
        assert docs[1].errors == [
            f"{src}:2: line larger than 1000 bytes, skipped "
            "(a JSON object cannot be read in part; raise --max-bytes to read it)"
        ]
        assert not docs[0].errors


def test_jsonl_html_field_wins_unless_text_forced(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": "plain", "html": "<p>x</p>"}) + "\n", encoding="utf-8")
    (doc,) = read_inputs([str(src)])
    assert doc.format == "html"
    (doc,) = read_inputs([str(src)], ReadOptions(input_format="jsonl", html_field="nope"))
    assert (doc.format, doc.content) == ("text", "plain")


def test_decode_bytes() -> None:
    assert decode_bytes("Café".encode()).text == "Café"
    assert decode_bytes("Café".encode("utf-16")).text == "Café"
    assert decode_bytes(b"\xef\xbb\xbfHi").text == "Hi"
    assert decode_bytes("“Hi”".encode("cp1252"), "cp1252").text == "“Hi”"
    forced = decode_bytes(b"a\xffb", "ascii")
    assert forced.replaced == 1


@given(st.binary(max_size=300))
def test_looks_binary_counts_control_bytes_as_the_plain_loop_did(data: bytes) -> None:
    from copydesk.readers.decode import BINARY_CONTROL_SHARE

    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    nuls = head.count(b"\x00") > len(head) // 100 + 1
    boms = (b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")  # UTF-32 and UTF-16 BOMs
    if head and not nuls and not head.startswith(boms):
        assert looks_binary(data) == (controls / len(head) > BINARY_CONTROL_SHARE)


def test_looks_binary() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert not looks_binary(b"plain text\n" * 10)
    assert not looks_binary("text".encode("utf-16"))


def test_a_jsonl_line_that_never_ends_gives_up_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /dev/zero read as JSONL is one endless line: skipping it looked for its end forever
    monkeypatch.setattr("copydesk.readers.jsonl.MAX_SKIP", 5000)
    monkeypatch.setattr("copydesk.readers.jsonl._SKIP_CHUNK", 1000)
    src = tmp_path / "in.jsonl"
    src.write_bytes(json.dumps({"text": "one"}).encode() + b"\n" + b"x" * 20_000)
    docs = list(read_inputs([str(src)], ReadOptions(max_bytes=1000)))
    assert [d.content for d in docs] == ["one", b""]
    assert docs[1].errors == [f"{src}:2: a line runs past 5,000 bytes; the rest was not read"]


@given(
    st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=8),
    st.integers(min_value=1, max_value=30),
    st.booleans(),
)
def test_capped_lines_keep_every_line_up_to_the_cap_and_mark_the_rest(
    lines: list[bytes], cap: int, final_newline: bool
) -> None:
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    got = list(_lines(io.BytesIO(data), cap))
    parts = data.split(b"\n")
    if parts[-1] == b"":
        parts.pop()  # a file ending in "\n" has no empty line after it
    want = [None if len(line) > cap else line for line in parts]
    assert [g.rstrip(b"\n") if g is not None else None for g in got] == want


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_a_folder_is_counted_not_read(tmp_path: Path) -> None:
    # nobody writes to it: reading it waited forever and the whole run with it
    (tmp_path / "a.txt").write_text("Ferry resumes\n\nThe ferry resumed on Friday.\n")
    os.mkfifo(tmp_path / "b.fifo")
    stats = ReadStats()
    assert list(expand_paths([str(tmp_path)], stats=stats)) == [str(tmp_path / "a.txt")]
    assert list(expand_paths([str(tmp_path / "*")], stats=stats)) == [str(tmp_path / "a.txt")]
    assert stats.skipped == Counter(
        {"not a regular file (a pipe, socket or device in a folder)": 2}
    )
    # named on its own it is read: `copydesk parse <(zcat pages.txt.gz)` hands over a pipe
    assert list(expand_paths([str(tmp_path / "b.fifo")])) == [str(tmp_path / "b.fifo")]


def test_a_folder_that_cannot_be_listed_is_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # os.walk drops such a folder without a word; as root chmod cannot make one, so the
    # listing is refused here the way the kernel would refuse it
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text("Ferry resumes\n\nThe ferry resumed on Friday.\n")
    (tmp_path / "shut").mkdir()
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if os.fspath(path).endswith("shut"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    stats = ReadStats()
    assert list(expand_paths([str(tmp_path)], stats=stats)) == [str(tmp_path / "open" / "a.txt")]
    assert stats.skipped == Counter({"folder that cannot be listed (check its permissions)": 1})
