"""Temporal expressions scored as TempEval-3 does, on TimeML ``.tml`` files.

The document creation time (``functionInDocument="CREATION_TIME"``) is the anchor. A prediction
matches a gold TIMEX3 strictly when the spans are equal and relaxed when they overlap (each gold
and each prediction matched at most once). ``type_accuracy`` is the share of relaxed matches
with the right type; ``value_f1`` counts relaxed matches with the right value (week numbers
compared without zero padding, as the TimeBank annotations write both).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import GoldFormatError
from dateline.settings import Settings


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeDoc:
    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]


def read_tml(path: Path) -> TimeDoc:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise GoldFormatError(f"{path}: not a readable TimeML file ({err})") from err
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _date(timex.get("value", ""))
            break
    body = root.find("TEXT")
    if body is None:
        raise GoldFormatError(f"{path}: no TEXT element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, pieces))
        if node.text:
            pieces.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if node.tag == "TIMEX3":
            end = sum(map(len, pieces))
            timexes.append(GoldTimex(start, end, node.get("type", ""), node.get("value", "")))

    walk(body)
    return TimeDoc(path.stem, "".join(pieces), dct, tuple(timexes))


def _date(value: str) -> dt.date | None:
    match = re.match(r"(\d{4})-?(\d\d)-?(\d\d)", value)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _norm_value(value: str | None) -> str:
    return re.sub(r"-W0(\d)", r"-W\1", value or "")


def evaluate_time(gold: Path, settings: Settings) -> dict[str, Any]:
    from dateline.nlp.pipeline import make_pipeline

    files = sorted(gold.rglob("*.tml")) if gold.is_dir() else [gold]
    docs = [read_tml(f) for f in files]
    if not docs:
        raise GoldFormatError(f"{gold}: no .tml files")
    nlp = make_pipeline(settings)
    prepared = []
    for d in docs:
        doc = nlp.make_doc(d.text)
        doc._.anchor_date = d.dct.isoformat() if d.dct else None
        prepared.append(doc)
    started = time.perf_counter()
    parsed = list(nlp.pipe(prepared, batch_size=settings.batch_size))
    seconds = time.perf_counter() - started
    counts = {"gold": 0, "predicted": 0, "strict": 0, "relaxed": 0, "type": 0, "value": 0}
    for gold_doc, doc in zip(docs, parsed, strict=True):
        predicted = [(d.span[0], d.span[1], d.type, d.value) for d in doc._.dates or ()]
        _count(gold_doc.timexes, predicted, counts)
    return {
        "task": "time",
        "documents": len(docs),
        "metrics": {
            "strict_f1": _f1(counts["strict"], counts),
            "relaxed_f1": _f1(counts["relaxed"], counts),
            "type_accuracy": _share(counts["type"], counts["relaxed"]),
            "value_f1": _f1(counts["value"], counts),
            "value_accuracy": _share(counts["value"], counts["relaxed"]),
            "gold": counts["gold"],
            "predicted": counts["predicted"],
            "seconds": round(seconds, 2),
        },
    }


def _count(
    gold: tuple[GoldTimex, ...],
    predicted: list[tuple[int, int, str, str | None]],
    counts: dict[str, int],
) -> None:
    counts["gold"] += len(gold)
    counts["predicted"] += len(predicted)
    unmatched = list(gold)
    for start, end, kind, value in predicted:
        match = next((g for g in unmatched if g.start < end and start < g.end), None)
        if match is None:
            continue
        unmatched.remove(match)
        counts["relaxed"] += 1
        counts["strict"] += (match.start, match.end) == (start, end)
        counts["type"] += match.type == kind
        counts["value"] += _norm_value(match.value) == _norm_value(value)


def _f1(tp: int, counts: dict[str, int]) -> float:
    p = tp / counts["predicted"] if counts["predicted"] else 0.0
    r = tp / counts["gold"] if counts["gold"] else 0.0
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
