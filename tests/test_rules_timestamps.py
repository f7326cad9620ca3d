"""Timestamp lines: the whole line a date or a labelled time, dropped only above the prose or
as the closing line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import copydesk
from copydesk.rules.timestamps import MAX_TIMESTAMP_CHARS, is_timestamp, stamped_byline

PROSE = (
    "The council voted on Tuesday to rebuild the harbour wall, ending a debate that had "
    "lasted for more than three years."
)
MORE = "Work is due to start in the spring and to take two years, the mayor said."


@pytest.mark.parametrize(
    "line",
    [
        "30. Januar 2024",
        "10.11.2025 17:59",
        "17:41 JST, October 13, 2024",
        "Stand: 22.04.2024, 06:00 Uhr",
        "Updated at 1:23 p.m.",
        "Uppdaterad 15.59 | Publicerad 14.14",
        "sexta-feira, 22 de outubro de 2010 às 20:13",
        "2025年1月14日 01時28分 (1月14日 01時40分更新)",
        "기사입력 :[ 2018-08-25 15:24 ]",
        "Published: Monday 3rd June 2024, 9:15 am",
        "Mis à jour le 5 mars 2024 à 14h30",
        "13 мая 2025, 10:42",
    ],
)
def test_timestamps(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "4:14 p.m.",  # a bare time heads a live-blog entry
        "2024",
        "Exhibition: 29 November 2018 | 20 January 2019",
        "5:45 AM PST 11/19/2019 by Patrick Shanley",
        "The vote is on May 5.",
        "Tempo de leitura: 1 minuto",
        "読了時間 3分",
        "555-12-1234",  # a phone number, not a date
        "1.2.10",  # a version
        "Out at 5",  # "out" is Portuguese October only beside a day or a year
        PROSE,
        "",
        "January 2019, " * 10,
    ],
)
def test_not_timestamps(line: str) -> None:
    assert not is_timestamp(line)


@given(
    st.sampled_from(["30. Januar 2024", "Stand: 22.04.2024, 06:00 Uhr", "Updated at 1:23 p.m."]),
    st.sampled_from(["harbour", "Exhibition", "by", "Reuters", "council", "vote"]),
    st.integers(min_value=0, max_value=4),
)
def test_any_other_word_makes_the_line_prose(line: str, word: str, at: int) -> None:
    words = line.split()
    words.insert(min(at, len(words)), word)
    assert not is_timestamp(" ".join(words))


@given(st.text(max_size=200))
def test_long_or_numberless_lines_never_match(text: str) -> None:
    if len(text.strip()) > MAX_TIMESTAMP_CHARS or not any(c.isdigit() for c in text):
        assert not is_timestamp(text)


def _removed(rec: copydesk.Article) -> list[str]:
    return [r.text for r in rec.removed if r.reason == "timestamp"]


def test_html_timestamp_above_the_article_is_removed_and_recorded() -> None:
    html = (
        "<html><head><title>Harbour wall to be rebuilt</title></head><body><article>"
        "<h1>Harbour wall to be rebuilt</h1><p>Stand: 22.04.2024, 06:00 Uhr</p>"
        f"<p>{PROSE}</p><p>{MORE}</p><p>Updated at 1:23 p.m.</p></article></body></html>"
    )
    rec = copydesk.parse(html)
    assert rec.body == [PROSE, MORE]
    assert _removed(rec) == ["Stand: 22.04.2024, 06:00 Uhr", "Updated at 1:23 p.m."]


def test_dates_inside_the_body_stay() -> None:
    text = f"Harbour wall to be rebuilt\n\n{PROSE}\n\n17 March 2024\n\n{MORE}\n"
    rec = copydesk.parse(text)
    assert "17 March 2024" in rec.body
    assert not _removed(rec)


def test_text_timestamp_at_the_top_is_removed() -> None:
    text = f"Harbour wall to be rebuilt\n\nMonday 22 April 2024, 06:00 GMT\n\n{PROSE}\n\n{MORE}\n"
    rec = copydesk.parse(text)
    assert _removed(rec) == ["Monday 22 April 2024, 06:00 GMT"]
    assert rec.body == [PROSE, MORE]


def test_date_line_inside_a_wrapped_paragraph_at_the_top_stays() -> None:
    wrapped = (
        "Harbour wall\n\n"
        "The council said on Friday that it would vote on\n"
        "Monday, 22 April 2024\n"
        "whether to rebuild the harbour wall after the storm damage.\n"
    )
    rec = copydesk.parse(wrapped)
    assert not _removed(rec)
    assert "vote on Monday, 22 April 2024 whether" in rec.body[0]


def test_wrapped_paragraph_ending_in_a_date_is_not_a_timestamp() -> None:
    wrapped = (
        "Harbour wall to be rebuilt\n"
        "The council voted on Tuesday to rebuild the harbour wall and\n"
        "said the work would go on at least until the end of\n"
        "January 2019\n"
    )
    rec = copydesk.parse(wrapped)
    assert not _removed(rec)
    assert rec.body[-1].endswith("until the end of January 2019")


def test_timestamp_then_byline_is_the_byline() -> None:
    assert stamped_byline("5:45 AM PST 11/19/2019 by Patrick Shanley") == "By Patrick Shanley"
    assert stamped_byline("Written by Jane Doe") is None  # no timestamp before "by"
    text = f"Harbour wall to be rebuilt\n\n5:45 AM PST 11/19/2019 by Ann Lee\n\n{PROSE}\n\n{MORE}\n"
    rec = copydesk.parse(text)
    assert rec.byline == ["Ann Lee"]
    assert rec.body == [PROSE, MORE]
