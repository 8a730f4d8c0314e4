"""Dateline: who did and said what to whom, when and where, according to whom.

The Python API (nothing is loaded on import; the model loads on first use)::

    import dateline
    result = dateline.analyze(text, published="2020-03-04", source="TASS")
    result.article.dateline, result.actors, result.mentions

    from dateline import query
    with dateline.open_store("dateline.duckdb") as store:
        dateline.ingest_files(store, ["articles/"])
        query.list_actors(store, country="RUS")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dateline.ingestion import IngestReport
    from dateline.records import Analysis
    from dateline.settings import Settings
    from dateline.store import Store


def analyze(
    text: str,
    *,
    published: str | dt.date | None = None,
    source: str | None = None,
    settings: Settings | None = None,
) -> Analysis:
    """Read one article in wire format (headline, lead, dateline, body) and return its records.

    Bad input raises a ``DatelineError``: ``InputError`` for what is no article (empty, too long,
    not text, not English), ``AnalysisError`` for an article the pipeline cannot read."""
    from dateline.ingest.articles import article_from_wire_text
    from dateline.ingest.fields import parse_date
    from dateline.nlp.analysis import analyze_article
    from dateline.settings import Settings

    s = settings or Settings()
    check_text(text, "<text>", s.max_chars)
    day = parse_date(published, "published") if isinstance(published, str) else published
    article = article_from_wire_text(text, origin="<text>", published=day, source=source)
    return analyze_article(article, s, strict=True)


def check_text(text: object, origin: str, max_chars: int) -> None:
    """Refuse what is no article text before any work is done on it."""
    from dateline.errors import InputError

    if not isinstance(text, str):
        raise InputError(origin, f"expected text (str), got {type(text).__name__}")
    if len(text) > max_chars:
        raise InputError(
            origin,
            f"article too long ({len(text):,} characters; the limit is {max_chars:,}, "
            "set by DATELINE_MAX_CHARS)",
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise InputError(
            origin, f"not Unicode text: a lone surrogate at character {err.start:,}"
        ) from err
    if "\x00" in text:
        raise InputError(origin, "binary text (contains NUL characters)")


def open_store(path: str | Path = "dateline.duckdb", read_only: bool = False) -> Store:
    """Open (creating or migrating) a Dateline database; use it as a context manager."""
    from dateline.store import Store

    return Store(path, read_only=read_only)


def ingest_files(
    store: Store, paths: Iterable[str | Path], settings: Settings | None = None
) -> IngestReport:
    """Read, analyse and store the articles in files, directories, globs or zips."""
    from dateline.ingestion import ingest_paths

    return ingest_paths(store, paths, settings)


__all__ = ["__version__", "analyze", "ingest_files", "open_store"]
