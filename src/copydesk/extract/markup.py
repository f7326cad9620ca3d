"""A few facts read straight from the markup with patterns, so the hot path parses the page
only once (inside trafilatura): the ``<h1>`` texts and the declared language."""

from __future__ import annotations

import html as html_lib
import re

#: h1 elements looked at (some templates put the logo or section name in an h1 too).
MAX_H1 = 6
#: Only the start of the page is searched for the language: it is on the <html> tag.
LANG_WINDOW = 4096

_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})\b", re.IGNORECASE)


def h1_texts(page: str) -> list[str]:
    """Visible text of the first few ``<h1>`` elements, in page order."""
    out = []
    for match in _H1.finditer(page):
        text = _SPACE.sub(" ", html_lib.unescape(_TAG.sub(" ", match.group(1)))).strip()
        text = re.sub(r"\s+([,.:;!?])", r"\1", text)
        if 3 <= len(text) <= 300:
            out.append(text)
        if len(out) >= MAX_H1:
            break
    return out


def html_language(page: str) -> str | None:
    """The ``<html lang>`` attribute as a lower-case ISO 639 code, when the page declares one."""
    match = _HTML_LANG.search(page[:LANG_WINDOW])
    return match.group(1).lower() if match else None
