"""Events scored on PLOVER's gold-standard records and on IndiaPoliceEvents.

PLOVER (``--format plover``, a JSON list of records: ``text``, ``event``, ``mode``, ``source``
and ``target`` lists of ``{code, sector}``): each record is one sentence with one event. The
event we report for it is our most confident one (ties: the first), compared as CAMEO codes
it (``EventLexicon.coded``: "will meet" is an intention, AGREE; "will not accept" a refusal,
REJECT); old labels map as DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT.
``type_accuracy`` counts records whose type we got (no event counts as wrong),
``type_macro_f1`` averages the per-type F1 over the gold types, ``actor_f1`` and
``recipient_f1`` compare the (country, sector) sets of the source and target lists (a gold
entry without a sector, or with CAMEO's ``***``, "unspecified", matches on the country alone;
sums over records), ``mode_accuracy`` covers the records whose gold has a mode.

IndiaPoliceEvents (``--format india-police-events``, a folder with ``docs.jsonl`` and
``sents.jsonl``): whole Times of India articles are coded and each sentence gets the labels of
the events whose trigger is in it, police being actors of sector COP: an ASSAULT by police with
someone killed → KILL; COERCE arrest/detain → ARREST (an arrest without a named agent is the
police's); an ASSAULT or COERCE by police → FORCE; any of our police events → ANY_ACTION.
Only events the text says happened count as KILL, ARREST or FORCE (asserted, claimed,
historical); a planned or possible police act ("police are likely to impose curfew") is
ANY_ACTION only, and a negated or denied one ("the police did not arrest them") is FAIL. Other
inaction ("stood by", "mute spectators") is not coded.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from dateline.errors import GoldFormatError
from dateline.extract.event_lexicon import load_event_lexicon
from dateline.records import Event, Participant
from dateline.settings import Settings

OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
POLICE_LABELS = ("KILL", "ARREST", "FORCE", "FAIL", "ANY_ACTION")
FORMATS = ("plover", "india-police-events")
_HAPPENED = frozenset({"asserted", "claimed", "historical"})
_KILLING = frozenset({"kill", "killed", "kills", "killing", "shot", "gunned"})


def evaluate_events(gold: Path, settings: Settings, fmt: str = "plover") -> dict[str, Any]:
    if fmt == "india-police-events" or gold.is_dir():
        return evaluate_police(gold, settings)
    if fmt != "plover":
        raise GoldFormatError(f"unknown events format {fmt!r}; formats: {', '.join(FORMATS)}")
    return evaluate_plover(gold, settings)


# -- PLOVER gold-standard records -------------------------------------------------------------
def read_plover(path: Path) -> list[dict[str, Any]]:
    try:
        records = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise GoldFormatError(f"{path}: not a JSON list of PLOVER records ({err})") from err
    if not isinstance(records, list):
        raise GoldFormatError(f"{path}: not a JSON list of PLOVER records")
    kept = [r for r in records if isinstance(r, dict) and r.get("text") and r.get("event")]
    kept = [r for r in kept if r["event"] != "DOCUMENT"]
    if not kept:
        raise GoldFormatError(f"{path}: no PLOVER record with text and event")
    return kept


def _parties(value: Any) -> set[tuple[str, str]]:
    if not isinstance(value, list):
        return set()
    out = set()
    for item in value:
        if isinstance(item, dict) and item.get("code"):
            sector = str(item.get("sector") or "")[:3].upper()
            out.add((str(item["code"]).upper(), "" if sector == "***" else sector))
    return out


def _predicted(parties: tuple[Participant, ...]) -> set[tuple[str, str]]:
    return {(p.country, p.sector or "") for p in parties if p.country}


def _matched(left: set[tuple[str, str]], right: set[tuple[str, str]]) -> int:
    """How many of ``left`` find a partner in ``right`` (a missing sector matches any)."""
    return sum(
        1
        for country, sector in left
        if any(c == country and (not sector or not s or s == sector) for c, s in right)
    )


def _main_event(events: list[Event]) -> Event | None:
    if not events:
        return None
    return max(events, key=lambda e: (e.confidence + 0.05 * bool(e.actors), -e.trigger_spans[0][0]))


def evaluate_plover(path: Path, settings: Settings) -> dict[str, Any]:
    from dateline.nlp.pipeline import make_pipeline

    records = read_plover(path)
    nlp = make_pipeline(settings)
    lexicon = load_event_lexicon(str(settings.events_file) if settings.events_file else None)
    started = time.perf_counter()
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=settings.batch_size))
    seconds = time.perf_counter() - started
    counts: Counter[str] = Counter()
    per_type: Counter[tuple[str, str]] = Counter()
    for record, doc in zip(records, docs, strict=True):
        gold_type = OLD_LABELS.get(record["event"], record["event"])
        event = _main_event(list(doc._.events or ()))
        # the gold codes by CAMEO's conventions: "will meet" is AGREE, "will not accept" REJECT
        predicted_type = (
            lexicon.coded(event.type, event.mode, event.modality)[0] if event else "NONE"
        )
        counts["records"] += 1
        counts["detected"] += event is not None
        counts["type"] += predicted_type == gold_type
        per_type[("gold", gold_type)] += 1
        per_type[("predicted", predicted_type)] += 1
        per_type[("hit", gold_type)] += predicted_type == gold_type
        if record.get("mode"):
            counts["mode_gold"] += 1
            counts["mode"] += event is not None and event.mode == record["mode"]
        for name, gold_side, ours in (
            ("actor", record.get("source"), event.actors if event else ()),
            ("recipient", record.get("target"), event.recipients if event else ()),
        ):
            gold_set, pred_set = _parties(gold_side), _predicted(ours)
            counts[f"{name}_gold"] += len(gold_set)
            counts[f"{name}_pred"] += len(pred_set)
            counts[f"{name}_recall_hits"] += _matched(gold_set, pred_set)
            counts[f"{name}_precision_hits"] += _matched(pred_set, gold_set)
    types = sorted({t for kind, t in per_type if kind == "gold"})
    by_type = {
        t: _prf(per_type[("hit", t)], per_type[("predicted", t)], per_type[("gold", t)])
        for t in types
    }
    return {
        "task": "events",
        "documents": counts["records"],
        "metrics": {
            "type_accuracy": _share(counts["type"], counts["records"]),
            "type_macro_f1": round(sum(v["f1"] for v in by_type.values()) / len(by_type), 4),
            "actor_f1": _f1(counts, "actor"),
            "recipient_f1": _f1(counts, "recipient"),
            "mode_accuracy": _share(counts["mode"], counts["mode_gold"]),
            "detection_rate": _share(counts["detected"], counts["records"]),
            "by_type": by_type,
            "seconds": round(seconds, 2),
        },
    }


# -- IndiaPoliceEvents ------------------------------------------------------------------------
def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise GoldFormatError(
            f"{path.parent}: expected docs.jsonl and sents.jsonl (IndiaPoliceEvents)"
        )
    try:
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    except ValueError as err:
        raise GoldFormatError(f"{path}: malformed JSON line ({err})") from err


def police_labels(event: Event) -> set[str]:
    """The IndiaPoliceEvents labels an event of ours stands for."""
    police = any(p.sector == "COP" for p in event.actors)
    if event.modality in {"negated", "denied"}:
        return {"FAIL"} if police else set()  # "the police did not intervene"
    if event.modality not in _HAPPENED:
        return {"ANY_ACTION"} if police else set()  # "police are likely to impose curfew"
    arrest = event.type == "COERCE" and event.mode in {"arrest", "detain"}
    labels = set()
    if arrest and (police or not event.actors):
        labels |= {"ARREST", "ANY_ACTION"}
    if not police:
        return labels
    labels.add("ANY_ACTION")
    if event.type in {"ASSAULT", "COERCE"} and not arrest:
        labels.add("FORCE")
    killed = any(q.effect == "killed" for q in event.quantities)
    if event.type == "ASSAULT" and (killed or event.trigger.lower() in _KILLING):
        labels |= {"KILL", "FORCE"}
    return labels


def evaluate_police(folder: Path, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    from dateline.nlp.pipeline import make_pipeline

    docs = _jsonl(folder / "docs.jsonl")[:limit]
    sentences: dict[Any, list[dict[str, Any]]] = {}
    for sent in _jsonl(folder / "sents.jsonl"):
        sentences.setdefault(sent["doc_id"], []).append(sent)
    nlp = make_pipeline(settings)
    started = time.perf_counter()
    parsed = nlp.pipe((d["doc_text"] for d in docs), batch_size=settings.batch_size)
    counts: Counter[tuple[str, str]] = Counter()
    aligned = total = 0
    for record, doc in zip(docs, parsed, strict=False):
        spans = _align(record["doc_text"], sentences.get(record["doc_id"], []))
        predicted: dict[int, set[str]] = {}
        for event in doc._.events or ():
            start = event.trigger_spans[0][0]
            for n, (s, e, _) in enumerate(spans):
                if s <= start < e:
                    predicted.setdefault(n, set()).update(police_labels(event))
        for n, (_s, _e, gold) in enumerate(spans):
            total += 1
            aligned += _s >= 0
            ours = predicted.get(n, set())
            for label in POLICE_LABELS:
                counts[("gold", label)] += label in gold
                counts[("predicted", label)] += label in ours
                counts[("hit", label)] += label in gold and label in ours
    seconds = time.perf_counter() - started
    by_label = {
        label: _prf(counts[("hit", label)], counts[("predicted", label)], counts[("gold", label)])
        for label in POLICE_LABELS
    }
    metrics: dict[str, Any] = {f"{label.lower()}_f1": v["f1"] for label, v in by_label.items()}
    metrics.update({"by_label": by_label, "sentences": total, "aligned_sentences": aligned})
    metrics["seconds"] = round(seconds, 2)
    return {"task": "events", "documents": len(docs), "metrics": metrics}


def _align(text: str, sents: list[dict[str, Any]]) -> list[tuple[int, int, set[str]]]:
    """Each gold sentence's character range in the article (found in order; -1 if not found)."""
    out = []
    cursor = 0
    for sent in sorted(sents, key=lambda s: s["sent_id"]):
        words = sent["sent_text"].strip()
        at = text.find(words, cursor) if words else -1
        if at < 0:
            out.append((-1, -1, set(sent["sent_labels"])))
            continue
        cursor = at + len(words)
        out.append((at, cursor, set(sent["sent_labels"])))
    return out


def _prf(hits: int, predicted: int, gold: int) -> dict[str, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "gold": gold,
        "predicted": predicted,
    }


def _f1(counts: Counter[str], name: str) -> float:
    p = counts[f"{name}_precision_hits"] / counts[f"{name}_pred"] if counts[f"{name}_pred"] else 0.0
    r = counts[f"{name}_recall_hits"] / counts[f"{name}_gold"] if counts[f"{name}_gold"] else 0.0
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
