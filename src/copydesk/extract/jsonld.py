"""Article facts from schema.org JSON-LD: the headline, authors, dates and section a site
declares for search engines, usually the most exact metadata a page has."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from copydesk.extract.markup import elements

#: schema.org types that describe the page's article (other objects are breadcrumbs, the
#: organisation, the website).
ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "blogposting",
        "socialmediaposting", "liveblogposting", "techarticle", "scholarlyarticle", "report",
        "webpage", "medicalwebpage", "itempage", "videoobject",
    }
)  # fmt: skip
#: How many JSON-LD scripts and characters are read (a page with megabytes of it is odd).
MAX_SCRIPTS = 12
MAX_SCRIPT_CHARS = 500_000

_SCRIPT = re.compile(
    r"<script\b[^<>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^<>]*>", re.IGNORECASE
)


def article_objects(page: str) -> list[dict[str, Any]]:
    """The JSON-LD objects of article types, most specific (news article) first."""
    found: list[dict[str, Any]] = []
    for n, (_, body, _, _) in enumerate(elements(page, "script", _SCRIPT)):
        if n >= MAX_SCRIPTS:
            break
        raw = body.strip()
        if not raw or len(raw) > MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(raw.removeprefix("<!--").removesuffix("-->"), strict=False)
        except ValueError:
            continue
        found.extend(obj for obj in _walk(data) if _types(obj) & ARTICLE_TYPES)
    return sorted(found, key=lambda obj: "webpage" in _types(obj) or "itempage" in _types(obj))


def _walk(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk(data["@graph"], depth + 1)
        if isinstance(data.get("mainEntity"), (dict, list)):
            yield from _walk(data["mainEntity"], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.casefold() for k in kinds if isinstance(k, str)}


def names(value: Any) -> list[str]:
    """Person names from an ``author`` value: a string, an object or a list of either."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, list):
            name = " ".join(str(n) for n in name)
        if isinstance(name, str) and name.strip() and not name.strip().startswith("http"):
            out.append(name.strip())
    return out


def text_list(value: Any) -> list[str]:
    """Keywords or sections: a list, or one comma-separated string."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.extend(p.strip() for p in item.split(",") if p.strip())
    return out
