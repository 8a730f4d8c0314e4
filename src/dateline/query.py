"""The read side: what the CLI, the web and the Python API ask of a database.

Each function takes an open ``Store`` and returns plain rows or records; the SQL lives here as
data handed to the store, which is the only code that talks to DuckDB.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dateline.paging import Order, Page, SortKey, paged, paged_table
from dateline.records import Analysis
from dateline.store import Store

Key = list[Any] | None  # a page key: where the previous page ended (dateline.paging)

_NO_DATE = "0001-01-01"
ARTICLE_ORDER: Order = (SortKey("date", True, _NO_DATE, "DATE"), SortKey("id", null=None))
ACTOR_ORDER: Order = (
    SortKey("articles", True, 0, "BIGINT"), SortKey("mentions", True, 0, "BIGINT"),
    SortKey("name"), SortKey("kind"), SortKey("country"), SortKey("sector"),
)  # fmt: skip
PLACE_ORDER: Order = (
    SortKey("articles", True, 0, "BIGINT"), SortKey("mentions", True, 0, "BIGINT"),
    SortKey("name"), SortKey("kind"), SortKey("country"), SortKey("admin1"), SortKey("precision"),
)  # fmt: skip
FAILURE_ORDER: Order = (
    SortKey("first_seen", True, "0001-01-01 00:00:00", "TIMESTAMP"),
    SortKey("origin"), SortKey("stage"), SortKey("reason"),
)  # fmt: skip
QUOTE_ORDER: Order = (
    SortKey("date", True, _NO_DATE, "DATE"), SortKey("article_id"),
    SortKey("quote_order"),
)  # fmt: skip
STORY_ORDER: Order = (
    SortKey("articles", True, 0, "BIGINT"), SortKey("first_day", False, "9999-12-31", "DATE"),
    SortKey("story_id"),
)  # fmt: skip
EVENT_ORDER: Order = (SortKey("sort_key", null=None),)
INCIDENT_ORDER: Order = (
    SortKey("num_sources", True, 0, "BIGINT"), SortKey("num_articles", True, 0, "BIGINT"),
    SortKey("first_day", False, "9999-12-31", "DATE"), SortKey("incident_id"),
)  # fmt: skip


def list_articles(
    store: Store, source: str | None = None, limit: int = 50, after: Key = None
) -> Page:
    """Stored articles, newest first: id, date, source, dateline place, title, actor count."""
    return paged(
        store,
        """
        SELECT a.id, a.article_date AS date, a.source, a.dateline_place AS place,
               a.year_inferred, a.title,
               (SELECT count(*) FROM actors x WHERE x.article_id = a.id) AS actors
        FROM articles a
        WHERE ? IS NULL OR lower(a.source) = lower(?)
        """,
        [source, source],
        ARTICLE_ORDER,
        after,
        limit,
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
    after: Key = None,
) -> Page:
    """Actors across articles, grouped by name, country, sector and kind, most mentioned first."""
    return paged(
        store,
        """
        SELECT x.name, x.kind, x.country, x.sector, any_value(x.role) AS role,
               count(DISTINCT x.article_id) AS articles, sum(len(x.spans)) AS mentions
        FROM actors x
        WHERE (? IS NULL OR x.country = upper(?))
          AND (? IS NULL OR x.sector = upper(?))
          AND (? IS NULL OR x.kind = ?)
          AND (? IS NULL OR x.name ILIKE '%' || ? || '%' OR list_contains(x.aliases, ?))
        GROUP BY x.name, x.kind, x.country, x.sector
        """,
        [country, country, sector, sector, kind, kind, name, name, name],
        ACTOR_ORDER,
        after,
        limit,
    )


def list_failures(store: Store, limit: int = 50, after: Key = None) -> Page:
    """What could not be read, analysed or stored, the latest first."""
    return paged(
        store, "SELECT origin, stage, reason, first_seen FROM failures", [], FAILURE_ORDER,
        after, limit,
    )  # fmt: skip


def list_places(
    store: Store, country: str | None = None, limit: int = 50, after: Key = None
) -> Page:
    """Places across articles with how often and in how many articles they are named."""
    return paged(
        store,
        """
        SELECT p.name, p.feature_code AS kind, p.country, p.admin1, p.precision,
               round(any_value(p.latitude), 4) AS latitude,
               round(any_value(p.longitude), 4) AS longitude,
               any_value(p.geonames_id) AS geonames_id,
               count(DISTINCT p.article_id) AS articles, count(*) AS mentions
        FROM places p
        WHERE ? IS NULL OR p.country = upper(?)
        GROUP BY p.name, p.feature_code, p.country, p.admin1, p.precision
        """,
        [country, country],
        PLACE_ORDER,
        after,
        limit,
    )


def list_quotes(
    store: Store,
    speaker: str | None = None,
    actor_country: str | None = None,
    stance: str | None = None,
    since: str | None = None,
    limit: int = 50,
    after: Key = None,
) -> Page:
    """Attributions across articles with their speaker, newest first."""
    return paged(
        store,
        """
        SELECT a.article_date AS date, q.article_id, q.quote_id,
               lpad(q.quote_id, 12, '0') AS quote_order, x.name AS speaker,
               coalesce(q.source, '') AS source, x.country, q.kind, q.stance, q.cue,
               q.content, q.said_on
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN actors x ON x.article_id = q.article_id AND x.actor_id = q.speaker_actor
        WHERE (? IS NULL OR x.name ILIKE '%' || ? || '%' OR q.source ILIKE '%' || ? || '%')
          AND (? IS NULL OR x.country = upper(?))
          AND (? IS NULL OR q.stance = lower(?))
          AND (? IS NULL OR a.article_date >= CAST(? AS DATE))
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
        ],
        QUOTE_ORDER,
        after,
        limit,
    )


# What `dateline events` shows of an event; event_rows (the writer's projection of events)
# holds it in one row, with the parties' names, countries and sectors.
_EVENT_COLUMNS = """day, date, date_mod, article_date, source, article_id, event_id, type, mode,
    modality, attribution, trigger, actors, recipients, actor_countries, recipient_countries,
    actor_sectors, recipient_sectors, cameo, quad_class, goldstein, confidence, place,
    place_country, latitude, longitude, geonames_id, sort_key"""


@dataclass(frozen=True)
class EventFilter:
    """What ``dateline events`` (and the web's events explorer) filter on; None is any.

    ``actor`` matches an actor's or recipient's name, alias or words; ``country`` and
    ``sector`` either side's; ``place`` the name of where it happened; ``source`` the outlet;
    ``since`` and ``until`` the days the event's date covers.
    """

    actor: str | None = None
    country: str | None = None
    type_: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    place: str | None = None
    sector: str | None = None
    source: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The filter as a WHERE condition on event_rows and its parameters: only the
        conditions asked for, so DuckDB plans each query for what it filters."""
        parts: list[str] = []
        params: list[Any] = []

        def add(sql: str, value: str | None) -> None:
            if value is not None:
                parts.append(sql)
                params.extend([value] * sql.count("?"))

        add("type = upper(?)", self.type_)
        add("modality = lower(?)", self.modality)
        add("list_contains(countries, upper(?))", self.country)
        add("list_contains(sectors, upper(?))", self.sector)
        add("lower(source) = lower(?)", self.source)
        add("contains(lower(place), lower(?))", self.place)
        add("last_day >= ?", self.since)
        add("first_day <= ?", self.until)
        add("contains(party_text, lower(?))", self.actor)
        return (" AND ".join(parts) or "TRUE"), params


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
    after: Key = None,
    sector: str | None = None,
    source: str | None = None,
) -> Page:
    """Events across articles, in the order they happened (their own date, else the article's);
    the filters are ``EventFilter``'s."""
    chosen = EventFilter(actor, country, type_, since, until, modality, place, sector, source)
    return filtered_events(store, chosen, limit, after)


def filtered_events(store: Store, chosen: EventFilter, limit: int = 50, after: Key = None) -> Page:
    where, params = chosen.where()
    return _event_rows(store, where, params, limit, after)


def timeline(store: Store, name: str, limit: int = 200, after: Key = None) -> Page:
    """Everything that happened to, by or at an actor or a place, in the order it happened."""
    return _event_rows(
        store,
        "contains(party_text, lower(?)) OR contains(lower(place), lower(?))",
        [name, name],
        limit,
        after,
    )


def story_events(store: Store, story_id: str, limit: int = 200, after: Key = None) -> Page:
    """The events of a story's articles, in the order they happened."""
    return _event_rows(
        store,
        "article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
        [story_id],
        limit,
        after,
    )


def _event_rows(store: Store, where: str, params: list[Any], limit: int, after: Key) -> Page:
    """Events of event_rows that meet ``where``, in the order they happened."""
    return paged_table(
        store, "event_rows", _EVENT_COLUMNS, where, params, EVENT_ORDER, after, limit
    )


# -- stories and incidents (dateline.merging keeps them) ---------------------------------------
def list_stories(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    after: Key = None,
) -> Page:
    """Stories with the most articles first."""
    return paged(
        store,
        """SELECT story_id, first_day, last_day, articles, sources, title, key_terms
        FROM stories
        WHERE (? IS NULL OR last_day >= CAST(? AS DATE))
          AND (? IS NULL OR first_day <= CAST(? AS DATE))""",
        [since, since, until, until],
        STORY_ORDER,
        after,
        limit,
    )


def get_story(store: Store, story_id: str) -> dict[str, Any]:
    """A story with its articles (in order of day) and its incidents."""
    story = store.one("stories", "story_id", story_id, "story")
    story["article_list"] = store.query(
        """SELECT a.id, a.article_date AS date, a.source, a.url, a.title
        FROM story_articles s JOIN articles a ON a.id = s.article_id
        WHERE s.story_id = ? ORDER BY a.article_date NULLS LAST, a.id""",
        [story["story_id"]],
    )
    story["incidents"] = list_incidents(store, story=story["story_id"], limit=1000)
    story["denials"] = store.query(
        """SELECT c.denial_article, dx.name AS denied_by, d.content AS denial,
               c.claim_article, cx.name AS claimed_by, q.content AS claim, c.score, c.shared
        FROM claim_links c
        JOIN quotes d ON d.article_id = c.denial_article AND d.quote_id = c.denial_quote
        JOIN quotes q ON q.article_id = c.claim_article AND q.quote_id = c.claim_quote
        LEFT JOIN actors dx ON dx.article_id = d.article_id AND dx.actor_id = d.speaker_actor
        LEFT JOIN actors cx ON cx.article_id = q.article_id AND cx.actor_id = q.speaker_actor
        WHERE c.story_id = ? ORDER BY c.denial_article, c.denial_quote, c.score DESC""",
        [story["story_id"]],
    )
    return story


def list_incidents(
    store: Store,
    disputed: bool = False,
    min_sources: int = 1,
    type_: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    story: str | None = None,
    name: str | None = None,
    limit: int = 50,
    after: Key = None,
) -> Page:
    """Incidents, those reported by the most sources first; ``name`` matches an actor, a
    recipient or the place."""
    return paged(
        store,
        """SELECT incident_id, type, first_day, last_day, place, place_country, actors,
               recipients, num_mentions, num_articles, num_sources, sources, disputed,
               first_reported, last_reported, story_id, score, evidence
        FROM incidents
        WHERE (NOT ? OR disputed) AND num_sources >= ?
          AND (? IS NULL OR type = upper(?))
          AND (? IS NULL OR place_country = upper(?) OR list_contains(actor_countries, upper(?)))
          AND (? IS NULL OR coalesce(last_day, last_reported) >= CAST(? AS DATE))
          AND (? IS NULL OR coalesce(first_day, first_reported) <= CAST(? AS DATE))
          AND (? IS NULL OR story_id = ?)
          AND (? IS NULL OR contains(lower(array_to_string(actors || recipients, ' ')
                                         || ' ' || coalesce(place, '')), lower(?)))""",
        [disputed, min_sources, type_, type_, country, country, country, since, since,
         until, until, story, story, name, name],
        INCIDENT_ORDER, after, limit,
    )  # fmt: skip


def get_incident(store: Store, incident_id: str) -> dict[str, Any]:
    """An incident with its reports and its disagreement table, field by field."""
    import json

    incident = store.one("incidents", "incident_id", incident_id, "incident")
    incident["fields"] = json.loads(incident["fields"])
    incident["reports"] = store.query(
        """SELECT m.article_id, m.event_id, r.source, r.article_date AS published, a.url,
               r.trigger, r.modality, r.attribution, r.date, r.place
        FROM incident_events m
        JOIN event_rows r ON r.article_id = m.article_id AND r.event_id = m.event_id
        JOIN articles a ON a.id = m.article_id
        WHERE m.incident_id = ?
        ORDER BY r.article_date NULLS LAST, m.article_id, len(m.event_id), m.event_id""",
        [incident["incident_id"]],
    )
    return incident


def incidents_of_article(store: Store, article_id: str) -> dict[str, str]:
    """Event id -> incident id for one article's events."""
    rows = store.query(
        "SELECT event_id, incident_id FROM incident_events WHERE article_id = ?", [article_id]
    )
    return {r["event_id"]: r["incident_id"] for r in rows}
