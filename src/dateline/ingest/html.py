"""HTML pages: main text and metadata extracted with trafilatura, then read as an article."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import trafilatura

from dateline.errors import InputError
from dateline.ingest.articles import article_from_fields
from dateline.ingest.fields import parse_date, source_from_url
from dateline.records import Article

# trafilatura logs every page it cannot extract at WARNING/ERROR; we report those ourselves.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def article_from_html(
    html: str,
    origin: str,
    *,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    metadata: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> Article:
    """The article in an HTML page, or an ``InputError`` when the page holds none."""
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_tables=False)
    except Exception as err:  # trafilatura raises many lxml types on broken markup
        raise InputError(origin, f"cannot parse HTML ({type(err).__name__}: {err})") from err
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(origin, "HTML page without article text")
    title = getattr(doc, "title", None)
    body = _drop_repeated_title(text, title)
    page_date = getattr(doc, "date", None)
    if published is None and page_date:
        try:
            published = parse_date(str(page_date), "page date", origin)
        except InputError:
            published = None
    page_url = url or getattr(doc, "url", None)
    return article_from_fields(
        origin=origin,
        body=body,
        title=title,
        lead=getattr(doc, "description", None),
        published=published,
        source=source or getattr(doc, "sitename", None) or source_from_url(page_url),
        url=page_url,
        metadata=dict(metadata or {}),
        today=today,
    )


def _drop_repeated_title(text: str, title: str | None) -> str:
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        return rest
    return text
