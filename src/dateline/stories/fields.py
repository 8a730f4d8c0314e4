"""Disagreement, field by field: what each source says of an incident, and whether they agree.

Every field keeps each source's value with its attribution and article. Its status:

- ``single_source``: one source (syndicated copies of one wire text are one source);
- ``agree``: every value is compatible with every other ("at least 10" and "12"; "about 30"
  and "32");
- ``evolving``: the values differ, but each report is compatible with those of its own day and
  a figure only grows from one day to the next (a toll revised upwards);
- ``conflicting``: sources disagree at the same time (two tolls on one day, a place or a date
  that differ, an event asserted by one outlet and denied or called a claim by another).

Figures keep UCDP's low / best / high: the lowest and highest values reported, and as best the
value most sources gave on the latest day reported, stated figures before bounds ("12" before
"at least 10"; the median of that day's values on a tie).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Sequence
from typing import Any

from dateline.stories.model import EventReport, FieldTable, FieldValue

APPROXIMATE = 0.10  # "about 30" is compatible with 27 to 33
TOLLS = {"killed", "injured", "wounded", "dead", "arrested", "detained", "displaced", "missing",
         "kidnapped", "abducted", "evacuated", "hit"}  # fmt: skip


def compatible(a: FieldValue, b: FieldValue) -> bool:
    """Whether two figures can both be true: exact values equal, or within a bound."""
    x, y = float(a.value), float(b.value)
    qa, qb = a.qualifier or "exact", b.qualifier or "exact"
    if qa == "exact" and qb == "exact":
        return x == y
    if "approximate" in (qa, qb):
        return abs(x - y) <= APPROXIMATE * max(x, y)
    low_a, high_a = _bounds(x, qa)
    low_b, high_b = _bounds(y, qb)
    return max(low_a, low_b) <= min(high_a, high_b)


def _bounds(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "lower_bound":
        return value, float("inf")
    if qualifier == "upper_bound":
        return 0.0, value
    return value, value


def _source(report: EventReport) -> str:
    return report.wire or report.source or report.article_id


def _value(report: EventReport, value: Any, **extra: Any) -> FieldValue:
    return FieldValue(
        value=value,
        source=report.source,
        article_id=report.article_id,
        event_id=report.event_id,
        published=report.article_day,
        attributed_to=extra.get("attributed_to", report.attribution),
        qualifier=extra.get("qualifier"),
    )


def field_tables(reports: Sequence[EventReport]) -> tuple[FieldTable, ...]:
    tables = []
    sources = {r.key: _source(r) for r in reports}
    for effect in sorted({f.effect for r in reports for f in r.figures}):
        values = [
            _value(
                r, f.value, attributed_to=f.attributed_to or r.attribution, qualifier=f.qualifier
            )
            for r in reports
            for f in r.figures
            if f.effect == effect
        ]
        tables.append(_figure_table(effect, values, sources))
    simple: list[tuple[str, Callable[[EventReport], Any]]] = [
        ("date", lambda r: r.day if r.day and len(r.day) == 10 else None),
        ("place", lambda r: r.place),
        ("actors", lambda r: ", ".join(sorted({p.name for p in r.actors})) or None),
        ("recipients", lambda r: ", ".join(sorted({p.name for p in r.recipients})) or None),
        ("modality", lambda r: r.modality),
    ]
    for name, get in simple:
        values = [_value(r, v) for r in reports if (v := get(r)) is not None]
        if values:
            tables.append(_categorical_table(name, values, sources))
    return tuple(tables)


def _key(value: FieldValue) -> str:
    return f"{value.article_id}/{value.event_id}"


def _status_of_sources(values: Sequence[FieldValue], sources: dict[str, str]) -> int:
    return len({sources.get(_key(v), v.article_id) for v in values})


def _categorical_table(name: str, values: list[FieldValue], sources: dict[str, str]) -> FieldTable:
    if _status_of_sources(values, sources) == 1:
        status = "single_source"
    elif name in ("actors", "recipients"):
        status = "agree" if _names_overlap(values, sources) else "conflicting"
    elif name == "modality":
        status = "conflicting" if _disputed(values, sources) else "agree"
    else:
        distinct = {str(v.value).casefold() for v in values}
        status = "agree" if len(distinct) == 1 else "conflicting"
    return FieldTable(name, status, tuple(values))


def _name_words(value: FieldValue) -> set[str]:
    return {w for w in str(value.value).casefold().replace(",", " ").split() if len(w) > 3}


def _by_source(
    values: Sequence[FieldValue], sources: dict[str, str]
) -> dict[str, list[FieldValue]]:
    out: dict[str, list[FieldValue]] = {}
    for value in values:
        out.setdefault(sources.get(_key(value), value.article_id), []).append(value)
    return out


def _names_overlap(values: Sequence[FieldValue], sources: dict[str, str]) -> bool:
    """Every two sources name a party in common ("Ziyed Ben Belgacem" and "Ben Belgacem"
    share a name): sources that name only different parties disagree on who acted."""
    words = [set().union(*(_name_words(v) for v in group))
             for group in _by_source(values, sources).values()]  # fmt: skip
    return all(a & b for i, a in enumerate(words) for b in words[i + 1 :] if a and b)


# An event one source asserts and another denies, negates or calls a claim is disputed;
# "planned" in one report and "asserted" in a later one is a story moving on, not a dispute.
_DISPUTING = {"denied", "negated", "claimed", "alleged"}


def _disputed(values: Sequence[FieldValue], sources: dict[str, str]) -> bool:
    kinds = {source: {str(v.value) for v in group}
             for source, group in _by_source(values, sources).items()}  # fmt: skip
    asserting = {s for s, k in kinds.items() if "asserted" in k}
    disputing = {s for s, k in kinds.items() if k & _DISPUTING}
    return bool(asserting and disputing and (asserting | disputing) != (asserting & disputing))


def _figure_table(effect: str, values: list[FieldValue], sources: dict[str, str]) -> FieldTable:
    numbers = [float(v.value) for v in values]
    low, high = min(numbers), max(numbers)
    best = _best(values)
    if _status_of_sources(values, sources) == 1:
        status = "single_source"
    elif all(compatible(a, b) for a in values for b in values):
        status = "agree"
    elif effect in TOLLS and _evolving(values):
        status = "evolving"
    else:
        status = "conflicting"
    return FieldTable(effect, status, tuple(values), low=low, best=best, high=high)


def _by_day(values: Sequence[FieldValue]) -> dict[dt.date | None, list[FieldValue]]:
    days: dict[dt.date | None, list[FieldValue]] = {}
    for value in values:
        days.setdefault(value.published, []).append(value)
    return days


def _evolving(values: Sequence[FieldValue]) -> bool:
    """Compatible within each day, and growing from one day to the next."""
    days = _by_day(values)
    if None in days or len(days) < 2:
        return False
    previous = None
    for day in sorted(d for d in days if d is not None):
        same_day = days[day]
        if not all(compatible(a, b) for a in same_day for b in same_day):
            return False
        top = max(float(v.value) for v in same_day)
        if previous is not None and top < previous:
            return False
        previous = top
    return True


def _best(values: Sequence[FieldValue]) -> float:
    """The latest day's most reported figure, counting stated figures before bounds."""
    days = _by_day(values)
    latest = max((d for d in days if d is not None), default=None)
    chosen = days[latest] if latest in days else list(values)
    stated = [v for v in chosen if (v.qualifier or "exact") in ("exact", "approximate")]
    chosen = stated or chosen
    counts: dict[float, int] = {}
    for v in chosen:
        counts[float(v.value)] = counts.get(float(v.value), 0) + 1
    top = max(counts.values())
    modes = [v for v, n in counts.items() if n == top]
    return float(statistics.median(modes))
