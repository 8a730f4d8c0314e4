"""Stories: articles about one developing topic, in two steps.

1. **Threads**: two articles are linked when their term vectors (``stories.terms``) have a
   cosine of at least ``LINK_THRESHOLD`` and they are at most ``WINDOW_DAYS`` apart (articles
   without a date are compared with every article). A thread is a connected part of the links.
   A link depends on its two articles only, so a thread is the same in any order of arrival:
   a new article links to the stored articles it resembles and joins (or bridges) their threads.
2. **Stories**: a thread chains neighbours (two earthquakes in two years share every word but
   the names), so it is split by average-link clustering: the two groups with the highest mean
   similarity merge while that mean is at least ``STORY_THRESHOLD`` (ties by id). That is a
   function of the thread's articles, recomputed when the thread changes: never the whole
   store, and the same result in any order (``tests/test_stories.py``). A thread of more than
   ``AVERAGE_LINK_LIMIT`` articles (dense news chains: NewsArticles.zip has one of 2,101) is
   cut by calendar week before average link, which costs the square of its size.

Candidates come from blocking: each article's ``BLOCK_TERMS`` heaviest terms are its keys, and
only articles that share a key are compared, so the cost grows with the articles per key in the
date window, not with the square of the store.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateline.stories.terms import cosine, top_terms

LINK_THRESHOLD = 0.25
STORY_THRESHOLD = 0.25
AVERAGE_LINK_LIMIT = 150
WINDOW_DAYS = 7
BLOCK_TERMS = 12


@dataclass(frozen=True)
class StoryArticle:
    """What story clustering reads of an article."""

    id: str
    day: dt.date | None
    source: str | None
    title: str
    terms: Mapping[str, float]

    def blocking_keys(self) -> list[str]:
        return top_terms(self.terms, BLOCK_TERMS)


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    score: float


@dataclass(frozen=True)
class Story:
    id: str
    thread: str
    title: str
    first_day: dt.date | None
    last_day: dt.date | None
    articles: tuple[str, ...]  # ids, in order of day
    sources: tuple[str, ...]
    key_terms: tuple[str, ...]


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent[parent]
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))  # the smaller id is the root: the same in any order
            self.parent[high] = low

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out


def close_in_time(a: StoryArticle, b: StoryArticle, window: int = WINDOW_DAYS) -> bool:
    return a.day is None or b.day is None or abs((a.day - b.day).days) <= window


def similarity(a: StoryArticle, b: StoryArticle) -> float:
    return cosine(a.terms, b.terms)


@dataclass
class BlockIndex:
    """Articles by blocking key, for finding the candidates of a new article."""

    by_key: dict[str, list[StoryArticle]] = field(default_factory=dict)

    def add(self, article: StoryArticle) -> None:
        for key in article.blocking_keys():
            self.by_key.setdefault(key, []).append(article)

    def candidates(self, article: StoryArticle) -> list[StoryArticle]:
        seen: dict[str, StoryArticle] = {}
        for key in article.blocking_keys():
            for other in self.by_key.get(key, ()):
                if other.id != article.id:
                    seen.setdefault(other.id, other)
        return list(seen.values())


def links_of(
    article: StoryArticle, candidates: Iterable[StoryArticle], threshold: float = LINK_THRESHOLD
) -> list[Link]:
    """The links of ``article`` to the candidates it resembles enough, close enough in time."""
    out = []
    for other in candidates:
        if other.id == article.id or not close_in_time(article, other):
            continue
        score = similarity(article, other)
        if score >= threshold:
            a, b = sorted((article.id, other.id))
            out.append(Link(a, b, round(score, 4)))
    return out


def threads(
    articles: Sequence[StoryArticle], threshold: float = LINK_THRESHOLD
) -> tuple[list[list[StoryArticle]], list[Link]]:
    """The threads of these articles (each sorted by id), and the links that made them."""
    index = BlockIndex()
    found = UnionFind()
    links: list[Link] = []
    for article in sorted(articles, key=lambda a: a.id):
        found.find(article.id)
        new = links_of(article, index.candidates(article), threshold)
        for link in new:
            found.union(link.a, link.b)
        links.extend(new)
        index.add(article)
    by_id = {a.id: a for a in articles}
    groups = [
        sorted((by_id[i] for i in members), key=lambda a: a.id)
        for members in found.groups().values()
    ]
    return sorted(groups, key=lambda g: g[0].id), links


def week_of(article: StoryArticle) -> str:
    """The cell of an article in a large thread: its ISO week ("" when it has no date)."""
    if article.day is None:
        return ""
    year, week, _ = article.day.isocalendar()
    return f"{year}-W{week:02d}"


def is_large(size: int) -> bool:
    return size > AVERAGE_LINK_LIMIT


def split_thread(members: Sequence[StoryArticle]) -> list[list[StoryArticle]]:
    """A thread's stories: average-link groups (see the module's docstring). A thread too
    large for average link is cut into weeks first (``split_week``)."""
    ordered = sorted(members, key=lambda a: a.id)
    if not is_large(len(ordered)):
        return average_link(ordered)
    return [story for week in _cut(ordered, week_of) for story in split_week(week)]


def split_week(members: Sequence[StoryArticle]) -> list[list[StoryArticle]]:
    """The stories of one week of a large thread: average link, or, for a week too large for
    it, average link within each day, a day too large in runs of ``AVERAGE_LINK_LIMIT``."""
    ordered = sorted(members, key=lambda a: a.id)
    if not is_large(len(ordered)):
        return average_link(ordered)
    out = []
    for day in _cut(ordered, lambda a: a.day.toordinal() if a.day else 0):
        for start in range(0, len(day), AVERAGE_LINK_LIMIT):
            out += average_link(day[start : start + AVERAGE_LINK_LIMIT])
    return out


def _cut(articles: Sequence[StoryArticle], key: Any) -> list[list[StoryArticle]]:
    groups: dict[Any, list[StoryArticle]] = {}
    for article in articles:
        groups.setdefault(key(article), []).append(article)
    return [groups[k] for k in sorted(groups)]


def average_link(ordered: Sequence[StoryArticle]) -> list[list[StoryArticle]]:
    """Average-link clustering down to ``STORY_THRESHOLD`` (ties by position: by id)."""
    n = len(ordered)
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    # total similarity between groups, kept up to date as they merge
    between: dict[tuple[int, int], float] = {
        (i, j): similarity(ordered[i], ordered[j]) for i in range(n) for j in range(i + 1, n)
    }
    while len(groups) > 1:
        best, pair = -1.0, (0, 0)
        for (i, j), total in between.items():
            mean = total / (len(groups[i]) * len(groups[j]))
            if mean > best:
                best, pair = mean, (i, j)
        if best < STORY_THRESHOLD:
            break
        keep, gone = pair
        groups[keep] += groups.pop(gone)
        for other in groups:
            if other == keep:
                continue
            merged = between.pop((min(other, gone), max(other, gone)), 0.0)
            key = (min(other, keep), max(other, keep))
            between[key] = between.get(key, 0.0) + merged
        between.pop((keep, gone), None)
    return [[ordered[i] for i in sorted(g)] for g in groups.values()]


def cluster_stories(
    articles: Sequence[StoryArticle], threshold: float = LINK_THRESHOLD
) -> tuple[list[Story], list[Link]]:
    """All stories of these articles, and the links that made their threads."""
    found, links = threads(articles, threshold)
    stories = [story_of(part, thread[0].id) for thread in found for part in split_thread(thread)]
    return sorted(stories, key=_story_order), links


def story_of(members: Sequence[StoryArticle], thread: str) -> Story:
    """A story's record from its articles: its id and title are those of its earliest article
    (by day, then id), so the same articles give the same story in any order."""
    ordered = sorted(members, key=lambda a: (a.day or dt.date.max, a.id))
    days = [a.day for a in ordered if a.day is not None]
    weights: Counter[str] = Counter()
    for article in ordered:
        weights.update(article.terms)
    key_terms = tuple(w for w, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:8])
    sources = tuple(sorted({a.source for a in ordered if a.source}))
    first = ordered[0]
    return Story(
        id="S" + first.id,
        thread="T" + thread,
        title=first.title,
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
        articles=tuple(a.id for a in ordered),
        sources=sources,
        key_terms=key_terms,
    )


def _story_order(story: Story) -> tuple[dt.date, str]:
    return (story.first_day or dt.date.max, story.id)
