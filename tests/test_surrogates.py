"""Lone surrogates (JSON escapes that pair with nothing, non-UTF-8 file names) never reach a
writer: each made the JSONL output or the store's insert raise and stop the batch."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import copydesk
from copydesk.cli import app
from copydesk.document import Document
from copydesk.readers.surrogates import printable_name, scrub_document
from copydesk.record import Source

STORY = "The island ferry resumed its winter timetable on Friday after repairs to the pier."


def test_content_id_and_url_are_scrubbed_and_the_count_noted() -> None:
    doc = Document(f"Ferry \ud800 resumes\n\n{STORY}", Source(path="in.jsonl"), id="a\udfff")
    out = scrub_document(doc)
    assert out.content == f"Ferry \ufffd resumes\n\n{STORY}" and out.id == "a\ufffd"
    assert out.errors == [
        "in.jsonl: 1 lone surrogate code point(s) (escapes such as \\ud800 that encode no "
        "character) replaced by U+FFFD"
    ]


def test_a_clean_document_is_returned_as_it_is() -> None:
    doc = Document(STORY, Source(path="in.txt"))
    assert scrub_document(doc) is doc


def test_a_file_name_keeps_its_undecodable_bytes_as_escapes() -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # what os.listdir gives for a latin-1 name
    assert printable_name(name) == "caf\\xe9.txt"
    assert printable_name("plain.txt") == "plain.txt"
    assert printable_name("odd\ud800.txt") == "odd\ufffd.txt"  # not a surrogateescape byte


@given(st.text(alphabet=st.characters(codec=None, blacklist_categories=())))
def test_whatever_comes_in_encodes_as_utf8(text: str) -> None:
    doc = Document(text, Source(path=text[:20]), id=text[:5], errors=[text[:30]])
    out = scrub_document(doc)
    for value in (out.content, out.id, out.source.path, *out.errors):
        assert isinstance(value, str)
        value.encode("utf-8")
    if not any("\ud800" <= c <= "\udfff" for c in text):
        assert out is doc


def test_parse_and_ingest_go_on_past_surrogates_and_odd_file_names(tmp_path: Path) -> None:
    if sys.platform == "darwin":  # pragma: no cover - macOS refuses non-UTF-8 names
        pytest.skip("the file system does not take non-UTF-8 names")
    jsonl = tmp_path / "in.jsonl"
    lines = [{"text": f"Ferry \ud800 resumes\n\n{STORY}", "id": "x\udfff"}, {"text": STORY}]
    jsonl.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    (tmp_path / "odd").mkdir()
    odd = os.fsdecode(os.fsencode(tmp_path / "odd") + b"/caf\xe9.txt")
    Path(odd).write_text(f"Ferry resumes\n\n{STORY}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    runner = CliRunner()
    args = ["--jobs", "1", "--no-progress"]
    res = runner.invoke(app, ["parse", *args, "-o", str(out), str(jsonl), str(tmp_path / "odd")])
    assert res.exit_code == 1, res.output  # the replaced characters are reported as errors
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"].rsplit("/", 1)[-1] for r in recs] == [
        "in.jsonl",
        "in.jsonl",
        "caf\\xe9.txt",
    ]
    assert recs[0]["id"] == "x\ufffd" and recs[0]["body"] == [STORY]
    assert "lone surrogate" in recs[0]["errors"][0] and not recs[2]["errors"]
    res = runner.invoke(app, ["ingest", *args, "--db", str(tmp_path / "c.db"), str(jsonl), odd])
    assert res.exit_code == 0 and "3 stored" in res.output, res.output
    assert [r.source.path for r in copydesk.parse_files(odd)] == [printable_name(odd)]
