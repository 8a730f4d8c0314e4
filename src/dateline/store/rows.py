"""Records to store rows and back: what the writer inserts and ``Store.article`` rebuilds."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields, replace
from typing import Any, TypeVar

from dateline.records import (
    Article,
    Dateline,
    Event,
    Participant,
    Place,
    Quantity,
    Repair,
)


def party_rows(parties: Iterable[Participant]) -> list[dict[str, Any]]:
    return [
        {"text": p.text, "span": list(p.span), "actor": p.actor, "country": p.country,
         "sector": p.sector}
        for p in parties
    ]  # fmt: skip


def _participants(value: Any) -> tuple[Participant, ...]:
    return tuple(
        Participant(v["text"], (int(v["span"][0]), int(v["span"][1])), v["actor"], v["country"],
                    v["sector"])
        for v in value or ()
    )  # fmt: skip


def event_from_row(
    row: dict[str, Any], places: tuple[Place, ...], quantities: tuple[Quantity, ...]
) -> Event:
    """An event from its row, with its place and its quantities put back in."""
    event_id = row.pop("event_id")
    location = _span(row.pop("location_span"))
    row["actors"] = _participants(row["actors"])
    row["recipients"] = _participants(row["recipients"])
    event = record(Event, {**row, "id": event_id})
    place = next((p for p in places if p.span == location), None) if location else None
    own = tuple(q for q in quantities if q.event == event_id)
    return replace(event, location=place, quantities=own)


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value else None


def article_row(a: Article) -> list[Any]:
    d = a.dateline
    return [
        a.id, a.title, a.lead, a.text, span_list(a.title_span), span_list(a.lead_span), a.body_start,
        a.lead_in_body, a.published, a.source, a.url, a.origin,
        d.place if d else None, d.month if d else None, d.day if d else None,
        d.year if d else None, d.agency if d else None, span_list(d.span) if d else None,
        span_list(d.agency_span) if d else None,
        d.year_inferred if d else False, d.year_confidence if d else None,
        list(d.year_candidates) if d else None, a.date,
        json.dumps(a.metadata, ensure_ascii=False, default=str) if a.metadata else None,
    ]  # fmt: skip


def repairs_json(a: Article) -> str | None:
    if not a.repairs:
        return None
    return json.dumps([[*r.span, r.original] for r in a.repairs], ensure_ascii=False)


def _repairs(value: str | None) -> tuple[Repair, ...]:
    return tuple(Repair((int(s), int(e)), str(o)) for s, e, o in json.loads(value or "[]"))


def span_list(span: tuple[int, int] | None) -> list[int] | None:
    return list(span) if span else None


def article_from_row(row: dict[str, Any]) -> Article:
    dateline = None
    if row["dateline_span"]:
        dateline = Dateline(
            place=row["dateline_place"],
            month=row["dateline_month"],
            day=row["dateline_day"],
            year=row["dateline_year"],
            agency=row["dateline_agency"],
            span=_span(row["dateline_span"]) or (0, 0),
            agency_span=_span(row["dateline_agency_span"]),
            year_inferred=row["year_inferred"],
            year_confidence=row["year_confidence"],
            year_candidates=tuple(row["year_candidates"] or ()),
        )
    return Article(
        id=row["id"],
        text=row["text"],
        title_span=_span(row["title_span"]),
        lead_span=_span(row["lead_span"]),
        body_start=row["body_start"],
        published=row["published"],
        source=row["source"],
        url=row["url"],
        dateline=dateline,
        lead_in_body=row["lead_in_body"],
        origin=row["origin"],
        metadata=json.loads(row["metadata"]) if row["metadata"] else {},
        repairs=_repairs(row.get("repairs")),
    )


def span_lists(spans: Iterable[tuple[int, int]]) -> list[list[int]]:
    return [list(span) for span in spans]


def _spans(value: Any) -> tuple[tuple[int, int], ...]:
    return tuple((int(s[0]), int(s[1])) for s in value or ())


# Fields stored as lists that the records keep as tuples of spans, or as tuples.
_SPAN_LISTS = frozenset(
    {"spans", "source_spans", "cue_spans", "content_spans", "trigger_spans", "clause_spans",
     "date_spans"}
)  # fmt: skip
_TUPLES = frozenset({"aliases", "claimants"})
Record = TypeVar("Record")


def record(cls: type[Record], row: dict[str, Any], **columns: str) -> Record:
    """A fact record from its row: fields take the column of the same name (or the one given
    in ``columns``); ``span`` comes from span_start/span_end; list columns become tuples."""
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name == "span" and "span_start" in row:
            values["span"] = (row["span_start"], row["span_end"])
            continue
        column = columns.get(f.name, f.name)
        if column not in row:
            continue
        value = row[column]
        if f.name in _SPAN_LISTS:
            value = _spans(value)
        elif f.name in _TUPLES:
            value = tuple(value or ())
        values[f.name] = value
    return cls(**values)
