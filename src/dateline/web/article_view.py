"""An article's text cut into segments, each lit by the facts whose spans cover it, and the
facts' cards: what the article page shows. Pure: records in, plain data out.

Facts are actors (A1...), dates (D1...), places (P1...), quotes (Q1..., as source, cue and
content), events (E1..., as trigger and clause) and quantities (N1...). A segment links to the
narrowest fact over it; its ``facts`` are all of them, so a page can light each fact's spans.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from dateline.records import Analysis, Event, Participant, Span


@dataclass
class Segment:
    text: str
    kinds: tuple[str, ...] = ()  # CSS classes: actor, date, place, source, cue, content, ...
    target: str | None = None  # the narrowest fact over it
    facts: tuple[str, ...] = ()


@dataclass
class Fact:
    id: str
    kind: str  # actor, date, place, quote, event, quantity
    label: str
    spans: list[Span]
    card: dict[str, Any] = field(default_factory=dict)
    modality: str | None = None
    per: str | None = None  # who asserts it, when someone other than the outlet does


@dataclass
class ArticleView:
    segments: list[Segment]
    facts: list[Fact]


def article_view(analysis: Analysis, incidents: dict[str, str] | None = None) -> ArticleView:
    facts = _facts(analysis, incidents or {})
    marks: list[tuple[int, int, str, str]] = []  # start, end, fact id, kind of span
    for fact in facts:
        for start, end in fact.spans:
            marks.append((start, end, fact.id, fact.kind))
    for event in analysis.events:
        marks += [(s, e, event.id, "trigger") for s, e in event.trigger_spans]
        marks += [(s, e, event.id, "clause") for s, e in event.clause_spans]
    for quote in analysis.quotes:
        marks += [(s, e, quote.id, "source") for s, e in quote.source_spans]
        marks += [(s, e, quote.id, "cue") for s, e in quote.cue_spans]
        marks += [(s, e, quote.id, "content") for s, e in quote.content_spans]
    text = analysis.article.text
    marks = [(max(0, s), min(len(text), e), f, k) for s, e, f, k in marks if s < e]
    return ArticleView(_segments(text, marks), facts)


def _segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[Segment]:
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    by_start = sorted(marks)
    active: list[tuple[int, int, str, str]] = []
    out, i = [], 0
    for left, right in itertools.pairwise(cuts):
        while i < len(by_start) and by_start[i][0] <= left:
            active.append(by_start[i])
            i += 1
        active = [m for m in active if m[1] > left]
        piece = text[left:right]
        if not active:
            out.append(Segment(piece))
            continue
        narrowest = min(active, key=lambda m: (m[1] - m[0], m[2]))
        kinds = tuple(sorted({m[3] for m in active}))
        facts = tuple(dict.fromkeys(m[2] for m in sorted(active, key=lambda m: m[1] - m[0])))
        out.append(Segment(piece, kinds, narrowest[2], facts))
    return out


def _facts(analysis: Analysis, incidents: dict[str, str]) -> list[Fact]:
    names = {a.id: a.name for a in analysis.actors}
    facts: list[Fact] = []
    mention_spans: dict[str, list[Span]] = {}
    for m in analysis.mentions:
        mention_spans.setdefault(m.actor, []).append(m.span)
    for a in analysis.actors:
        spans = sorted(set(a.spans) | set(mention_spans.get(a.id, [])))
        facts.append(Fact(a.id, "actor", a.name, spans, {
            "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
            "role": a.role, "aliases": list(a.aliases), "wikidata": a.wikidata,
        }))  # fmt: skip
    for n, d in enumerate(analysis.dates, 1):
        facts.append(Fact(f"D{n}", "date", d.text, [d.span], {
            "text": d.text, "type": d.type, "value": d.value, "mod": d.mod,
            "resolution": d.resolution, "anchor": d.anchor,
        }))  # fmt: skip
    for n, p in enumerate(analysis.places, 1):
        facts.append(Fact(f"P{n}", "place", p.name, [p.span], {
            "name": p.name, "text": p.text, "country": p.country, "feature": p.feature_code,
            "precision": p.precision, "latitude": p.latitude, "longitude": p.longitude,
            "geonames_id": p.geonames_id,
        }))  # fmt: skip
    for q in analysis.quotes:
        speaker = names.get(q.speaker or "", q.source or "")
        facts.append(Fact(q.id, "quote", f"{speaker or '?'} {q.cue or ''}".strip(), [], {
            "speaker": speaker, "speaker_id": q.speaker, "stance": q.stance, "cue": q.cue,
            "content": q.content, "kind": q.kind, "said_on": q.said_on,
            "addressee": q.addressee, "denies": q.denies,
        }, modality=_stance_badge(q.stance)))  # fmt: skip
    for e in analysis.events:
        facts.append(_event_fact(e, names, analysis, incidents.get(e.id)))
    for n, amount in enumerate(analysis.quantities, 1):
        facts.append(Fact(f"N{n}", "quantity", amount.text, [amount.span], {
            "text": amount.text, "value": amount.value, "unit": amount.unit,
            "qualifier": amount.qualifier, "effect": amount.effect, "event": amount.event,
        }, modality=amount.modality, per=_per(amount.attributed_to, analysis)))  # fmt: skip
    return facts


def _event_fact(e: Event, names: dict[str, str], analysis: Analysis, incident: str | None) -> Fact:
    def party(p: Participant) -> dict[str, Any]:
        return {"name": names.get(p.actor or "", p.text), "text": p.text, "actor_id": p.actor,
                "country": p.country, "sector": p.sector}  # fmt: skip

    place = e.location
    return Fact(
        e.id,
        "event",
        f"{e.type} ({e.trigger})",
        [],
        {
            "type": e.type,
            "mode": e.mode,
            "trigger": e.trigger,
            "actors": [party(p) for p in e.actors],
            "recipients": [party(p) for p in e.recipients],
            "date": e.date,
            "date_mod": e.date_mod,
            "place": place.name if place else None,
            "place_country": place.country if place else None,
            "quote": e.quote,
            "cameo": e.cameo,
            "quad_class": e.quad_class,
            "goldstein": e.goldstein,
            "confidence": round(e.confidence, 2),
            "quantities": [q.text for q in e.quantities],
            "incident": incident,
        },
        modality=e.modality,
        per=_per(e.attribution, analysis),
    )


# A quote's stance as the modality badge of what it says.
_STANCE_BADGES = {
    "claims": "claimed", "denies": "denied", "intends": "planned", "expects": "expected",
    "believes": "possible", "questions": "questioned",
}  # fmt: skip


def _stance_badge(stance: str) -> str | None:
    return _STANCE_BADGES.get(stance)


def _per(who: str | None, analysis: Analysis) -> str | None:
    """Who a fact is attributed to, unless it is only the outlet reporting it."""
    if not who or who == analysis.article.source:
        return None
    return who
