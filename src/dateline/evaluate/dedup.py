"""``dateline eval dedup``: stories and incident merging scored on ECB+ (``evaluate.dedup_gold``).

Three numbers, each on the documents and mentions of the validated sentences:

1. **Sub-topics**: every document is clustered into stories by ``stories.cluster`` (not told
   how many); B-cubed against the ECB+ sub-topics.
2. **Event coreference on the gold mentions**: each gold mention is a report whose trigger is
   its head's lemma (the model's lemmatiser), in the story of its document; mentions corefer
   when they are in one story and have one lemma (``stories.coreference``). CoNLL F1 (mean of
   MUC, B-cubed, CEAF-e) with singletons, as usual on ECB+.
3. **End to end**: Dateline analyses each document, and its events (PLOVER types, parties,
   places, dates) are merged into incidents by ``stories.incidents``, within the predicted
   stories. An event whose trigger overlaps a gold mention stands for it; other events are
   spurious mentions, and gold mentions no event found are missed. CoNLL F1.

The topics are split in halves by parity (odd topics were read while the thresholds were set,
even topics are reported in aggregate only).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dateline.evaluate.coref_metrics import b_cubed, clusters_of, conll
from dateline.evaluate.dedup_gold import DedupGold, GoldDocument, GoldMention, load_ecbplus
from dateline.settings import Settings
from dateline.stories.cluster import StoryArticle, cluster_stories
from dateline.stories.coreference import MentionReport, corefer
from dateline.stories.incidents import merge_incidents
from dateline.stories.model import EventReport, Party
from dateline.stories.terms import article_terms


def evaluate_dedup(gold_path: Path, settings: Settings, end_to_end: bool = True) -> dict[str, Any]:
    gold = load_ecbplus(gold_path)
    story_of = predicted_stories(gold.documents)
    halves: dict[str, set[str]] = {
        "read": {d.name for d in gold.documents if int(d.topic) % 2 == 1},
        "held": {d.name for d in gold.documents if int(d.topic) % 2 == 0},
    }
    lemmas = mention_lemmas(gold, settings)
    response = corefer([MentionReport(m.id, story_of[m.doc], lemmas[m.id]) for m in gold.mentions])
    metrics: dict[str, Any] = {}
    by_half: dict[str, dict[str, Any]] = {}
    for half, docs in [("all", {d.name for d in gold.documents}), *halves.items()]:
        subtopics = b_cubed(
            clusters_of({d.name: d.subtopic for d in gold.documents if d.name in docs}),
            clusters_of({d.name: story_of[d.name] for d in gold.documents if d.name in docs}),
        )
        key = clusters_of({m.id: m.chain for m in gold.mentions if m.doc in docs})
        gold_mentions = conll(key, clusters_of({k: v for k, v in response.items()
                                                 if k.split("/")[0] in docs}))  # fmt: skip
        row = {
            "subtopic_b3_precision": subtopics["precision"],
            "subtopic_b3_recall": subtopics["recall"],
            "subtopic_b3_f1": subtopics["f1"],
            "gold_mentions_conll_f1": gold_mentions["conll_f1"],
            "gold_mentions_muc_f1": gold_mentions["muc"]["f1"],  # type: ignore[index]
            "gold_mentions_b3_f1": gold_mentions["b3"]["f1"],  # type: ignore[index]
            "gold_mentions_ceafe_f1": gold_mentions["ceaf_e"]["f1"],  # type: ignore[index]
        }
        (metrics if half == "all" else by_half.setdefault(half, {})).update(row)
    if end_to_end:
        system = end_to_end_clusters(gold, story_of, settings)
        for half, docs in [("all", {d.name for d in gold.documents}), *halves.items()]:
            key = clusters_of({m.id: m.chain for m in gold.mentions if m.doc in docs})
            predicted = [c for c in system if next(iter(c)).split("/")[0] in docs]
            found = conll(key, predicted)
            gold_ids = {m for c in key for m in c}
            mentions = {m for c in predicted for m in c}
            row = {
                "end_to_end_conll_f1": found["conll_f1"],
                "end_to_end_mention_recall": round(len(mentions & gold_ids) / len(gold_ids), 4),
                "end_to_end_mention_precision": round(len(mentions & gold_ids) / len(mentions), 4)
                if mentions
                else 0.0,
            }
            (metrics if half == "all" else by_half[half]).update(row)
    return {
        "task": "dedup",
        "documents": len(gold.documents),
        "mentions": len(gold.mentions),
        "stories": len(set(story_of.values())),
        "subtopics": len({d.subtopic for d in gold.documents}),
        "metrics": metrics,
        "halves": by_half,
    }


def predicted_stories(documents: Sequence[GoldDocument]) -> dict[str, str]:
    """Document name -> story id. ECB+ gives no dates: every pair is in the time window."""
    articles = []
    for doc in documents:
        title, _, body = doc.text.partition("\n")
        articles.append(StoryArticle(doc.name, None, None, title, article_terms(title, body)))
    stories, _ = cluster_stories(articles)
    return {a: s.id for s in stories for a in s.articles}


def mention_lemmas(gold: DedupGold, settings: Settings) -> dict[str, str]:
    """Each gold mention's head lemma, from the model's parse of its document's tokens."""
    from dateline.nlp.pretokenized import head_lemmas

    wanted: dict[str, list[GoldMention]] = {}
    for mention in gold.mentions:
        wanted.setdefault(mention.doc, []).append(mention)
    out: dict[str, str] = {}
    docs = {d.name: d for d in gold.documents}
    for name, mentions in wanted.items():
        tokens = docs[name].tokens
        index = {t.t_id: i for i, t in enumerate(tokens)}
        starts = [i == 0 or t.sentence != tokens[i - 1].sentence for i, t in enumerate(tokens)]
        spans = []
        for mention in mentions:
            positions = sorted(index[t] for t in mention.tokens if t in index)
            spans.append((positions[0], positions[-1] + 1))
        lemmas = head_lemmas([t.text for t in tokens], starts, spans, settings.model)
        out.update({m.id: lemma for m, lemma in zip(mentions, lemmas, strict=True)})
    return out


def end_to_end_clusters(
    gold: DedupGold, story_of: dict[str, str], settings: Settings
) -> list[frozenset[str]]:
    """Dateline's events of every document, merged into incidents; each as the gold mention
    its trigger overlaps, else as a spurious mention of its own."""
    from dateline.errors import InputError
    from dateline.ingest.articles import article_from_fields
    from dateline.nlp.analysis import analyze_articles
    from dateline.records import Analysis

    validated = {(m.doc, m.sentence) for m in gold.mentions}
    articles = {}
    starts: dict[str, list[tuple[int, int, str, int]]] = {}  # doc -> (start, end, t_id, sentence)
    for doc in gold.documents:
        text = doc.text
        try:
            article = article_from_fields(origin=doc.name, body=text)
        except InputError:  # refused as an article (not English, too short): its mentions missed
            continue
        if article.text != text:
            continue
        articles[article.id] = (doc, article)
        cursor, spans = 0, []
        for token in doc.tokens:
            at = text.index(token.text, cursor)
            spans.append((at, at + len(token.text), token.t_id, token.sentence))
            cursor = at + len(token.text)
        starts[doc.name] = spans
    mention_at = {(m.doc, t): m.id for m in gold.mentions for t in m.tokens}
    reports: list[EventReport] = []
    stand_for: dict[str, str] = {}
    for analysis in analyze_articles([a for _, a in articles.values()], settings):
        if not isinstance(analysis, Analysis):
            continue
        doc, _ = articles[analysis.article.id]
        places = {p.span: p for p in analysis.places}
        for event in analysis.events:
            tokens = [s for s in starts[doc.name]
                      if any(s[0] < end and start < s[1] for start, end in event.trigger_spans)]  # fmt: skip
            if not tokens or (doc.name, tokens[0][3]) not in validated:
                continue  # outside the sentences ECB+ scores
            key = f"{doc.name}/{event.id}"
            hit = next((mention_at[(doc.name, t[2])] for t in tokens
                        if (doc.name, t[2]) in mention_at), None)  # fmt: skip
            stand_for[key] = hit or f"{doc.name}/system/{event.id}"
            place = places.get(event.location.span) if event.location else None
            reports.append(
                EventReport(
                    article_id=doc.name,
                    event_id=event.id,
                    type=event.type,
                    modality=event.modality,
                    day=event.date,
                    story=story_of[doc.name],
                    place=place.name if place else None,
                    place_country=place.country if place else None,
                    latitude=place.latitude if place else None,
                    longitude=place.longitude if place else None,
                    actors=tuple(Party(p.text, p.country) for p in event.actors),
                    recipients=tuple(Party(p.text, p.country) for p in event.recipients),
                    trigger=event.trigger,
                    lemma=event.trigger.lower(),
                )
            )
    clusters: dict[str, set[str]] = {}
    for incident in merge_incidents(reports):
        ids = {stand_for[m.key] for m in incident.members}
        clusters[incident.id] = ids
    # a gold mention stood for by events of two incidents goes with the first; spurious
    # mentions keep their own ids
    seen: set[str] = set()
    out = []
    for ids in clusters.values():
        fresh = ids - seen
        seen |= fresh
        if fresh:
            out.append(frozenset(fresh))
    return out
