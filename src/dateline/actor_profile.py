"""One actor across the database: what it is called, what it did and had done to it over time,
what it said, the claims it made and who denied them, and whom it deals with.

Actors are kept per article; across articles an actor is its resolved name (the web's
``/actors/{name}``), with the kinds, countries and sectors the articles gave it.
"""

from __future__ import annotations

from typing import Any

from dateline.errors import NotFoundError
from dateline.store import Store

PARTNERS = 12  # the interaction graph's partners, the most frequent first


def actor_profile(store: Store, name: str, limit: int = 50) -> dict[str, Any]:
    """Everything about the actor called ``name``; NotFoundError when no article names it."""
    variants = store.query(
        """SELECT kind, country, sector, any_value(role) AS role,
                  count(DISTINCT article_id) AS articles, sum(len(spans)) AS mentions
           FROM actors WHERE name = ? GROUP BY kind, country, sector
           ORDER BY articles DESC, mentions DESC, kind, country, sector""",
        [name],
    )
    if not variants:
        raise NotFoundError(f"no actor named {name!r} in {store.path}")
    aliases = store.query(
        """SELECT alias, count(*) AS n FROM (SELECT unnest(aliases) AS alias FROM actors
           WHERE name = ?) WHERE alias <> ? AND lower(alias) NOT IN ('he', 'she', 'it', 'they', 'him',
           'her', 'his', 'its', 'their', 'them', 'we', 'i') GROUP BY alias ORDER BY n DESC, alias LIMIT 30""",
        [name, name],
    )
    return {
        "name": name,
        "variants": variants,
        "aliases": [r["alias"] for r in aliases],
        "activity": _activity(store, name),
        "events": _events(store, name, limit),
        "quotes": _quotes(store, name, limit),
        "claims": _claims(store, name),
        "partners": _partners(store, name),
    }


def _activity(store: Store, name: str) -> list[dict[str, Any]]:
    """Events per month as actor and as recipient."""
    return store.query(
        """SELECT month,
                  count(*) FILTER (WHERE list_contains(actors, ?)) AS as_actor,
                  count(*) FILTER (WHERE list_contains(recipients, ?)) AS as_recipient
           FROM event_rows
           WHERE (list_contains(actors, ?) OR list_contains(recipients, ?)) AND month IS NOT NULL
           GROUP BY 1 ORDER BY 1""",
        [name, name, name, name],
    )


def _events(store: Store, name: str, limit: int) -> list[dict[str, Any]]:
    return store.query(
        """SELECT day, article_id, event_id, type, modality, attribution, trigger, actors,
                  recipients, place, source,
                  CASE WHEN list_contains(actors, ?) THEN 'actor' ELSE 'recipient' END AS role
           FROM event_rows WHERE list_contains(actors, ?) OR list_contains(recipients, ?)
           ORDER BY sort_key DESC LIMIT ?""",
        [name, name, name, limit],
    )


def _quotes(store: Store, name: str, limit: int) -> list[dict[str, Any]]:
    return store.query(
        """SELECT a.article_date AS date, q.article_id, q.quote_id, q.stance, q.cue,
                  q.content, a.source
           FROM quotes q
           JOIN actors x ON x.article_id = q.article_id AND x.actor_id = q.speaker_actor
           JOIN articles a ON a.id = q.article_id
           WHERE x.name = ?
           ORDER BY a.article_date DESC NULLS LAST, q.article_id, lpad(q.quote_id, 12, '0')
           LIMIT ?""",
        [name, limit],
    )


def _claims(store: Store, name: str) -> list[dict[str, Any]]:
    """The actor's claims that another report denied, and the actor's denials of others'."""
    return store.query(
        """SELECT CASE WHEN cx.name = ? THEN 'claimed' ELSE 'denied' END AS side,
                  c.claim_article, c.claim_quote, cx.name AS claimed_by, q.content AS claim,
                  c.denial_article, c.denial_quote, dx.name AS denied_by, d.content AS denial
           FROM claim_links c
           JOIN quotes d ON d.article_id = c.denial_article AND d.quote_id = c.denial_quote
           JOIN quotes q ON q.article_id = c.claim_article AND q.quote_id = c.claim_quote
           LEFT JOIN actors dx ON dx.article_id = d.article_id AND dx.actor_id = d.speaker_actor
           LEFT JOIN actors cx ON cx.article_id = q.article_id AND cx.actor_id = q.speaker_actor
           WHERE cx.name = ? OR dx.name = ?
           ORDER BY c.score DESC LIMIT 50""",
        [name, name, name],
    )


def _partners(store: Store, name: str) -> list[dict[str, Any]]:
    """Whom the actor acts on (out) and who acts on it (in), with how many events."""
    return store.query(
        """WITH sides AS (
               SELECT unnest(recipients) AS partner, 'out' AS direction FROM event_rows
               WHERE list_contains(actors, ?)
               UNION ALL
               SELECT unnest(actors), 'in' FROM event_rows WHERE list_contains(recipients, ?))
           SELECT partner, count(*) FILTER (WHERE direction = 'out') AS outgoing,
                  count(*) FILTER (WHERE direction = 'in') AS incoming, count(*) AS n
           FROM sides WHERE partner <> ? GROUP BY partner ORDER BY n DESC, partner LIMIT ?""",
        [name, name, name, PARTNERS],
    )
