"""Typed records shared by every layer of Dateline.

Every fact carries the character spans it was read from (offsets into ``Article.text``, the
article as read: headline, lead and body joined by newlines) and the name+version of the
extractor that made it, so two versions of an extractor can run side by side and be compared.
This module imports nothing from the project and nothing from spaCy or DuckDB.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
"""A half-open ``[start, end)`` character range into ``Article.text``."""

ActorKind = Literal["person", "organisation", "country", "group", "government"]


@dataclass(frozen=True, slots=True)
class Dateline:
    """The wire dateline that opens a story: ``MOSCOW, March 4. /TASS/.``."""

    place: str | None
    month: int | None
    day: int | None
    year: int | None
    agency: str | None
    span: Span
    agency_span: Span | None = None
    year_inferred: bool = False
    """True when no metadata gave the year and it was inferred from the text."""
    year_confidence: float | None = None
    year_candidates: tuple[int, ...] = ()

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Repair:
    """Damaged characters of the source repaired at read time (``"?`` → ``”``)."""

    span: Span
    """Where the repaired characters stand in ``Article.text``."""
    original: str
    """What the source had there."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read, before any NLP.

    ``text`` is the whole article as read (headline, lead and body; for a JSON or CSV record they
    are joined by newlines) and every span of every fact points into it. ``body_start`` is where
    the story proper begins, after the dateline.
    """

    id: str
    text: str
    title_span: Span | None
    lead_span: Span | None
    body_start: int
    published: dt.date | None
    source: str | None
    url: str | None = None
    dateline: Dateline | None = None
    lead_in_body: bool = False
    """The lead repeats a sentence of the body; extractors skip it so no fact counts twice."""
    origin: str = "<text>"
    """Where it was read from: a path, ``path:line`` or ``archive!member``."""
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    repairs: tuple[Repair, ...] = ()
    """Damaged characters repaired at read time; ``text`` holds the repaired characters."""

    @property
    def title(self) -> str | None:
        return self.text[slice(*self.title_span)] if self.title_span else None

    @property
    def lead(self) -> str | None:
        return self.text[slice(*self.lead_span)] if self.lead_span else None

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def date(self) -> dt.date | None:
        """The article's date: metadata first, else the dateline's date."""
        if self.published is not None:
            return self.published
        return self.dateline.date if self.dateline else None


@dataclass(frozen=True, slots=True)
class Actor:
    """One canonical participant of an article: a person, organisation, country or group."""

    id: str
    name: str
    kind: ActorKind
    country: str | None
    """ISO 3166 alpha-3 code, or ``IGO`` for an intergovernmental organisation."""
    sector: str | None
    """PLOVER sector: GOV, MIL, REB, COP, JUD, LEG, PTY, JRN, CVL, BUS, REF, OPP, UAF, IGO..."""
    role: str | None
    aliases: tuple[str, ...]
    spans: tuple[Span, ...]
    extractor: str
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that refers to an actor."""

    text: str
    span: Span
    actor: str
    """The id of the ``Actor`` it refers to."""
    how: str
    """How it was linked: name, alias, surname, role, metonymy, gazetteer, demonym, keyword."""
    sentence: int
    extractor: str

    @property
    def spans(self) -> tuple[Span, ...]:
        return (self.span,)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression normalised to TIMEX3, with how its value was found."""

    text: str
    span: Span
    type: str
    """TIMEX3 type: DATE, TIME, DURATION or SET."""
    value: str | None
    """TIMEX3 value: 2020-03-05, 2020-02, 2019, P3D, PRESENT_REF, XXXX-WXX-4..."""
    mod: str | None
    """TIMEX3 mod: START, MID, END, APPROX, EQUAL_OR_LESS, MORE_THAN..."""
    resolution: str
    """explicit, article_date, speech_time, inferred_year or unanchored."""
    anchor: str | None
    """The ISO date a relative value was computed from."""
    sentence: int
    extractor: str

    @property
    def spans(self) -> tuple[Span, ...]:
        return (self.span,)


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to a gazetteer entry (GeoNames where the id is known)."""

    text: str
    span: Span
    name: str
    geonames_id: int | None
    feature_class: str | None
    """GeoNames feature class: P (populated place), A (country, region), L, S, T, H."""
    feature_code: str | None
    """GeoNames feature code: PPLC (capital), PPLA, PPL, ADM1, PCLI (country), ..."""
    country: str | None
    """ISO 3166 alpha-3."""
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int | None
    precision: str
    """exact (a town or site), region (an admin1 region) or country, in ACLED's spirit."""
    sentence: int
    extractor: str
    confidence: float = 1.0

    @property
    def spans(self) -> tuple[Span, ...]:
        return (self.span,)


@dataclass(frozen=True, slots=True)
class Quote:
    """An attribution: who (source) said, claimed, denied or believed what (content), with
    which cue. ``kind``: direct, indirect, mixed, according_to, claim, belief, intention, denial."""

    id: str
    kind: str
    speaker: str | None
    """The id of the speaker's ``Actor``; None for a source that is no actor of the article."""
    source: str | None
    """The source as written ("he", "a senior official", "reports on the Kremlin website")."""
    source_spans: tuple[Span, ...]
    cue: str | None
    cue_lemma: str | None
    cue_spans: tuple[Span, ...]
    stance: str
    """asserts, claims, denies, expects, believes, questions or intends."""
    content: str
    content_spans: tuple[Span, ...]
    sentence: int
    extractor: str
    said_on: str | None = None
    """The TIMEX3 value of when it was said, where the text gives it."""
    addressee: str | None = None
    denies: str | None = None
    """For a denial: the allegation denied."""
    claimants: tuple[str, ...] = ()
    """For a denial: the actor ids of those who made the allegation."""

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple(sorted({*self.source_spans, *self.cue_spans, *self.content_spans}))


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor or recipient of an event: an actor of the article where one is named, else an
    unnamed but typed party ("Hungarian officials" → HUN GOV), with the words it was read from."""

    text: str
    span: Span
    actor: str | None
    """The id of the article's ``Actor``; None for a party that is no actor of the article."""
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the text with what it counts and how exact it is: "more than 200 targets
    had been hit" → 200, targets, lower_bound, hit."""

    text: str
    span: Span
    value: float | None
    unit: str | None
    """What is counted, as written: "Turkish soldiers", "phone calls", "times"."""
    qualifier: str
    """exact, lower_bound ("more than", "at least"), upper_bound ("up to") or approximate."""
    effect: str | None
    """What happened to what is counted: killed, injured, arrested, hit, displaced..."""
    sentence: int
    extractor: str
    event: str | None = None
    """The id of the ``Event`` it is bound to."""
    attributed_to: str | None = None
    """The actor id (or outlet) that asserts the number: the speaker of the statement it is
    in, else the article's source."""
    modality: str = "asserted"
    claimants: tuple[str, ...] = ()
    """For a number inside a denied allegation: the actor ids of those who alleged it."""

    @property
    def spans(self) -> tuple[Span, ...]:
        return (self.span,)


@dataclass(frozen=True, slots=True)
class Event:
    """One event mention coded in PLOVER v2: who did what to whom, when, where, how sure the
    text is, and who says so."""

    id: str
    type: str
    """PLOVER type: AGREE, CONSULT, SUPPORT, ..., COERCE, ASSAULT."""
    mode: str | None
    context: str | None
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...]
    modality: str
    """asserted, planned, expected, possible, requested, negated, denied, claimed, historical
    or hypothetical."""
    attributed_to: str | None
    """The actor id of who asserts it (the speaker of the statement it is in, else the
    article's outlet); None when the outlet is no actor of the article."""
    attribution: str | None
    """The same as written: "Ankara", "TASS"."""
    trigger: str
    trigger_spans: tuple[Span, ...]
    clause_spans: tuple[Span, ...]
    sentence: int
    confidence: float
    extractor: str
    cameo: str
    """The mapped CAMEO code (root 01–20, or a finer code where the mode gives one)."""
    quad_class: int
    goldstein: float
    date: str | None = None
    """TIMEX3 value of when it happened, where the text ties a date to it."""
    date_mod: str | None = None
    date_resolution: str | None = None
    """How the date was tied: clause, governing_clause or narrative (the paragraph's previous
    event), on top of the date's own resolution."""
    date_spans: tuple[Span, ...] = ()
    location: Place | None = None
    quote: str | None = None
    """The id of the ``Quote`` whose content holds the event."""
    quantities: tuple[Quantity, ...] = ()

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple(sorted({*self.trigger_spans, *self.clause_spans}))


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything Dateline read out of one article."""

    article: Article
    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    quantities: tuple[Quantity, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read or analysed, with the stage that failed and why."""

    origin: str
    stage: Literal["read", "analyze", "store"]
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
