"""The byline of an HTML page: the people who wrote it, from JSON-LD, meta tags or the page.

Sites fill their author fields with their own name as often as with a reporter's ("STERN.de",
"Lesotho Times", "Deutsche Welle (www.dw.com)"), with profile URLs or with slugs
("chuck-ross"). Those are not bylines: each source's names are kept only when they name
people, and the first source that names one wins (JSON-LD, then meta tags, then the byline
printed on the page). Only a page where no source names a person falls back to what the
metadata says, organisation or not.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from typing import Any

from lxml import etree

#: Meta keys (``name``, ``property`` or ``itemprop``) that hold authors, best first.
AUTHOR_KEYS = (
    "author", "article:author", "dc.creator", "parsely-author", "sailthru.author",
    "byl", "dcterms.creator", "cxenseparse:author", "dcsext.author", "articleauthor",
)  # fmt: skip
#: Words that introduce a byline, dropped from the front of a name ("By", "Von", "Text:").
BY_PREFIX = re.compile(
    r"^(?:by|von|par|por|di|door|av|af|text|autor|autorin|author|written by)\s*:?\s+",
    re.IGNORECASE,
)
#: A capitalised "By"/"Von" inside a byline text starts the names ("Capital Von Jemima Kelly");
#: lower-case "von" is part of names ("Ursula von der Leyen").
INNER_BY = re.compile(r"^.*?\b(?:By|Von|Par|Por|Door)\s+(?=\S)")
#: Job titles written after a name in East Asian bylines ("신현주 기자" = reporter Shin).
ROLE_SUFFIX = re.compile(r"\s*(?:기자|특파원|선임기자|記者|特派員|编辑|記者\s*\S*)$")
#: Separators between several names in one string.
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|\bund\b|\bet\b|\by\b|&|\|)\s*")
#: Longest name kept, and most words in one.
MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 6
#: Names a byline keeps. The most in the dev gold is 5; a page with 100,000 author meta tags
#: gave a 9,549-name byline, checked name against name.
MAX_AUTHORS = 30

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
_WEB = re.compile(r"https?://|www\.|\.(?:com|de|net|org|co\.uk|at|ch)\b|@", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def declared_authors(
    ld: list[dict[str, Any]], tags: dict[str, list[str]], site_keys: list[str]
) -> tuple[list[str], list[str]]:
    """(people named by JSON-LD or meta tags, whatever the metadata names as author).
    ``site_keys``: the site's names as `headline.site_keys` folds them."""
    fallback: list[str] = []
    sources = [_ld_names(obj.get("author")) for obj in ld]
    sources += [[v for v in tags.get(key, []) if not v.startswith("http")] for key in AUTHOR_KEYS]
    for values in sources:
        people = _people(values, site_keys)
        if people:
            return people, fallback
        fallback = fallback or split_authors(values[:1])
    return [], fallback


def _people(values: list[str], site_keys: list[str]) -> list[str]:
    """The names in author strings that are not the site; a string that starts with the site's
    name is its signature ("hessenschau.de, Frankfurt, Germany"), with no person in it."""
    out: list[str] = []
    for value in values:
        names = split_authors([value])
        if names and is_person(names[0], site_keys):
            out.extend(n for n in names if is_person(n, site_keys) and n not in out)
        if len(out) >= MAX_AUTHORS:
            return out[:MAX_AUTHORS]
    return out


def split_authors(values: list[str]) -> list[str]:
    """Names from author strings: "By A and B" gives A and B; duplicates dropped."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = _SPACE.sub(" ", html_lib.unescape(value)).strip()
        for part in AUTHOR_SPLIT.split(BY_PREFIX.sub("", text)):
            part = clean_name(part)
            if part and len(part) <= 80 and part.casefold() not in seen:
                seen.add(part.casefold())
                out.append(part)
                if len(out) >= MAX_AUTHORS:
                    return out
    return out


def clean_name(text: str) -> str:
    """A name without a "By" in front, a job title behind or stray punctuation."""
    text = BY_PREFIX.sub("", _SPACE.sub(" ", text).strip())
    text = ROLE_SUFFIX.sub("", text)
    return text.strip(" .,:;-–—|")


def is_person(name: str, site_keys: list[str]) -> bool:
    """Not a URL, a slug, an address, or the site's own name."""
    if not name or _WEB.search(name) or _SLUG.match(name):
        return False
    if len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS:
        return False
    return bool(fold(name)) and not names_site(name, site_keys)


def names_site(name: str, site_keys: list[str]) -> bool:
    """The name is the site's own ("Lesotho Times", "VnExpress" on vnexpress.net)."""
    key = fold(name)
    return bool(key) and any(_same_site(key, s) for s in site_keys)


def _same_site(key: str, site: str) -> bool:
    return key == site or (len(key) >= 3 and key in site) or (len(site) >= 5 and site in key)


def fold(text: str) -> str:
    """Letters and digits only, accents dropped, so "STERN.de" and "stern.de" meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, list):
            item = " ".join(str(n) for n in item)
        if isinstance(item, str) and item.strip() and not item.strip().startswith("http"):
            out.append(item.strip())
    return out


#: Markup that marks a byline: a class or id with one of these words, ``rel="author"``,
#: ``itemprop="author"``, or a link to an author page.
BYLINE_CLASS = ("author", "byline", "autor", "auteur", "firma")
AUTHOR_LINK = re.compile(r"/(?:authors?|autor(?:en)?|auteurs?|journalists?|redakteur)/", re.I)
#: Parts of a byline block that are not names: photos, dates, bios, follow buttons.
NOT_NAME_CLASS = re.compile(
    r"avatar|image|img|photo|picture|bio|date|time|follow|social|share|desc|title|role|job",
    re.IGNORECASE,
)
#: Regions whose author names belong to other articles or to readers.
FOREIGN_REGIONS = ("nav", "footer", "aside")
FOREIGN_CLASS = re.compile(r"comment|teaser|related|recommend|promo|footer|sidebar", re.I)
#: How far up a foreign class is looked for (page-wide wrappers carry all sorts of classes).
FOREIGN_DEPTH = 4
#: Byline-marked blocks looked at after the h1: the article's own byline comes first; later
#: ones belong to embedded videos, author boxes and teasers.
MAX_BYLINE_BLOCKS = 3


def visible_authors(page: str, site_keys: list[str]) -> list[str]:
    """Names in the first byline blocks after the page's h1 (or anywhere, without one)."""
    # A plain etree tree, not lxml.html's: every element the walk below touches would pass
    # through lxml.html's Python class lookup, a third of the walk's time.
    try:
        tree = etree.fromstring(page, etree.HTMLParser())
    except (ValueError, TypeError, etree.ParserError, etree.XMLSyntaxError):
        return []
    if tree is None:
        return []
    for el in _byline_blocks(tree)[:MAX_BYLINE_BLOCKS]:
        names = _names_in(el, site_keys)
        if names:
            return list(dict.fromkeys(names))
    return []


def _byline_blocks(tree: Any) -> list[Any]:
    """The innermost byline-marked elements outside foreign regions, those after the first h1
    when there are any: a byline box holds the name next to dates and section links."""
    before: list[Any] = []
    after: list[Any] = []
    outer: set[Any] = set()
    seen_h1 = False
    for el in tree.iter(etree.Element):
        seen_h1 = seen_h1 or el.tag == "h1"
        if _marks_byline(el):
            (after if seen_h1 else before).append(el)
            outer.update(el.iterancestors())
    return [b for b in (after or before) if b not in outer and not _foreign(b)]


def _marks_byline(el: Any) -> bool:
    """Runs on every element of the page: the attributes are read once and tested cheapest
    first."""
    get = el.get
    css, ident = get("class"), get("id")
    return (
        (css is not None and _BYLINE_WORDS.search(css) is not None)
        or (ident is not None and _BYLINE_WORDS.search(ident) is not None)
        or get("rel") == "author"
        or get("itemprop") == "author"
        or (el.tag == "a" and AUTHOR_LINK.search(get("href") or "") is not None)
    )


#: `BYLINE_CLASS` as one pattern.
_BYLINE_WORDS = re.compile("|".join(BYLINE_CLASS), re.IGNORECASE)


def _foreign(el: Any) -> bool:
    for n, up in enumerate(el.iterancestors()):
        if up.tag in ("body", "html"):
            break
        if up.tag in FOREIGN_REGIONS or (
            n < FOREIGN_DEPTH and FOREIGN_CLASS.search(up.get("class", "") or "")
        ):
            return True
    return False


def _names_in(el: Any, site_keys: list[str]) -> list[str]:
    """Each linked or separately styled name, else the block's text split at separators. A
    text counts only when every name in it reads as one ("The Russian and Syrian defense
    ministries" is not two authors)."""
    parts = [
        "".join(child.itertext())
        for child in el.iter("a", "span", "li", "strong", "b")
        if not len(child) and not NOT_NAME_CLASS.search(child.get("class", "") or "")
    ] or [" ".join(el.itertext())]
    out: list[str] = []
    for part in parts:
        names = split_authors([INNER_BY.sub("", _SPACE.sub(" ", part).strip())])
        if names and all(_name_like(n) for n in names):
            out.extend(n for n in names if is_person(n, site_keys))
    return out


def _name_like(name: str) -> bool:
    """Two or more words that start with a capital (in scripts with case), no digits or colon:
    a name, not a label, a date or "Quelle: dpa"."""
    if any(c.isdigit() or c == ":" for c in name) or len(name) < 3:
        return False
    words = [w for w in name.split() if w[:1].isalpha()]
    cased = [w for w in words if w[:1].upper() != w[:1].lower()]
    if cased and len(words) < 2:
        return False  # one capitalised word is a label ("News"), not a name
    return bool(words) and all(w[:1].isupper() for w in cased if len(w) > 3 or w == cased[0])
