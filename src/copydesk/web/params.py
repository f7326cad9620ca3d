"""The search state as query parameters, shared by the results page and ``/api/search``, so a
page's URL and its API call take the same parameters."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import unquote

from fastapi import Query, Request

#: Result pages reachable by number (20 results each): deeper than this, narrow the search.
MAX_PAGE = 500


def search_params(
    q: Annotated[str, Query(description="Words to find; FTS5 syntax unless syntax=plain.")] = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page of 20 results.")] = 1,
    syntax: Annotated[
        Literal["fts", "plain"],
        Query(description="fts: phrases, AND/OR/NOT, prefix*; plain: every word, as typed."),
    ] = "fts",
    language: Annotated[str | None, Query(description="ISO 639-1 code.")] = None,
    credit: Annotated[str | None, Query(description="Agency credit, e.g. PTI.")] = None,
    site: Annotated[str | None, Query(description="Site name.")] = None,
    section: Annotated[str | None, Query(description="A breadcrumb section.")] = None,
    entity: Annotated[str | None, Query(description="Canonical entity name.")] = None,
    date_from: Annotated[
        str | None,
        Query(
            alias="from",
            description="Published on or after: YYYY-MM-DD, or YYYY-MM / YYYY from its first day.",
        ),
    ] = None,
    date_to: Annotated[
        str | None,
        Query(
            alias="to",
            description="Published on or before: YYYY-MM-DD, or YYYY-MM / YYYY to its last day.",
        ),
    ] = None,
    canonical: Annotated[
        Literal["", "1"], Query(description="1: canonical copies only (no duplicates).")
    ] = "",
) -> dict[str, str]:
    """The parameters as the URL spells them (``from``/``to``), empty ones dropped."""
    values = {
        "q": q,
        "page": str(page) if page > 1 else "",
        "syntax": syntax if syntax != "fts" else "",
        "language": language,
        "credit": credit,
        "site": site,
        "section": section,
        "entity": entity,
        "from": date_from,
        "to": date_to,
        "canonical": canonical,
    }
    return {k: v for k, v in values.items() if v}


def path_param(request: Request, prefix: str, routed: str, suffix: str = "") -> str:
    """The path parameter after ``prefix`` (and before ``suffix``) as the client sent it,
    percent-decoded exactly once.

    Ids may hold ``%`` and ``/`` (``--id-field`` values are kept as they are). Servers give the
    routed value decoded once (uvicorn), but httpx's ASGI clients decode twice, turning the id
    ``%2F`` into ``/``; the raw path is the one unambiguous spelling. ``routed`` is used when
    there is no raw path or it does not have the expected shape (e.g. under a root path).
    """
    raw = request.scope.get("raw_path")
    if not raw:
        return routed
    path = bytes(raw).split(b"?", 1)[0].decode("latin-1")
    if not (path.startswith(prefix) and path.endswith(suffix)) or len(path) < len(prefix + suffix):
        return routed
    return unquote(path[len(prefix) : len(path) - len(suffix)])
