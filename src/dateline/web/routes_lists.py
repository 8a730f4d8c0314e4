"""The list routes: articles, actors, events (the explorer), quotes, places, failures,
timeline, stories, incidents and search. Each CLI filter is a query parameter of the same
name; ``limit`` and ``next`` page through (keyset); JSON is ``{"ok", "rows", "next", ...}``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from dateline import facets, query, search
from dateline.paging import Page, decode_key
from dateline.web import charts
from dateline.web.context import JSON, html, next_link, reader, state, wants_json
from dateline.web.routing import both, ok_schema

router = APIRouter()

Text = Annotated[str | None, Query(max_length=200)]
Code = Annotated[
    str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3, or IGO")
]
Sector = Annotated[
    str | None, Query(pattern=r"^[A-Za-z]{3}$", description="PLOVER sector: GOV, MIL, REB, ...")
]
Word = Annotated[str | None, Query(pattern=r"^[A-Za-z_]{2,24}$")]
Day = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]
Next = Annotated[str | None, Query(max_length=2000, description="the page key of a `next` link")]
FacetName = Literal["type", "modality", "country", "sector", "source", "month"]
Limit = Annotated[int | None, Query(ge=1, le=500, description="rows a page (at most 500)")]
# fmt: off
ARTICLE_COLUMNS = [("date", "Date", "date"), ("source", "Outlet", "text"), ("place", "Dateline", "text"),
                   ("title", "Title", "article"), ("actors", "Actors", "number")]
ACTOR_COLUMNS = [("name", "Actor", "actor"), ("kind", "Kind", "text"), ("country", "Country", "code"),
                 ("sector", "Sector", "code"), ("role", "Role", "text"), ("articles", "Articles", "number"),
                 ("mentions", "Mentions", "number")]
PLACE_COLUMNS = [("name", "Place", "place"), ("kind", "Feature", "text"), ("country", "Country", "code"),
                 ("admin1", "Region", "text"), ("precision", "Precision", "text"),
                 ("articles", "Articles", "number"), ("mentions", "Mentions", "number")]
QUOTE_COLUMNS = [("date", "Date", "date"), ("speaker", "Speaker", "actor"), ("stance", "Stance", "stance"),
                 ("cue", "Cue", "text"), ("content", "What was said", "quote")]
FAILURE_COLUMNS = [("first_seen", "When", "date"), ("origin", "Input", "text"), ("stage", "Stage", "text"),
                   ("reason", "Reason", "text")]
STORY_COLUMNS = [("first_day", "From", "date"), ("last_day", "To", "date"), ("title", "Story", "story"),
                 ("articles", "Articles", "number"), ("sources", "Outlets", "list")]
INCIDENT_COLUMNS = [("first_day", "Day", "date"), ("type", "Type", "code"), ("actors", "Actors", "actors"),
                    ("recipients", "Recipients", "actors"), ("place", "Place", "place"),
                    ("num_sources", "Sources", "number"), ("disputed", "Disputed", "flag"),
                    ("incident_id", "Incident", "incident")]
# fmt: on


def _limit(request: Request, limit: int | None) -> int:
    config = state(request).config
    return min(limit or config.default_page, config.max_page)


def _key(token: str | None) -> list[Any] | None:
    return decode_key(token) if token else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _list(request: Request, page: Page, title: str, columns: list[Any], **extra: Any) -> Response:
    link = next_link(request, page)
    if wants_json(request):
        return JSON({"ok": True, "rows": list(page), "next": link, **extra.get("json", {})})
    return html(request, "table.html", title=title, columns=columns, rows=page, next=link, **extra)


@both(router, "/articles", "articles", "Stored articles, newest first")
def articles(
    request: Request, source: Text = None, limit: Limit = None, next: Next = None
) -> Response:
    """Articles newest first; ``source`` keeps one outlet's."""
    page = query.list_articles(reader(request), source, _limit(request, limit), _key(next))
    return _list(request, page, "Articles", ARTICLE_COLUMNS, filters=[("source", "Outlet")])


@both(router, "/actors", "actors", "Actors across articles, most often named first")
def actors(
    request: Request, country: Code = None, sector: Sector = None, kind: Word = None,
    name: Text = None, limit: Limit = None, next: Next = None,
) -> Response:  # fmt: skip
    """Actors grouped by name, kind, country and sector; filters as ``dateline actors``."""
    page = query.list_actors(
        reader(request), country, sector, kind, name, _limit(request, limit), _key(next)
    )
    filters = [("name", "Name"), ("country", "Country"), ("sector", "Sector"), ("kind", "Kind")]
    return _list(request, page, "Actors", ACTOR_COLUMNS, filters=filters)


@both(router, "/places", "places", "Places across articles, most often named first")
def places(
    request: Request, country: Code = None, limit: Limit = None, next: Next = None
) -> Response:
    """Places with how many articles name them; ``country`` keeps one country's."""
    page = query.list_places(reader(request), country, _limit(request, limit), _key(next))
    return _list(request, page, "Places", PLACE_COLUMNS, filters=[("country", "Country")])


@both(router, "/quotes", "quotes", "Who said, claimed or denied what, newest first")
def quotes(
    request: Request, speaker: Text = None, actor_country: Code = None, stance: Word = None,
    since: Day = None, limit: Limit = None, next: Next = None,
) -> Response:  # fmt: skip
    """Attributions with their speaker; filters as ``dateline quotes``."""
    page = query.list_quotes(reader(request), speaker, actor_country, stance, _day(since),
                             _limit(request, limit), _key(next))  # fmt: skip
    filters = [("speaker", "Speaker"), ("actor_country", "Speaker's country"), ("stance", "Stance")]
    return _list(request, page, "Quotes", QUOTE_COLUMNS, filters=filters)


@both(router, "/failures", "failures", "What could not be read, analysed or stored")
def failures(request: Request, limit: Limit = None, next: Next = None) -> Response:
    """Failures, the latest first, each with its input and reason."""
    page = query.list_failures(reader(request), _limit(request, limit), _key(next))
    return _list(request, page, "Failures", FAILURE_COLUMNS, filters=[])


@both(router, "/stories", "stories", "Stories: articles about one developing topic")
def stories(
    request: Request, since: Day = None, until: Day = None, limit: Limit = None, next: Next = None
) -> Response:
    """Stories with the most articles first."""
    page = query.list_stories(
        reader(request), _day(since), _day(until), _limit(request, limit), _key(next)
    )
    return _list(request, page, "Stories", STORY_COLUMNS, filters=[])


@both(router, "/incidents", "incidents", "Incidents: one happening as several reports tell it")
def incidents(
    request: Request, disputed: bool = False,
    min_sources: Annotated[int, Query(ge=1, le=1000)] = 1, type: Word = None,
    country: Code = None, since: Day = None, until: Day = None, story: Text = None,
    name: Text = None, limit: Limit = None, next: Next = None,
) -> Response:  # fmt: skip
    """Incidents reported by the most sources first; filters as ``dateline incidents``."""
    page = query.list_incidents(reader(request), disputed, min_sources, type, country, _day(since),
                                _day(until), story, name, _limit(request, limit), _key(next))  # fmt: skip
    filters = [("name", "Actor or place"), ("type", "Type"), ("country", "Country")]
    return _list(request, page, "Incidents", INCIDENT_COLUMNS, filters=filters)


def event_filter(
    actor: str | None, country: str | None, type_: str | None, since: dt.date | None,
    until: dt.date | None, modality: str | None, place: str | None, sector: str | None,
    source: str | None,
) -> query.EventFilter:  # fmt: skip
    return query.EventFilter(actor, country, type_, _day(since), _day(until), modality, place,
                             sector, source)  # fmt: skip


@both(router, "/events", "events", "Events explorer: filters, facets, histogram and map")
def events(
    request: Request, actor: Text = None, country: Code = None, type: Word = None,
    since: Day = None, until: Day = None, modality: Word = None, place: Text = None,
    sector: Sector = None, source: Text = None, limit: Limit = None, next: Next = None,
    facet: Annotated[list[FacetName] | None, Query(max_length=6, description="facets to count (JSON)")] = None,
) -> Response:  # fmt: skip
    """Events in the order they happened. JSON counts the facets named by ``facet``; the page
    shows every facet, a histogram over time and a map."""
    store = reader(request)
    chosen = event_filter(actor, country, type, since, until, modality, place, sector, source)
    page = query.filtered_events(store, chosen, _limit(request, limit), _key(next))
    link = next_link(request, page)
    if wants_json(request):
        counted = facets.event_facets(store, chosen, tuple(facet)) if facet else {}
        return JSON({"ok": True, "rows": list(page), "next": link, "facets": counted})
    chosen_params = {
        k: v
        for k, v in request.query_params.items()
        if k not in {"next", "since", "until", "place"}
    }
    return html(
        request, "events.html", rows=page, next=link,
        facets=facets.event_facets(store, chosen),
        histogram=charts.histogram(facets.histogram(store, chosen), chosen_params),
        world=charts.world_map(facets.map_points(store, chosen), chosen_params),
    )  # fmt: skip


@both(
    router, "/timeline", "timeline", "What happened to, by or at an actor or a place, or in a story"
)
def timeline(
    request: Request, name: Text = None, story: Text = None, incidents: bool = False,
    limit: Limit = None, next: Next = None,
) -> Response:  # fmt: skip
    """Events in order of time for ``name`` (an actor or a place), or a ``story``'s events;
    ``incidents`` lists incidents instead."""
    store = reader(request)
    size = _limit(request, limit)
    if story:
        chosen_story = query.get_story(store, story)
        rows = query.story_events(store, chosen_story["story_id"], size, _key(next))
        title = f"Timeline of the story “{chosen_story['title']}”"
    elif name:
        title = f"Timeline of {name}"
        if incidents:
            rows = query.list_incidents(store, name=name, limit=size, after=_key(next))
        else:
            rows = query.timeline(store, name, size, _key(next))
    else:
        rows = Page()
        title = "Timeline"
    link = next_link(request, rows)
    if wants_json(request):
        return JSON({"ok": True, "rows": list(rows), "next": link})
    buckets = _buckets(rows)
    return html(request, "timeline.html", title=title, rows=rows, next=link, name=name,
                incidents=incidents, histogram=charts.histogram(buckets))  # fmt: skip


def _buckets(rows: Page) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for row in rows:
        day = str(row.get("day") or row.get("first_day") or "")
        if len(day) >= 7:
            counts[day[:7]] = counts.get(day[:7], 0) + 1
    return [{"bucket": k, "count": v} for k, v in sorted(counts.items())]


SEARCH_SCHEMA = ok_schema(
    ["rows", "query"], {"rows": {"type": "array"}, "query": {"type": "string"}}
)


@both(router, "/search", "search", "Search titles and texts", SEARCH_SCHEMA)
def search_articles(
    request: Request, q: Annotated[str, Query(max_length=200)] = "", limit: Limit = None
) -> Response:
    """Articles with every word of ``q``, best first, with a snippet around the first match."""
    rows = search.search(reader(request), q, _limit(request, limit)) if q.strip() else []
    if wants_json(request):
        return JSON({"ok": True, "query": q, "rows": rows})
    return html(request, "search.html", q=q, rows=rows)
