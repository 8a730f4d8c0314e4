"""What the events explorer counts: facets, a histogram over time and map points, each for
the events an ``EventFilter`` keeps (read from event_rows, the writer's projection)."""

from __future__ import annotations

from typing import Any

from dateline.errors import QueryError
from dateline.query import EventFilter
from dateline.store import Store

# Facet name -> the SQL of its value(s) in event_rows; a list is unnested (an event counts once
# for each distinct country or sector among its parties).
FACETS: dict[str, str] = {
    "type": "type",
    "modality": "modality",
    "country": "unnest(countries)",
    "sector": "unnest(sectors)",
    "source": "source",
    "month": "month",
}
# A facet shows its most frequent values; the rest are a count ("and N more").
FACET_TOP = 12


def event_facets(
    store: Store, chosen: EventFilter, names: tuple[str, ...] = tuple(FACETS)
) -> dict[str, dict[str, Any]]:
    """For each facet: its top values with their counts, and how many other values there are."""
    where, params = chosen.where()
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        if name not in FACETS:
            raise QueryError("facet", f"no facet {name!r}; facets: {', '.join(FACETS)}")
        rows = store.query(
            f"""SELECT value, n, count(*) OVER () AS distinct_values FROM (
                    SELECT value, count(*) AS n FROM (
                        SELECT {FACETS[name]} AS value FROM event_rows WHERE {where})
                    GROUP BY value)
                WHERE value IS NOT NULL ORDER BY n DESC, value LIMIT ?""",
            [*params, FACET_TOP],
        )
        total = int(rows[0]["distinct_values"]) if rows else 0
        out[name] = {
            "values": [{"value": r["value"], "count": int(r["n"])} for r in rows],
            "more": max(0, total - len(rows)),
        }
    return out


def histogram(store: Store, chosen: EventFilter) -> list[dict[str, Any]]:
    """Events per month (per day when they all fall within three months), in order of time."""
    where, params = chosen.where()
    months = store.query(
        f"""SELECT month AS bucket, count(*) AS n FROM event_rows
            WHERE {where} AND month IS NOT NULL GROUP BY 1 ORDER BY 1""",
        params,
    )
    if 0 < len(months) <= 3:
        days = store.query(
            f"""SELECT day AS bucket, count(*) AS n FROM event_rows
                WHERE {where} AND len(day) = 10 GROUP BY 1 ORDER BY 1""",
            params,
        )
        if days:
            return [{"bucket": r["bucket"], "count": int(r["n"])} for r in days]
    return [{"bucket": r["bucket"], "count": int(r["n"])} for r in months]


def map_points(store: Store, chosen: EventFilter, cell: float = 2.0) -> list[dict[str, Any]]:
    """Where the events happened, clustered on a grid of ``cell`` degrees: each cluster's mean
    position, its number of events and its most frequent place name."""
    where, params = chosen.where()
    rows = store.query(
        f"""SELECT avg(latitude) AS latitude, avg(longitude) AS longitude, count(*) AS n,
                   mode(place) AS place, count(DISTINCT place) AS places
            FROM event_rows
            WHERE {where} AND latitude IS NOT NULL AND longitude IS NOT NULL
            GROUP BY floor(latitude / ?), floor(longitude / ?)
            ORDER BY n DESC, place LIMIT 2000""",
        [*params, cell, cell],
    )
    return [
        {
            "latitude": round(float(r["latitude"]), 4),
            "longitude": round(float(r["longitude"]), 4),
            "count": int(r["n"]),
            "place": r["place"],
            "places": int(r["places"]),
        }
        for r in rows
    ]
