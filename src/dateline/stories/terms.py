"""The words an article is about, weighted, for telling which articles tell one story.

Pure text processing (no model): lower-cased words of three letters or more that are not
stop words (``data/story_stopwords.txt``), with sub-linear term frequency. Headline words and
names (capitalised inside a sentence) weigh more: two reports of one incident share its names
and headline words more than its generic vocabulary. The weights depend on the article alone,
not on a corpus, so an article's similarity to another never changes as the store grows, and
the clustering built on it is the same in any order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|\d[\d,.]*\d|\d")
HEADLINE_WEIGHT = 2.0
NAME_WEIGHT = 2.0
NUMBER_WEIGHT = 1.5
# An article is its heaviest terms: the long tail adds little to a cosine, and a store of
# 100,000 articles keeps (and reads back) these vectors for every merge.
TERMS_KEPT = 128


@cache
def stopwords() -> frozenset[str]:
    text = resources.files("dateline.data").joinpath("story_stopwords.txt").read_text("utf-8")
    words = (w for line in text.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(words)


def _words(text: str) -> list[tuple[str, bool]]:
    """(lower-cased word, whether it is a name) for each word worth counting; a name is a
    capitalised word that does not begin a sentence or a line."""
    stop = stopwords()
    out = []
    last_end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        gap = text[last_end : match.start()]
        begins = last_end == 0 or any(ch in gap for ch in ".!?\n")
        last_end = match.end()
        lower = word.lower().replace("’", "'").removesuffix("'s")
        if lower in stop or (len(lower) < 3 and not lower.isdigit()):
            continue
        out.append((lower, word[0].isupper() and not begins))
    return out


def article_terms(title: str, text: str) -> dict[str, float]:
    """Term weights of an article, scaled to unit length (so that a dot product is a cosine)."""
    counts: Counter[str] = Counter()
    boost: dict[str, float] = {}
    for words, weight in ((_words(title), HEADLINE_WEIGHT), (_words(text), 1.0)):
        for word, is_name in words:
            counts[word] += 1
            factor = weight * (NAME_WEIGHT if is_name else 1.0)
            factor *= NUMBER_WEIGHT if word[0].isdigit() else 1.0
            boost[word] = max(boost.get(word, 1.0), factor)
    weights = {w: (1.0 + math.log(n)) * boost[w] for w, n in counts.items()}
    kept = normalised({w: weights[w] for w in top_terms(weights, TERMS_KEPT)})
    return {w: round(v, 5) for w, v in kept.items()}  # as stored: a round trip changes nothing


def normalised(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in weights.values()))
    return {w: v / norm for w, v in weights.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def top_terms(weights: Mapping[str, float], n: int) -> list[str]:
    """The ``n`` heaviest terms (ties broken alphabetically): the keys blocking looks up."""
    return [w for w, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
