"""Page metadata: what trafilatura (and htmldate, through it) found, as a `PageMeta`."""

from __future__ import annotations

import re
from typing import Any

from copydesk.extract.markup import html_language
from copydesk.structure.blocks import PageMeta

#: Separators trafilatura uses when a page names several authors or categories.
_LIST_SPLIT = re.compile(r"\s*;\s*")
_LANG = re.compile(r"^([a-z]{2,3})(?:[-_].*)?$", re.IGNORECASE)


def page_meta(doc: Any, page: str) -> PageMeta:
    """``doc`` is trafilatura's Document (or None when it found nothing)."""
    if doc is None:
        return PageMeta(language=html_language(page))
    return PageMeta(
        title=_str(doc.title),
        authors=split_list(doc.author),
        published=_str(doc.date),
        description=_str(doc.description),
        site=_str(doc.sitename) or _str(doc.hostname),
        categories=_flat(doc.categories),
        tags=_flat(doc.tags),
        url=_str(doc.url),
        language=_lang(doc.language) or html_language(page),
    )


def split_list(value: str | None) -> list[str]:
    if not value:
        return []
    seen: dict[str, None] = {}
    for part in _LIST_SPLIT.split(value):
        part = part.strip()
        if part and part.casefold() not in {s.casefold() for s in seen}:
            seen[part] = None
    return list(seen)


def _flat(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        for part in re.split(r"\s*[,;]\s*", value or ""):
            if part and part not in out:
                out.append(part)
    return out


def _str(value: object) -> str | None:
    text = str(value).strip() if value else ""
    return text or None


def _lang(value: str | None) -> str | None:
    match = _LANG.match((value or "").strip())
    return match.group(1).lower() if match else None
