"""Properties over generated input: parse never raises, loses nothing silently, and the
``txt`` rendering of a record parses back to the same body."""

from __future__ import annotations

import re
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.record import Article
from copydesk.writers import render_txt

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "rain",
    "river",
    "village",
    "minister",
    "budget",
    "talks",
    "police",
    "market",
    "council",
    "plan",
    "report",
    "water",
    "school",
    "road",
    "bridge",
    "election",
    "vote",
    "court",
    "judge",
    "price",
    "farmers",
    "workers",
    "city",
    "region",
    "army",
    "border",
    "hospital",
    "doctors",
    "trade",
    "energy",
    "power",
    "storm",
]
STARTS = ("The", "Officials", "Residents", "Police", "Farmers", "Workers", "Doctors", "Judges")
CRUMBS = (["- News>", "- Asia"], ["Home > World > Asia"], ["News | Asia"], [])
CREDITS = ("PTI", "Reuters", "AFP/dpa", "(With inputs from PTI)")
BOILER = ("Advertisement", "Also Read: Storm hits the coast", "Follow us on Twitter")
PLACES = ("Islamabad", "London", "New Delhi", "Berlin")
#: Words a rule may legitimately drop with their line: the "by" of a byline, a credit's phrasing.
FUNCTION_WORDS = {"by", "with", "inputs", "from"}

_sentence = st.builds(
    lambda start, words: start + " " + " ".join(words) + ".",
    st.sampled_from(STARTS),
    st.lists(st.sampled_from(WORDS), min_size=6, max_size=18),
)
_paragraph = st.lists(_sentence, min_size=1, max_size=4).map(" ".join)
_headline = st.lists(st.sampled_from(WORDS), min_size=3, max_size=8).map(
    lambda w: " ".join(w).capitalize()
)


@st.composite
def article_texts(draw) -> str:
    """Seed-like texts: crumbs, headline, paragraphs (maybe wrapped), furniture, repeats."""
    lines: list[str] = list(draw(st.sampled_from(CRUMBS)))
    lines.append(draw(_headline))
    paras = draw(st.lists(_paragraph, min_size=1, max_size=6))
    if draw(st.booleans()):
        paras[0] = draw(st.sampled_from(PLACES)) + ": " + paras[0]
    width = draw(st.sampled_from([None, 55, 70]))
    for p in paras:
        lines.extend(textwrap.wrap(p, width) if width else [p])
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(BOILER)))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(CREDITS)))
    if draw(st.booleans()):
        lines.extend(lines[-3:])
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return sep.join(lines)


def _words(text: str | None) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text or "")}


def _accounted_words(rec: Article) -> set[str]:
    pool: set[str] = set()
    for text in [rec.headline, rec.standfirst, rec.credit, *rec.body, *rec.byline, *rec.section]:
        pool |= _words(text)
    for value in (rec.dateline or {}).values():
        pool |= _words(value)
    for item in rec.removed:
        pool |= _words(item.text)
    for fix in rec.repairs:
        pool |= _words(fix.before)
    return pool


@SETTINGS
@given(st.text(max_size=2000))
def test_parse_never_raises_on_text(text: str) -> None:
    rec = copydesk.parse(text)
    assert isinstance(rec, Article)
    assert rec.body or rec.errors


@SETTINGS
@given(st.binary(max_size=2000))
def test_parse_never_raises_on_bytes(data: bytes) -> None:
    rec = copydesk.parse(data)
    assert isinstance(rec, Article)
    assert rec.body or rec.errors


@SETTINGS
@given(article_texts())
def test_nothing_is_lost_silently(text: str) -> None:
    rec = copydesk.parse(text)
    pool = _accounted_words(rec)
    for line in text.splitlines():
        missing = _words(line) - pool - FUNCTION_WORDS
        assert not missing, (line, missing)


@st.composite
def records(draw) -> Article:
    body = draw(st.lists(_paragraph, min_size=1, max_size=6, unique=True))
    standfirst = None
    if draw(st.booleans()):
        standfirst = draw(st.lists(st.sampled_from(WORDS), min_size=7, max_size=14))
        standfirst = " ".join(standfirst).capitalize()
    dateline = {"place": draw(st.sampled_from(PLACES))} if draw(st.booleans()) else None
    credit = draw(st.sampled_from([None, "PTI", "Reuters", "AP"]))
    return Article(
        headline=draw(_headline),
        standfirst=standfirst,
        body=body,
        dateline=dateline,
        credit=credit,
    )


@SETTINGS
@given(records())
def test_txt_rendering_parses_back_to_the_same_body(record: Article) -> None:
    again = copydesk.parse(render_txt(record))
    assert again.body == record.body
    assert again.headline == record.headline
    assert again.credit == record.credit
    assert again.dateline == record.dateline
