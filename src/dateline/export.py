"""``dateline export``: the stored records in formats other tools read.

- ``jsonl``: one analysis per line, as ``dateline analyze --json`` prints it;
- ``csv`` and ``parquet``: one event per row (participants as ``name [CTY SEC]`` lists), written
  by DuckDB;
- ``gdelt-events``: GDELT 2.0 Event rows (61 tab-separated columns), one per actor–recipient
  pair of an event (PLOVER keeps lists; GDELT is dyadic);
- ``gdelt-gkg``: GDELT GKG 2.1 rows (27 columns), one per article, with ``V2.1QUOTATIONS``
  carrying our speakers in the verb slot, ``V2.1ENHANCEDDATES`` our TIMEX3 dates and
  ``V1COUNTS``/``V2.1COUNTS``/``V2.1AMOUNTS`` our quantities.

What GDELT has and Dateline does not compute is left empty (tone, GCAM, images, actor
geography), and country codes in the geography columns are ISO 3166 alpha-2, not GDELT's FIPS
10-4, which no offline package ships. Columns are as in the GDELT 2.0 Event and GKG 2.1
codebooks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateline.errors import InputError
from dateline.records import Analysis, Event, Participant, Place, Quote
from dateline.serialize import analysis_to_dict
from dateline.store import Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt-events", "gdelt-gkg")
GDELT_EVENT_COLUMNS = 61
GKG_COLUMNS = 27
# GDELT's counts by what happened to what is counted (GKG 2.1 codebook, COUNTTYPE).
_COUNT_TYPES = {
    "killed": "KILL", "injured": "WOUND", "arrested": "ARREST", "detained": "ARREST",
    "abducted": "KIDNAP", "displaced": "DISPLACED", "evacuated": "EVACUATION",
}  # fmt: skip
# GDELT geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_TYPES = {"country": 1, "region": 5, "exact": 4}


def export(store: Store, fmt: str, path: Path) -> int:
    """Write the database's records to ``path`` in ``fmt``; returns how many rows."""
    if fmt in {"csv", "parquet"}:
        return store.copy_events(path, fmt)
    writers = {"jsonl": _jsonl_lines, "gdelt-events": gdelt_event_lines, "gdelt-gkg": _gkg_lines}
    if fmt not in writers:
        raise InputError(str(path), f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    count = 0
    try:
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for line in writers[fmt](store):
                out.write(line + "\n")
                count += 1
    except OSError as err:
        raise InputError(str(path), f"cannot write the export ({err})") from err
    return count


def _analyses(store: Store) -> Iterator[Analysis]:
    for row in store.query("SELECT id FROM articles ORDER BY article_date NULLS LAST, id"):
        yield store.article(row["id"])


def _jsonl_lines(store: Store) -> Iterator[str]:
    for analysis in _analyses(store):
        yield json.dumps(analysis_to_dict(analysis), ensure_ascii=False, default=str)


# -- GDELT 2.0 events -------------------------------------------------------------------------
# An incident's counts, for each of its events: NumMentions, NumSources, NumArticles, and
# IsRootEvent, 1 when some report of the incident tells it in a lead sentence (GDELT's proxy
# for an important event, now across every report of the happening).
_INCIDENT_COUNTS = """
SELECT m.article_id, m.event_id, i.num_mentions, i.num_sources, i.num_articles,
       bool_or(e.sentence <= 1) OVER (PARTITION BY m.incident_id) AS in_a_lead
FROM incident_events m
JOIN incidents i ON i.incident_id = m.incident_id
JOIN events e ON e.article_id = m.article_id AND e.event_id = m.event_id
"""


def gdelt_event_lines(store: Store, wanted: set[tuple[str, str]] | None = None) -> Iterator[str]:
    """GDELT 2.0 Event rows of every event, or of the (article id, event id) pairs ``wanted``."""
    added = dt.datetime.now().strftime("%Y%m%d%H%M%S")
    counts = {(r["article_id"], r["event_id"]): r for r in store.query(_INCIDENT_COUNTS)}
    if wanted is None:
        analyses = _analyses(store)
    else:
        analyses = (store.article(a) for a in sorted({a for a, _ in wanted}))
    for analysis in analyses:
        names = {a.id: a.name for a in analysis.actors}
        day = analysis.article.date
        for event in analysis.events:
            if wanted is not None and (analysis.article.id, event.id) not in wanted:
                continue
            incident = counts.get((analysis.article.id, event.id))
            for n, (one, two) in enumerate(_dyads(event)):
                row = _event_row(analysis, event, n, one, two, names, day, added, incident)
                yield "\t".join(row)


def _dyads(event: Event) -> list[tuple[Participant | None, Participant | None]]:
    actors, recipients = list(event.actors), list(event.recipients)
    if not recipients and len(actors) >= 2:  # "Putin and Erdogan will meet"
        return [(actors[0], p) for p in actors[1:]]
    ones: list[Participant | None] = [*actors] or [None]
    twos: list[Participant | None] = [*recipients] or [None]
    return [(a, r) for a in ones for r in twos]


def _event_row(
    analysis: Analysis,
    event: Event,
    n: int,
    one: Participant | None,
    two: Participant | None,
    names: dict[str, str],
    article_day: dt.date | None,
    added: str,
    incident: dict[str, Any] | None = None,
) -> list[str]:
    day = _event_day(event.date) or article_day
    root = incident["in_a_lead"] if incident else event.sentence <= 1
    mentions, sources, articles = (
        (incident["num_mentions"], incident["num_sources"], incident["num_articles"])
        if incident
        else (1, 1, 1)
    )
    digest = hashlib.sha1(f"{analysis.article.id}/{event.id}/{n}".encode()).hexdigest()
    row = [
        str(int(digest[:15], 16)),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *_actor_columns(one, names),
        *_actor_columns(two, names),
        "1" if root else "0",
        event.cameo,
        event.cameo[:3],
        event.cameo[:2],
        str(event.quad_class),
        f"{event.goldstein:.1f}",
        str(mentions), str(sources), str(articles), "",
        *[""] * 8,
        *[""] * 8,
        *_geo_columns(event.location),
        added,
        analysis.article.url or analysis.article.origin,
    ]  # fmt: skip
    return [_clean(value) for value in row]


def _event_day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _actor_columns(party: Participant | None, names: dict[str, str]) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
    Type1Code, Type2Code, Type3Code."""
    if party is None:
        return [""] * 10
    country = party.country or ""
    sector = party.sector if party.sector and party.sector != country else ""
    name = names.get(party.actor or "", party.text)
    known = "IGO" if country == "IGO" else ""
    return [country + sector, name.upper(), country if country != "IGO" else "", known,
            "", "", "", sector, "", ""]  # fmt: skip


def _geo_columns(place: Place | None) -> list[str]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    if place is None:
        return [""] * 8
    alpha2 = _alpha2(place.country)
    geo_type = _GEO_TYPES.get(place.precision, 4)
    if alpha2 == "US" and geo_type in {4, 5}:
        geo_type = 3 if geo_type == 4 else 2
    full = ", ".join(x for x in (place.name, place.admin1) if x and x != place.name) or place.name
    return [
        str(geo_type), full, alpha2, alpha2,
        "", _coordinate(place.latitude), _coordinate(place.longitude),
        str(place.geonames_id or ""),
    ]  # fmt: skip


def _coordinate(value: float | None) -> str:
    return f"{value:.4f}" if value is not None else ""


def _alpha2(alpha3: str | None) -> str:
    if not alpha3:
        return ""
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return str(country.alpha_2) if country is not None else ""


# What ends a field or a row for some reader of tab-separated files: tabs and every line
# break Python knows (CR, U+2028, U+2029, U+0085, vertical tab, form feed, separators).
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _clean(value: str) -> str:
    return _BREAKS.sub(" ", value)


# -- GDELT GKG 2.1 ----------------------------------------------------------------------------
def _gkg_lines(store: Store) -> Iterator[str]:
    for analysis in _analyses(store):
        yield "\t".join(_clean(v) for v in _gkg_row(analysis))


def _gkg_row(analysis: Analysis) -> list[str]:
    article = analysis.article
    day = article.date
    stamp = day.strftime("%Y%m%d000000") if day else ""
    counts = _counts(analysis)
    places = analysis.places
    persons = [a for a in analysis.actors if a.kind == "person"]
    orgs = [a for a in analysis.actors if a.kind in {"organisation", "government"}]
    themes = sorted({f"PLOVER_{e.type}" for e in analysis.events})
    row = [
        f"{stamp}-{article.id[:16]}",
        stamp,
        "1",
        article.source or "",
        article.url or article.origin,
        ";".join(c[0] for c in counts),
        ";".join(f"{c[0]}#{c[1]}" for c in counts),
        ";".join(themes),
        ";".join(f"{t},{e.trigger_spans[0][0]}" for e in analysis.events for t in [f"PLOVER_{e.type}"]),
        ";".join(_v1_location(p) for p in _distinct_places(places)),
        ";".join(f"{_v2_location(p)}#{p.span[0]}" for p in places),
        ";".join(sorted({a.name for a in persons})),
        ";".join(f"{a.name},{s[0]}" for a in persons for s in a.spans),
        ";".join(sorted({a.name for a in orgs})),
        ";".join(f"{a.name},{s[0]}" for a in orgs for s in a.spans),
        "",
        ";".join(_date_entry(d.value, d.span[0]) for d in analysis.dates if _date_entry(d.value, 0)),
        "", "", "", "", "",
        "#".join(_quotation(analysis, q) for q in analysis.quotes if q.content_spans),
        ";".join(f"{a.name},{s[0]}" for a in analysis.actors for s in a.spans),
        ";".join(f"{q.value:g},{q.unit or ''},{q.span[0]}" for q in analysis.quantities if q.value is not None),
        "",
        f"<PAGE_TITLE>{article.title or ''}</PAGE_TITLE>",
    ]  # fmt: skip
    assert len(row) == GKG_COLUMNS
    return row


def _counts(analysis: Analysis) -> list[tuple[str, int]]:
    """V1 count entries (and their offsets) from the quantities with an effect GDELT counts."""
    out = []
    for q in analysis.quantities:
        kind = _COUNT_TYPES.get(q.effect or "")
        if kind is None or q.value is None:
            continue
        event = next((e for e in analysis.events if e.id == q.event), None)
        place = _v1_location(event.location) if event and event.location else "#" * 6
        unit = (q.unit or "").replace("#", " ").replace(";", " ")
        out.append((f"{kind}#{q.value:g}#{unit}#{place}", q.span[0]))
    return out


def _distinct_places(places: tuple[Place, ...]) -> list[Place]:
    seen: dict[tuple[str, str | None], Place] = {}
    for p in places:
        seen.setdefault((p.name, p.country), p)
    return list(seen.values())


def _v1_location(p: Place) -> str:
    geo = _geo_columns(p)
    return "#".join([geo[0], geo[1], geo[2], geo[3], geo[5], geo[6], geo[7]])


def _v2_location(p: Place) -> str:
    geo = _geo_columns(p)
    return "#".join([geo[0], geo[1], geo[2], geo[3], geo[4], geo[5], geo[6], geo[7]])


def _date_entry(value: str | None, offset: int) -> str:
    """Resolution#Month#Day#Year#Offset (4: full date, 2: month and year, 1: year)."""
    if not value or not value[:4].isdigit():
        return ""
    parts = value.split("-")
    if len(parts) == 3 and all(x.isdigit() for x in parts):
        return f"4#{int(parts[1])}#{int(parts[2])}#{parts[0]}#{offset}"
    if len(parts) == 2 and parts[1].isdigit():
        return f"2#{int(parts[1])}#0#{parts[0]}#{offset}"
    if len(parts) == 1:
        return f"1#0#0#{parts[0]}#{offset}"
    return ""


def _quotation(analysis: Analysis, quote: Quote) -> str:
    """Offset|Length|Verb|Quote, the speaker in the verb slot ("Dmitry Peskov (told)")."""
    names = {a.id: a.name for a in analysis.actors}
    speaker = names.get(quote.speaker or "", quote.source or "")
    start = quote.content_spans[0][0]
    length = quote.content_spans[-1][1] - start
    verb = f"{speaker} ({quote.cue or ''})".replace("|", " ").replace("#", " ")
    text = quote.content.replace("|", " ").replace("#", " ")
    return f"{start}|{length}|{verb}|{text}"
