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


# An event's own date where it has one (TIMEX3 "2019", "2020-03", "2020-03-05"), else its
# article's; as the first and last day it may mean, so that "since"/"until" compare as text.
_EVENT_DAY = """coalesce(
    CASE WHEN regexp_matches(e.date, '^\\d{4}(-\\d{2}){0,2}$') THEN e.date END,
    CAST(a.article_date AS VARCHAR))"""
_FIRST_DAY = f"""(CASE len({_EVENT_DAY}) WHEN 4 THEN {_EVENT_DAY} || '-01-01'
    WHEN 7 THEN {_EVENT_DAY} || '-01' ELSE {_EVENT_DAY} END)"""
_LAST_DAY = f"""(CASE len({_EVENT_DAY}) WHEN 4 THEN {_EVENT_DAY} || '-12-99'
    WHEN 7 THEN {_EVENT_DAY} || '-99' ELSE {_EVENT_DAY} END)"""


def list_events(
    store: Store,
    actor: str | None = None,
    country: str | None = None,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    place: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Events across articles, in the order they happened (their own date, else the article's).

    ``actor`` matches an actor's or recipient's name, alias or words; ``country`` either side's
    country; ``place`` the name of where it happened.
    """
    rows = store.query(
        f"""
        SELECT {_EVENT_DAY} AS day, e.date, e.date_mod, a.article_date, a.source,
               e.article_id, e.event_id, e.type, e.mode, e.modality, e.attribution, e.trigger,
               e.actors, e.recipients, e.cameo, e.quad_class, e.goldstein, e.confidence,
               p.name AS place, p.country AS place_country, p.latitude, p.longitude,
               p.geonames_id
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN places p ON p.article_id = e.article_id AND e.location_span IS NOT NULL
             AND p.span_start = e.location_span[1] AND p.span_end = e.location_span[2]
        WHERE (? IS NULL OR e.type = upper(?))
          AND (? IS NULL OR e.modality = lower(?))
          AND (? IS NULL OR len(list_filter(e.actors || e.recipients,
                                            lambda x: x.country = upper(?))) > 0)
          AND (? IS NULL OR p.name ILIKE '%' || ? || '%')
          AND (? IS NULL OR {_LAST_DAY} >= ?)
          AND (? IS NULL OR {_FIRST_DAY} <= ?)
          AND (? IS NULL
               OR len(list_filter(e.actors || e.recipients,
                                  lambda x: x.text ILIKE '%' || ? || '%')) > 0
               OR EXISTS (SELECT 1 FROM actors x
                          WHERE x.article_id = e.article_id
                            AND list_contains(list_transform(e.actors || e.recipients,
                                                             lambda y: y.actor), x.actor_id)
                            AND (x.name ILIKE '%' || ? || '%'
                                 OR list_contains(x.aliases, ?))))
        ORDER BY day NULLS LAST, e.article_id, len(e.event_id), e.event_id
        LIMIT ?
        """,
        [type_, type_, modality, modality, country, country, place, place, since, since,
         until, until, actor, actor, actor, actor, limit],
    )  # fmt: skip
    return _with_party_names(store, rows)


def timeline(store: Store, name: str, limit: int = 200) -> list[dict[str, Any]]:
    """Everything that happened to, by or at an actor or a place, in the order it happened."""
    by_actor = list_events(store, actor=name, limit=limit)
    at_place = list_events(store, place=name, limit=limit)
    seen = {(r["article_id"], r["event_id"]) for r in by_actor}
    rows = by_actor + [r for r in at_place if (r["article_id"], r["event_id"]) not in seen]
    rows.sort(
        key=lambda r: (r["day"] or "9999", r["article_id"], len(r["event_id"]), r["event_id"])
    )
    return rows[:limit]


def _with_party_names(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each participant list as the actors' canonical names (the words of the text where the
    party is no actor of its article)."""
    ids = sorted({r["article_id"] for r in rows})
    names: dict[tuple[str, str], str] = {}
    if ids:
        for row in store.query(
            "SELECT article_id, actor_id, name FROM actors WHERE list_contains(?, article_id)",
            [ids],
        ):
            names[(row["article_id"], row["actor_id"])] = row["name"]
    for row in rows:
        for key in ("actors", "recipients"):
            row[f"{key[:-1]}_countries"] = [p["country"] for p in row[key]]
            row[key] = [
                names.get((row["article_id"], p["actor"] or ""), p["text"]) for p in row[key]
            ]
    return rows
