"""Merging: stored articles into stories, their events into incidents, kept in the store.

``merge_new(store)`` takes the articles that have no story yet: it finds the stored articles
they may join (sharing a blocking key, within the date window), recomputes only the threads
they touch (``stories.cluster``), their stories and the incidents of those stories
(``stories.incidents``), and replaces those threads' rows in one transaction. ``remerge(store)``
forgets every story and merges all articles again; both give the same stories and incidents,
whatever the order the articles came in. ``ingest`` and ``load`` call ``merge_new``.

Sources: an incident's ``num_sources`` counts outlets, and syndicated copies count once:
articles of one story in different outlets whose terms are nearly the same (cosine at least
``SYNDICATED``) are one wire text, and all count as the outlet of the first copy (``wire``),
while every URL is kept.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.store import Store
from dateline.store import stories as stored
from dateline.stories.claims import STANCES, Statement, link_denials
from dateline.stories.cluster import (
    WINDOW_DAYS,
    BlockIndex,
    StoryArticle,
    UnionFind,
    is_large,
    links_of,
    similarity,
    split_thread,
    split_week,
    story_of,
    week_of,
)
from dateline.stories.coreference import trigger_key
from dateline.stories.incidents import merge_incidents
from dateline.stories.model import EventReport, Figure, Incident, Party
from dateline.stories.terms import article_terms

SYNDICATED = 0.9
# Articles merged per round: a round reads their candidates in one query (a full re-merge of
# NewsArticles.zip is one round).
ROUND = 5_000


@dataclass
class MergeReport:
    articles: int = 0
    threads: int = 0
    stories: int = 0
    incidents: int = 0
    seconds: float = 0.0


def merge_new(store: Store) -> MergeReport:
    """Merge every article that has no story yet."""
    report = MergeReport()
    started = time.perf_counter()
    while rows := stored.unmerged_articles(store, ROUND):
        _merge_round(store, rows, report)
    report.seconds = time.perf_counter() - started
    return report


def remerge(store: Store) -> MergeReport:
    """Forget every story and incident, and merge all articles again."""
    stored.clear_stories(store)
    return merge_new(store)


def _story_article(row: dict[str, Any], terms: dict[str, float]) -> StoryArticle:
    return StoryArticle(row["id"], row.get("article_date") or row.get("day"), row["source"],
                        row.get("title") or "", terms)  # fmt: skip


def _merge_round(store: Store, rows: list[dict[str, Any]], report: MergeReport) -> None:
    fresh: dict[str, StoryArticle] = {}
    for row in rows:
        body = "\n".join(p for p in (row.get("lead"), row["text"]) if p)
        fresh[row["id"]] = _story_article(row, article_terms(row.get("title") or "", body))
    days = [a.day for a in fresh.values() if a.day is not None]
    undated = len(days) < len(fresh)
    first = None if undated or not days else min(days) - dt.timedelta(days=WINDOW_DAYS)
    last = None if undated or not days else max(days) + dt.timedelta(days=WINDOW_DAYS)
    keys = sorted({k for a in fresh.values() for k in a.blocking_keys()})
    index = BlockIndex()
    thread_of: dict[str, str] = {}
    for row in stored.merged_by_keys(store, keys, first, last):
        index.add(_story_article(row, json.loads(row["terms"])))
        thread_of[row["id"]] = row["thread_id"]
    # The new articles' links, to stored articles and to each other (old pairs were linked
    # when the later of the two came): a link depends on its two articles only. A stored
    # article stands for its whole thread (thread ids start with T, article ids never do).
    groups = UnionFind()
    for article in fresh.values():
        groups.find(article.id)
        for link in links_of(article, index.candidates(article)):
            groups.union(thread_of.get(link.a, link.a), thread_of.get(link.b, link.b))
        index.add(article)
    threads_seen = set(thread_of.values())
    sizes = stored.thread_sizes(store, sorted(t for t in groups.parent if t in threads_seen))
    tables: dict[str, list[list[Any]]] = {
        "story_articles": [], "story_keys": [], "stories": [], "incidents": [],
        "incident_events": [], "claim_links": [],
    }  # fmt: skip
    replaced: list[str] = []
    cells: list[tuple[str, str, list[str]]] = []
    plans: list[tuple[str, list[list[StoryArticle]], bool]] = []
    for ids in groups.groups().values():
        old = sorted(i for i in ids if i in sizes)
        new = sorted((fresh[i] for i in ids if i in fresh), key=lambda a: a.id)
        if len(old) == 1 and is_large(sizes[old[0]]):
            # one large thread gains articles: only their weeks change
            changed = sorted({week_of(a) for a in new})
            stored_rows = stored.thread_members(store, old, changed)
            thread_id = min(old[0], *("T" + a.id for a in new))
            members = [_story_article(r, json.loads(r["terms"])) for r in stored_rows]
            parts = [s for week in _weeks([*members, *new], changed) for s in split_week(week)]
            plans.append((thread_id, parts, True))
            cells.append((old[0], thread_id, changed))
            continue
        stored_rows = stored.thread_members(store, old)
        members = [_story_article(r, json.loads(r["terms"])) for r in stored_rows] + new
        thread_id = "T" + min(a.id for a in members)
        plans.append((thread_id, split_thread(members), is_large(len(members))))
        replaced += old
    # what incidents and claims read, for every article of the round: three queries, not
    # three a thread (a full re-merge has a thousand threads)
    records = _Records.read(store, sorted(a.id for _, parts, _ in plans for p in parts for a in p))
    for thread_id, parts, large in plans:
        _add_thread(records, tables, thread_id, parts, large, fresh)
    stored.save_threads(store, replaced, cells, tables)
    report.articles += len(fresh)
    report.threads += len({r[2] for r in tables["story_articles"]})
    report.stories += len(tables["stories"])
    report.incidents += len(tables["incidents"])


def _weeks(articles: Sequence[StoryArticle], wanted: Sequence[str]) -> list[list[StoryArticle]]:
    by_week: dict[str, list[StoryArticle]] = {w: [] for w in wanted}
    for article in articles:
        by_week[week_of(article)].append(article)
    return [by_week[w] for w in wanted]


@dataclass
class _Records:
    """The event rows, figures and statements of a round's articles, by article."""

    events: dict[str, list[dict[str, Any]]]
    figures: dict[tuple[str, str], list[Figure]]
    statements: dict[str, list[dict[str, Any]]]

    @classmethod
    def read(cls, store: Store, ids: list[str]) -> _Records:
        events: dict[str, list[dict[str, Any]]] = {}
        for row in stored.event_rows_of(store, ids):
            events.setdefault(row["article_id"], []).append(row)
        figures: dict[tuple[str, str], list[Figure]] = {}
        for f in stored.figures_of(store, ids):
            figures.setdefault((f["article_id"], f["event_id"]), []).append(
                Figure(f["effect"], float(f["value"]), f["qualifier"], f["text"],
                       f["attributed_to"])
            )  # fmt: skip
        statements: dict[str, list[dict[str, Any]]] = {}
        for row in stored.statements_of(store, ids, STANCES):
            statements.setdefault(row["article_id"], []).append(row)
        return cls(events, figures, statements)


def _add_thread(
    records: _Records,
    tables: dict[str, list[list[Any]]],
    thread_id: str,
    parts: Sequence[Sequence[StoryArticle]],
    large: bool,
    fresh: dict[str, StoryArticle],
) -> None:
    """The rows of one thread's stories (all of them, or the weeks recomputed)."""
    where: dict[str, tuple[str, str]] = {}  # article id -> (story id, cell)
    wires: dict[str, str] = {}
    for part in parts:
        story = story_of(part, thread_id[1:])
        cell = week_of(part[0]) if large else ""
        tables["stories"].append(
            [story.id, thread_id, cell, story.title, story.first_day, story.last_day,
             len(story.articles), list(story.sources), list(story.key_terms)]
        )  # fmt: skip
        wires.update(_wires(part))
        for article in part:
            where[article.id] = (story.id, cell)
            tables["story_articles"].append(
                [article.id, story.id, thread_id, cell, article.day, wires[article.id],
                 json.dumps(article.terms, separators=(",", ":"))]
            )  # fmt: skip
            if article.id in fresh:
                tables["story_keys"] += [[k, article.id, article.day]
                                         for k in article.blocking_keys()]  # fmt: skip
    for incident in merge_incidents(_reports(records, where, wires)):
        cell = where[incident.members[0].article_id][1]
        tables["incidents"].append(_incident_row(incident, thread_id, cell))
        tables["incident_events"] += [
            [m.article_id, m.event_id, incident.id, thread_id, cell] for m in incident.members
        ]
    statements = [
        Statement(r["article_id"], r["quote_id"], where[r["article_id"]][0], r["stance"],
                  r["content"], r["speaker"])
        for article_id in sorted(where)
        for r in records.statements.get(article_id, ())
    ]  # fmt: skip
    for link in link_denials(statements):
        tables["claim_links"].append(
            [link.story, thread_id, where[link.denial.article_id][1], link.denial.article_id,
             link.denial.quote_id, link.claim.article_id, link.claim.quote_id, link.score,
             list(link.shared)]
        )  # fmt: skip


def _wires(part: Sequence[StoryArticle]) -> dict[str, str]:
    """Each article's source: its outlet, except that syndicated copies of one text (in
    several outlets) all count as the outlet of the copy with the smallest id."""
    groups = UnionFind()
    ordered = sorted(part, key=lambda a: a.id)
    by_id = {a.id: a for a in ordered}
    for i, a in enumerate(ordered):
        groups.find(a.id)
        for b in ordered[i + 1 :]:
            if a.source != b.source and similarity(a, b) >= SYNDICATED:
                groups.union(a.id, b.id)
    out = {}
    for a in ordered:
        first = by_id[groups.find(a.id)]
        out[a.id] = first.source or first.id
    return out


def _reports(
    records: _Records, where: dict[str, tuple[str, str]], wires: dict[str, str]
) -> list[EventReport]:
    figures = records.figures
    out = []
    for r in (r for article_id in sorted(where) for r in records.events.get(article_id, ())):
        out.append(
            EventReport(
                article_id=r["article_id"], event_id=r["event_id"], type=r["type"],
                modality=r["modality"], day=r["date"], article_day=r["article_date"],
                source=r["source"], wire=wires.get(r["article_id"]), url=r["url"],
                story=where[r["article_id"]][0], place=r["place"],
                place_country=r["place_country"], latitude=r["latitude"],
                longitude=r["longitude"],
                actors=tuple(Party(n, c) for n, c in zip(r["actors"], r["actor_countries"], strict=False)),
                recipients=tuple(Party(n, c) for n, c in
                                 zip(r["recipients"], r["recipient_countries"], strict=False)),
                figures=tuple(figures.get((r["article_id"], r["event_id"]), ())),
                attribution=r["attribution"], trigger=r["trigger"],
                lemma=trigger_key(r["trigger"].split()[-1]) if r["trigger"] else None,
            )
        )  # fmt: skip
    return out


def _incident_row(incident: Incident, thread_id: str, cell: str) -> list[Any]:
    countries = sorted({p.country for m in incident.members for p in m.actors if p.country})
    fields = [
        {"field": t.field, "status": t.status, "low": t.low, "best": t.best, "high": t.high,
         "values": [{"value": v.value, "source": v.source, "article_id": v.article_id,
                     "event_id": v.event_id, "attributed_to": v.attributed_to,
                     "qualifier": v.qualifier,
                     "published": v.published.isoformat() if v.published else None}
                    for v in t.values]}
        for t in incident.fields
    ]  # fmt: skip
    return [
        incident.id, incident.story, thread_id, cell, incident.type, incident.first_day,
        incident.last_day, incident.place, incident.place_country, list(incident.actors),
        list(incident.recipients), countries, incident.num_mentions, incident.num_articles,
        incident.num_sources, list(incident.sources), list(incident.urls),
        incident.first_reported, incident.last_reported, incident.score,
        list(incident.evidence), incident.disputed, json.dumps(fields, default=str),
    ]  # fmt: skip
