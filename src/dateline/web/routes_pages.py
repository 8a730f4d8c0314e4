"""The record pages: home, an article with its facts lit up in place, an actor, a story and an
incident with its disagreement table."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from dateline import actor_profile, query
from dateline.serialize import analysis_to_dict
from dateline.web import charts
from dateline.web.article_view import article_view
from dateline.web.context import JSON, html, reader, wants_json
from dateline.web.routing import both, ok_schema

router = APIRouter()

Id = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/", response_class=Response, include_in_schema=False)
def home(request: Request) -> Response:
    store = reader(request)
    counts = store.counts()
    if wants_json(request):
        return JSON({"ok": True, "counts": counts})
    recent = query.list_articles(store, limit=8)
    top = query.list_incidents(store, min_sources=2, limit=8)
    return html(request, "home.html", counts=counts, recent=recent, incidents=top)


@both(router, "/articles/{article_id}", "article", "One article with every fact read out of it",
      ok_schema(["article"], {"article": {"type": "object"}}))  # fmt: skip
def article(request: Request, article_id: Id) -> Response:
    """The article's text and records (an id prefix is enough); the page lights each fact in
    place, and ``#E3`` is a permalink to a fact's card."""
    store = reader(request)
    analysis = query.get_article(store, article_id)
    incidents = query.incidents_of_article(store, analysis.article.id)
    if wants_json(request):
        return JSON({"ok": True, "article": analysis_to_dict(analysis), "incidents": incidents})
    view = article_view(analysis, incidents)
    return html(request, "article.html", a=analysis.article, view=view,
                counts={k: sum(f.kind == k for f in view.facts) for k in
                        ("actor", "event", "quote", "date", "place", "quantity")})  # fmt: skip


@both(router, "/actors/{name}", "actor", "One actor across the database",
      ok_schema(["actor"], {"actor": {"type": "object"}}))  # fmt: skip
def actor(request: Request, name: Id) -> Response:
    """An actor by its name: aliases, country and sector, events as actor and recipient over
    time, quotes, claims and denials, and whom it deals with."""
    profile = actor_profile.actor_profile(reader(request), name)
    if wants_json(request):
        return JSON({"ok": True, "actor": profile})
    buckets = [
        {"bucket": r["month"], "count": r["as_actor"] + r["as_recipient"]}
        for r in profile["activity"]
    ]
    return html(request, "actor.html", p=profile, graph=charts.partner_graph(name, profile["partners"]),
                histogram=charts.histogram(buckets, {"actor": name}))  # fmt: skip


@both(router, "/stories/{story_id}", "story", "One story: its articles, incidents and denials",
      ok_schema(["story"], {"story": {"type": "object"}}))  # fmt: skip
def story(request: Request, story_id: Id) -> Response:
    """A story with its articles in order of day, its incidents, and the denials linked to the
    claims they answer."""
    found = query.get_story(reader(request), story_id)
    if wants_json(request):
        return JSON({"ok": True, "story": found})
    return html(request, "story.html", s=found)


@both(router, "/incidents/{incident_id}", "incident", "One incident and where its reports disagree",
      ok_schema(["incident"], {"incident": {"type": "object"}}))  # fmt: skip
def incident(request: Request, incident_id: Id) -> Response:
    """An incident with its reports and its disagreement table, field by field."""
    found = query.get_incident(reader(request), incident_id)
    if wants_json(request):
        return JSON({"ok": True, "incident": found})
    return html(request, "incident.html", i=found)
