"""What each page shows, gathered once for both the HTML pages and the JSON API.

Functions take a `Session` and return plain data; they raise `NotFound` for an unknown id and
let `SearchSyntaxError` through for the caller to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from copydesk.record import Article
from copydesk.store.dates import date_range
from copydesk.store.read import ClusterView, Stats
from copydesk.web import compare, corpus, query
from copydesk.web.changes import Changes, changes
from copydesk.web.entities import EntityView, entity_view
from copydesk.web.pool import Session

#: Copies compared side by side at most on a cluster page (the rest are listed).
MAX_COPIES = 6


class NotFound(LookupError):
    """No article, cluster or entity by that name; the message says which."""


@dataclass(slots=True)
class ArticlePage:
    article: Article
    changes: Changes
    cluster_size: int


@dataclass(slots=True)
class ClusterPage:
    view: ClusterView
    why: str
    copies: list[compare.CopyView]


@dataclass(slots=True)
class CorpusPage:
    stats: Stats
    sites: dict[str, int]
    per_day: dict[str, int]
    runs: list[dict[str, Any]]

    @property
    def duplicate_rate(self) -> float:
        return self.stats.duplicates / self.stats.articles if self.stats.articles else 0.0


def search(session: Session, params: dict[str, str]) -> query.Results:
    filters = filters_from(params)
    page = _int(params.get("page"), 1)
    syntax = "plain" if params.get("syntax") == "plain" else "fts"
    return query.search(session.conn, params.get("q", ""), filters, page=page, syntax=syntax)


def filters_from(params: dict[str, str]) -> query.Filters:
    """The filters of a page's URL; raises `DateFilterError` for a ``from``/``to`` that is not a
    date (a year or a month is widened to its days)."""
    date_from, date_to = date_range(params.get("from"), params.get("to"))
    return query.Filters(
        language=params.get("language") or None,
        credit=params.get("credit") or None,
        site=params.get("site") or None,
        section=params.get("section") or None,
        entity=params.get("entity") or None,
        date_from=date_from,
        date_to=date_to,
        canonical_only=params.get("canonical") == "1",
    )


def article(session: Session, article_id: str) -> Article:
    found = session.store.get(article_id)
    if found is None:
        raise NotFound(f"no article with id {article_id!r}")
    return found


def article_page(session: Session, article_id: str) -> ArticlePage:
    found = article(session, article_id)
    size = 1
    if found.cluster:
        row = session.conn.execute(
            "SELECT count(*) FROM articles WHERE cluster = ?", (found.cluster,)
        ).fetchone()
        size = int(row[0])
    return ArticlePage(found, changes(found, session.store.raw(article_id)), size)


def cluster_page(session: Session, key: str) -> ClusterPage:
    view = session.store.cluster(key)
    if view is None:
        raise NotFound(f"no cluster or article with id {key!r}")
    canonical = article(session, view.canonical)
    others = [article(session, m.id) for m in view.members if not m.canonical][: MAX_COPIES - 1]
    return ClusterPage(view, compare.why_canonical(view), compare.copies(canonical, others))


def entity_page(session: Session, name: str) -> EntityView:
    view = entity_view(session.conn, name)
    if not view.articles:
        raise NotFound(f"no article names {name!r} (entities come from `ingest --enrich`)")
    return view


def corpus_page(session: Session) -> CorpusPage:
    conn = session.conn
    return CorpusPage(
        session.store.stats(), corpus.sites(conn), corpus.per_day(conn), corpus.runs(conn)
    )


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default
