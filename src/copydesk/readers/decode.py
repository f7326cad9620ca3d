"""Bytes to text: detect the encoding, then repair mojibake.

Order matters: BOMs are certain, UTF-8 is the most common and self-validating, and only bytes
that are not valid UTF-8 go to charset-normalizer's statistical guess. ftfy then mends text that
was decoded wrongly *before* it reached us (the "Ã©" kind of mojibake).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Share of control characters (other than tab/newline) above which bytes are called binary.
BINARY_CONTROL_SHARE = 0.10


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    mojibake_fixed: bool = False
    binary: bool = False
    replaced: int = 0


#: Bytes that are not control characters: tab, newline, form feed, carriage return and escape
#: count as text (ANSI colour codes are repaired later, not a sign of binary data).
_NOT_CONTROL = bytes([9, 10, 12, 13, 27, *range(32, 256)])


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB: an image, a PDF, an archive."""
    head = data[:8192]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS[:2] + _BOMS[3:]):
        return False
    if head.count(b"\x00") > len(head) // 100 + 1:
        return True
    # every byte but the control characters deleted, in C: a loop over 8 KiB in Python cost
    # 0.4 ms a page, and every page is checked
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls / len(head) > BINARY_CONTROL_SHARE


def utf16_without_bom(data: bytes) -> str | None:
    """The name of the UTF-16 byte order ``data`` is written in when it has no BOM, else None.

    Text in a Latin script written as UTF-16 has a NUL in every other byte (in the odd ones for
    little-endian), which is valid UTF-8 too: decoded as UTF-8, "<html>" became
    "<\x00h\x00t..." and the page had "no HTML markup". Files saved by Windows tools look so.
    """
    head = data[:4096]
    if len(head) < 16 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0) / len(head[0::2]), head[1::2].count(0) / len(head[1::2])
    if odd > 0.3 and even < 0.02:
        order = "utf-16-le"
    elif even > 0.3 and odd < 0.02:
        order = "utf-16-be"
    else:
        return None
    try:
        sample = head[: len(head) // 2 * 2].decode(order)
    except UnicodeDecodeError:
        return None
    # 16-bit binary data (audio, images) can share the NUL pattern; text is printable
    printable = sum(c.isprintable() or c in "\n\r\t" for c in sample)
    return order if printable >= 0.95 * len(sample) else None


def decode_bytes(data: bytes, encoding: str | None = None, mend: bool = True) -> Decoded:
    """Decode ``data``; never raises. Undecodable bytes become U+FFFD and are counted."""
    if encoding:
        text = data.decode(encoding, errors="replace")
        return _finish(text, encoding, mend)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _finish(data.decode(name, errors="replace"), name, mend)
    if order := utf16_without_bom(data):
        return _finish(data.decode(order, errors="replace"), order, mend)
    # before the UTF-8 reading: NUL bytes are valid UTF-8, and a file of them is not text
    if looks_binary(data):
        text = data.decode("utf-8", errors="replace")
        return Decoded(text, "binary", binary=True, replaced=text.count("\ufffd"))
    try:
        return _finish(data.decode("utf-8"), "utf-8", mend)
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return _finish(mixed, "utf-8+cp1252", mend)
    guess = _guess_encoding(data)
    return _finish(data.decode(guess, errors="replace"), guess, mend)


def _decode_mixed(data: bytes) -> str | None:
    """Files glued together from UTF-8 and legacy parts: UTF-8 lines stay UTF-8, the others are
    read as cp1252 (the commonest legacy encoding). A single guess for the whole file would
    garble one part or the other; a file with at least as many valid as invalid non-ASCII UTF-8
    lines is taken to be UTF-8 with stray legacy lines. None when that is not the case."""
    lines = data.split(b"\n")
    out: list[str] = []
    good = bad = 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            good += not line.isascii()
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
            bad += 1
    return "\n".join(out) if good and good >= bad else None


def _guess_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return "cp1252"
    name = best.encoding
    # Statistical guessers often say latin-1 for text that is cp1252 (curly quotes in 0x80-0x9f);
    # cp1252 is its superset on every printable byte, so prefer it.
    return "cp1252" if name in ("latin_1", "iso8859_1", "ascii") else name


def _finish(text: str, encoding: str, mend: bool = True) -> Decoded:
    fixed = fix_mojibake(text) if mend else text
    return Decoded(fixed, encoding, mojibake_fixed=fixed != text, replaced=fixed.count("\ufffd"))


#: Characters that every mojibake of UTF-8 read as cp1252/latin-1 (or the reverse) contains;
#: text without any of them cannot be mojibake, and skipping ftfy there saves most of its cost.
_MOJIBAKE_HINTS = re.compile(
    "[\u00c2-\u00c5\u00d0\u00d1\u00e2\u00c3\u0080-\u009f\ufffd\u0152\u0153\u0161\u017e\u2020\u2021\u2030\u201a\u201e\u02c6\u0178]"
)


def fix_mojibake(text: str) -> str:
    """Undo double-decoding only; quotes, dashes and line breaks are left to the repair stage,
    which records them."""
    if text.isascii() or not _MOJIBAKE_HINTS.search(text):
        return text
    return ftfy.fix_text(
        text,
        unescape_html=False,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        fix_line_breaks=False,
        remove_terminal_escapes=True,
        normalization=None,
        explain=False,
    )
