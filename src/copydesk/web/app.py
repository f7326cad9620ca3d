"""The app factory: `create_app(db_path)` gives a FastAPI app over one store, read-only.

Pages (server-rendered Jinja2, a few lines of plain JavaScript, charts as inline SVG) and the
JSON API under ``/api`` read the same data through `copydesk.web.data`. Nothing is fetched from
elsewhere: styles, script and charts are served from this package, and the API reference at
``/docs`` is a page of the app's own (`copydesk.web.apidocs`), not FastAPI's Swagger UI, which
comes from a CDN.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from copydesk.store.schema import StoreError
from copydesk.web import api, pages
from copydesk.web.params import MAX_PAGE
from copydesk.web.pool import StorePool

HERE = Path(__file__).parent
#: Sent with every response: no inline script or style may run, nothing is loaded from
#: elsewhere, and the pages cannot be framed.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def create_app(db_path: str | Path, *, sessions: int = 4) -> FastAPI:
    """The web app over the store at ``db_path`` (opened lazily, read-only)."""
    pool = StorePool(db_path, sessions)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="copydesk",
        summary="Search, read, audit and compare the articles of a copydesk store.",
        version="1",
        lifespan=lifespan,
        # Swagger UI and ReDoc load from a CDN: blank offline, and blocked by the CSP below;
        # pages.api_docs serves /docs from the schema instead (kept at /openapi.json)
        docs_url=None,
        redoc_url=None,
    )
    app.state.pool = pool
    app.state.templates = Jinja2Templates(env=_environment())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, exc: RequestValidationError) -> Response:
        """A page number past the cap, a page of 0 or "abc": the API keeps FastAPI's 422
        body, a page gets a readable error instead of raw JSON."""
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        errors = exc.errors()
        message = "; ".join(_problem(e) for e in errors) + "."
        if any(tuple(e.get("loc", ()))[-1:] == ("page",) for e in errors):
            message += (
                f" Results are shown 20 a page, up to page {MAX_PAGE}: to see further, narrow "
                "the search (more words, a date range, a language, site or credit)."
            )
        return pages.error_page(request, 422, "These search settings cannot be used", message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return pages.error_page(request, 503, "The store cannot be read", str(exc))

    return app


def _problem(error: Any) -> str:
    """One validation error as a sentence: "page: Input should be less than or equal to 500"."""
    where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "input"
    return f"{where}: {error.get('msg', 'not valid')}"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "svg"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["qs"] = query_string
    env.filters["segment"] = path_segment
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    return env


def path_segment(value: object) -> str:
    """``value`` as one URL path segment: every reserved character escaped, ``/`` included.

    Record ids come from the input as they are (``--id-field``), so an id may hold ``?``, ``#``,
    ``/`` or ``%``; unescaped, the link would end early or open another page. Jinja's
    ``urlencode`` keeps ``/``, so it is not enough for a segment.
    """
    return quote(str(value), safe="")


def query_string(params: dict[str, str], **changes: object) -> str:
    """``?`` and the search state ``params`` with ``changes`` applied (None or "" drops a key);
    any change other than the page goes back to page 1."""
    merged = {k: v for k, v in params.items() if v not in (None, "")}
    if "page" not in changes:
        merged.pop("page", None)
    for key, value in changes.items():
        if value in (None, "", False):
            merged.pop(key, None)
        else:
            merged[key] = str(value)
    if merged.get("page") == "1":
        merged.pop("page")
    return "?" + urlencode(merged) if merged else "?"


__all__ = ["create_app"]
