"""The API reference page's content, read from the app's own OpenAPI schema.

FastAPI's /docs and /redoc load Swagger UI and ReDoc from a CDN, so on a machine without
internet access they are blank (copydesk downloads nothing at run time, and the pages' CSP would
block them anyway). This page is rendered on the server from the schema ``/openapi.json``
serves, so it lists exactly the endpoints and parameters the API has.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

#: The operations an OpenAPI path item may hold (its other keys are shared parameters etc.).
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True, slots=True)
class Field:
    """A parameter of an endpoint or a field of a response model."""

    name: str
    type: str
    required: bool
    description: str
    default: str = ""  # as JSON; "" when there is none
    where: str = ""  # "query" or "path" for a parameter


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    description: str
    params: list[Field]
    returns: str  # the type of the 200 response
    other: list[tuple[str, str]]  # (status, meaning) of the other responses

    @property
    def anchor(self) -> str:
        """An id for the page's table of contents: the path's words, e.g. ``api-search``."""
        return "-".join(w for w in self.path.replace("{", "/").replace("}", "").split("/") if w)

    @property
    def link(self) -> str | None:
        """The path itself when it takes no path parameter, so a GET can be tried by a click."""
        return self.path if self.method == "GET" and "{" not in self.path else None


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    description: str
    fields: list[Field]


@dataclass(frozen=True, slots=True)
class ApiDocs:
    title: str
    summary: str
    version: str
    endpoints: list[Endpoint]
    models: list[Model]


def describe(schema: dict[str, Any]) -> ApiDocs:
    """What the page shows for an OpenAPI schema (as ``FastAPI.openapi()`` returns it)."""
    info = schema.get("info", {})
    return ApiDocs(
        title=str(info.get("title", "")),
        summary=str(info.get("summary") or info.get("description") or ""),
        version=str(info.get("version", "")),
        endpoints=endpoints(schema),
        models=models(schema),
    )


def endpoints(schema: dict[str, Any]) -> list[Endpoint]:
    """Every operation, in the schema's order (the order the routes were declared)."""
    return [
        _endpoint(method, path, item[method])
        for path, item in schema.get("paths", {}).items()
        for method in METHODS
        if method in item
    ]


def _endpoint(method: str, path: str, op: dict[str, Any]) -> Endpoint:
    responses: dict[str, Any] = op.get("responses", {})
    return Endpoint(
        method=method.upper(),
        path=path,
        # the docstring; FastAPI's summary is only the function name in title case
        description=str(op.get("description") or op.get("summary") or ""),
        params=[_parameter(p) for p in op.get("parameters", [])],
        returns=_body_type(responses.get("200", {})),
        other=[
            (code, str(r.get("description", ""))) for code, r in responses.items() if code != "200"
        ],
    )


def _parameter(param: dict[str, Any]) -> Field:
    schema = param.get("schema", {})
    return Field(
        name=str(param["name"]),
        type=type_name(schema),
        required=bool(param.get("required")),
        description=str(param.get("description") or schema.get("description") or ""),
        default=_default(schema),
        where=str(param.get("in", "")),
    )


def _body_type(response: dict[str, Any]) -> str:
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    return "nothing" if schema is None else type_name(schema)


def models(schema: dict[str, Any]) -> list[Model]:
    """The named response models (``components/schemas``) with their fields."""
    named: dict[str, Any] = schema.get("components", {}).get("schemas", {})
    return [Model(name, str(s.get("description", "")), _fields(s)) for name, s in named.items()]


def _fields(model: dict[str, Any]) -> list[Field]:
    required = set(model.get("required", []))
    return [
        Field(name, type_name(s), name in required, str(s.get("description", "")), _default(s))
        for name, s in model.get("properties", {}).items()
    ]


def _default(schema: dict[str, Any]) -> str:
    return json.dumps(schema["default"]) if "default" in schema else ""


def type_name(schema: dict[str, Any]) -> str:
    """A JSON schema as a reader would say it: ``string or null``, ``list of SearchResult``,
    ``integer, 1 to 500``, ``one of "fts", "plain"``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(type_name(s) for s in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(json.dumps(v) for v in schema["enum"])
    if "prefixItems" in schema:  # a tuple
        return "[" + ", ".join(type_name(s) for s in schema["prefixItems"]) + "]"
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    if kind == "array":
        return "list of " + type_name(schema.get("items", {}))
    values = schema.get("additionalProperties")
    if kind == "object" and isinstance(values, dict):
        return "object of " + type_name(values)
    return str(kind) + _bounds(schema) if kind else "any"


def _bounds(schema: dict[str, Any]) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f", {low} to {high}"
    if low is not None:
        return f", at least {low}"
    return f", at most {high}" if high is not None else ""
