"""Quantities: numbers with what they count, how exact they are and what happened to it.

``find_quantities(doc, lexicon)`` is the pure function; the ``dateline.quantities.v1`` component
stores its result on ``doc._.quantities``. A quantity is a cardinal number ("36", "five",
"5,176", "1.5 million") or a vague plural ("dozens", "millions of"), with the qualifier before it
("more than" → lower_bound, "up to" → upper_bound, "about" → approximate), the noun it counts
("36 Turkish soldiers", "12 times") and the effect the clause gives it ("killed 36 Turkish
soldiers" → killed; "200 targets had been hit" → hit; "five dead" → killed). Numbers inside
dates, times and ordinals are not quantities. The events component binds quantities to events
and gives each its attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.extract.event_lexicon import EventLexicon, load_event_lexicon
from dateline.extract.syntax import doc_text, sentence_index
from dateline.records import Quantity

EXTRACTOR = "dateline.quantities.v1"
FACTORY = EXTRACTOR.replace(".", "_")

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "dozen": 12, "lakh": 100_000, "crore": 10_000_000}  # fmt: skip
# A vague plural is a lower bound of its magnitude: "dozens" is at least 24, "millions" 2,000,000.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "tens": 20,
          "millions": 2_000_000, "billions": 2_000_000_000}  # fmt: skip
_QUALIFIERS = (
    ("more than", "lower_bound"), ("over", "lower_bound"), ("at least", "lower_bound"),
    ("upwards of", "lower_bound"), ("in excess of", "lower_bound"), ("as many as", "upper_bound"),
    ("up to", "upper_bound"), ("less than", "upper_bound"), ("fewer than", "upper_bound"),
    ("under", "upper_bound"), ("nearly", "approximate"), ("almost", "approximate"),
    ("about", "approximate"), ("around", "approximate"), ("some", "approximate"),
    ("approximately", "approximate"), ("roughly", "approximate"), ("an estimated", "approximate"),
    ("close to", "approximate"), ("exactly", "exact"),
)  # fmt: skip
_REFERRING = frozenset(
    {"the", "these", "those", "its", "their", "his", "her", "our", "which", "whom", "them", "us"}
)
# Qualifiers that are also prepositions count only when the parse does not read them as one.
_PREPOSITIONS = frozenset({"about", "around", "over", "under", "some"})
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def find_quantities(
    doc: Doc, lexicon: EventLexicon, skip: Iterable[tuple[int, int]] = ()
) -> list[Quantity]:
    """The quantities of a parsed article, in text order."""
    skipped = [range(s, e) for s, e in skip]
    sentence_of = sentence_index(doc)
    found: list[Quantity] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _starts_number(token) or any(token.idx in r for r in skipped):
            i += 1
            continue
        end = _number_end(doc, i)
        value = _value(doc[i:end])
        if value is None or _reference(doc, i, end):
            i = end
            continue
        found.append(_quantity(doc, i, end, value, lexicon, sentence_of))
        i = end
    return found


def _starts_number(token: Token) -> bool:
    if token.ent_type_ in _SKIP_ENTS:
        return False
    lower = token.lower_
    if lower in _VAGUE:
        return True
    if lower in {"a", "an"}:
        return False
    return bool(_NUMBER.match(token.text)) or (lower in _WORDS and token.pos_ == "NUM")


def _reference(doc: Doc, start: int, end: int) -> bool:
    """ "the two countries", "one of the leaders", "two of which": a reference, not a count."""
    if start > 0 and doc[start - 1].lower_ in _REFERRING:
        return True
    return end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].lower_ in _REFERRING


def _number_end(doc: Doc, start: int) -> int:
    end = start + 1
    while end < len(doc) and (
        doc[end].lower_ in _SCALES or (doc[end].lower_ in _WORDS and doc[end].pos_ == "NUM")
    ):
        end += 1
    return end


def _value(tokens: Iterable[Token]) -> float | None:
    total: float = 0
    current: float = 0
    seen = False
    for token in tokens:
        lower = token.lower_.replace(",", "")
        if lower in _VAGUE:
            return float(_VAGUE[lower])
        if _NUMBER.match(lower):
            current += float(lower)
        elif lower in _WORDS:
            current += _WORDS[lower]
        elif lower in _SCALES:
            current = max(current, 1) * _SCALES[lower]
            if _SCALES[lower] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _quantity(
    doc: Doc, start: int, end: int, value: float, lexicon: EventLexicon, sentence_of: list[int]
) -> Quantity:
    qualifier, q_start = _qualifier(doc, start)
    if doc[start].lower_ in _VAGUE and qualifier == "exact":
        qualifier = "approximate"
    head = doc[end - 1]
    counted = _counted(head)
    span_end = counted.i + 1 if counted is not None else end
    text_start = doc[q_start].idx
    text_end = doc[span_end - 1].idx + len(doc[span_end - 1])
    unit = _unit_text(doc, end, counted) if counted is not None else None
    return Quantity(
        text=doc_text(doc)[text_start:text_end],
        span=(text_start, text_end),
        value=value,
        unit=unit,
        qualifier=qualifier,
        effect=_effect(counted or head, lexicon),
        sentence=sentence_of[start],
        extractor=EXTRACTOR,
    )


def _qualifier(doc: Doc, start: int) -> tuple[str, int]:
    """The qualifier words right before the number, and where they start."""
    for words, qualifier in _QUALIFIERS:
        size = len(words.split())
        if start - size < 0:
            continue
        before = " ".join(t.lower_ for t in doc[start - size : start])
        if before == words and not (words in _PREPOSITIONS and doc[start - 1].dep_ == "prep"):
            return qualifier, start - size
    return "exact", start


def _counted(number: Token) -> Token | None:
    """The noun the number counts: its head ("36 soldiers"), or the object of "of" after a
    vague plural ("millions of refugees")."""
    if number.dep_ in {"nummod", "quantmod", "amod"} and number.head.pos_ in {"NOUN", "PROPN"}:
        return number.head
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in {"NOUN", "PROPN"}:
                return objects[0]
    return None


def _unit_text(doc: Doc, number_end: int, counted: Token) -> str:
    """What is counted, as written between the number and its noun ("Turkish soldiers")."""
    start = number_end
    if counted.i < start:
        return counted.text
    if doc[start].lower_ == "of":  # "millions of refugees"
        start += 1
    return doc[start : counted.i + 1].text


def _effect(token: Token, lexicon: EventLexicon) -> str | None:
    """What the clause did to the counted thing: its verb ("killed 36 soldiers", "200 targets
    had been hit") or a predicate adjective ("five dead", "12 people were injured")."""
    for child in token.children:
        if child.dep_ in {"amod", "acl"} and child.lemma_.lower() in lexicon.effect_adjectives:
            return lexicon.effect_adjectives[child.lemma_.lower()]
        if child.dep_ == "acl" and child.lemma_.lower() in lexicon.effect_verbs:
            return lexicon.effect_verbs[child.lemma_.lower()]
    governing = token
    while governing.dep_ in {"conj", "appos", "pobj", "prep"} and governing.head is not governing:
        if governing.dep_ == "pobj" and governing.head.lower_ not in {"of"}:
            break
        governing = governing.head
    verb = governing.head
    if governing.dep_ in {"dobj", "nsubjpass", "nsubj"} and verb.pos_ in {"VERB", "AUX", "ADJ"}:
        lemma = verb.lemma_.lower()
        if lemma in lexicon.effect_verbs:
            return lexicon.effect_verbs[lemma]
        for child in verb.children:  # "12 people were injured", "five were left dead"
            if child.dep_ in {"acomp", "oprd"} and child.lower_ in lexicon.effect_adjectives:
                return lexicon.effect_adjectives[child.lower_]
        if lemma in lexicon.effect_adjectives:
            return lexicon.effect_adjectives[lemma]
    return None


# -- the spaCy component -------------------------------------------------------------------------
if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)


@Language.factory(FACTORY, requires=["token.dep", "token.pos"], assigns=["doc._.quantities"])
def make_quantities(nlp: Language, name: str, events_file: str | None) -> QuantitiesComponent:
    return QuantitiesComponent(load_event_lexicon(events_file))


class QuantitiesComponent:
    """Stores ``find_quantities`` on ``doc._.quantities``."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        skip = (*doc._.skip_spans, *doc._.repeat_spans)
        doc._.quantities = find_quantities(doc, self.lexicon, skip)
        return doc
