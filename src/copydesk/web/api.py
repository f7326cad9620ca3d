"""The JSON API under ``/api``: what the pages show, for scripts (schema at /openapi.json)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from copydesk.store.dates import DateFilterError
from copydesk.store.read import SYNTAX_ADVICE, SearchSyntaxError
from copydesk.web import data, query
from copydesk.web.params import path_param, search_params
from copydesk.web.render import plain

router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses={503: {"description": "The store cannot be read; the detail says why"}},
)
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "Nothing by that id or name; the detail says which"}
}


class SearchResult(BaseModel):
    """One article found; snippet is plain text around the matched words."""

    id: str
    headline: str | None
    snippet: str
    score: Annotated[
        float,
        Field(
            description="Relevance: negated BM25 (headline weighs 10, standfirst 5, body 1); "
            "higher ranks first. Compare scores within one search only: their scale depends on "
            "the query and the store (a word found in most articles of a small store scores "
            "a few millionths). 0 when browsing without a query."
        ),
    ]
    published: str | None
    credit: str | None
    site: str | None
    language: str | None
    cluster: str | None
    duplicate_of: str | None


class SearchResponse(BaseModel):
    query: str
    page: int
    pages: int
    total: int
    total_is_lower_bound: bool
    results: list[SearchResult]
    facets: dict[str, list[tuple[str, int]]]
    facets_sampled: bool


def _pool(request: Request):  # type: ignore[no-untyped-def]
    with request.app.state.pool.session() as session:
        yield session


Session = Annotated[Any, Depends(_pool)]


@router.get(
    "/search",
    response_model=SearchResponse,
    responses={
        400: {
            "description": "Not valid search syntax, or a from/to that is not a date; the "
            "detail says why and how to fix it"
        }
    },
)
def api_search(
    session: Session, params: Annotated[dict[str, str], Depends(search_params)]
) -> SearchResponse:
    """Ranked full-text search (BM25), filters, facets; a malformed query answers 400."""
    try:
        res = data.search(session, params)
    except SearchSyntaxError as exc:
        raise HTTPException(status_code=400, detail=_syntax_detail(exc, params)) from exc
    except DateFilterError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    results = [
        SearchResult(**{**_fields(r), "snippet": plain(r.snippet).strip()}) for r in res.results
    ]
    return SearchResponse(
        query=res.query,
        page=res.page,
        pages=res.pages,
        total=min(res.total, query.COUNT_CAP),
        total_is_lower_bound=res.total_capped,
        results=results,
        facets=res.facets,
        facets_sampled=res.facets_sampled,
    )


def _syntax_detail(exc: SearchSyntaxError, params: dict[str, str]) -> str:
    """The error and what a caller can do about it, in this API's terms (``syntax=plain``)."""
    if params.get("syntax") == "plain":  # every word is quoted: only "no words" can fail
        return str(exc)
    return f"{exc}. {SYNTAX_ADVICE}, or pass syntax=plain to search for the words as typed."


def _fields(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


# The changes route comes first: ``{article_id:path}`` would otherwise take ``/changes`` as
# part of the id (ids may hold ``/``, e.g. ``news/2024/01/story``)
@router.get("/article/{article_id:path}/changes", responses=NOT_FOUND)
def api_changes(request: Request, session: Session, article_id: str) -> dict[str, Any]:
    """The raw input line by line, each line labelled with what was done to it."""
    if not _asks_for_changes(request):  # an id ending in "/changes", sent as ``%2Fchanges``
        return api_article(request, session, article_id + "/changes")
    article_id = path_param(request, "/api/article/", article_id, "/changes")
    page = _found(lambda: data.article_page(session, article_id))
    record = page.article.to_dict()
    return page.changes.to_dict() | {"removed": record["removed"], "repairs": record["repairs"]}


def _asks_for_changes(request: Request) -> bool:
    """True when the URL as sent ends in a literal ``/changes``: the routed path is already
    decoded, so only the raw path tells an encoded ``%2Fchanges`` (part of an id) from it."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    return bytes(raw).split(b"?", 1)[0].endswith(b"/changes")


@router.get("/article/{article_id:path}", responses=NOT_FOUND)
def api_article(request: Request, session: Session, article_id: str) -> dict[str, Any]:
    """The record exactly as `copydesk parse --format jsonl` prints it."""
    article_id = path_param(request, "/api/article/", article_id)
    return _found(lambda: data.article(session, article_id)).to_dict()


@router.get("/cluster/{key:path}", responses=NOT_FOUND)
def api_cluster(request: Request, session: Session, key: str) -> dict[str, Any]:
    """A story cluster (by cluster id or a member's id): copies, canonical and why, links."""
    key = path_param(request, "/api/cluster/", key)
    page = _found(lambda: data.cluster_page(session, key))
    view = page.view
    return {
        "id": view.id,
        "canonical": view.canonical,
        "why_canonical": page.why,
        "members": [_fields(m) for m in view.members],
        "links": [_fields(lk) for lk in view.links],
        "compared": [
            {"id": c.article.id, "same": round(c.same, 4), "added": c.added, "missing": c.missing}
            for c in page.copies
        ],
    }


@router.get("/entity/{name:path}", responses=NOT_FOUND)
def api_entity(request: Request, session: Session, name: str) -> dict[str, Any]:
    """Articles naming an entity (canonical form), who is seen with it, its quotes, per day."""
    name = path_param(request, "/api/entity/", name)
    return _found(lambda: data.entity_page(session, name)).to_dict()


@router.get("/corpus")
def api_corpus(session: Session) -> dict[str, Any]:
    """Counts by language, credit, site and day; duplicates; ingest runs."""
    page = data.corpus_page(session)
    return {
        "stats": _fields(page.stats),
        "duplicate_rate": page.duplicate_rate,
        "sites": page.sites,
        "per_day": page.per_day,
        "runs": page.runs,
    }


def _found(get):  # type: ignore[no-untyped-def]
    try:
        return get()
    except data.NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
