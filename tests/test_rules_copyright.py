"""Copyright lines: a notice with a sign or a year, dropped only among the last lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import copydesk
from copydesk.rules.copyright import MAX_COPYRIGHT_CHARS, is_copyright

PROSE = (
    "The council voted on Tuesday to rebuild the harbour wall, ending a debate that had "
    "lasted for more than three years."
)
MORE = "Work is due to start in the spring and to take two years, the mayor said."


@pytest.mark.parametrize(
    "line",
    [
        "Copyright @ 2026 Media Group - mediaindonesia. All Rights Reserved",
        "<Copyright ⓒ 한국일보. All rights reserved. 무단 전재 및 재배포 금지>",
        "© The Financial Times Ltd. 2024",
        "copyright Inexhibit 2019 - ISSN: 2283-5474",
        "(c) 2024 Harbour Times",
        "Alle Rechte vorbehalten.",
    ],
)
def test_copyright_lines(line: str) -> None:
    assert is_copyright(line)


@pytest.mark.parametrize(
    "line",
    [
        "© Reuters",  # a picture credit: the Zyte gold keeps these
        "Copyright reform",
        "Image copyright Getty Images",
        "Copyright law changed in 1998.",
        "Copyright questions? Email rights@example.com",
        "The court ruled that the copyright on the 2019 photograph belonged to the agency.",
        PROSE,
        "",
    ],
)
def test_not_copyright_lines(line: str) -> None:
    assert not is_copyright(line)


@given(st.text(min_size=MAX_COPYRIGHT_CHARS + 1, max_size=400))
def test_long_lines_are_prose(text: str) -> None:
    if len(text.strip()) > MAX_COPYRIGHT_CHARS:
        assert not is_copyright(text)


def _removed(rec: copydesk.Article) -> list[str]:
    return [r.text for r in rec.removed if r.reason == "copyright"]


def test_closing_copyright_line_is_removed_and_recorded() -> None:
    html = (
        "<html><head><title>Harbour wall to be rebuilt</title></head><body><article>"
        f"<h1>Harbour wall to be rebuilt</h1><p>{PROSE}</p><p>{MORE}</p>"
        "<p>Copyright 2026 Harbour Times Ltd. ISSN 1234-5678</p></article></body></html>"
    )
    rec = copydesk.parse(html)
    assert rec.body == [PROSE, MORE]
    assert _removed(rec) == ["Copyright 2026 Harbour Times Ltd. ISSN 1234-5678"]


def test_copyright_line_in_the_middle_stays() -> None:
    text = (
        f"Harbour wall to be rebuilt\n\n{PROSE}\n\n(c) 2024 Harbour Times\n\n{MORE}\n\n"
        f"{MORE.replace('two', 'three')}\n\n{PROSE.replace('Tuesday', 'Monday')}\n"
    )
    rec = copydesk.parse(text)
    assert "(c) 2024 Harbour Times" in rec.body
