"""Character normalisation: the damage that copy-paste and old CMSes do to news text.

Each rule is a named (pattern, replacement) pair so that a repair can say which rule fired.
Nothing here changes letters: curly quotes stay curly, dashes stay dashes, only characters that
stand *in place of* another (a backtick for an apostrophe) or that carry no text (NBSP runs,
control characters, zero-width marks) are touched, and decomposed accents are composed (NFC:
"e" + U+0301 is "é" in every tool downstream, the entity model and search included).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

#: A backtick or acute accent between two letters is an apostrophe typed on the wrong key
#: ("yesterday`s", "don´t"); so is one after a letter before a space in elisions ("students´ ").
#: (Written to open with the mark itself, so that the engine skips to candidates instead of
#: trying the look-behinds at every position: the same matches as
#: ``(?<=[^\W\d_])[`´](?=[^\W\d_])|(?<=[sS])[`´](?=\s)``, in a fraction of the time.)
APOSTROPHE = re.compile(r"[`´](?:(?<=[^\W\d_].)(?=[^\W\d_])|(?<=[sS].)(?=\s))")
#: Spaces that are not U+0020: NBSP, narrow NBSP, figure/thin/ideographic-less spaces.
ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f]")
#: Marks with no width or meaning in plain text: zero-width space, word joiner, stray BOM, soft
#: hyphen. The zero-width (non-)joiners are kept: emoji sequences and Persian/Indic spelling
#: need them.
INVISIBLES = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
#: Bidirectional embeddings, overrides and isolates: they reorder how a line is displayed
#: ("Trojan source" text shows one thing and holds another) and carry no text. The left-to-right
#: and right-to-left marks stay: Arabic and Hebrew text uses them for punctuation.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
#: Terminal colour and cursor codes (ANSI CSI sequences) and terminal commands (OSC: a window
#: title, an OSC 8 hyperlink around its text) in text captured from a console: removed whole,
#: or the control rule would take the escape and leave "[31m" or "]8;;http://..." behind.
ANSI_CODES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\x9c]{0,2048}(?:\x07|\x1b\\|\x9c)"
)
#: C0/C1 control characters except tab (tabs are handled as spaces below).
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Two or more spaces or tabs inside a line.
SPACE_RUNS = re.compile(r"[ \t]{2,}|\t")

#: A web address or e-mail in the text: the apostrophe rule leaves it alone, since a backtick
#: or acute accent there is part of the address ("https://example.com/it`s" must still work).
#: Bounded parts: an unbounded ``\S+@\S+`` backtracked for 45 s over a line of "@"s.
ADDRESSES = re.compile(
    r"(?:https?://|ftp://|www\.)\S+|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}", re.IGNORECASE
)

RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("ansi", ANSI_CODES, ""),
    ("control", CONTROLS, ""),
    ("invisible", INVISIBLES, ""),
    ("bidi", BIDI_CONTROLS, ""),
    ("nbsp", ODD_SPACES, " "),
    ("apostrophe", APOSTROPHE, "'"),
    ("spaces", SPACE_RUNS, " "),
)

#: On ASCII text a rule can only fire when these hold (the others' characters are not ASCII),
#: which spares most lines that reach the rules four of their five scans.
_ASCII_MAY_MATCH: dict[str, Callable[[str], bool]] = {
    "ansi": lambda t: "\x1b" in t,
    "control": lambda t: not t.isprintable(),
    "invisible": lambda t: False,
    "bidi": lambda t: False,
    "nbsp": lambda t: False,
    "apostrophe": lambda t: "`" in t,
    "spaces": lambda t: "  " in t or "\t" in t,
}

#: Fast pre-check: lines with none of these characters, no tab and no double space need no work
#: (most lines). One character class scans much faster than an alternation.
_SUSPECT = re.compile(
    r"[`´\u00a0\u2000-\u200d\u202a-\u202f\u205f-\u2060\u2066-\u2069\ufeff\u00ad"
    r"\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def _clean(text: str) -> bool:
    """The common case decided without the regex: every `_SUSPECT` character but the backtick
    and the acute accent is unprintable (controls, format marks, odd spaces; checked over all
    of Unicode in the tests), and so is a tab; with neither of those two and no double space
    there is nothing any rule could change."""
    return text.isprintable() and "`" not in text and "´" not in text and "  " not in text


@dataclass(slots=True)
class CharFix:
    rule: str
    count: int


def normalize_line(text: str) -> tuple[str, list[CharFix]]:
    """The line with every character rule applied, and which rules fired how often.

    Leading and trailing whitespace is trimmed silently: it is layout, not text.
    """
    text = text.strip()
    fixes: list[CharFix] = []
    if not text.isascii() and _decomposed(text):
        # decomposed accents ("Jose\u0301"): the entity model and search see other letters
        text = unicodedata.normalize("NFC", text)
        fixes.append(CharFix("nfc", 1))
    if _clean(text) or not ("  " in text or "\t" in text or _SUSPECT.search(text) is not None):
        return text, fixes
    for name, pattern, repl in RULES:
        if text.isascii() and not _ASCII_MAY_MATCH[name](text):
            continue
        if name == "apostrophe" and ADDRESSES.search(text):
            text, n = _outside_addresses(pattern, repl, text)
        else:
            text, n = pattern.subn(repl, text)
        if n:
            fixes.append(CharFix(name, n))
    return text.strip(), fixes


def _decomposed(text: str) -> bool:
    """A line with combining marks NFC would compose. Only then: NFC also maps characters that
    are letters of their own (CJK compatibility ideographs, the Kelvin and Ohm signs, the Greek
    question mark), which a line without combining marks keeps as written."""
    return not unicodedata.is_normalized("NFC", text) and any(
        unicodedata.combining(c) for c in text
    )


def _outside_addresses(pattern: re.Pattern[str], repl: str, text: str) -> tuple[str, int]:
    """``pattern.subn`` on the parts of ``text`` that are not web or e-mail addresses."""
    out: list[str] = []
    total, at = 0, 0
    for m in ADDRESSES.finditer(text):
        part, n = pattern.subn(repl, text[at : m.start()])
        out += [part, m.group(0)]
        total, at = total + n, m.end()
    part, n = pattern.subn(repl, text[at:])
    return "".join([*out, part]), total + n
