"""What incident merging reads of an event, and what it makes: incidents with their evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Party:
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Figure:
    """A number an event reports: "at least 10 killed" is (killed, 10, lower_bound)."""

    effect: str
    value: float
    qualifier: str = "exact"  # exact, lower_bound, upper_bound, approximate
    text: str = ""
    attributed_to: str | None = None


@dataclass(frozen=True)
class EventReport:
    """One event as one article tells it, with what its article says of where it came from."""

    article_id: str
    event_id: str
    type: str
    modality: str = "asserted"
    day: str | None = None  # the event's own date (TIMEX3 YYYY[-MM[-DD]]), if the text gives one
    article_day: dt.date | None = None
    source: str | None = None  # the outlet
    wire: str | None = None  # the source group: the agency it carries, or the outlet
    url: str | None = None
    story: str | None = None
    place: str | None = None
    place_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    actors: tuple[Party, ...] = ()
    recipients: tuple[Party, ...] = ()
    figures: tuple[Figure, ...] = ()
    attribution: str | None = None
    trigger: str = ""
    lemma: str | None = None

    @property
    def key(self) -> str:
        return f"{self.article_id}/{self.event_id}"

    def full_day(self) -> dt.date | None:
        """The day it happened: its own full date, else its article's day."""
        if self.day and len(self.day) == 10:
            try:
                return dt.date.fromisoformat(self.day)
            except ValueError:
                return self.article_day
        return self.article_day


@dataclass(frozen=True)
class FieldValue:
    value: Any
    source: str | None
    article_id: str
    event_id: str
    published: dt.date | None
    attributed_to: str | None = None
    qualifier: str | None = None


@dataclass(frozen=True)
class FieldTable:
    """One field of an incident as every source gives it, and whether they agree."""

    field: str  # "killed", "date", "place", "actors", "recipients", "modality", ...
    status: str  # single_source, agree, evolving, conflicting
    values: tuple[FieldValue, ...]
    low: float | None = None  # for figures, as UCDP keeps them
    best: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Incident:
    id: str
    story: str | None
    type: str
    first_day: dt.date | None
    last_day: dt.date | None
    place: str | None
    place_country: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    members: tuple[EventReport, ...]
    num_mentions: int
    num_articles: int
    num_sources: int
    sources: tuple[str, ...]
    urls: tuple[str, ...]
    first_reported: dt.date | None
    last_reported: dt.date | None
    score: float
    evidence: tuple[str, ...]
    fields: tuple[FieldTable, ...] = field(default=())

    @property
    def disputed(self) -> bool:
        return any(f.status == "conflicting" for f in self.fields)
