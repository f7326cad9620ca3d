"""Article <-> row: every record field has a column; lists and objects are stored as JSON."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from copydesk.record import Article, Removal, Repair, Source

#: Record fields stored as JSON text.
JSON_FIELDS = (
    "section",
    "byline",
    "dateline",
    "removed",
    "repairs",
    "entities",
    "quotes",
    "dates",
    "errors",
    "tags",
    "meta",
)
#: Plain text columns named as the record field.
TEXT_FIELDS = (
    "id",
    "url",
    "language",
    "headline",
    "standfirst",
    "credit",
    "published",
    "duplicate_of",
    "cluster",
    "site",
)
SOURCE_FIELDS = ("path", "url", "format", "offset", "line", "fetched")

COLUMNS = (
    *TEXT_FIELDS,
    *JSON_FIELDS,
    *(f"source_{f}" for f in SOURCE_FIELDS),
    "text",
    "body_json",
)


#: Field names of the audit-trail items, in declaration order (as `Article.to_dict` writes).
_ITEM_FIELDS = {
    "removed": tuple(f.name for f in fields(Removal)),
    "repairs": tuple(f.name for f in fields(Repair)),
}


def to_row(article: Article) -> dict[str, Any]:
    """The article's columns. ``text`` is the body joined by blank lines (what FTS indexes);
    ``body_json`` keeps the paragraph list only when joining would lose it.

    The same values as `Article.to_dict`, read straight from the attributes: ``to_dict``'s deep
    ``asdict`` copies were half of the store's write time."""
    row: dict[str, Any] = {f: getattr(article, f) for f in TEXT_FIELDS}
    for f in JSON_FIELDS:
        value = getattr(article, f)
        if f in _ITEM_FIELDS:
            value = [_compact(item, _ITEM_FIELDS[f]) for item in value]
        row[f] = None if value in (None, [], {}) else json.dumps(value, ensure_ascii=False)
    for f in SOURCE_FIELDS:
        row[f"source_{f}"] = getattr(article.source, f)
    row["text"] = article.text
    lossy = any("\n\n" in p or not p for p in article.body)
    row["body_json"] = json.dumps(article.body, ensure_ascii=False) if lossy else None
    return row


def _compact(item: Removal | Repair, names: tuple[str, ...]) -> dict[str, Any]:
    """``record._compact(asdict(item))``: unset fields and the default count left out."""
    out = {}
    for name in names:
        value = getattr(item, name)
        if value is not None and not (name == "count" and value == 1):
            out[name] = value
    return out


def from_row(row: dict[str, Any]) -> Article:
    """Rebuild the record exactly as it was stored."""
    data: dict[str, Any] = {f: row.get(f) for f in TEXT_FIELDS}
    for f in JSON_FIELDS:
        raw = row.get(f)
        data[f] = (
            json.loads(raw) if raw else ({} if f == "meta" else None if f == "dateline" else [])
        )
    if row.get("body_json"):
        body = json.loads(row["body_json"])
    else:
        text = row.get("text") or ""
        body = text.split("\n\n") if text else []
    article = Article(**{k: v for k, v in data.items() if k not in ("removed", "repairs")})
    article.body = body
    article.removed = [Removal(**r) for r in data["removed"]]
    article.repairs = [Repair(**r) for r in data["repairs"]]
    source: dict[str, Any] = {
        f: row.get(f"source_{f}") for f in SOURCE_FIELDS if row.get(f"source_{f}") is not None
    }
    article.source = Source(**source)
    return article


#: Characters of raw input kept per article (the web app's "what changed" view); a 500 MB
#: input must not double the store, and 200k characters cover any real article page.
RAW_CAP = 200_000


def raw_text(content: bytes | str, cap: int = RAW_CAP) -> str:
    """The first ``cap`` characters of an input as text, undecoded bytes decoded as the
    readers would (UTF-8, else the guessed encoding); no repair is applied, on purpose."""
    if isinstance(content, str):
        return content[:cap]
    head = content[: cap * 4]
    try:
        return head.decode("utf-8")[:cap]
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return head[: exc.start].decode("utf-8")[:cap]
    from copydesk.readers.decode import decode_bytes

    return decode_bytes(head).text[:cap]
