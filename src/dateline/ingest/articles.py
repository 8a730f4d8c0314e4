"""Build ``Article`` records from wire text or from fields, and refuse what is not an article."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any

from dateline.errors import InputError
from dateline.ingest.datelines import find_dateline, resolve_year
from dateline.ingest.repair import repair_text
from dateline.records import Article, Repair, Span

# A body shorter than this is a stub ("-1", a caption), not a story to analyse.
MIN_BODY_CHARS = 40
# English function words. Running English prose has 30-50% of its words among these; the
# threshold below leaves room for headline-style and list-heavy text (checked on the 3,824
# articles of NewsArticles.zip: the lowest English article scores 0.17).
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "as",
        "will",
        "would",
        "can",
        "could",
        "said",
        "says",
        "after",
        "before",
        "over",
        "about",
        "into",
        "than",
        "which",
        "who",
        "what",
        "when",
        "where",
    ]
)
MIN_ENGLISH_SHARE = 0.10
LEAD_COMPARED = 2_000
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def article_id(title: str | None, lead: str | None, body: str) -> str:
    """A hash of the normalised content, so the same story read twice gets the same id."""
    content = " ".join(" ".join(part.split()) for part in (title or "", lead or "", body))
    normal = unicodedata.normalize("NFKC", content).casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def article_from_fields(
    *,
    origin: str,
    body: str,
    title: str | None = None,
    lead: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    metadata: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> Article:
    """An article from separate fields (JSON, CSV, HTML): ``text`` is them joined by newlines."""
    parts: list[str] = []
    repairs: list[Repair] = []
    title_span = lead_span = None
    cursor = 0
    for value, kind in ((title, "title"), (lead, "lead")):
        fixed = repair_text(_one_line(value), cursor)
        clean = _one_line(fixed.text)
        if not clean:
            continue
        span: Span = (cursor, cursor + len(clean))
        if kind == "title":
            title_span = span
        else:
            lead_span = span
        parts.append(clean)
        repairs.extend(r for r in fixed.repairs if r.span[1] <= span[1])
        cursor = span[1] + 1
    fixed_body = repair_text(_normalise_newlines(body).strip(), cursor)
    parts.append(fixed_body.text)
    repairs.extend(fixed_body.repairs)
    text = "\n".join(parts)
    return _finish(
        text,
        title_span,
        lead_span,
        cursor,
        origin,
        published,
        source,
        url,
        metadata,
        today,
        tuple(repairs),
    )


def article_from_wire_text(
    raw: str,
    *,
    origin: str,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    metadata: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> Article:
    """An article from plain wire text: headline line, optional lead line(s), dateline and body.

    The text is kept as read (line endings normalised, surrounding blank space trimmed, damaged
    characters repaired and each repair kept), so spans are offsets into that text. Without a
    dateline, a short first line is the headline.
    """
    fixed = repair_text(_normalise_newlines(raw).strip())
    text = fixed.text
    lines = _line_spans(text)
    if not lines:
        raise InputError(origin, "no text")
    body_index = _dateline_line(text, lines)
    lead_span: Span | None = None
    if body_index is None:
        first_start, first_end = lines[0]
        has_title = len(lines) > 1 and _looks_like_headline(text[first_start:first_end])
        title_span = lines[0] if has_title else None
        body_from = lines[1][0] if has_title else 0
    else:
        title_span = lines[0] if body_index >= 1 else None
        if body_index >= 2:
            lead_span = (lines[1][0], lines[body_index - 1][1])
        body_from = lines[body_index][0]
    return _finish(
        text, title_span, lead_span, body_from, origin, published, source, url, metadata, today,
        fixed.repairs,
    )  # fmt: skip


def _finish(
    text: str,
    title_span: Span | None,
    lead_span: Span | None,
    body_from: int,
    origin: str,
    published: dt.date | None,
    source: str | None,
    url: str | None,
    metadata: dict[str, Any] | None,
    today: dt.date | None,
    repairs: tuple[Repair, ...] = (),
) -> Article:
    match = find_dateline(text[body_from:], offset=body_from)
    dateline = None
    body_start = body_from
    if match is not None:
        dateline = resolve_year(match.dateline, published, text, today)
        body_start = match.body_start
        if source is None and dateline.agency is not None:
            source = dateline.agency
    body = text[body_start:]
    _check_body(origin, body)
    title = text[slice(*title_span)] if title_span else None
    lead = text[slice(*lead_span)] if lead_span else None
    return Article(
        id=article_id(title, lead, body),
        text=text,
        title_span=title_span,
        lead_span=lead_span,
        body_start=body_start,
        published=published,
        source=source,
        url=url,
        dateline=dateline,
        lead_in_body=_repeats(lead, body),
        origin=origin,
        metadata=dict(metadata or {}),
        repairs=repairs,
    )


def _check_body(origin: str, body: str) -> None:
    letters = sum(ch.isalpha() for ch in body)
    if letters < MIN_BODY_CHARS:
        raise InputError(
            origin, f"no article text (body has {letters} letters, need {MIN_BODY_CHARS})"
        )
    words = _WORD.findall(body[:20_000].lower())
    if len(words) >= 20:
        share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
        if share < MIN_ENGLISH_SHARE:
            raise InputError(
                origin,
                f"not English text (only {share:.0%} English function words); "
                "Dateline reads English articles",
            )


def _dateline_line(text: str, lines: list[Span]) -> int | None:
    """The index of the line (among the first four) that opens with a dateline."""
    for index, (start, end) in enumerate(lines[:4]):
        if find_dateline(text[start:end]) is not None:
            return index
    return None


def _looks_like_headline(line: str) -> bool:
    return len(line.split()) <= 25 and not line.rstrip().endswith((".", '."', ".”"))


def _line_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group(0).strip():
            spans.append((match.start(), match.end()))
    return spans


def _one_line(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _repeats(lead: str | None, body: str) -> bool:
    """The lead repeats the body when most of it (60%) stands in the body word for word:
    TASS leads restate a body sentence with the speaker's title added."""
    if not lead:
        return False
    # Bounded: the longest-match search is quadratic, and a lead of 150,000 characters took
    # minutes; 2,000 characters of a lead are more than any real one.
    a, b = _squash(lead[:LEAD_COMPARED]), _squash(body[:20_000])
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= 0.6 * len(a)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()
