"""Page metadata from the markup itself: ``<meta>`` tags, the canonical link and JSON-LD.

Read with patterns from the raw page, not from a tree: trafilatura's own metadata pass costs
about a fifth of a page's extraction time, mostly on fields copydesk does not use. htmldate
(the library trafilatura uses) is consulted only when the page declares no date.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urlsplit

from copydesk.extract.authors import declared_authors, visible_authors
from copydesk.extract.headline import TitleSources, choose_headline, site_keys
from copydesk.extract.jsonld import article_objects, text_list
from copydesk.extract.markup import headline_texts, html_language
from copydesk.structure.blocks import PageMeta

#: Only the page's head (or this much of it) holds meta tags.
HEAD_WINDOW = 400_000

#: Meta keys (``name``, ``property`` or ``itemprop``) per field, best first.
TITLE_KEYS = ("og:title", "twitter:title", "title", "headline", "dc.title")
DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
SITE_KEYS = ("og:site_name", "application-name", "publisher", "twitter:site")
DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "published_time",
)  # fmt: skip
SECTION_KEYS = ("article:section", "og:article:section", "section", "parsely-section")
TAG_KEYS = ("article:tag", "news_keywords", "keywords", "parsely-tags")

_META = re.compile(r"<meta\b([^>]*)>", re.IGNORECASE)
#: An element of the page that carries the schema.org publication date, and its first text.
_MICRODATA_DATE = re.compile(
    r"""<(?:time|span|div|p|abbr)\b([^<>]*\bitemprop\s*=\s*["']?datePublished\b[^<>]*)>([^<]{0,80})""",
    re.IGNORECASE,
)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_CANONICAL = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>", re.IGNORECASE)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SPACE = re.compile(r"\s+")
#: Markup in a description: whole tags, and a tag cut off by the attribute's end.
_TAGS = re.compile(r"<[a-zA-Z/][^<>]*>")
_OPEN_TAG = re.compile(r"<[a-zA-Z/]")
#: A description that opens with a title separator is the empty summary's site affix.
_LEADING_SEPARATOR = re.compile(r"^(?:\||–|—|·|::|-\s)")
#: ... and one that ends with one, the site name that should follow it left out ("... |").
_TRAILING_SEPARATOR = re.compile(r"\s+(?:\||–|—|·|::)$")


def page_meta(page: str, url: str | None = None) -> PageMeta:
    return read_page_meta(page, url)[0]


def read_page_meta(page: str, url: str | None = None) -> tuple[PageMeta, TitleSources]:
    """The page's metadata, and every wording of its headline (the one chosen is the title)."""
    head = page[:HEAD_WINDOW]
    tags = meta_tags(head)
    ld = article_objects(page)
    first = ld[0] if ld else {}
    canonical = _canonical(head) or _first(tags, ("og:url",)) or url
    h1s, h2s = headline_texts(page)
    site = _first(tags, SITE_KEYS) or _publisher(first) or _host(canonical)
    titles = TitleSources(
        jsonld=_ld_str(first, "headline"),
        og=_first(tags, ("og:title",)),
        twitter=_first(tags, ("twitter:title",)),
        title=_title(head) or _first(tags, TITLE_KEYS[2:]),
        h1s=tuple(h1s),
        h2s=tuple(h2s),
        alternative=_ld_str(first, "alternativeHeadline"),
        sites=tuple(
            dict.fromkeys(
                s for s in (*_all_first(tags, SITE_KEYS), _publisher(first), _host(canonical)) if s
            )
        ),
    )
    meta = PageMeta(
        title=choose_headline(titles),
        authors=_authors(page, ld, tags, titles.sites),
        published=_day(_ld_str(first, "datePublished")) or _day(_first(tags, DATE_KEYS)),
        description=_description(
            [*_all_first(tags, DESCRIPTION_KEYS), _ld_str(first, "description")]
        ),
        site=site,
        categories=_unique(text_list(first.get("articleSection")) + _all(tags, SECTION_KEYS)),
        tags=_unique(text_list(first.get("keywords")) + _all(tags, TAG_KEYS)),
        url=canonical,
        language=html_language(page) or _lang(tags.get("og:locale")),
    )
    return meta, titles


def _description(values: list[str | None]) -> str | None:
    """The first description that is text: templates fill the tag with what they have, and an
    empty summary leaves "| Lebanon News" (the separator and the site's name that follow it)
    or a cut paragraph tag ("<p"), which became the record's standfirst; an empty site name
    leaves a summary ending in "|"."""
    for value in values:
        text = _TAGS.sub(" ", value or "")
        if cut := _OPEN_TAG.search(text):
            text = text[: cut.start()]
        text = _TRAILING_SEPARATOR.sub("", _SPACE.sub(" ", text).strip())
        if text and not _LEADING_SEPARATOR.match(text) and any(c.isalpha() for c in text):
            return text
    return None


def published_fallback(page: str, url: str | None) -> str | None:
    """For pages that declare no date in their metadata: a schema.org ``datePublished`` set on
    an element of the page (``<time itemprop="datePublished" datetime=...>``), else htmldate's
    reading of the page. htmldate is asked for the original date, and a page republished with
    updates gives it the first edition's (The Telegraph's "articleFirstPublished", 2019, on a
    2023 article whose printed date is the microdata's)."""
    if match := _MICRODATA_DATE.search(page):
        attrs = _attributes(match.group(1))
        day = _day(attrs.get("datetime") or attrs.get("content") or match.group(2))
        if day:
            return day
    from htmldate import find_date

    try:
        return find_date(page, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None


def meta_tags(head: str) -> dict[str, list[str]]:
    """``<meta>`` contents by lower-cased name/property/itemprop, in page order."""
    out: dict[str, list[str]] = {}
    for match in _META.finditer(head):
        attrs = _attributes(match.group(1))
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        content = attrs.get("content")
        if key and content and content.strip():
            out.setdefault(key.lower(), []).append(_clean(content))
    return out


def _first(tags: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    return next((tags[k][0] for k in keys if tags.get(k)), None)


def _all_first(tags: dict[str, list[str]], keys: tuple[str, ...]) -> list[str]:
    return [tags[k][0] for k in keys if tags.get(k)]


def _all(tags: dict[str, list[str]], keys: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for key in keys:
        for value in tags.get(key, []):
            out.extend(p.strip() for p in value.split(",") if p.strip())
    return out


def _authors(
    page: str, ld: list[dict[str, object]], tags: dict[str, list[str]], sites: tuple[str, ...]
) -> list[str]:
    """People named by the metadata, else by the byline on the page, else whatever the
    metadata names (often the site itself)."""
    keys = site_keys(sites)
    people, fallback = declared_authors(ld, tags, keys)
    return people or visible_authors(page, keys) or fallback


def _ld_str(obj: dict[str, object], key: str) -> str | None:
    value = obj.get(key)
    if isinstance(value, list) and value:
        value = value[0]
    return _clean(value) if isinstance(value, str) and value.strip() else None


def _publisher(obj: dict[str, object]) -> str | None:
    pub = obj.get("publisher")
    name = pub.get("name") if isinstance(pub, dict) else None
    return _clean(name) if isinstance(name, str) and name.strip() else None


def _attributes(markup: str) -> dict[str, str]:
    """A tag's attributes by lower-cased name, from the markup between its name and ``>``."""
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in _ATTR.finditer(markup)
    }


def _day(value: str | None) -> str | None:
    match = _ISO_DAY.search(value or "")
    return "-".join(match.groups()) if match else None


def _title(head: str) -> str | None:
    match = _TITLE.search(head)
    return _clean(match.group(1)) if match and match.group(1).strip() else None


def _canonical(head: str) -> str | None:
    match = _CANONICAL.search(head)
    href = re.search(r"""href\s*=\s*["']?([^"'\s>]+)""", match.group(0)) if match else None
    return html_lib.unescape(href.group(1)) if href and href.group(1).startswith("http") else None


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _lang(locale: list[str] | None) -> str | None:
    match = re.match(r"([a-z]{2})(?:[-_]|$)", (locale or [""])[0].lower())
    return match.group(1) if match else None


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _clean(text: str) -> str:
    return _SPACE.sub(" ", html_lib.unescape(text)).strip()
