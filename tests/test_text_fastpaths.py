"""The text stage's fast paths give exactly what the plain regexes they stand in front of give.

Each speed-up in the structure stage is a cheap test that decides the common case before a
regex runs (or a byte table that replaces one); these properties pin that they never change an
answer, on generated text rich in the characters each rule is about.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.language import _classify, _identifier, _letters
from copydesk.repair.characters import _SUSPECT, APOSTROPHE, RULES, normalize_line
from copydesk.repair.repeats import word_key
from copydesk.repair.unwrap import HYPHEN_END, hyphen_end
from copydesk.rules import boilerplate, breadcrumbs, datelines
from copydesk.rules.datelines import find_dateline

#: Letters, digits, separators and every character some rule looks for.
ALPHABET = st.sampled_from(
    [
        *"abcSXkK09_ -–—:|.,`´'’\t\n",
        "\u00a0",
        "\u200b",
        "\u00ad",
        "\x07",
        "\x85",
        *"éßİſЖ字",
        "\u212a",
        "\u0301",
    ]
)
TEXT = st.text(ALPHABET, max_size=80)
SETTINGS = settings(max_examples=400, deadline=None)


@SETTINGS
@given(TEXT)
def test_word_key_is_the_regex_words(text: str) -> None:
    assert word_key(text) == tuple(re.findall(r"\w+", text.casefold()))


@SETTINGS
@given(TEXT)
def test_normalize_line_is_every_rule_in_order(text: str) -> None:
    expected = text.strip()
    fired = []
    combining = any(unicodedata.combining(c) for c in expected)
    if combining and unicodedata.normalize("NFC", expected) != expected:
        expected = unicodedata.normalize("NFC", expected)
        fired.append(("nfc", 1))
    if re.search(r"[ \t]{2}|\t", expected) or _SUSPECT.search(expected):
        for name, pattern, repl in RULES:
            expected, n = pattern.subn(repl, expected)
            if n:
                fired.append((name, n))
        expected = expected.strip()
    got, fixes = normalize_line(text)
    assert got == expected
    assert [(f.rule, f.count) for f in fixes] == fired


@SETTINGS
@given(TEXT)
def test_apostrophe_pattern_is_the_lookbehind_form(text: str) -> None:
    plain = re.compile(r"(?<=[^\W\d_])[`´](?=[^\W\d_])|(?<=[sS])[`´](?=\s)")
    assert APOSTROPHE.subn("'", text) == plain.subn("'", text)


def test_every_suspect_character_but_two_is_unprintable() -> None:
    # What the clean-line shortcut in normalize_line relies on, over all of Unicode.
    odd = [
        hex(c)
        for c in range(0x110000)
        if _SUSPECT.match(chr(c)) and chr(c).isprintable() and chr(c) not in "`´"
    ]
    assert odd == []


@SETTINGS
@given(TEXT)
def test_hyphen_end_is_the_regex(text: str) -> None:
    assert hyphen_end(text) == bool(HYPHEN_END.search(text))


@SETTINGS
@given(st.text(st.sampled_from([*"facebook twitter X.COM news googl-", "\u212a"])))
def test_social_precheck_is_the_regex(text: str) -> None:
    assert boilerplate._social(text) == bool(boilerplate.SOCIAL.search(text))


PLACES = st.sampled_from(["NEW DELHI", "Islamabad", "Washington, Sept 30", "BREAKING", "Ab"])


@SETTINGS
@given(PLACES, TEXT)
def test_separator_precheck_changes_no_dateline(place: str, rest: str) -> None:
    text = place + rest
    got = find_dateline(text)
    saved = datelines._SEP_CHARS
    datelines._SEP_CHARS = re.compile("")  # matches every string: the precheck always passes
    try:
        assert got == find_dateline(text)
    finally:
        datelines._SEP_CHARS = saved


@SETTINGS
@given(TEXT)
def test_letter_count_is_the_regex(text: str) -> None:
    assert _letters(text) == len(re.findall(r"[^\W\d_]", text))


def test_language_scores_equal_py3langids() -> None:
    samples = [
        "Pakistan and the US today stepped up contacts to defuse tensions triggered by",
        "Das binationale Unternehmen hat sechs offene Ausschreibungen in Höhe von insgesamt",
        "Правительство объявило о новых мерах поддержки экономики в понедельник утром",
        "Il governo ha annunciato nuove misure per sostenere l'economia del paese",
        "政府は月曜日、経済を支援するための新たな措置を発表した。",
        "x",
    ]
    ident = _identifier()
    for sample in samples:
        code, prob = ident.classify(sample)
        assert _classify(sample) == (str(code), float(prob))


def _crumbs_by_regex(line: str) -> list[str] | None:
    """crumbs_of_line as written before its pre-checks."""
    stripped = line.strip()
    m = breadcrumbs.LIST_CRUMB.match(stripped)
    if m and breadcrumbs._is_crumb(m.group("crumb")):
        return [m.group("crumb").strip()]
    parts = [p for p in (p.strip() for p in breadcrumbs.SEPARATORS.split(stripped)) if p]
    separated = len(parts) >= 2 and breadcrumbs.SEPARATORS.search(stripped)
    if separated and all(breadcrumbs._is_crumb(p) for p in parts):
        return parts
    if len(parts) == 1 and stripped.endswith((">", "›", "»")):
        crumb = parts[0].rstrip(">›» ")
        return [crumb] if breadcrumbs._is_crumb(crumb) else breadcrumbs._rooted(stripped)
    return breadcrumbs._rooted(stripped)


@SETTINGS
@given(st.lists(st.sampled_from([*"Ab Cd-–•*·>›»|/→\\ \t.", "\u00a0", "Home"]), max_size=20))
def test_crumb_prechecks_change_nothing(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert breadcrumbs.crumbs_of_line(line) == _crumbs_by_regex(line)


@SETTINGS
@given(st.lists(st.sampled_from(["", " ", "\t", "  * Home", "* News", "Text", "    deep"])))
def test_full_page_check_never_raises(lines: list[str]) -> None:
    from copydesk.structure.mainblock import looks_like_full_page

    assert looks_like_full_page(lines) in (True, False)
