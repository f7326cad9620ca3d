"""Breadcrumb lines: the navigation path printed above a headline.

Three shapes, each seen on the dev sets: "- News>" / "- Asia" (one crumb a line),
"Home > World > Asia" (arrows), "News | Asia" (pipes). Only lines before the headline count;
the caller enforces that, since "Jane Doe | Reuters" below a headline is a byline.
"""

from __future__ import annotations

import re

#: Separators between crumbs on one line. ">", "/" and "\\" must stand apart from the words:
#: written tight they are part of a headline ("AC/DC", "Smith/Jones lead England squad", a
#: Reuters ticker "ACME <ACM> BUYS WIDGETCO": 7,772 Reuters-21578 headlines were taken for
#: breadcrumbs), while every crumb line on the dev sets spaces them.
SEPARATORS = re.compile(r"\s*(?:›|»|\||→)\s*|\s+(?:>|/|\\)(?:\s+|$)")

#: Every character SEPARATORS needs (one must occur for a line to split or end in an arrow).
_SEPARATOR_CHARS = re.compile(r"[>›»|/→\\]")

#: One crumb per line, list-style: "- News>", "• Asia", "* World ›".
LIST_CRUMB = re.compile(r"^\s*[-–•*·]\s*(?P<crumb>[^\s>›»|].{0,40}?)\s*[>›»]?\s*$")
#: What a stripped list crumb line opens with (LIST_CRUMB's marker).
_LIST_MARKS = ("-", "–", "•", "*", "·")

#: Root crumbs that say nothing about the section; dropped from ``section``.
ROOTS = frozenset(
    s.casefold()
    for s in (
        "Home",
        "Homepage",
        "Start",
        "Startseite",
        "Inicio",
        "Portada",
        "Accueil",
        "Home page",
        "Главная",
        "Strona główna",
        "Forside",
        "Etusivu",
        "Ana Sayfa",
        "Anasayfa",
        "Início",
        "Home Page",
        "首页",
        "ホーム",
        "Hjem",
        "Hem",
        "Úvod",
        "Főoldal",
        "Naslovnica",
        "Front page",
    )
)

MAX_CRUMB_WORDS = 5
MAX_CRUMB_CHARS = 40


def _is_crumb(text: str, loose: bool = False) -> bool:
    if not text or len(text) > MAX_CRUMB_CHARS or len(text.split()) > MAX_CRUMB_WORDS:
        return False
    if text[-1] in '.!?:;,"”' or not any(ch.isalpha() for ch in text) or "<" in text:
        return False
    if not loose and _lower_words(text) > 1:
        return False  # a sentence ("Sensex > 60,000 for the first time"), not a section name
    return text[0].isupper() or text[0].isdigit() or not text[0].isalpha() or text.isupper()


def _lower_words(text: str) -> int:
    """Words in lower case longer than a connector ("and", "of", "the"): section names have at
    most one ("Life and style"), headlines have verbs and nouns ("Jones lead England squad")."""
    return sum(1 for w in text.split()[1:] if len(w) > 3 and w[:1].islower())


#: Any separator, spaced or not: used only on a line that starts with a root crumb.
_LOOSE_SEPARATORS = re.compile(r"\s*(?:>|›|»|\||/|→|\\)\s*")


def _rooted(line: str) -> list[str] | None:
    """A line that starts with a root crumb ("Home", "Inicio") is a breadcrumb whatever its
    spacing ("Home/News/World", "Home>Sports>Cricket") and its wording ("Home > Money > Real
    estate news"): the root says what the line is."""
    parts = [p.strip() for p in _LOOSE_SEPARATORS.split(line)]
    parts = [p for p in parts if p]
    if len(parts) < 2 or parts[0].casefold() not in ROOTS:
        return None
    return parts if all(_is_crumb(p, loose=True) for p in parts) else None


def crumbs_of_line(line: str) -> list[str] | None:
    """The crumbs on a breadcrumb line (roots included), or None if it is not one."""
    stripped = line.strip()
    m = LIST_CRUMB.match(stripped) if stripped[:1] in _LIST_MARKS else None
    if m and _is_crumb(m.group("crumb")):
        return [m.group("crumb").strip()]
    if _SEPARATOR_CHARS.search(stripped) is None:
        return None  # no separator: one part, not ending in an arrow (most lines)
    parts = [p.strip() for p in SEPARATORS.split(stripped)]
    parts = [p for p in parts if p]
    if len(parts) >= 2 and SEPARATORS.search(stripped) and all(_is_crumb(p) for p in parts):
        return parts
    if len(parts) == 1 and stripped.endswith((">", "›", "»")):
        crumb = parts[0].rstrip(">›» ")
        return [crumb] if _is_crumb(crumb) else _rooted(stripped)
    return _rooted(stripped)


def section_of(crumbs: list[str]) -> list[str]:
    """The section path: crumbs in order, roots and repeats dropped."""
    out: list[str] = []
    for crumb in crumbs:
        if crumb.casefold() not in ROOTS and crumb not in out:
            out.append(crumb)
    return out
