"""Character repairs: stand-in characters and invisible ones, never letters."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.repair.characters import normalize_line


def _rules(fixes) -> dict[str, int]:
    return {f.rule: f.count for f in fixes}


@pytest.mark.parametrize(
    ("before", "after", "rules"),
    [
        ("yesterday`s meeting", "yesterday's meeting", {"apostrophe": 1}),
        ("don´t go, it´s late", "don't go, it's late", {"apostrophe": 2}),
        ("the students´ union", "the students' union", {"apostrophe": 1}),
        ("a\u00a0b\u202fc", "a b c", {"nbsp": 2}),
        ("bell\x07 and\x00 nul", "bell and nul", {"control": 2}),
        ("a   b\tc", "a b c", {"spaces": 2}),
        ("zero\u200bwidth\u00adsoft", "zerowidthsoft", {"invisible": 2}),
        ("\ufeffHeadline", "Headline", {"invisible": 1}),
        ("\x1b[1;31mBREAKING\x1b[0m: floods", "BREAKING: floods", {"ansi": 2}),
        ("bell\x1b and", "bell and", {"control": 1}),  # a lone escape is a control
        # display reordering that holds other text than it shows ("Trojan source")
        ("Bank \u202eknab\u202c says \u2066Reuters\u2069", "Bank knab says Reuters", {"bidi": 4}),
    ],
)
def test_repairs(before: str, after: str, rules: dict[str, int]) -> None:
    text, fixes = normalize_line(before)
    assert text == after
    assert _rules(fixes) == rules


@pytest.mark.parametrize(
    "line",
    [
        "👨\u200d👩\u200d👧 family emoji stays whole",
        "🏳\ufe0f\u200d🌈 flag",
        "می\u200cخواهم",  # Persian ZWNJ is spelling
        "قال\u200f: نعم",  # right-to-left marks place punctuation in Arabic and Hebrew
        "“Curly quotes” and ‘single’ ones stay — dashes too",
        "Café, naïve, Ærø, Łódź",
        "`code` in backticks and 5`3 stay",
        "ordinary line",
    ],
)
def test_untouched(line: str) -> None:
    assert normalize_line(line) == (line, [])


def test_leading_and_trailing_space_trimmed_silently() -> None:
    assert normalize_line("  Headline \t") == ("Headline", [])


def test_repairs_are_recorded_in_the_record() -> None:
    rec = copydesk.parse(
        "Talks go on\n\nFollowing yesterday`s meeting,\u00a0the  two sides met again today "
        "to discuss the details.\n\nMore talks are planned for next week, officials said.\n"
    )
    assert rec.body[0] == (
        "Following yesterday's meeting, the two sides met again today to discuss the details."
    )
    rules = {r.rule for r in rec.repairs if r.kind == "normalize"}
    assert rules == {"apostrophe", "nbsp", "spaces"}
    fix = next(r for r in rec.repairs if r.kind == "normalize")
    assert fix.where == 3 and fix.before and "`" in fix.before


def test_addresses_keep_their_backticks_and_accents() -> None:
    # found by a tester: the link was changed and broken, and the change recorded
    line = "See https://example.com/it`s/path?a=b´c, mail ed`s@example.org and don`t."
    text, fixes = normalize_line(line)
    assert text == "See https://example.com/it`s/path?a=b´c, mail ed`s@example.org and don't."
    assert [(f.rule, f.count) for f in fixes] == [("apostrophe", 1)]
    assert normalize_line("www.example.com/it`s")[0] == "www.example.com/it`s"


def test_mended_mojibake_is_a_recorded_repair() -> None:
    # found by a tester: the body was mended, but no repair and no --explain note said so
    rec = copydesk.parse("Headline\n\nAu chÃ¢teau, les fans ont applaudi lâ€™Ã©quipe.\n")
    assert rec.body == ["Au château, les fans ont applaudi l’équipe."]
    assert [(r.rule, r.where) for r in rec.repairs] == [("mojibake", 3)]
    assert rec.repairs[0].before == "Au chÃ¢teau, les fans ont applaudi lâ€™Ã©quipe."
    raw = "Headline\n\nAu chÃ¢teau, les fans ont applaudi lâ€™Ã©quipe.\n".encode()
    assert [r.rule for r in copydesk.parse(raw).repairs] == ["mojibake"]
    assert copydesk.parse("Headline\n\nAu château, tout va bien.\n").repairs == []


def test_decomposed_accents_are_composed_and_recorded() -> None:
    # found by a tester: in NFD the entity model missed "José Martínez"
    text, fixes = normalize_line("Jose\u0301 Marti\u0301nez in Montre\u0301al")
    assert text == "José Martínez in Montréal"
    assert [f.rule for f in fixes] == ["nfc"]
    assert normalize_line("José in Montréal") == ("José in Montréal", [])


def test_terminal_commands_are_removed_whole() -> None:
    # found by a tester: an OSC 8 hyperlink left "]8;;http://evil" in a headline
    line = "Ansi \x1b[31mred\x1b[0m \x1b]8;;http://evil\x1b\\zorblax\x1b]8;;\x1b\\ headline"
    assert normalize_line(line)[0] == "Ansi red zorblax headline"
    assert normalize_line("a \x1b]0;window title\x07b")[0] == "a b"


def test_letters_of_their_own_are_not_composed_away() -> None:
    # NFC also maps the Kelvin sign and CJK compatibility ideographs: only lines with
    # combining marks are composed (found by a reviewer)
    for line in ("5 \u212a", "\uf9dc\uf914", "\u0958"):
        assert normalize_line(line) == (line, [])


def test_an_unterminated_terminal_command_keeps_the_text_after_it() -> None:
    line = "A stray \x1b]escape then the fourth paragraph text continues."
    assert normalize_line(line)[0] == "A stray ]escape then the fourth paragraph text continues."
    assert normalize_line("\x1b]0;log\x9cThe minister said")[0] == "The minister said"


def test_a_long_run_of_at_signs_is_read() -> None:
    # the address pattern backtracked for 45 s on these lines (found by a reviewer); the
    # suite's per-test timeout catches a return of it
    assert normalize_line("@" * 4000 + "`s")[0] == "@" * 4000 + "`s"
    assert normalize_line("a@" * 2000 + "`s")[0] == "a@" * 2000 + "`s"
