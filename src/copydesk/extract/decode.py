"""HTML bytes to text: valid UTF-8 first, then the page's declared charset, then a guess.

The order defeats the common charset lie (a ``utf-8`` meta over cp1252 bytes): bytes that are
not valid UTF-8 are never decoded as UTF-8 just because the page says so. Mojibake is not
mended here, on megabytes of markup, but in the structure stage on the kept text.
"""

from __future__ import annotations

import codecs
import re

from copydesk.readers.decode import Decoded, decode_bytes, looks_binary, utf16_without_bom

_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})""", re.I)

#: Where a markup tag must show up for bytes to count as HTML at all.
SNIFF_BYTES = 8192
_TAG = re.compile(r"<\s*(?:!doctype|html|head|body|div|p|meta|title|article|span|table|a)\b", re.I)


def decode_html(
    data: bytes | str, forced: str | None = None, http_charset: str | None = None
) -> Decoded:
    """Decode a page; never raises. ``binary`` is set for images, PDFs and archives.

    ``http_charset`` (from a WARC response's Content-Type) counts when the page declares none:
    servers send a default charset for every page, so a page's own meta is the better witness,
    but a Central European page labelled only in its header would otherwise be read as cp1252.
    """
    if isinstance(data, str):
        return Decoded(data, "str")
    if forced:
        return decode_bytes(data, forced)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    if order := utf16_without_bom(data):
        return decode_bytes(data, order)
    if looks_binary(data):  # before UTF-8: a file of NUL bytes is valid UTF-8
        return Decoded("", "binary", binary=True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared(data, http_charset)
    if declared and declared != "utf-8":
        try:
            return Decoded(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    latin = _western(data)
    return Decoded(latin, "cp1252") if latin is not None else decode_bytes(data)


#: Most letters of Western European text are ASCII; above this share of non-ASCII letters a
#: cp1252 reading is wrong (Cyrillic or Greek bytes read as accented Latin letters).
MAX_NON_ASCII_LETTERS = 0.25


def _western(data: bytes) -> str | None:
    """The bytes as cp1252 when that reads like Western text: the usual charset lie is a
    cp1252 page under a utf-8 label, and statistical guessers often pick a Baltic or Central
    European code page for it."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:200_000]
    letters = sum(c.isalpha() for c in sample)
    non_ascii = sum(c.isalpha() and ord(c) > 127 for c in sample)
    return text if letters and non_ascii / letters <= MAX_NON_ASCII_LETTERS else None


def _declared(data: bytes, http_charset: str | None) -> str | None:
    """The charset to try on bytes that are not UTF-8: the page's meta, else the HTTP header's.

    A meta that says utf-8 has just been proved wrong, and the header is then the next witness
    (a template's utf-8 meta over a database's cp1250 text, served with the true charset),
    unless it names cp1252, which `_western` tries next with a check that the text reads as
    Western (servers label every page with a latin-1 default)."""
    meta = _declared_charset(data)
    if meta != "utf-8":
        return meta or _lookup(http_charset)
    header = _lookup(http_charset)
    return header if header != "cp1252" else None


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:SNIFF_BYTES])
    if not match:
        return None
    return _lookup(match.group(1).decode("ascii"))


#: Labels that browsers read as windows-1252 (the WHATWG encoding standard): pages labelled
#: latin-1 are full of cp1252's curly quotes and dashes, which latin-1 turns into controls.
_AS_CP1252 = frozenset({"iso8859-1", "ascii"})


def _lookup(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def looks_like_html(text: str) -> bool:
    """A tag near the start: JSON, plain text or CSV behind an ``.html`` name fail this."""
    return bool(_TAG.search(text[:SNIFF_BYTES]))
