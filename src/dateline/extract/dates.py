"""Dates: temporal expressions, normalised to TIMEX3 and anchored to the article's date or to the
time a quoted statement was made.

``find_dates(doc, anchor)`` is the pure function; the ``dateline.dates.v1`` component stores its
result on ``doc._.dates``. Candidates are the model's DATE and TIME entities plus what it misses
(weekdays, "mid-March", "tomorrow", "now"); each is given a tense from its clause (``will meet``
is future, ``met`` and ``told reporters`` past) and normalised by ``timex.normalise``. A relative
expression inside a quotation is anchored to when the quote was said ("told reporters on
Wednesday ... 'Let's wait for tomorrow'"), found in the reporting clause of its sentence or of
the two before it. Each date says how it was resolved: ``explicit`` (written out in full),
``article_date``, ``speech_time``, ``inferred_year`` (the article's year was inferred) or
``unanchored`` (no date to anchor it: the value keeps ``XXXX``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.extract.quote_records import load_cues
from dateline.extract.quotemarks import inside, quote_regions
from dateline.extract.syntax import sentence_index
from dateline.extract.timex import Tense, Timex, normalise
from dateline.records import DateMention

EXTRACTOR = "dateline.dates.v1"
FACTORY = EXTRACTOR.replace(".", "_")
# How many sentences before a quotation its reporting clause (with the date it was said) may be.
SPEECH_WINDOW = 2
_FUTURE_WORDS = frozenset({"will", "'ll", "shall", "wo", "would", "going"})
_FUTURE_HEADS = frozenset(
    [
        "plan",
        "expect",
        "schedule",
        "set",
        "due",
        "intend",
        "hope",
        "agree",
        "aim",
        "prepare",
        "promise",
        "threaten",
        "vow",
    ]
)
# What the model does not mark as DATE/TIME but TIMEX3 does (case matters: "May" is a month,
# "may" a modal verb, and "March" a month or a march).
_EXTRA = re.compile(
    r"\b(?:(?:early|mid|late)[- ])?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
    r"(?: \d{1,2}(?:st|nd|rd|th)?\b)?"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:(?:first|second|third|fourth)[- ]quarter)\b"
    r"|\b(?:today|tonight|yesterday|tomorrow|now|currently|recently)\b"
    r"|\bthe (?:future|past)\b|\b(?:recent|current)\b"
)
# Words that are temporal only in some uses: "the past" (a noun) but not "past the gate".
_TEMPORAL_POS = {
    "now": {"ADV"}, "currently": {"ADV"}, "recently": {"ADV"}, "soon": {"ADV"},
    "previously": {"ADV"}, "future": {"NOUN", "ADJ"}, "past": {"NOUN"},
    "recent": {"ADJ"}, "current": {"ADJ"},
}  # fmt: skip


def find_dates(
    doc: Doc,
    anchor: dt.date | None,
    anchor_inferred: bool = False,
    skip: Iterable[tuple[int, int]] = (),
) -> list[DateMention]:
    """The temporal expressions of a parsed article, each normalised and anchored."""
    sentence_of = sentence_index(doc)
    quotes = quote_regions(doc.text)
    candidates = _candidates(doc, skip)
    resolved: list[tuple[Span, Timex, str, dt.date | None]] = []
    speech: list[tuple[int, dt.date]] = []  # (sentence, date said) of reporting clauses
    for span in sorted(candidates, key=lambda s: _in_quote(s, quotes)):
        tense = tense_of(span)
        base, how = anchor, ("inferred_year" if anchor_inferred else "article_date")
        if _in_quote(span, quotes):
            said = _speech_date(span, speech, sentence_of)
            if said is not None:
                base, how = said, "speech_time"
        timex = normalise(span.text, base, tense)
        if timex is None:
            continue
        if not timex.relative:
            how = "explicit"
        elif base is None:
            how = "unanchored"
        resolved.append((span, timex, how, base))
        day = _as_date(timex.value)
        if day is not None and not _in_quote(span, quotes) and _reporting(span):
            speech.append((_sentence(span, sentence_of), day))
    resolved.sort(key=lambda r: r[0].start_char)
    return [
        DateMention(
            text=span.text,
            span=(span.start_char, span.end_char),
            type=timex.type,
            value=timex.value,
            mod=timex.mod,
            resolution=how,
            anchor=base.isoformat() if base and how != "explicit" else None,
            sentence=_sentence(span, sentence_of),
            extractor=EXTRACTOR,
        )
        for span, timex, how, base in resolved
    ]


def _candidates(doc: Doc, skip: Iterable[tuple[int, int]]) -> list[Span]:
    # Characters no date may start or end in: the dateline, and the actors' mentions ("the Sabah
    # daily" is a paper); a set, as a scan of every mention per candidate was quadratic.
    blocked: set[int] = set()
    for start, end in [*skip, *(m.span for m in (doc._.mentions or ()))]:
        blocked.update(range(start, end))
    taken: set[int] = set()
    spans: list[Span] = []

    def free(span: Span) -> bool:
        if any(i in taken for i in range(span.start, span.end)):
            return False
        return span.start_char not in blocked and (span.end_char - 1) not in blocked

    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"} and free(ent):
            spans.append(ent)
            taken.update(range(ent.start, ent.end))
    for match in _EXTRA.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="contract")
        if span is None or len(span) == 0 or not free(span):
            continue
        word = span[-1].lower_
        if word in _TEMPORAL_POS and span[-1].pos_ not in _TEMPORAL_POS[word]:
            continue
        if span.text.split()[-1] == "March" and span.root.pos_ == "VERB":
            continue
        spans.append(span)
        taken.update(range(span.start, span.end))
    return spans


def tense_of(span: Span) -> Tense:
    """Past, future or unknown, from the verb that governs the expression.

    News reports what happened: with no verb to go by, a date is taken as past. In the present
    tense ("Putin, Erdogan meet on Thursday") it may go either way: the nearest date wins.
    """
    token = span.root
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"} or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in {"VERB", "AUX"}:
        return "unknown"
    auxiliaries = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
    if token.lower_ in _FUTURE_WORDS or any(a.lower_ in _FUTURE_WORDS for a in auxiliaries):
        return "future"
    if token.tag_ == "VB" and token.head.lemma_ in _FUTURE_HEADS:
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if token.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return "past"
    return "unknown"


def _reporting(span: Span) -> bool:
    """The date belongs to a reporting clause ("told reporters on Wednesday"): a cue of the
    quotes component's lexicon governs it."""
    verbs = load_cues().verbs
    token = span.root
    for _ in range(4):
        if token.lemma_.lower() in verbs:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _speech_date(
    span: Span, speech: list[tuple[int, dt.date]], sentence_of: list[int]
) -> dt.date | None:
    here = _sentence(span, sentence_of)
    found = [(n, day) for n, day in speech if here - SPEECH_WINDOW <= n <= here]
    return max(found, key=lambda item: item[0])[1] if found else None


def _in_quote(span: Span, regions: list[tuple[int, int]]) -> bool:
    return inside(span.start_char, span.end_char, regions) is not None


def _sentence(span: Span, sentence_of: list[int]) -> int:
    return sentence_of[span.start] if len(span) else 0


def _as_date(value: str) -> dt.date | None:
    try:
        return (
            dt.date.fromisoformat(value[:10]) if re.fullmatch(r"\d{4}-\d\d-\d\d.*", value) else None
        )
    except ValueError:
        return None


# -- the spaCy component -------------------------------------------------------------------------
for _name, _default in (("dates", None), ("anchor_date", None), ("anchor_inferred", False)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory(
    FACTORY,
    requires=["doc.ents", "token.dep", "token.tag", "doc.sents"],
    assigns=["doc._.dates"],
)
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()


class DatesComponent:
    """Stores ``find_dates`` on ``doc._.dates``, anchored on ``doc._.anchor_date`` (ISO)."""

    def __call__(self, doc: Doc) -> Doc:
        raw = doc._.anchor_date
        anchor = dt.date.fromisoformat(raw) if raw else None
        doc._.dates = find_dates(doc, anchor, doc._.anchor_inferred, doc._.skip_spans)
        return doc
