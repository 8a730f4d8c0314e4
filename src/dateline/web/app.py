"""The ASGI app: security headers and a body limit around the routes, typed errors turned into
``{"ok": false, "error": ...}`` (or an HTML error page) with the right status, the store opened
read-only unless a write token is configured."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline.errors import (
    DatelineError,
    InputError,
    NotFoundError,
    QueryError,
    QueryTimeout,
    StoreError,
)
from dateline.store import Store
from dateline.web.context import JSON, State, WebConfig, html, wants_json

__all__ = ["WebConfig", "create_app"]

# Scripts and styles only from this origin: no inline script, no inline style, no CDN.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """ASGI middleware: the security headers on every response, and a request body at most
    ``max_body`` bytes (413 otherwise, whether it says its length or streams)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(scope, send, self.max_body)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise HTTPException(413, f"the body is over {self.max_body:,} bytes")
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, limited, with_headers)


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    body = JSON({"ok": False, "error": f"the body is over {limit:,} bytes"}, status_code=413)
    body.raw_headers.extend(HEADERS)
    await body(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


STATUS = [
    (NotFoundError, 404), (QueryTimeout, 503), (QueryError, 400), (InputError, 400),
    (StoreError, 500), (DatelineError, 500),
]  # fmt: skip


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSON({"ok": False, "error": message}, status_code=status)
    return html(request, "error.html", status=status, status_code=status, message=message)


def create_app(config: WebConfig) -> FastAPI:
    """The app over ``config.db``: read-only unless ``config.write_token`` is set."""
    store = Store(config.db, read_only=config.write_token is None)
    store.serve_many()
    shared = State(config, store, secrets.token_bytes(32))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = config.threads
        yield
        store.close()

    app = FastAPI(
        title="Dateline",
        version=_version(),
        description="Who did and said what to whom, when and where, according to whom: the "
        "records of a Dateline database. Every page is HTML, and JSON with a `.json` suffix "
        "or `Accept: application/json`.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: not offline
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.dateline = shared
    _handlers(app)
    from dateline.web import routes_lists, routes_pages, routes_write

    app.include_router(routes_pages.router)
    app.include_router(routes_lists.router)
    app.include_router(routes_write.router)
    app.mount("/static", StaticFiles(packages=[("dateline.web", "static")]), name="static")
    app.add_middleware(Guard, max_body=config.max_body)
    return app


def _handlers(app: FastAPI) -> None:
    async def dateline_error(request: Request, err: Exception) -> Response:
        status = next(code for kind, code in STATUS if isinstance(err, kind))
        return error_response(request, status, str(err))

    async def http_error(request: Request, err: Exception) -> Response:
        assert isinstance(err, HTTPException)
        detail = err.detail if isinstance(err.detail, str) else "request refused"
        return error_response(request, err.status_code, detail)

    async def invalid(request: Request, err: Exception) -> Response:
        assert isinstance(err, RequestValidationError)
        return error_response(request, 400, _validation_message(err))

    app.add_exception_handler(DatelineError, dateline_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)


def _validation_message(err: RequestValidationError) -> str:
    parts = []
    for problem in err.errors()[:5]:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in {"query", "path"})
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _version() -> str:
    from importlib.metadata import version

    return version("dateline")
