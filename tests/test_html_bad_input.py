"""One test per failure mode of HTML input: each yields a record with errors or a usable
record, and the batch goes on."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import copydesk
from copydesk.extract.limits import _without_non_content
from copydesk.options import ParseOptions

PARA = "<p>The committee met again on Monday to discuss the new budget for the libraries.</p>\n"


def _page(body: str, head: str = "<meta charset='utf-8'><title>T</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>"


def _one(path: Path, options: ParseOptions | None = None) -> copydesk.Article:
    records = list(copydesk.parse_files(str(path), options=options))
    assert len(records) == 1
    return records[0]


def test_malformed_html_still_gives_text(tmp_path: Path) -> None:
    path = tmp_path / "bad.html"
    path.write_text(
        "<html><body><div><p>" + PARA * 6 + "<span><b>unclosed <i>tags", encoding="utf-8"
    )
    record = _one(path)
    assert any("committee met again" in b for b in record.body)


def test_truncated_html(tmp_path: Path) -> None:
    page = _page(PARA * 8)
    path = tmp_path / "cut.html"
    path.write_text(page[: len(page) // 2], encoding="utf-8")
    record = _one(path)
    assert any("committee met again" in b for b in record.body)


def test_plain_text_behind_html_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.html"
    path.write_text('{"not": "html"}\n' * 20, encoding="utf-8")
    record = _one(path)
    assert record.errors and "no HTML markup" in record.errors[0]


def test_binary_behind_html_name(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    record = _one(path)
    assert record.errors and "binary" in record.errors[0]


@pytest.mark.parametrize("name", ["zeros.html", "zeros.txt"])
def test_nul_bytes_are_binary_though_valid_utf8(tmp_path: Path, name: str) -> None:
    # a file of NULs (a preallocated download that never arrived) decodes as UTF-8; it used to
    # be called "no HTML markup", or text with no article in it
    path = tmp_path / name
    path.write_bytes(b"\x00" * 4096)
    rec = _one(path)
    assert not rec.body and len(rec.errors) == 1 and "binary data" in rec.errors[0]


def test_an_error_that_says_why_there_is_no_text_is_not_repeated(tmp_path: Path) -> None:
    path = tmp_path / "notes.html"
    path.write_text("just a line of notes, no markup at all\n" * 5, encoding="utf-8")
    assert [e.split(": ", 1)[1] for e in _one(path).errors] == [
        "no HTML markup found (if it is plain text, use --input-format text)"
    ]
    missing = tmp_path / "gone.html"
    assert _one(missing).errors == [f"{missing}: no such file (check the path or the glob pattern)"]


def test_corrupt_gzip(tmp_path: Path) -> None:
    data = gzip.compress(_page(PARA * 8).encode())
    path = tmp_path / "page.html.gz"
    path.write_bytes(data[:20] + b"\x00" * 50 + data[70:])
    record = _one(path)
    assert record.errors and "gzip" in " ".join(record.errors).lower()


def test_charset_lie_utf8_meta_over_cp1252(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners said the \u201cnew rules\u201d would cost them \u20ac2,000 a year. "
    page = _page(f"<h1>Caf\u00e9 rules</h1><p>{text * 6}</p>" + PARA * 3)
    path = tmp_path / "lie.html"
    path.write_bytes(page.encode("cp1252"))
    record = _one(path)
    joined = " ".join(record.body)
    assert "Caf\u00e9 owners said the \u201cnew rules\u201d" in joined
    assert "\ufffd" not in joined


def test_deeply_nested_markup(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(_page("<div>" * 10_000 + PARA * 5 + "</div>" * 10_000), encoding="utf-8")
    record = _one(path)
    assert record.body or record.errors  # libxml2 caps depth at 256; no crash, no hang


def test_time_limit_gives_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "slow.html"
    path.write_text(_page(PARA * 3000), encoding="utf-8")
    record = _one(path, ParseOptions(html_timeout=0.001))
    assert any("longer than" in e for e in record.errors)


@pytest.mark.slow
def test_huge_page_is_cut_and_the_batch_goes_on(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    filler = "<div class='ad'><script>var x = 1;</script><span>menu item</span></div>\n"
    big.write_text(_page(PARA * 20 + filler * (50_000_000 // len(filler))), encoding="utf-8")
    small = tmp_path / "small.html"
    small.write_text(_page(PARA * 8), encoding="utf-8")
    records = list(
        copydesk.parse_files([str(big), str(small)], options=ParseOptions(html_timeout=20))
    )
    assert len(records) == 2
    assert any("larger than" in e for e in records[0].errors)
    assert any("committee met again" in b for b in records[1].body)
    assert not records[1].errors


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    record = _one(path)
    assert record.errors and "no article text" in record.errors[-1]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "junk",
    [
        '<script type="application/ld+json">' * 40_000,
        "<script>" * 40_000,
        "<h1>" * 40_000,
        "<h1 " * 40_000,  # an opening tag that never ends
        "<h2>" * 40_000,
        "<ruby>" * 40_000,
        "<ruby>" + "<rt>" * 40_000 + "</ruby>",
        "<style>" * 40_000,
        '<script>x = "' + '\\"' * 200_000 + "</script>",  # escaped quotes, none closing
    ],
)
def test_thousands_of_unclosed_tags_do_not_stall(junk: str) -> None:
    # A lazy "<h1>(.*?)</h1>" scan restarts at every unclosed tag: 20,000 unclosed JSON-LD
    # scripts took 216 s, 40,000 would take four times that. Read in one pass, they are cheap.
    page = _page(PARA * 4 + junk + PARA)
    record = copydesk.parse(page, options=ParseOptions(html_timeout=120))
    assert not record.errors
    assert record.body


# -- the pre-cut of an over-long page: one pass, whatever is left unclosed ----------------------

#: The lazy pattern the one-pass scan replaced; it defines what is cut, on any markup.
_LAZY = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>"
    r"|<svg\b[^>]*>.*?</svg\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_PIECES = [
    "<p>text</p>", "<script>var a=1;</script>", "<SCRIPT type='application/ld+json'>{}</script>",
    "<style>p{}</style>", "<svg x><g/></svg>", "<!-- c -->", "<!--", "<script>", "<svg ",
    "</script>", "-->", "</svg>", "<b>x</b>", ">",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=16))
def test_the_one_pass_cut_removes_what_the_lazy_pattern_did(pieces: list[str]) -> None:
    page = "".join(pieces)
    assert _without_non_content(page) == _LAZY.sub("", page)


def test_an_over_long_page_of_unclosed_comments_is_cut_not_stalled(tmp_path: Path) -> None:
    # the lazy pattern searched to the end of the page for each of them: minutes, unbounded
    path = tmp_path / "c.html"
    path.write_text(_page("<h1>Rain</h1>" + PARA * 6) + "<!--x" * 600_000)
    rec = _one(path)
    assert len(rec.body) == 6 and "cut to" in rec.errors[0]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom(tmp_path: Path, encoding: str) -> None:
    # valid UTF-8 too (a NUL every other byte): read so, the page had "no HTML markup"
    path = tmp_path / "windows.html"
    path.write_bytes(_page("<h1>Budget</h1>" + PARA * 4).encode(encoding))
    rec = _one(path)
    assert len(rec.body) == 4 and not rec.errors
    assert rec.body[0].startswith("The committee met again on Monday")


def test_16_bit_binary_data_is_not_taken_for_utf16(tmp_path: Path) -> None:
    path = tmp_path / "sound.html"
    path.write_bytes(b"".join((i % 200).to_bytes(2, "little") for i in range(4000)))
    rec = _one(path)
    assert not rec.body and "binary data" in rec.errors[0]
