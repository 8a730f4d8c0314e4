"""What every route needs: its thread's handle on the store, whether JSON was asked for, the
page templates, JSON that knows dates, and the link to the next page."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from dateline.paging import Page, encode_key
from dateline.store import Store


@dataclass(frozen=True)
class WebConfig:
    """How ``dateline serve`` runs: the database, the write token (None: read-only) and limits."""

    db: Path
    write_token: str | None = None
    max_body: int = 5_000_000  # bytes of a request body (an uploaded file)
    max_page: int = 500  # rows of a list page
    default_page: int = 50
    time_limit: float = 5.0  # seconds a read may run
    export_limit: int = 100_000  # rows of an export
    threads: int = 4  # requests worked on at once; more only hand the GIL about


class State:
    """The app's shared state: the open store, a handle per thread, the writer's lock."""

    def __init__(self, config: WebConfig, store: Store, secret: bytes) -> None:
        self.config = config
        self.store = store
        self.secret = secret
        self.write_lock = threading.Lock()
        self._local = threading.local()

    def reader(self) -> Store:
        handle = getattr(self._local, "store", None)
        if handle is None:
            handle = self.store.reader(self.config.time_limit)
            self._local.store = handle
        return handle


def state(request: Request) -> State:
    return request.app.state.dateline


def reader(request: Request) -> Store:
    return state(request).reader()


def wants_json(request: Request) -> bool:
    """JSON for a ``.json`` path, a program's request (it sends the write token), or an Accept
    header that prefers JSON to HTML."""
    if request.url.path.endswith(".json") or "authorization" in request.headers:
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, set | tuple):
        return list(value)
    return str(value)


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=plain).encode("utf-8")


def next_link(request: Request, page: Page) -> str | None:
    """This URL with ``next`` set to the key after the page's last row (None on the last)."""
    if page.after is None:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "next"]
    params.append(("next", encode_key(page.after)))
    return f"{request.url.path}?{urlencode(params)}"


# -- templates ---------------------------------------------------------------------------------
# Bidirectional controls (RLO, LRE, isolates...) in stored text would reorder what follows
# them on the page: shown as a visible code instead.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _inert(value: Any) -> Any:
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)


def _safe_url(url: Any) -> str | None:
    """An article's URL when it is http(s), else None (no javascript: or data: links)."""
    if not isinstance(url, str):
        return None
    return url if urlsplit(url.strip()).scheme.lower() in {"http", "https"} else None


def _with(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters set (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if k != "next"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return f"{request.url.path}?{urlencode(params)}" if params else request.url.path


ENV = Environment(
    loader=PackageLoader("dateline.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    finalize=_inert,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters["url_part"] = lambda s: quote(str(s), safe="")
ENV.filters["safe_url"] = _safe_url
ENV.globals["with_params"] = _with


def html(request: Request, template: str, status: int = 200, **data: Any) -> HTMLResponse:
    st = state(request)
    page = ENV.get_template(template).render(
        request=request, writable=st.config.write_token is not None, **data
    )
    return HTMLResponse(page, status_code=status)
