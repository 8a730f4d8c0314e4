"""Incidents: the events of several reports (and the retellings in one) that are one happening.

Conservative by construction: a false split is better than a false merge.

- **Candidates** are events of one type in one story (or, without stories, within a day of each
  other): blocking keeps the cost near-linear in the events.
- **Evidence** between two reports: the same day (their own dates, else their articles'), the
  same place, shared actors or recipients (by name, else by country), the same trigger word,
  compatible figures. Each adds to a score, and a link needs ``LINK_SCORE``: a shared type and
  story alone never merge two events.
- **Vetoes**: days more than ``MAX_DAYS_APART`` apart, places in different countries or more than
  ``MAX_KM_APART`` apart, actors of disjoint countries on the same side. A veto holds between
  whole incidents too: links are taken best first, and one that would put two vetoed reports in
  one incident is refused, so "a bombing in Kabul" and "a bombing in Kandahar" on one day stay
  two incidents even when a third report, placed nowhere, resembles both.

The result is a function of the set of reports (links are taken in a fixed order), so merging
is the same in any order of arrival.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.stories.cluster import UnionFind
from dateline.stories.fields import field_tables
from dateline.stories.model import EventReport, Incident

LINK_SCORE = 2.0
MAX_DAYS_APART = 2
MAX_KM_APART = 50.0
WEIGHTS = {
    "same day": 1.0,
    "same place": 1.5,
    "same country": 0.5,
    "shared actor": 1.0,
    "shared recipient": 1.0,
    "same trigger": 0.5,
    "same figures": 0.5,
}


@dataclass(frozen=True)
class Evidence:
    a: str
    b: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Facts:
    """What evidence compares of a report, computed once per report."""

    day: dt.date | None
    place: str | None
    actor_names: frozenset[str]
    recipient_names: frozenset[str]
    actor_countries: frozenset[str]
    recipient_countries: frozenset[str]
    figures: frozenset[tuple[str, float]]

    @classmethod
    def of(cls, r: EventReport) -> _Facts:
        return cls(
            r.full_day(),
            r.place.casefold() if r.place else None,
            frozenset(p.name.casefold() for p in r.actors if p.name),
            frozenset(p.name.casefold() for p in r.recipients if p.name),
            frozenset(p.country for p in r.actors if p.country),
            frozenset(p.country for p in r.recipients if p.country),
            frozenset((f.effect, f.value) for f in r.figures),
        )


def km_apart(a: EventReport, b: EventReport) -> float | None:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def veto(
    a: EventReport, b: EventReport, fa: _Facts | None = None, fb: _Facts | None = None
) -> str | None:
    """Why two reports cannot be one happening, if they cannot."""
    fa, fb = fa or _Facts.of(a), fb or _Facts.of(b)
    if a.type != b.type:
        return "different types"
    if fa.day and fb.day and abs((fa.day - fb.day).days) > MAX_DAYS_APART:
        return "days apart"
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return "places in different countries"
    distance = km_apart(a, b)
    if distance is not None and distance > MAX_KM_APART:
        return "places far apart"
    if _other_parties(fa.actor_countries, fb.actor_countries, fa.actor_names, fb.actor_names):
        return "actors of other countries"
    if _other_parties(
        fa.recipient_countries, fb.recipient_countries, fa.recipient_names, fb.recipient_names
    ):
        return "recipients of other countries"
    return None


def _other_parties(
    countries_a: frozenset[str],
    countries_b: frozenset[str],
    names_a: frozenset[str],
    names_b: frozenset[str],
) -> bool:
    """One side's parties are of other countries and none is named by both reports."""
    return bool(countries_a and countries_b and not countries_a & countries_b
                and not names_a & names_b)  # fmt: skip


def evidence(
    a: EventReport, b: EventReport, fa: _Facts | None = None, fb: _Facts | None = None
) -> Evidence | None:
    """The evidence that two reports are one happening, or None when they cannot be."""
    fa, fb = fa or _Facts.of(a), fb or _Facts.of(b)
    if veto(a, b, fa, fb):
        return None
    reasons = []
    if fa.day and fa.day == fb.day:
        reasons.append("same day")
    if (fa.place and fa.place == fb.place) or (
        (distance := km_apart(a, b)) is not None and distance <= 10
    ):
        reasons.append("same place")
    elif a.place_country and a.place_country == b.place_country:
        reasons.append("same country")
    if fa.actor_names & fb.actor_names:
        reasons.append("shared actor")
    if fa.recipient_names & fb.recipient_names:
        reasons.append("shared recipient")
    if a.lemma and a.lemma == b.lemma:
        reasons.append("same trigger")
    if fa.figures & fb.figures:
        reasons.append("same figures")
    score = sum(WEIGHTS[r] for r in reasons)
    key_a, key_b = sorted((a.key, b.key))
    return Evidence(key_a, key_b, round(score, 2), tuple(reasons))


def _blocks(reports: Sequence[EventReport]) -> dict[tuple[str, str, str], list[EventReport]]:
    """Reports that may be one happening: one type, one story (or none), and days at most
    ``MAX_DAYS_APART`` apart: each report is in the blocks of its day and the days around it,
    so that two reports that close share a block."""
    blocks: dict[tuple[str, str, str], list[EventReport]] = {}
    half = (MAX_DAYS_APART + 1) // 2
    for report in reports:
        day = report.full_day()
        days = ([str(day + dt.timedelta(days=d)) for d in range(-half, half + 1)]
                if day else ["undated"])  # fmt: skip
        for key in days:
            blocks.setdefault((report.type, report.story or "", key), []).append(report)
    return blocks


def merge_incidents(reports: Sequence[EventReport]) -> list[Incident]:
    """The incidents of these reports, each with its members, consensus and disagreements."""
    by_key = {r.key: r for r in reports}
    facts = {r.key: _Facts.of(r) for r in reports}
    links: dict[tuple[str, str], Evidence] = {}
    for block in _blocks(reports).values():
        ordered = sorted(block, key=lambda r: r.key)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if (min(a.key, b.key), max(a.key, b.key)) in links:
                    continue
                found = evidence(a, b, facts[a.key], facts[b.key])
                if found and found.score >= LINK_SCORE:
                    links[(found.a, found.b)] = found
    groups = UnionFind()
    members: dict[str, list[str]] = {}
    for key in sorted(by_key):
        groups.find(key)
        members[key] = [key]
    taken: dict[str, list[Evidence]] = {}
    for link in sorted(links.values(), key=lambda e: (-e.score, e.a, e.b)):
        ra, rb = groups.find(link.a), groups.find(link.b)
        if ra == rb:
            taken.setdefault(ra, []).append(link)
            continue
        if any(veto(by_key[x], by_key[y], facts[x], facts[y])
               for x in members[ra] for y in members[rb]):  # fmt: skip
            continue  # one report of each would be vetoed: keep the incidents apart
        groups.union(ra, rb)
        root = groups.find(ra)
        members[root] = members.pop(ra) + members.pop(rb)
        taken[root] = [*taken.pop(ra, []), *taken.pop(rb, []), link]
    incidents = [
        incident_of([by_key[k] for k in keys], taken.get(root, []))
        for root, keys in members.items()
    ]
    return sorted(incidents, key=lambda i: (i.first_day or dt.date.max, i.id))


def incident_of(reports: Sequence[EventReport], links: Sequence[Evidence]) -> Incident:
    ordered = sorted(reports, key=lambda r: (r.article_day or dt.date.max, r.key))
    days = sorted(d for r in ordered if (d := r.full_day()) is not None)
    published = sorted(r.article_day for r in ordered if r.article_day is not None)
    places = _most_common([r.place for r in ordered if r.place])
    place = places[0] if places else None
    place_country = next((r.place_country for r in ordered if r.place == place), None)
    wires = {r.wire or r.source or r.article_id for r in ordered}
    reasons = sorted({reason for link in links for reason in link.reasons})
    digest = hashlib.sha1(ordered[0].key.encode("utf-8")).hexdigest()[:12]
    return Incident(
        id="I" + digest,
        story=ordered[0].story,
        type=ordered[0].type,
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        place=place,
        place_country=place_country,
        actors=tuple(_most_common([p.name for r in ordered for p in r.actors])[:5]),
        recipients=tuple(_most_common([p.name for r in ordered for p in r.recipients])[:5]),
        members=tuple(ordered),
        num_mentions=len(ordered),
        num_articles=len({r.article_id for r in ordered}),
        num_sources=len(wires),
        sources=tuple(sorted({r.source for r in ordered if r.source})),
        urls=tuple(sorted({r.url for r in ordered if r.url})),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        score=round(min((link.score for link in links), default=0.0), 2),
        evidence=tuple(reasons),
        fields=field_tables(ordered),
    )


def _most_common(values: Sequence[str]) -> list[str]:
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for i, value in enumerate(values):
        counts[value] = counts.get(value, 0) + 1
        first.setdefault(value, i)
    return sorted(counts, key=lambda v: (-counts[v], first[v]))
