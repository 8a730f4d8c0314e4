"""The whole-article record scored on real news: ``dateline eval newswire``.

The scoring is the one ``gold/newswire/GUIDELINES.md`` defines ("How Dateline is scored"):

- actors: a predicted actor matches the gold actor one of whose mentions refers to the same
  words as one of its own (the spans overlap and end together, or overlap by half), else whose
  name or a mention equals its name (case- and accent-blind; a person's surname alone too).
  Precision over persons, organisations, governments and groups (countries and pronoun-only
  actors left out), recall over the gold actors; country and sector accuracy over the pairs;
- events: a gold event is matched once, first by a predicted event of its type whose trigger
  lies in the gold sentence, then by one of its type elsewhere sharing a participant; other
  predicted tellings of a matched event are ``repeats``, left out of precision. On the pairs:
  participant F1 (actors and recipients, each a gold actor with its country), modality and
  date accuracy; ``strict_precision`` counts pairs with participants and modality all right;
- quotes: contents overlap on half the gold content's characters; speaker and kind accuracy;
- dates and places: span overlap; value accuracy, country and name accuracy.

Every count is also summed per outlet and per half of the set (a fixed hash of the article id
splits it into the half read while rules are written and the half only scored in aggregate).
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dateline.errors import GoldFormatError
from dateline.evaluate.newswire_gold import PRONOUNS, GoldDoc, fold, read_newswire
from dateline.records import Actor, Analysis, Event, Participant, Span
from dateline.settings import Settings

QUOTE_KINDS = {"claim": "indirect"}  # our "as X claims" is reported speech in the guideline


def evaluate_newswire(gold: Path, settings: Settings) -> dict[str, Any]:
    from dateline.nlp.analysis import analyze_articles

    docs = read_newswire(gold)
    started = time.perf_counter()
    analyses = list(analyze_articles([d.article for d in docs], settings))
    seconds = time.perf_counter() - started
    per_doc: list[tuple[GoldDoc, Counter[str]]] = []
    for doc, analysis in zip(docs, analyses, strict=True):
        if not isinstance(analysis, Analysis):
            raise GoldFormatError(f"{doc.article.origin}: could not be analysed ({analysis})")
        per_doc.append((doc, score_article(doc, analysis)))
    total = _sum(c for _, c in per_doc)
    outlets = sorted({d.outlet for d, _ in per_doc})
    return {
        "task": "newswire",
        "documents": len(docs),
        "metrics": {**metrics_from(total), "seconds": round(seconds, 2)},
        "by_outlet": {
            o: {
                "documents": sum(d.outlet == o for d, _ in per_doc),
                **metrics_from(_sum(c for d, c in per_doc if d.outlet == o)),
            }
            for o in outlets
        },
        "by_half": {
            half: {
                "documents": sum(split_half(d.article_id) == half for d, _ in per_doc),
                **metrics_from(_sum(c for d, c in per_doc if split_half(d.article_id) == half)),
            }
            for half in ("read", "held")
        },
    }


def split_half(article_id: str) -> str:
    """The half of the set an article is in: ``read`` (rules may be written from it) or
    ``held`` (scored in aggregate only). A hash, so the split does not drift with the files."""
    return "read" if hashlib.sha256(article_id.encode()).digest()[0] % 2 == 0 else "held"


def _sum(counters: Iterable[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for counter in counters:
        total.update(counter)
    return total


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def metrics_from(c: Counter[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ("actors", "events", "quotes", "dates", "places"):
        p = _ratio(c[f"{kind}_pred_matched"], c[f"{kind}_pred"])
        r = _ratio(c[f"{kind}_gold_matched"], c[f"{kind}_gold"])
        out[kind] = {"precision": p, "recall": r, "f1": _f1(p, r), "gold": c[f"{kind}_gold"]}
    out["actors"] |= {
        "country_accuracy": _ratio(c["actor_country_ok"], c["actor_pairs"]),
        "sector_accuracy": _ratio(c["actor_sector_ok"], c["actor_pairs"]),
    }
    pp = _ratio(c["part_tp"], c["part_tp"] + c["part_fp"])
    pr = _ratio(c["part_tp"], c["part_tp"] + c["part_fn"])
    out["events"] |= {
        "strict_precision": _ratio(c["event_strict_ok"], c["events_pred"]),
        "participant_f1": _f1(pp, pr),
        "modality_accuracy": _ratio(c["event_modality_ok"], c["events_gold_matched"]),
        "date_accuracy": _ratio(c["event_date_ok"], c["events_gold_matched"]),
        "repeats": c["events_repeats"],
    }
    out["quotes"] |= {
        "speaker_accuracy": _ratio(c["quote_speaker_ok"], c["quotes_gold_matched"]),
        "kind_accuracy": _ratio(c["quote_kind_ok"], c["quotes_gold_matched"]),
    }
    out["dates"] |= {"value_accuracy": _ratio(c["date_value_ok"], c["dates_gold_matched"])}
    out["places"] |= {
        "country_accuracy": _ratio(c["place_country_ok"], c["places_gold_matched"]),
        "name_accuracy": _ratio(c["place_name_ok"], c["places_gold_matched"]),
    }
    return out


# -- one article ---------------------------------------------------------------------------------
def score_article(doc: GoldDoc, analysis: Analysis) -> Counter[str]:
    c: Counter[str] = Counter()
    keys = _score_actors(doc, analysis, c)
    _score_events(doc, analysis, keys, c)
    _score_quotes(doc, analysis, keys, c)
    _score_spans(
        "dates", [(doc.locate(g, "text"), g) for g in doc.dates],
        [(d.span, d) for d in analysis.dates], c,
        lambda g, p: {"date_value_ok": g.get("value") == p.value},
    )  # fmt: skip
    _score_spans(
        "places", [(doc.locate(g, "text"), g) for g in doc.places],
        [(p.span, p) for p in analysis.places], c,
        lambda g, p: {"place_country_ok": g.get("country") == p.country,
                      "place_name_ok": fold(g.get("name") or "") == fold(p.name)},
    )  # fmt: skip
    return c


def same_words(a: Span, b: Span) -> bool:
    """Two mentions refer by the same words: they overlap and end together (one head), or
    overlap on half their union ("Russian" in "Russian Foreign Minister Sergey Lavrov" does not)."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    if overlap <= 0:
        return False
    return a[1] == b[1] or overlap >= 0.5 * (max(a[1], b[1]) - min(a[0], b[0]))


def _actor_spans(analysis: Analysis) -> dict[str, list[tuple[Span, str]]]:
    spans: dict[str, list[tuple[Span, str]]] = {a.id: [] for a in analysis.actors}
    for m in analysis.mentions:
        spans.setdefault(m.actor, []).append((m.span, m.text))
    return spans


def _best_gold(doc: GoldDoc, actor: Actor, mentions: list[tuple[Span, str]]) -> str | None:
    best, best_score = None, 0.0
    names = {fold(actor.name), *(fold(a) for a in actor.aliases)}
    for key, gold in doc.actors.items():
        score = float(sum(same_words(s, g) for s, _ in mentions for g in gold.spans))
        if not score:
            gold_names = {fold(gold.name), *(fold(m) for m in gold.mentions)}
            if gold.kind == "person" and gold.name.split():
                gold_names.add(fold(gold.name.split()[-1]))
            score = 0.5 if names & gold_names else 0.0
        if score > best_score:
            best, best_score = key, score
    return best


def _score_actors(doc: GoldDoc, analysis: Analysis, c: Counter[str]) -> dict[str, str]:
    """Counts actor matches; returns our actor id → the gold key it matches."""
    keys: dict[str, str] = {}
    spans = _actor_spans(analysis)
    for actor in analysis.actors:
        mentions = spans.get(actor.id, [])
        pronoun_only = mentions and all(t.casefold() in PRONOUNS for _, t in mentions)
        key = _best_gold(doc, actor, mentions)
        if key is not None:
            keys[actor.id] = key
            gold = doc.actors[key]
            c["actor_pairs"] += 1
            c["actor_country_ok"] += gold.country == actor.country
            c["actor_sector_ok"] += gold.sector == actor.sector
        if actor.kind != "country" and not pronoun_only:
            c["actors_pred"] += 1
            c["actors_pred_matched"] += key is not None
    c["actors_gold"] += len(doc.actors)
    c["actors_gold_matched"] += len(set(keys.values()))
    return keys


def _party_key(doc: GoldDoc, party: Participant, keys: dict[str, str]) -> str | None:
    if party.actor is not None and party.actor in keys:
        return keys[party.actor]
    for key, gold in doc.actors.items():
        if any(same_words(party.span, g) for g in gold.spans):
            return key
    return None


def _role_counts(
    doc: GoldDoc, parties: tuple[Participant, ...], gold_keys: list[str], keys: dict[str, str]
) -> tuple[int, int, int]:
    right = set()
    predicted = 0
    for party in parties:
        predicted += 1
        key = _party_key(doc, party, keys)
        gold = doc.actors.get(key or "")
        if (
            key in gold_keys
            and gold is not None
            and (gold.country is None or gold.country == party.country)
        ):
            right.add(key)
    tp = len(right)
    return tp, predicted - tp, len(set(gold_keys)) - tp


def _score_events(doc: GoldDoc, analysis: Analysis, keys: dict[str, str], c: Counter[str]) -> None:
    events = list(analysis.events)
    gold_events = [(g, doc.locate(g, "sentence"), _gold_parties(g)) for g in doc.events]
    parties = [
        {k for p in (*e.actors, *e.recipients) if (k := _party_key(doc, p, keys))} for e in events
    ]
    pairs: dict[int, int] = {}  # gold index → predicted index
    for gi, (g, sentence, _) in enumerate(gold_events):  # first in the gold sentence
        pi = _first(events, pairs, g["type"], [_trigger_in(e, sentence) for e in events])
        if pi is not None:
            pairs[gi] = pi
    for gi, (g, _, wanted) in enumerate(gold_events):  # then another telling, by a participant
        if gi not in pairs:
            pi = _first(events, pairs, g["type"], [bool(p & wanted) for p in parties])
            if pi is not None:
                pairs[gi] = pi
    repeats = sum(
        any(
            e.type == gold_events[gi][0]["type"]
            and (_trigger_in(e, gold_events[gi][1]) or parties[pi] & gold_events[gi][2])
            for gi in pairs
        )
        for pi, e in enumerate(events)
        if pi not in pairs.values()
    )
    c["events_gold"] += len(gold_events)
    c["events_pred"] += len(events) - repeats
    c["events_repeats"] += repeats
    c["events_gold_matched"] += len(pairs)
    c["events_pred_matched"] += len(pairs)
    for gi, pi in pairs.items():
        g, e = gold_events[gi][0], events[pi]
        a = _role_counts(doc, e.actors, list(g.get("actors") or []), keys)
        r = _role_counts(doc, e.recipients, list(g.get("recipients") or []), keys)
        c["part_tp"] += a[0] + r[0]
        c["part_fp"] += a[1] + r[1]
        c["part_fn"] += a[2] + r[2]
        modality_ok = e.modality == g.get("modality")
        c["event_modality_ok"] += modality_ok
        c["event_date_ok"] += (e.date or None) == (g.get("date") or None)
        c["event_strict_ok"] += modality_ok and a[1:] == (0, 0) and r[1:] == (0, 0)


def _gold_parties(gold: dict[str, Any]) -> set[str]:
    return set(gold.get("actors") or []) | set(gold.get("recipients") or [])


def _trigger_in(event: Event, sentence: Span | None) -> bool:
    if sentence is None or not event.trigger_spans:
        return False
    return sentence[0] <= event.trigger_spans[0][0] < sentence[1]


def _first(events: list[Event], pairs: dict[int, int], type_: str, fits: list[bool]) -> int | None:
    """The first predicted event of ``type_``, not yet paired, that ``fits``."""
    taken = set(pairs.values())
    return next(
        (i for i, e in enumerate(events) if i not in taken and e.type == type_ and fits[i]),
        None,
    )


def _score_quotes(doc: GoldDoc, analysis: Analysis, keys: dict[str, str], c: Counter[str]) -> None:
    gold = [(doc.locate(g, "content"), g) for g in doc.quotes]
    c["quotes_gold"] += len(gold)
    c["quotes_pred"] += len(analysis.quotes)
    taken: set[int] = set()
    for span, g in gold:
        if span is None:
            continue
        need = 0.5 * (span[1] - span[0])
        best, best_overlap = None, 0
        for qi, q in enumerate(analysis.quotes):
            if qi in taken:
                continue
            overlap = sum(_overlap(span, s) for s in q.content_spans)
            if overlap >= need and overlap > best_overlap:
                best, best_overlap = qi, overlap
        if best is None:
            continue
        taken.add(best)
        q = analysis.quotes[best]
        c["quotes_gold_matched"] += 1
        c["quotes_pred_matched"] += 1
        ours = keys.get(q.speaker) if q.speaker else None
        c["quote_speaker_ok"] += ours == g.get("speaker")
        c["quote_kind_ok"] += QUOTE_KINDS.get(q.kind, q.kind) == g.get("kind")


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _score_spans(
    kind: str,
    gold: list[tuple[Span | None, dict[str, Any]]],
    predicted: list[tuple[Span, Any]],
    c: Counter[str],
    judge: Any,
) -> None:
    c[f"{kind}_gold"] += len(gold)
    c[f"{kind}_pred"] += len(predicted)
    taken: set[int] = set()
    for span, g in gold:
        if span is None:
            continue
        best = max(
            (i for i in range(len(predicted)) if i not in taken),
            key=lambda i: _overlap(span, predicted[i][0]),
            default=None,
        )
        if best is None or not _overlap(span, predicted[best][0]):
            continue
        taken.add(best)
        c[f"{kind}_gold_matched"] += 1
        c[f"{kind}_pred_matched"] += 1
        for name, ok in judge(g, predicted[best][1]).items():
            c[name] += bool(ok)
