"""The read side: what the CLI, the web and the Python API ask of a database.

Each function takes an open ``Store`` and returns plain rows or records; the SQL lives here as
data handed to the store, which is the only code that talks to DuckDB.
"""

from __future__ import annotations

from typing import Any

from dateline.records import Analysis
from dateline.store import Store


def list_articles(store: Store, source: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Stored articles, newest first: id, date, source, dateline place, title, actor count."""
    return store.query(
        """
        SELECT a.id, a.article_date AS date, a.source, a.dateline_place AS place,
               a.year_inferred, a.title,
               (SELECT count(*) FROM actors x WHERE x.article_id = a.id) AS actors
        FROM articles a
        WHERE ? IS NULL OR lower(a.source) = lower(?)
        ORDER BY a.article_date DESC NULLS LAST, a.id
        LIMIT ?
        """,
        [source, source, limit],
    )


def get_article(store: Store, article_id: str) -> Analysis:
    """One article with everything read out of it (an id prefix is enough)."""
    return store.article(article_id)


def list_actors(
    store: Store,
    country: str | None = None,
    sector: str | None = None,
    kind: str | None = None,
    name: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Actors across articles, grouped by name, country, sector and kind, most mentioned first."""
    return store.query(
        """
        SELECT x.name, x.kind, x.country, x.sector, any_value(x.role) AS role,
               count(DISTINCT x.article_id) AS articles, sum(len(x.spans)) AS mentions
        FROM actors x
        WHERE (? IS NULL OR x.country = upper(?))
          AND (? IS NULL OR x.sector = upper(?))
          AND (? IS NULL OR x.kind = ?)
          AND (? IS NULL OR x.name ILIKE '%' || ? || '%' OR list_contains(x.aliases, ?))
        GROUP BY x.name, x.kind, x.country, x.sector
        ORDER BY articles DESC, mentions DESC, x.name
        LIMIT ?
        """,
        [country, country, sector, sector, kind, kind, name, name, name, limit],
    )


def list_failures(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    return store.query(
        "SELECT origin, stage, reason, first_seen FROM failures ORDER BY first_seen DESC LIMIT ?",
        [limit],
    )


def list_places(store: Store, country: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Places across articles with how often and in how many articles they are named."""
    return store.query(
        """
        SELECT p.name, p.feature_code AS kind, p.country, p.admin1, p.precision,
               round(any_value(p.latitude), 4) AS latitude,
               round(any_value(p.longitude), 4) AS longitude,
               any_value(p.geonames_id) AS geonames_id,
               count(DISTINCT p.article_id) AS articles, count(*) AS mentions
        FROM places p
        WHERE ? IS NULL OR p.country = upper(?)
        GROUP BY p.name, p.feature_code, p.country, p.admin1, p.precision
        ORDER BY articles DESC, mentions DESC, p.name
        LIMIT ?
        """,
        [country, country, limit],
    )


def list_quotes(
    store: Store,
    speaker: str | None = None,
    actor_country: str | None = None,
    stance: str | None = None,
    since: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Attributions across articles with their speaker, newest first."""
    return store.query(
        """
        SELECT a.article_date AS date, q.article_id, q.quote_id, x.name AS speaker,
               coalesce(q.source, '') AS source, x.country, q.kind, q.stance, q.cue,
               q.content, q.said_on
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN actors x ON x.article_id = q.article_id AND x.actor_id = q.speaker_actor
        WHERE (? IS NULL OR x.name ILIKE '%' || ? || '%' OR q.source ILIKE '%' || ? || '%')
          AND (? IS NULL OR x.country = upper(?))
          AND (? IS NULL OR q.stance = lower(?))
          AND (? IS NULL OR a.article_date >= CAST(? AS DATE))
        ORDER BY a.article_date DESC NULLS LAST, q.article_id, len(q.quote_id), q.quote_id
        LIMIT ?
        """,
        [
            speaker,
            speaker,
            speaker,
            actor_country,
            actor_country,
            stance,
            stance,
            since,
            since,
            limit,
        ],
    )
