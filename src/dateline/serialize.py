"""Records to JSON-ready dicts: the shape of ``dateline analyze --json`` and of the web API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dateline.records import (
    Actor,
    Analysis,
    Article,
    DateMention,
    Event,
    Mention,
    Place,
    Quantity,
    Quote,
)


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    return {
        "article": article_to_dict(analysis.article),
        "actors": [actor_to_dict(a) for a in analysis.actors],
        "mentions": [mention_to_dict(m) for m in analysis.mentions],
        "dates": [fact_to_dict(d) for d in analysis.dates],
        "places": [fact_to_dict(p) for p in analysis.places],
        "quotes": [quote_to_dict(q) for q in analysis.quotes],
        "events": [event_to_dict(e) for e in analysis.events],
        "quantities": [fact_to_dict(q) for q in analysis.quantities],
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event with its participants, place and quantities nested, and every span a list."""
    data = asdict(event)
    for key in ("trigger_spans", "clause_spans", "date_spans"):
        data[key] = [list(s) for s in data[key]]
    for key in ("actors", "recipients"):
        for party in data[key]:
            party["spans"] = [list(party.pop("span"))]
    data["location"] = fact_to_dict(event.location) if event.location else None
    data["quantities"] = [fact_to_dict(q) for q in event.quantities]
    data["spans"] = [list(s) for s in event.spans]
    return data


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    data = asdict(quote)
    for key in ("source_spans", "cue_spans", "content_spans"):
        data[key] = [list(s) for s in data[key]]
    data["claimants"] = list(quote.claimants)
    data["spans"] = [list(s) for s in quote.spans]
    return data


def fact_to_dict(fact: DateMention | Place | Quantity) -> dict[str, Any]:
    """A fact with one span: its fields, with ``span`` given as ``spans`` like every fact."""
    data = asdict(fact)
    data["spans"] = [list(data.pop("span"))]
    return data


def article_to_dict(a: Article) -> dict[str, Any]:
    d = a.dateline
    dateline = None
    if d is not None:
        date = d.date
        dateline = {
            "place": d.place,
            "date": date.isoformat() if date else None,
            "month": d.month,
            "day": d.day,
            "year": d.year,
            "agency": d.agency,
            "year_inferred": d.year_inferred,
            "year_confidence": d.year_confidence,
            "year_candidates": list(d.year_candidates),
            "spans": [list(d.span)],
        }
    return {
        "id": a.id,
        "title": a.title,
        "lead": a.lead,
        "published": a.published.isoformat() if a.published else None,
        "date": a.date.isoformat() if a.date else None,
        "source": a.source,
        "url": a.url,
        "origin": a.origin,
        "dateline": dateline,
        "body_start": a.body_start,
        "lead_in_body": a.lead_in_body,
        "title_spans": [list(a.title_span)] if a.title_span else [],
        "lead_spans": [list(a.lead_span)] if a.lead_span else [],
        "metadata": a.metadata,
        "repairs": [{"spans": [list(r.span)], "original": r.original} for r in a.repairs],
    }


def actor_to_dict(a: Actor) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "aliases": list(a.aliases),
        "kind": a.kind,
        "country": a.country,
        "sector": a.sector,
        "role": a.role,
        "wikidata": a.wikidata,
        "spans": [list(s) for s in a.spans],
        "extractor": a.extractor,
    }


def mention_to_dict(m: Mention) -> dict[str, Any]:
    return {
        "text": m.text,
        "actor": m.actor,
        "how": m.how,
        "sentence": m.sentence,
        "spans": [list(m.span)],
        "extractor": m.extractor,
    }
