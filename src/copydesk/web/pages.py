"""The HTML pages: search, article (with "what changed"), cluster, entity, corpus and the API
reference.

Every page's state is in its URL (query parameters), so any view can be bookmarked or shared.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from copydesk.store.dates import DateFilterError
from copydesk.store.read import SYNTAX_ADVICE, SearchSyntaxError
from copydesk.web import apidocs, charts, data, query, render
from copydesk.web.params import path_param, search_params

router = APIRouter(include_in_schema=False)
Params = Annotated[dict[str, str], Depends(search_params)]


def _pool(request: Request):  # type: ignore[no-untyped-def]
    with request.app.state.pool.session() as session:
        yield session


Session = Annotated[Any, Depends(_pool)]


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, title: str, message: str) -> Response:
    return _page(request, "error.html", status, title=title, message=message)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: Session, params: Params) -> Response:
    return _search_page(request, session, params)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, session: Session, params: Params) -> Response:
    return _search_page(request, session, params)


def _search_page(request: Request, session: Any, params: dict[str, str]) -> Response:
    error, filter_error, results = None, None, None
    try:
        results = data.search(session, params)
    except SearchSyntaxError as exc:
        error = str(exc)
    except DateFilterError as exc:  # shown above the form, which keeps the other filters
        filter_error = str(exc)
    status = 400 if error or filter_error else 200
    return _page(
        request,
        "search.html",
        status,
        params=params,
        results=results,
        error=error,
        filter_error=filter_error,
        highlight=render.highlight,
        page_size=query.PAGE_SIZE,
        count_cap=query.COUNT_CAP,
        facet_sample=query.FACET_SAMPLE,
        rank_window=query.RANK_WINDOW,
        syntax_advice=SYNTAX_ADVICE,
    )


@router.get("/article/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, session: Session, article_id: str, view: str = "") -> Response:
    article_id = path_param(request, "/article/", article_id)
    try:
        page = data.article_page(session, article_id)
    except data.NotFound as exc:
        return error_page(request, 404, "No such article", str(exc))
    art = page.article
    return _page(
        request,
        "article.html",
        page=page,
        a=art,
        paragraphs=render.paragraphs(art.body, art.entities, art.quotes),
        show_changes=view == "changes",
    )


@router.get("/cluster/{key:path}", response_class=HTMLResponse)
def cluster(request: Request, session: Session, key: str) -> Response:
    key = path_param(request, "/cluster/", key)
    try:
        page = data.cluster_page(session, key)
    except data.NotFound as exc:
        return error_page(request, 404, "No such cluster", str(exc))
    return _page(request, "cluster.html", page=page, max_copies=data.MAX_COPIES)


@router.get("/entity/{name:path}", response_class=HTMLResponse)
def entity(request: Request, session: Session, name: str) -> Response:
    name = path_param(request, "/entity/", name)
    try:
        view = data.entity_page(session, name)
    except data.NotFound as exc:
        return error_page(request, 404, "Entity not found", str(exc))
    chart = charts.columns(view.per_day, title="Mentions per day")
    return _page(request, "entity.html", e=view, chart=chart)


@router.get("/corpus", response_class=HTMLResponse)
def corpus(request: Request, session: Session) -> Response:
    page = data.corpus_page(session)
    st = page.stats
    return _page(
        request,
        "corpus.html",
        page=page,
        st=st,
        languages=charts.bars(st.languages, title="Languages", href="/search?language={}"),
        credits=charts.bars(st.credits, title="Credits", href="/search?credit={}"),
        sites=charts.bars(page.sites, title="Sites", href="/search?site={}"),
        days=charts.columns(page.per_day, title="Articles per day"),
        signals=charts.bars(st.signals, title="Duplicate links by signal"),
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The JSON API's reference, rendered here from the app's OpenAPI schema: FastAPI's Swagger
    UI would load from a CDN and show a blank page on an offline machine."""
    return _page(request, "apidocs.html", api=apidocs.describe(request.app.openapi()))
