"""Attributions scored on PolNeAR's brat standoff (``text/*.txt``, ``attributions/*.ann``).

Each ``E`` line ties the Source, Cue and Content of one attribution (spans may be discontinuous:
``start end;start end``); where a text has two annotators' files the first (by name) is used. A
prediction matches a gold attribution when its content covers at least half of the gold
content's characters and its source overlaps the gold source (a pronoun counts when it is
linked to the same actor as a mention overlapping the gold source). ``content_f1``,
``source_f1`` and ``cue_f1`` match each part alone by overlap. ``direct_recall`` and
``indirect_recall`` split the gold attributions by whether the content stands in quotation marks.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import GoldFormatError
from dateline.settings import Settings

Spans = tuple[tuple[int, int], ...]


@dataclass
class GoldAttribution:
    source: Spans = ()
    cue: Spans = ()
    content: Spans = ()


@dataclass
class QuoteDoc:
    name: str
    text: str
    attributions: list[GoldAttribution]


def read_polnear(folder: Path) -> list[QuoteDoc]:
    texts, anns = folder / "text", folder / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise GoldFormatError(
            f"{folder}: expected text/ and attributions/ folders (PolNeAR layout)"
        )
    chosen: dict[str, Path] = {}
    for ann in sorted(anns.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        chosen.setdefault(stem, ann)
    docs = []
    for stem, ann in sorted(chosen.items()):
        txt = texts / f"{stem}.txt"
        if txt.exists():
            docs.append(QuoteDoc(stem, txt.read_text("utf-8"), _read_ann(ann)))
    if not docs:
        raise GoldFormatError(f"{folder}: no text with attributions")
    return docs


def _read_ann(path: Path) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, Spans]] = {}
    events = []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, ranges = cols[1].partition(" ")
            parts = tuple(tuple(int(x) for x in r.split()) for r in ranges.split(";"))
            spans[cols[0]] = (label, tuple((p[0], p[1]) for p in parts if len(p) == 2))
        elif line.startswith("E") and len(cols) >= 2:
            events.append(cols[1].split())
    out = []
    for event in events:
        gold = GoldAttribution()
        for role_ref in event:
            role, _, ref = role_ref.partition(":")
            if ref in spans:
                if role.startswith("Source"):
                    gold.source += spans[ref][1]
                elif role.startswith("Cue"):
                    gold.cue += spans[ref][1]
                elif role.startswith("Content"):
                    gold.content += spans[ref][1]
        if gold.content:
            out.append(gold)
    return out


def _length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def evaluate_quotes(gold: Path, settings: Settings) -> dict[str, Any]:
    from dateline.ingest.articles import article_from_fields
    from dateline.nlp.analysis import analyze_article

    docs = read_polnear(gold)
    counts = dict.fromkeys(("gold", "predicted", "match", "content", "source", "cue", "direct", "direct_hit", "indirect", "indirect_hit"), 0)  # fmt: skip
    seconds = 0.0
    for doc in docs:
        article = article_from_fields(origin=doc.name, body=doc.text)
        offset = article.text.find(doc.text[:50].strip()) if doc.text.strip() else 0
        started = time.perf_counter()
        analysis = analyze_article(article, settings)
        seconds += time.perf_counter() - started
        shift = offset - (len(doc.text) - len(doc.text.lstrip()))
        predicted = [_shifted(q, shift) for q in analysis.quotes]
        actor_of = _actor_spans(analysis, shift)
        _count(doc, predicted, actor_of, counts)
    p = counts["match"] / counts["predicted"] if counts["predicted"] else 0.0
    r = counts["match"] / counts["gold"] if counts["gold"] else 0.0

    def f1(hits: int) -> float:
        pp = hits / counts["predicted"] if counts["predicted"] else 0.0
        rr = hits / counts["gold"] if counts["gold"] else 0.0
        return round(2 * pp * rr / (pp + rr), 4) if pp + rr else 0.0

    return {
        "task": "quotes",
        "documents": len(docs),
        "metrics": {
            "attribution_precision": round(p, 4),
            "attribution_recall": round(r, 4),
            "attribution_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "content_f1": f1(counts["content"]),
            "source_f1": f1(counts["source"]),
            "cue_f1": f1(counts["cue"]),
            "direct_recall": round(counts["direct_hit"] / counts["direct"], 4)
            if counts["direct"]
            else 0.0,
            "indirect_recall": round(counts["indirect_hit"] / counts["indirect"], 4)
            if counts["indirect"]
            else 0.0,
            "gold": counts["gold"],
            "predicted": counts["predicted"],
            "seconds": round(seconds, 2),
        },
    }


def _shifted(quote: Any, shift: int) -> dict[str, Any]:
    def move(spans: Spans) -> Spans:
        return tuple((s - shift, e - shift) for s, e in spans)

    return {"source": move(quote.source_spans), "cue": move(quote.cue_spans),
            "content": move(quote.content_spans), "speaker": quote.speaker}  # fmt: skip


def _actor_spans(analysis: Any, shift: int) -> list[tuple[int, int, str]]:
    return [(m.span[0] - shift, m.span[1] - shift, m.actor) for m in analysis.mentions]


def _source_matches(
    pred: dict[str, Any], gold: GoldAttribution, actor_of: list[tuple[int, int, str]]
) -> bool:
    if _overlap(pred["source"], gold.source) > 0:
        return True
    if pred["speaker"] is None:
        return False
    gold_actors = {a for s, e, a in actor_of if _overlap(((s, e),), gold.source) > 0}
    return pred["speaker"] in gold_actors


def _count(
    doc: QuoteDoc,
    predicted: list[dict[str, Any]],
    actor_of: list[tuple[int, int, str]],
    counts: dict[str, int],
) -> None:
    counts["gold"] += len(doc.attributions)
    counts["predicted"] += len(predicted)
    free = list(doc.attributions)
    for parts in ("content", "source", "cue"):
        remaining = list(doc.attributions)
        for pred in predicted:
            hit = next((g for g in remaining if _overlap(pred[parts], getattr(g, parts)) > 0), None)
            if hit is not None:
                remaining.remove(hit)
                counts[parts] += 1
    matched = []
    for pred in predicted:
        hit = next(
            (g for g in free if _overlap(pred["content"], g.content) >= 0.5 * _length(g.content)
             and _source_matches(pred, g, actor_of)),
            None,
        )  # fmt: skip
        if hit is not None:
            free.remove(hit)
            matched.append(hit)
            counts["match"] += 1
    for gold in doc.attributions:
        direct = _quoted(doc.text, gold.content)
        key = "direct" if direct else "indirect"
        counts[key] += 1
        if any(gold is m for m in matched):
            counts[key + "_hit"] += 1


def _quoted(text: str, content: Spans) -> bool:
    """Gold content in quotation marks: a mark right at its edges (or just outside them)."""
    start = min(s for s, _ in content)
    end = max(e for _, e in content)
    before = text[max(0, start - 2) : start + 1]
    after = text[max(0, end - 2) : end + 2]
    marks = ('"', "“", "”", "''")  # '' is the New York Times archive's double mark
    return any(m in before for m in marks) and any(m in after for m in marks)
