"""The newswire gold (``gold/newswire/dev``): whole-article records of real news, read into spans.

Each JSON file is one article of ``NewsArticles.zip`` with its ``title``, ``lead`` and ``text``
verbatim and the facts a careful reader recorded (``GUIDELINES.md`` beside the set). Every gold
string is an exact substring of its field (an ``occurrence`` says which where it repeats). The
article is built with the reader Dateline uses for CSV records, which joins the fields, folds
the title's and lead's blank space and repairs damaged characters; so each gold string is
located in the article's own text by the same normalisation (``locate``), never by the raw
field offsets.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dateline.errors import GoldFormatError, InputError
from dateline.extract.geonames import unaccented
from dateline.ingest.articles import article_from_fields
from dateline.ingest.fields import parse_date
from dateline.ingest.repair import repair_text
from dateline.records import Article, Span

FIELDS = ("title", "lead", "text")
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
        "you",
        "your",
        "himself",
        "herself",
        "itself",
        "themselves",
        "who",
        "which",
        "that",
    ]
)
# Quotation marks, dashes and the corpus's damage marks stand for each other when a gold string
# is located in repaired text (``"?`` may have become ``”``).
_LOOSE = "\"'“”‘’«»„`?-–—"


@dataclass
class GoldActor:
    key: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    mentions: list[str]
    spans: list[Span] = field(default_factory=list)


@dataclass
class GoldDoc:
    article_id: str
    outlet: str
    article: Article
    actors: dict[str, GoldActor]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    places: list[dict[str, Any]]
    segments: dict[str, Span]

    def locate(self, item: dict[str, Any], key: str) -> Span | None:
        """The span in the article's text of ``item[key]`` in ``item['field']``."""
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            return None
        return locate(
            self.article.text,
            self.segments,
            item.get("field", "text"),
            value,
            int(item.get("occurrence") or 1),
        )


def read_newswire(folder: Path) -> list[GoldDoc]:
    files = sorted(folder.glob("*.json")) if folder.is_dir() else [folder]
    docs = [_read_doc(path) for path in files]
    if not docs:
        raise GoldFormatError(f"{folder}: no newswire gold files (*.json)")
    return docs


def _read_doc(path: Path) -> GoldDoc:
    try:
        raw = json.loads(path.read_text("utf-8"))
        article = article_from_fields(
            origin=str(path),
            body=raw["text"],
            title=raw.get("title") or None,
            lead=raw.get("lead") or None,
            published=parse_date(str(raw["published"]), "published", str(path)),
            source=raw.get("outlet"),
            url=raw.get("url"),
        )
    except (OSError, ValueError, KeyError, TypeError, InputError) as err:
        raise GoldFormatError(f"{path}: not a newswire gold article ({err})") from err
    segments = _segments(article)
    doc = GoldDoc(
        article_id=str(raw.get("article_id", path.stem)),
        outlet=str(raw.get("outlet") or "?"),
        article=article,
        actors={},
        events=list(raw.get("events") or []),
        quotes=list(raw.get("quotes") or []),
        dates=list(raw.get("dates") or []),
        places=list(raw.get("places") or []),
        segments=segments,
    )
    for item in raw.get("actors") or []:
        actor = GoldActor(
            key=item["key"],
            name=item.get("name") or "",
            kind=item.get("kind") or "",
            country=item.get("country"),
            sector=item.get("sector"),
            mentions=[m for m in item.get("mentions") or [] if isinstance(m, str)],
        )
        actor.spans = _mention_spans(article.text, segments, actor.mentions)
        doc.actors[actor.key] = actor
    return doc


def _segments(article: Article) -> dict[str, Span]:
    body_from = (
        article.lead_span[1] + 1
        if article.lead_span
        else (article.title_span[1] + 1 if article.title_span else 0)
    )
    out = {"text": (body_from, len(article.text))}
    if article.title_span:
        out["title"] = article.title_span
    if article.lead_span:
        out["lead"] = article.lead_span
    return out


def _mention_spans(text: str, segments: dict[str, Span], mentions: list[str]) -> list[Span]:
    """Every place a non-pronoun mention stands in any field (mentions carry no field)."""
    spans: list[Span] = []
    for mention in mentions:
        if mention.casefold() in PRONOUNS or len(mention) < 2:
            continue
        for name in segments:
            spans.extend(_all(text, segments[name], mention))
    return spans


def locate(
    text: str, segments: dict[str, Span], field_name: str, value: str, occurrence: int = 1
) -> Span | None:
    segment = segments.get(field_name) or segments.get("text")
    if segment is None:
        return None
    found = _all(text, segment, value)
    if not found:
        return None
    return found[min(occurrence, len(found)) - 1]


def _all(text: str, segment: Span, value: str) -> list[Span]:
    pattern = _pattern(value)
    start, end = segment
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]


@cache  # every mention is looked up in every field
def _pattern(value: str) -> re.Pattern[str]:
    needle = " ".join(repair_text(value).text.split())
    parts = []
    for ch in needle:
        if ch == " ":
            parts.append(r"\s+")
        elif ch in _LOOSE:
            parts.append(f"[{re.escape(_LOOSE)}]{{0,2}}")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


def fold(name: str) -> str:
    """A name compared case- and accent-insensitively, without a leading article."""
    plain = re.sub(r"[^\w\s]", " ", unaccented(name))
    words = plain.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
