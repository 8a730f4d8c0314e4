"""Geoparsing scored on the XML layouts of GeoWebNews (GWN), TR-News and GeoVirus.

Recognition: predicted toponym spans against gold spans (exact match). Resolution, on the gold
toponyms found (or on all gold toponyms with ``--gold-spans``, the protocol published results
use): ``accuracy_161km`` (error within 161 km, 100 miles), ``mean_error_km``,
``median_error_km``, ``auc`` (mean of ln(1 + error) / ln(20039), Gritta et al. 2019: 0 is
perfect), ``country_accuracy`` (TR-News names the country; elsewhere it is the country of the
nearest town to the gold coordinates) and ``geonames_accuracy`` where gold gives ids. A gold
toponym left unresolved counts as the largest possible error (20,039 km).
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateline.errors import GoldFormatError
from dateline.settings import Settings

MAX_KM = 20039.0


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    latitude: float
    longitude: float
    geonames_id: int | None = None
    country_name: str | None = None


@dataclass(frozen=True, slots=True)
class GeoDoc:
    text: str
    toponyms: tuple[GoldToponym, ...]


def read_places_xml(path: Path) -> list[GeoDoc]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise GoldFormatError(f"{path}: not a readable gold XML file ({err})") from err
    docs = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = [_aligned(t, node, text) for node in _nodes(article) if (t := _toponym(node))]
        docs.append(GeoDoc(text, tuple(toponyms)))
    if not docs:
        raise GoldFormatError(f"{path}: no <article> elements")
    return docs


def _nodes(article: ET.Element) -> list[ET.Element]:
    return [*article.iter("toponym"), *article.iter("location")]


def _toponym(node: ET.Element) -> GoldToponym | None:
    """One gold toponym in any of the three layouts; None when it has no coordinates."""
    gaz = node.find("gaztag")
    source = gaz if gaz is not None else node
    lat = source.findtext("lat") or source.findtext("latitude")
    lon = source.findtext("lon") or source.findtext("longitude")
    start, end = node.findtext("start"), node.findtext("end")
    if not (lat and lon and start and end):
        return None
    raw_id = gaz.get("geonameid") if gaz is not None else node.findtext("geonamesID")
    country = gaz.findtext("country") if gaz is not None else None
    return GoldToponym(
        int(start), int(end), float(lat), float(lon),
        int(raw_id) if raw_id and raw_id.strip().isdigit() else None, country,
    )  # fmt: skip


def _aligned(toponym: GoldToponym, node: ET.Element, text: str) -> GoldToponym:
    """Gold offsets that are off by a few characters (GeoVirus counts from 1) moved onto the
    toponym's name, searched within 5 characters of where the file puts it."""
    name = (
        node.findtext("extractedName") or node.findtext("phrase") or node.findtext("name") or ""
    ).strip()
    if not name or text[toponym.start : toponym.end] == name:
        return toponym
    for shift in sorted(range(-5, 6), key=abs):
        start = toponym.start + shift
        if start >= 0 and text[start : start + len(name)] == name:
            return replace(toponym, start=start, end=start + len(name))
    return toponym


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def evaluate_places(gold: Path, settings: Settings, gold_spans: bool = False) -> dict[str, Any]:
    from dateline.extract.gazetteer import load_gazetteer
    from dateline.extract.geonames import load_places, nearest_country
    from dateline.extract.places import resolve_spans
    from dateline.nlp.pipeline import make_pipeline

    docs = read_places_xml(gold)
    nlp = make_pipeline(settings)
    geo, gaz = load_places(), load_gazetteer(settings.actors_file)
    started = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=settings.batch_size))
    seconds = time.perf_counter() - started
    tp = predicted = total = 0
    errors: list[float] = []
    country_hits = id_hits = id_total = unresolved = 0
    for gold_doc, doc in zip(docs, parsed, strict=True):
        places = doc._.places or []
        by_span = {p.span: p for p in places}
        predicted += len(places)
        total += len(gold_doc.toponyms)
        if gold_spans:
            spans = [(t.start, t.end) for t in gold_doc.toponyms]
            pairs = list(zip(gold_doc.toponyms, resolve_spans(doc, spans, geo, gaz), strict=True))
        else:
            pairs = [(t, by_span.get((t.start, t.end))) for t in gold_doc.toponyms]
            pairs = [(t, p) for t, p in pairs if p is not None]
        tp += sum(1 for t in gold_doc.toponyms if (t.start, t.end) in by_span)
        for toponym, place in pairs:
            if place is None or place.latitude is None or place.longitude is None:
                errors.append(MAX_KM)
                unresolved += 1
                continue
            errors.append(
                haversine_km(toponym.latitude, toponym.longitude, place.latitude, place.longitude)
            )
            truth = gaz.country_of_name(toponym.country_name) if toponym.country_name else None
            code = truth.code if truth else nearest_country(toponym.latitude, toponym.longitude)
            country_hits += place.country == code
            if toponym.geonames_id is not None:
                id_total += 1
                id_hits += place.geonames_id == toponym.geonames_id
    p = tp / predicted if predicted else 0.0
    r = tp / total if total else 0.0
    resolved = len(errors)
    metrics: dict[str, Any] = {
        "recognition_precision": round(p, 4),
        "recognition_recall": round(r, 4),
        "recognition_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "toponyms": resolved,
        "unresolved": unresolved,
        "accuracy_161km": round(sum(e <= 161 for e in errors) / resolved, 4) if resolved else 0.0,
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if errors else 0.0,
        "auc": round(statistics.fmean(math.log1p(e) / math.log(MAX_KM) for e in errors), 4)
        if errors
        else 0.0,
        "country_accuracy": round(country_hits / resolved, 4) if resolved else 0.0,
        "seconds": round(seconds, 2),
    }
    if id_total:
        metrics["geonames_accuracy"] = round(id_hits / id_total, 4)
    return {"task": "places", "documents": len(docs), "gold_spans": gold_spans, "metrics": metrics}
