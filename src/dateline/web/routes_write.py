"""Export of the explorer's current filter, and ingest (only with the write token): paste text
or upload a file; it is analysed, stored and merged, and its failures shown.

A write needs the token: ``Authorization: Bearer TOKEN`` (programs), or the form's token field
together with the form's CSRF token (a browser, which never sends the header by itself). Both
comparisons take constant time."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import re
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response, StreamingResponse
from starlette.exceptions import HTTPException

from dateline import query
from dateline.export import gdelt_event_lines
from dateline.web.context import JSON, html, plain, reader, state, wants_json
from dateline.web.routes_lists import Code, Day, Sector, Text, Word, event_filter
from dateline.web.routing import ok_schema, with_errors

router = APIRouter()

EXPORT_FORMATS = ("csv", "jsonl", "gdelt-events")
_CSV_COLUMNS = (
    "day", "date", "article_date", "source", "article_id", "event_id", "type", "mode",
    "modality", "attribution", "trigger", "actors", "recipients", "actor_countries",
    "recipient_countries", "cameo", "quad_class", "goldstein", "confidence", "place",
    "place_country", "latitude", "longitude", "geonames_id",
)  # fmt: skip
_FORMULA = re.compile(r"^[=+\-@\t\r]")  # a spreadsheet formula (OWASP CSV injection)
CSRF_COOKIE = "dateline_csrf"


@router.get(
    "/export",
    response_class=Response,
    summary="The events of a filter as CSV, JSON Lines or GDELT 2.0 Events",
    responses=with_errors({200: {"description": "a download", "content": {
        "text/csv": {}, "application/x-ndjson": {}, "text/tab-separated-values": {}}}}),
)  # fmt: skip
def export(
    request: Request, format: Annotated[str, Query(pattern="^(csv|jsonl|gdelt-events)$")] = "csv",
    actor: Text = None, country: Code = None, type: Word = None, since: Day = None,
    until: Day = None, modality: Word = None, place: Text = None, sector: Sector = None,
    source: Text = None,
) -> Response:  # fmt: skip
    """The events the explorer's filters keep (at most the export limit), as a download."""
    store = reader(request)
    chosen = event_filter(actor, country, type, since, until, modality, place, sector, source)
    rows = list(query.filtered_events(store, chosen, state(request).config.export_limit))
    if format == "csv":
        body, media = _csv(rows), "text/csv"
    elif format == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False, default=plain) + "\n" for r in rows)
        media = "application/x-ndjson"
    else:
        wanted = {(r["article_id"], r["event_id"]) for r in rows}
        body = "".join(line + "\n" for line in gdelt_event_lines(store, wanted))
        media = "text/tab-separated-values"
    suffix = {"csv": "csv", "jsonl": "jsonl", "gdelt-events": "export.CSV"}[format]
    headers = {"content-disposition": f'attachment; filename="dateline-events.{suffix}"'}
    return StreamingResponse(_chunks(body), media_type=media, headers=headers)


def _chunks(body: str, size: int = 1 << 16) -> Iterator[bytes]:
    data = body.encode("utf-8")
    for start in range(0, len(data), size):
        yield data[start : start + size]


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    writer.writerows([_cell(row.get(column)) for column in _CSV_COLUMNS] for row in rows)
    return out.getvalue()


def _cell(value: Any) -> str:
    """A value as CSV text: a list joined by "; ", a formula made text (an apostrophe first)."""
    if value is None:
        return ""
    text = "; ".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return "'" + text if _FORMULA.match(text) else text


# -- ingest ------------------------------------------------------------------------------------
def _csrf_for(request: Request, nonce: str) -> str:
    return hmac.new(state(request).secret, nonce.encode(), hashlib.sha256).hexdigest()


@router.get("/ingest", response_class=Response, include_in_schema=False)
def ingest_form(request: Request) -> Response:
    if state(request).config.write_token is None:
        raise HTTPException(403, "this server is read-only: start it with --write-token to ingest")
    nonce = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    page = html(request, "ingest.html", csrf=_csrf_for(request, nonce), result=None)
    page.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="strict")
    return page


INGEST_SCHEMA = ok_schema(["stored", "articles", "failures"])


@router.post(
    "/ingest", response_class=Response, summary="Analyse and store pasted text or an uploaded file",
    responses=with_errors({200: {"description": "what was stored", "content": {
        "application/json": {"schema": INGEST_SCHEMA}, "text/html": {}}}}),
)  # fmt: skip
def ingest(
    request: Request,
    text: Annotated[str, Form(max_length=1_000_000)] = "",
    file: Annotated[UploadFile | None, File()] = None,
    published: Annotated[dt.date | None, Form()] = None,
    source: Annotated[str | None, Form(max_length=200)] = None,
    token: Annotated[str, Form(max_length=500)] = "",
    csrf: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Needs the write token (``Authorization: Bearer TOKEN``, or the form's token and CSRF
    fields). Articles already stored are not analysed again."""
    _authorize(request, token, csrf)
    name, data = _document(text, file)
    result = {"ok": True, **_ingest(request, name, data, published, source)}
    if wants_json(request):
        return JSON(result)
    nonce = request.cookies.get(CSRF_COOKIE, "")
    return html(request, "ingest.html", csrf=_csrf_for(request, nonce), result=result)


def _authorize(request: Request, form_token: str, csrf: str) -> None:
    expected = state(request).config.write_token
    if expected is None:
        raise HTTPException(403, "this server is read-only: start it with --write-token to ingest")
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), expected.encode()):
            raise HTTPException(401, "wrong or malformed write token")
        return
    if not hmac.compare_digest(form_token.encode(), expected.encode()):
        raise HTTPException(401, "wrong write token")
    nonce = request.cookies.get(CSRF_COOKIE, "")
    if not nonce or not hmac.compare_digest(csrf.encode(), _csrf_for(request, nonce).encode()):
        raise HTTPException(403, "the form's CSRF token is missing or stale: reload the form")


def _document(text: str, file: UploadFile | None) -> tuple[str, bytes]:
    if file is not None and file.filename:
        name = (
            re.sub(r"[^A-Za-z0-9._-]+", "_", FilePath(file.filename).name).strip("._") or "upload"
        )
        return name[:100], file.file.read()
    if text.strip():
        return "pasted.txt", text.encode("utf-8")
    raise HTTPException(400, "nothing to ingest: paste text or choose a file")


def _ingest(
    request: Request, name: str, data: bytes, published: dt.date | None, source: str | None
) -> dict[str, Any]:
    """Read the document (in a temporary folder, under its own name: the readers go by the
    name's ending), then analyse, store and merge what it holds with the one writer."""
    from dateline.ingest import ReadOptions, read_paths
    from dateline.ingestion import ingest_results
    from dateline.records import Article
    from dateline.settings import Settings

    shared = state(request)
    settings = Settings.from_env().with_(db=shared.config.db, n_process=1)
    options = ReadOptions(published=published, source=source or None, max_chars=settings.max_chars)
    with tempfile.TemporaryDirectory(prefix="dateline-ingest-") as folder:
        path = FilePath(folder) / name
        path.write_bytes(data)
        results = list(read_paths([path], options))
    with shared.write_lock:
        report = ingest_results(shared.store, results, settings)
    ids = [r.id for r in results if isinstance(r, Article)]
    failures = [{"origin": f.origin.replace(folder, "").lstrip("/"), "stage": f.stage,
                 "reason": f.reason} for f in report.failures]  # fmt: skip
    return {"stored": report.stored, "duplicates": report.duplicates,
            "articles": list(dict.fromkeys(ids)), "failures": failures}  # fmt: skip
