"""Routes that answer both ways: ``/things`` (HTML, or JSON when the Accept header prefers it)
and ``/things.json``, registered together with their OpenAPI description."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter
from fastapi.responses import Response

F = TypeVar("F", bound=Callable[..., Any])

ERROR = {
    "type": "object",
    "required": ["ok", "error"],
    "properties": {"ok": {"type": "boolean", "enum": [False]}, "error": {"type": "string"}},
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": {
        "description": "A bad parameter (400), a missing record (404), a refused write "
        "(401, 403) or a body too large (413)",
        "content": {"application/json": {"schema": ERROR}, "text/html": {}},
    },
    "5XX": {
        "description": "A query past the time limit (503) or an unreadable database (500)",
        "content": {"application/json": {"schema": ERROR}, "text/html": {}},
    },
}


def ok_schema(required: list[str], properties: dict[str, Any] | None = None) -> dict[str, Any]:
    props: dict[str, Any] = {"ok": {"type": "boolean", "enum": [True]}}
    props.update(properties or {})
    return {"type": "object", "required": ["ok", *required], "properties": props}


LIST_SCHEMA = ok_schema(
    ["rows", "next"],
    {
        "rows": {"type": "array", "items": {"type": "object"}},
        "next": {"type": ["string", "null"], "description": "the next page's URL"},
    },
)


def both(
    router: APIRouter, path: str, name: str, summary: str, schema: dict[str, Any] | None = None
) -> Callable[[F], F]:
    """Register ``path`` (HTML or JSON) and ``path.json`` (JSON) for one function."""
    body = schema or LIST_SCHEMA

    def register(fn: F) -> F:
        doc = (fn.__doc__ or summary).strip()
        json_only: dict[int | str, dict[str, Any]] = {
            200: {"description": summary, "content": {"application/json": {"schema": body}}}
        }
        either: dict[int | str, dict[str, Any]] = {200: {"description": summary, "content": {
            "text/html": {"schema": {"type": "string"}}, "application/json": {"schema": body}}}}  # fmt: skip
        router.add_api_route(
            path + ".json", fn, methods=["GET"], response_class=Response, summary=summary + " (JSON)",
            description=doc, operation_id=name + "_json", responses={**json_only, **_ERRORS},
        )  # fmt: skip
        router.add_api_route(
            path, fn, methods=["GET"], response_class=Response, summary=summary,
            description=doc, operation_id=name, responses={**either, **_ERRORS},
        )  # fmt: skip
        return fn

    return register


def with_errors(responses: dict[int | str, Any]) -> dict[int | str, Any]:
    """A route's documented responses and the error responses every route has."""
    return {**responses, **_ERRORS}
