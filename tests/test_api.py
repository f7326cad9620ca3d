"""The public API: what `copydesk.__all__` promises exists and behaves."""

from __future__ import annotations

import json

import copydesk


def test_all_names_exist() -> None:
    for name in copydesk.__all__:
        assert hasattr(copydesk, name), name


def test_parse_returns_record_with_every_contract_field(seed_text: str) -> None:
    record = copydesk.parse(seed_text)
    data = json.loads(record.to_json())
    for field in (
        "id",
        "source",
        "url",
        "language",
        "section",
        "headline",
        "standfirst",
        "byline",
        "credit",
        "dateline",
        "published",
        "body",
        "text",
        "removed",
        "repairs",
        "entities",
        "quotes",
        "dates",
        "duplicate_of",
        "cluster",
        "errors",
    ):
        assert field in data, field
    assert data["text"] == "\n\n".join(data["body"])


def test_ids_are_stable(seed_text: str) -> None:
    assert copydesk.parse(seed_text).id == copydesk.parse(seed_text).id
    assert copydesk.parse(seed_text).id != copydesk.parse(seed_text + "\nMore.").id


def test_parse_files_stable_ids_by_path(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\nBody text of the article goes here.\n", encoding="utf-8")
    first = [r.id for r in copydesk.parse_files(str(path))]
    second = [r.id for r in copydesk.parse_files([str(tmp_path)])]
    assert first == second and len(first) == 1


def test_parse_files_takes_path_objects(tmp_path) -> None:
    # a pathlib.Path raised "TypeError: 'PosixPath' object is not iterable"
    path = tmp_path / "a.txt"
    path.write_text("Headline\nBody text of the article goes here.\n", encoding="utf-8")
    one = [r.id for r in copydesk.parse_files(path)]
    many = [r.id for r in copydesk.parse_files(p for p in [path, str(path)])]
    assert len(one) == 1 and many == one * 2


def test_errors_raise_names_the_input_once(tmp_path) -> None:
    import pytest

    with pytest.raises(copydesk.InputError) as caught:
        copydesk.parse("", errors="raise")
    assert str(caught.value) == "<input>: no article text found (the input is empty)"
    missing = tmp_path / "gone.txt"
    with pytest.raises(copydesk.InputError) as caught:
        list(copydesk.parse_files(missing, errors="raise"))
    assert str(caught.value).startswith(f"{missing}: no such file (check the path")
    assert str(caught.value).count(str(missing)) == 1


def test_parse_checks_its_arguments_and_caps_its_input() -> None:
    import pytest

    from copydesk.options import ParseOptions, ReadOptions

    with pytest.raises(ValueError, match="format must be auto, text or html, not 'pdf'"):
        copydesk.parse("x", format="pdf")
    with pytest.raises(ValueError, match="errors must be record, skip or raise"):
        copydesk.parse("x", errors="bogus")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not int"):
        copydesk.parse(123)  # type: ignore[arg-type]
    text = "Ferry resumes\n\nThe island ferry resumed its winter timetable on Friday.\n"
    assert copydesk.parse(bytearray(text.encode())).body == copydesk.parse(text).body
    # the reader's cap applies to text handed over directly too
    small = ParseOptions(read=ReadOptions(max_bytes=40))
    rec = copydesk.parse(text * 100, options=small)
    assert len(rec.text) <= 40 and rec.errors[0].startswith(
        "<input>: input larger than 40 characters: only the first 40 were read"
    )


def test_keywords_apply_over_the_options_given(tmp_path) -> None:
    # errors="skip" beside options= was dropped without a word: failed records still came
    import pytest

    from copydesk.options import ParseOptions, ReadOptions

    (tmp_path / "bin.html").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "ok.txt").write_text("Ferry resumes\n\nThe island ferry resumed.\n", "utf-8")
    options = ParseOptions(read=ReadOptions())
    kept = list(copydesk.parse_files(tmp_path, errors="skip", options=options))
    assert [r.source.path.endswith("ok.txt") for r in kept] == [True]
    with pytest.raises(copydesk.InputError, match=r"bin\.html: binary data"):
        list(copydesk.parse_files(tmp_path, errors="raise", options=options))
    skipping = ParseOptions(read=ReadOptions(), errors="skip")
    assert len(list(copydesk.parse_files(tmp_path, options=skipping))) == 1  # not reset
    assert len(list(copydesk.parse_files(tmp_path, errors="record", options=skipping))) == 2
    with pytest.raises(ValueError, match="errors must be"):
        list(copydesk.parse_files(tmp_path, errors="bogus"))  # type: ignore[arg-type]


def test_parse_gunzips_and_sends_archives_to_parse_files() -> None:
    import gzip
    from pathlib import Path

    import pytest

    page = (Path(__file__).resolve().parents[1] / "examples" / "tech-article.html").read_bytes()
    plain = copydesk.parse(page)
    assert copydesk.parse(gzip.compress(page)).body == plain.body
    cut = copydesk.parse(gzip.compress(page)[:-40])
    assert any("truncated gzip data" in e for e in cut.errors)
    with pytest.raises(ValueError, match=r"WARC archive.*parse_files"):
        copydesk.parse(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n")
    with pytest.raises(ValueError, match=r"WARC archive"):
        copydesk.parse("\nWARC/1.1\nWARC-Date: 2024-01-01\nWARC-Record-ID: <urn:x>\n")
    # the word alone is a text (a property test found it refused)
    assert copydesk.parse(b"WARC/").body == ["WARC/"]
    assert copydesk.parse("WARC/1.0 is the format of web archives.").body
