"""Bad inputs: each yields a record (with ``errors`` where nothing usable was found), and a
batch with a bad file in it goes on."""

from __future__ import annotations

import codecs
import tracemalloc
from pathlib import Path

import pytest

import copydesk
from copydesk.options import ParseOptions, ReadOptions

FIXTURES = Path(__file__).parent / "fixtures" / "text"
ARTICLE = (
    "Floods cut off villages\n\n"
    "Heavy rain cut off dozens of villages in the mountains on Sunday, officials said.\n\n"
    "Rescue teams were sent by helicopter.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 8


def _no_text(rec: copydesk.Article) -> bool:
    return not rec.body and any("no article text" in e for e in rec.errors)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    (rec,) = copydesk.parse_files(str(path))
    assert _no_text(rec)
    assert rec.errors == [f"{path}: no article text found (the input is empty)"]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(PNG)
    (rec,) = copydesk.parse_files(str(path))
    assert not rec.body
    assert any("binary data" in e for e in rec.errors)


def test_huge_single_line_is_truncated_with_an_error(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 400_000)  # 2 MB on one line; the cap stands in for 200 MB
    options = ParseOptions(read=ReadOptions(max_bytes=200_000), language=False)
    tracemalloc.start()
    try:
        (rec,) = copydesk.parse_files(str(path), options=options)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert any("larger than 200000 bytes" in e for e in rec.errors)
    assert 0 < sum(len(p) for p in rec.body) <= 200_000
    # Bounded by the cap, not the file (language=False: the langid model alone is ~100 MB).
    assert peak < 60_000_000


def test_invalid_utf8() -> None:
    rec = copydesk.parse(ARTICLE.encode() + b"Bad bytes \xff\xfe here \xc3\x28 end.\n")
    assert rec.headline == "Floods cut off villages"
    assert rec.body[0].startswith("Heavy rain cut off dozens")


def test_mixed_encodings() -> None:
    rec = copydesk.parse((FIXTURES / "mixed-encodings.txt").read_bytes())
    assert rec.headline == "Café prices rise"
    assert rec.body[0].startswith("The café on the corner")
    assert "Another café said “no” to higher prices" in rec.text


def test_nul_bytes() -> None:
    rec = copydesk.parse(ARTICLE.replace("Heavy", "Hea\x00vy").encode())
    assert rec.body[0].startswith("Heavy rain")
    assert "\x00" not in rec.text


def test_nul_bytes_in_str_input() -> None:
    rec = copydesk.parse("\x00" * 50 + ARTICLE)
    assert rec.headline == "Floods cut off villages"


def test_only_whitespace() -> None:
    assert _no_text(copydesk.parse(" \n\t\n   \r\n\u00a0\n"))


def test_only_boilerplate() -> None:
    rec = copydesk.parse("Advertisement\nFollow us on Twitter\nAlso Read: Storm hits the coast\n")
    assert _no_text(rec)
    assert {r.reason for r in rec.removed} == {"boilerplate"}


def test_no_headline() -> None:
    rec = copydesk.parse(
        "Heavy rain cut off dozens of villages in the mountains on Sunday, officials said, and "
        "rescue teams were sent by helicopter to the worst hit areas of the region.\n\n"
        "Rescue teams were sent by helicopter to the worst hit areas, the army said.\n"
    )
    assert rec.headline is None
    assert len(rec.body) == 2
    assert rec.ok


def test_utf16_with_bom() -> None:
    rec = copydesk.parse((FIXTURES / "utf16-bom.txt").read_bytes())
    assert rec.headline == "Floods cut off villages"
    assert rec.body[-1] == "Rescue teams were sent by helicopter."
    assert rec.ok


def test_utf8_bom_is_not_in_the_headline() -> None:
    rec = copydesk.parse(codecs.BOM_UTF8 + ARTICLE.encode())
    assert rec.headline == "Floods cut off villages"


def test_cp1252_curly_quotes() -> None:
    rec = copydesk.parse((FIXTURES / "cp1252-quotes.txt").read_bytes())
    assert (
        rec.body[0]
        == "“We cannot go on like this,” the owner said – and closed the café on Monday."
    )
    assert rec.ok


def test_latin1_text() -> None:
    text = (
        "Hausse des prix à Paris\n\n"
        "Le café du coin a augmenté ses prix, a déclaré le propriétaire. Les clients "
        "n'étaient pas contents et ont protesté devant la boutique pendant toute la journée.\n"
    )
    rec = copydesk.parse(text.encode("latin-1"))
    assert "café du coin a augmenté ses prix, a déclaré le propriétaire" in rec.text
    assert "n'étaient pas contents" in rec.text


def test_mojibake_is_repaired() -> None:
    text = "CafÃ© prices rise\n\nThe cafÃ© on the corner raised its prices, the owner said.\n"
    for data in (text, text.encode("utf-8")):
        rec = copydesk.parse(data)
        assert rec.headline == "Café prices rise"
        assert rec.body == ["The café on the corner raised its prices, the owner said."]


def test_missing_file_is_an_error_record(tmp_path: Path) -> None:
    (rec,) = copydesk.parse_files(str(tmp_path / "nope.txt"))
    assert any("no such file" in e for e in rec.errors)


def test_batch_with_bad_files_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c-image.png").write_bytes(PNG)
    (tmp_path / "d-cp1252.txt").write_bytes((FIXTURES / "cp1252-quotes.txt").read_bytes())
    (tmp_path / "e-good.txt").write_text(ARTICLE.replace("Floods", "Storms"), encoding="utf-8")
    recs = list(copydesk.parse_files(str(tmp_path)))
    assert [Path(r.source.path).name for r in recs] == [
        "a-good.txt",
        "b-empty.txt",
        "c-image.png",
        "d-cp1252.txt",
        "e-good.txt",
    ]
    assert [r.ok for r in recs] == [True, False, False, True, True]
    assert recs[4].headline == "Storms cut off villages"


def test_a_text_of_millions_of_lines_is_cut_to_the_line_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each line costs ~760 bytes in the structure rules: 3M one-character lines took 2.3 GB
    monkeypatch.setattr("copydesk.pipeline.MAX_TEXT_LINES", 40)
    path = tmp_path / "lines.txt"
    lines = [
        f"Line {n} of a log that is not an article at all, said the operator." for n in range(90)
    ]
    path.write_text("\r\n".join(lines))
    (rec,) = copydesk.parse_files(str(path))
    assert rec.errors == [
        f"{path}: text cut to its first 40 lines (it has 90; no article is that long: for many "
        "documents in one file, use JSONL)"
    ]
    assert "Line 39 " in rec.text and "Line 40 " not in rec.text


@pytest.mark.parametrize("text", ["...\n---\n!!!", "———\n* * *\n?!", "2024\n\n12:30"])
def test_a_body_without_a_word_is_flagged(text: str) -> None:
    rec = copydesk.parse(text)
    assert rec.errors == ["<input>: no words in the body (only digits or punctuation)"]


def test_a_body_in_any_script_has_words() -> None:
    for text in (
        "東京で地震があった。\n\n被害は確認されていない。",
        "قال الوزير إن\n\nالمحادثات مستمرة",
    ):
        assert not copydesk.parse(text).errors


def test_an_empty_jsonl_record_is_named_by_its_line(tmp_path: Path) -> None:
    # found by a tester: "in.jsonl: no article text found", without the line the others give
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "a", "text": "Ferry resumes\\n\\nThe ferry sails again on Monday."}\n'
        '{"id": "b", "text": ""}\n',
        encoding="utf-8",
    )
    good, empty = copydesk.parse_files(str(path))
    assert not good.errors
    assert empty.errors == [f"{path}:2: no article text found (the input is empty)"]
