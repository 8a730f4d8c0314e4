"""Record fields: which column or key holds the title, lead, body, date, source and URL."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, ClassVar
from urllib.parse import urlparse

from dateline.errors import InputError
from dateline.ingest.articles import article_from_fields
from dateline.records import Article

# The names each field goes by in the JSON and CSV files we read, first match wins. The
# NewsArticles.zip layout is article_id, publish_date, article_source_link, title, subtitle, text.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "guid"),
    "title": ("title", "headline", "heading"),
    "lead": ("lead", "subtitle", "standfirst", "summary", "description", "dek"),
    "text": ("text", "body", "content", "article", "story"),
    "published": ("published", "publish_date", "date", "published_at", "pubdate", "datetime"),
    "source": ("source", "outlet", "agency", "publisher"),
    "url": ("url", "link", "article_source_link", "source_url"),
}

_ISO_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")


def parse_date(raw: str, what: str, origin: str = "<option>") -> dt.date:
    """A date from ``2020-03-04``, ``2017/2/7`` or an ISO timestamp; anything else is an error."""
    match = _ISO_DATE.match(raw)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise InputError(origin, f"{what}: cannot read date {raw!r} (write it as YYYY-MM-DD)")


@cache
def _source_names() -> dict[str, str]:
    text = resources.files("dateline.data").joinpath("sources.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def source_from_url(url: str | None) -> str | None:
    """The outlet's name for a URL's domain (``tass.com`` → TASS), or None."""
    if not url:
        return None
    host = (urlparse(url).hostname or "").removeprefix("www.")
    names = _source_names()
    while host:
        if host in names:
            return names[host]
        host = host.partition(".")[2]
    return None


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which key of a record holds each field."""

    keys: dict[str, str]
    JSON: ClassVar[FieldMap]

    @classmethod
    def for_header(cls, header: Sequence[str], origin: str) -> FieldMap:
        lowered = {name.strip().lower(): name for name in header if name}
        keys = {}
        for field, names in FIELD_NAMES.items():
            for name in names:
                if name in lowered:
                    keys[field] = lowered[name]
                    break
        if "text" not in keys:
            found = ", ".join(header) or "nothing"
            wanted = ", ".join(FIELD_NAMES["text"])
            raise InputError(
                origin, f"CSV header has no text column (found: {found}; want one of {wanted})"
            )
        return cls(keys)

    def article(
        self,
        record: dict[str, Any],
        origin: str,
        published: dt.date | None,
        source: str | None,
        today: dt.date | None = None,
    ) -> Article:
        keys = self.keys or _json_keys(record)
        values = {field: record.get(key) for field, key in keys.items()}
        body = values.get("text")
        if not isinstance(body, str) or not body.strip():
            raise InputError(origin, "record has no text")
        raw_date = values.get("published")
        if raw_date not in (None, ""):
            published = parse_date(str(raw_date), "published", origin)
        url = _text_or_none(values.get("url"))
        used = set(keys.values())
        metadata = {k: v for k, v in record.items() if k not in used}
        if values.get("id") not in (None, ""):
            metadata["record_id"] = values["id"]
        return article_from_fields(
            origin=origin,
            body=body,
            title=_text_or_none(values.get("title")),
            lead=_text_or_none(values.get("lead")),
            published=published,
            source=_text_or_none(values.get("source")) or source or source_from_url(url),
            url=url,
            metadata=metadata,
            today=today,
        )


def _json_keys(record: dict[str, Any]) -> dict[str, str]:
    keys = {}
    for field, names in FIELD_NAMES.items():
        for name in names:
            if name in record:
                keys[field] = name
                break
    return keys


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


FieldMap.JSON = FieldMap({})
