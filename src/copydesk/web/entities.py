"""The entity page's numbers: articles naming an entity, who appears with it, its quotes, and
mentions per day.

Entities are stored as JSON on each article (the enrichment stage's output), not in a table of
their own, so finding "every article naming X" would scan the store. The canonical form of an
entity is its full form inside the article, so its words are in the text: an FTS5 phrase search
finds the candidates and the JSON decides. At most `ENTITY_SCAN` candidates (newest rowids
first) are read, so a very common entity costs the same as a rare one; the page says so.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

#: Candidate articles read at most for one entity page.
ENTITY_SCAN = 2_000
#: Labels listed as "seen with" (people and organisations, as the issue asks).
COMPANY_LABELS = frozenset({"PERSON", "PER", "ORG"})


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    headline: str | None
    published: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class QuoteView:
    article: str
    headline: str | None
    text: str
    kind: str | None


@dataclass(slots=True)
class EntityView:
    name: str
    labels: list[str]
    articles: list[Mention]
    company: list[tuple[str, str, int]]  # canonical, label, shared articles
    quotes: list[QuoteView]
    per_day: dict[str, int] = field(default_factory=dict)
    scanned_all: bool = True
    total: int = 0  # articles naming it (among those scanned)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "labels": self.labels,
            "total": self.total,
            "articles": [_asdict(m) for m in self.articles],
            "seen_with": [{"name": n, "label": lb, "articles": c} for n, lb, c in self.company],
            "quotes": [_asdict(q) for q in self.quotes],
            "mentions_per_day": self.per_day,
            "complete": self.scanned_all,
        }


def _asdict(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


def phrase(name: str) -> str:
    """An FTS5 phrase query for a name (double quotes doubled, so any name is valid)."""
    return '"' + name.replace('"', '""') + '"'


def entity_view(conn: sqlite3.Connection, name: str, *, limit: int = 50) -> EntityView:
    """Everything the entity page shows for the canonical name ``name``."""
    rows = conn.execute(
        "SELECT a.id, a.headline, a.published, a.entities, a.quotes FROM articles_fts "
        "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
        "AND a.entities IS NOT NULL ORDER BY a.rowid DESC LIMIT ?",
        (phrase(name), ENTITY_SCAN + 1),
    ).fetchall()
    view = EntityView(name, [], [], [], [], scanned_all=len(rows) <= ENTITY_SCAN)
    labels: Counter[str] = Counter()
    company: Counter[tuple[str, str]] = Counter()
    for art_id, headline, published, ents_json, quotes_json in rows[:ENTITY_SCAN]:
        ents = _load(ents_json)
        mine = [e for e in ents if e.get("canonical") == name]
        if not mine:
            continue
        count = sum(len(e.get("spans") or []) or 1 for e in mine)
        labels.update(str(e.get("label")) for e in mine if e.get("label"))
        view.articles.append(Mention(art_id, headline, published, count))
        if published:
            day = published[:10]
            view.per_day[day] = view.per_day.get(day, 0) + count
        others = {
            (str(e["canonical"]), str(e.get("label")))
            for e in ents
            if e.get("canonical") and e["canonical"] != name and e.get("label") in COMPANY_LABELS
        }
        company.update(others)
        view.quotes.extend(
            QuoteView(art_id, headline, str(q.get("text") or ""), q.get("kind"))
            for q in _load(quotes_json)
            if q.get("speaker") == name and q.get("text")
        )
    view.labels = [lb for lb, _ in labels.most_common()]
    view.company = [(n, lb, c) for (n, lb), c in company.most_common(20)]
    view.per_day = dict(sorted(view.per_day.items()))
    view.total = len(view.articles)
    view.articles.sort(key=lambda m: (m.published or "", m.id), reverse=True)
    del view.articles[limit:]
    del view.quotes[limit:]
    return view


def _load(raw: str | None) -> list[dict[str, Any]]:
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except ValueError:
        return []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
