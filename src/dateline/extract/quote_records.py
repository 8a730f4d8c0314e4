"""Quote records: attribution candidates (``Found``) become ``Quote`` records with their
speaker, date of speech and addressee; nested and clipped spans are handled here.

Split from ``quotes.py``, which finds the candidates in the parse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from dateline.records import DateMention, Mention, Quote

EXTRACTOR = "dateline.quotes.v1"
# How many sentences a speaker's earlier statement lends its date to a later one ("he said").
SAID_ON_WINDOW = 2


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, tuple[str, str]]
    claim_nouns: frozenset[str]
    cancelling_heads: frozenset[str]
    addressee_verbs: frozenset[str]
    object_verbs: frozenset[str] = frozenset()


@cache
def load_cues() -> CueLexicon:
    data = json.loads(resources.files("dateline.data").joinpath("cues.json").read_text("utf-8"))
    return CueLexicon(
        verbs={k: (v[0], v[1]) for k, v in data["verbs"].items()},
        claim_nouns=frozenset(data["claim_nouns"]),
        cancelling_heads=frozenset(data["cancelling_heads"]),
        addressee_verbs=frozenset(data["addressee_verbs"]),
        object_verbs=frozenset(data.get("object_verbs", ())),
    )


@dataclass
class Found:
    kind: str
    cue: Span | None
    stance: str
    source: Span | None
    content: list[tuple[int, int]]
    denied_claimants: tuple[str, ...] = ()


def without_nested(quotes: list[Quote]) -> list[Quote]:
    """A speaker's statement inside their own reported statement ("told journalists that he
    expected ...") is one attribution, not two; so is a first-person one inside a quotation."""
    kept = []
    for quote in quotes:
        outer = [
            q for q in quotes
            if q is not quote and q.speaker == quote.speaker and quote.speaker is not None
            and any(s <= c0 and c1 <= e for s, e in q.content_spans for c0, c1 in quote.cue_spans)
        ]  # fmt: skip
        if not outer and not _first_or_second_person(quote):
            kept.append(quote)
    return [replace(q, id=f"Q{n}") for n, q in enumerate(kept, start=1)]


_SPEAKING_PERSONS = frozenset({"i", "we", "you", "me", "us"})


def _first_or_second_person(quote: Quote) -> bool:
    """ "I think", "we believe", "you want": inside a quotation the quoted person's own words,
    part of what they said; a newswire story has no first-person source of its own."""
    return quote.speaker is None and (quote.source or "").casefold() in _SPEAKING_PERSONS


# -- records --------------------------------------------------------------------------------------
def build_quotes(
    doc: Doc,
    text: str,
    found: list[Found],
    mentions: list[Mention],
    dates: list[DateMention],
    sentence_of: list[int],
    lexicon: CueLexicon,
) -> list[Quote]:
    quotes: list[Quote] = []
    last_said: dict[str, tuple[int, str]] = {}
    for number, item in enumerate(sorted(found, key=_position), start=1):
        cue = item.cue
        anchor = cue if cue is not None else item.source
        sentence = sentence_of[anchor.start] if anchor is not None else 0
        speaker = _speaker(item.source, mentions)
        said_on = _said_on(cue, item.content, dates) if cue is not None else None
        earlier = cue is not None and any(
            c.lower_ in {"earlier", "previously"} for c in cue[0].children
        )
        previous = last_said.get(speaker) if speaker is not None else None
        recent = previous is not None and sentence - previous[0] <= SAID_ON_WINDOW
        if said_on is None and previous is not None and recent and not earlier:
            said_on = previous[1]
        if said_on is not None and speaker is not None:
            last_said[speaker] = (sentence, said_on)
        content = " ".join(text[s:e] for s, e in item.content)
        quotes.append(
            Quote(
                id=f"Q{number}",
                kind=item.kind,
                speaker=speaker,
                source=item.source.text if item.source is not None else None,
                source_spans=((item.source.start_char, item.source.end_char),)
                if item.source is not None
                else (),
                cue=cue.text if cue is not None else None,
                cue_lemma=" ".join(t.lemma_.lower() for t in cue) if cue is not None else None,
                cue_spans=((cue.start_char, cue.end_char),) if cue is not None else (),
                stance=item.stance,
                content=content,
                content_spans=tuple(item.content),
                sentence=sentence,
                extractor=EXTRACTOR,
                said_on=said_on,
                addressee=_addressee(cue[0], lexicon)
                if cue is not None and item.kind != "according_to"
                else None,
                denies=content if item.kind == "denial" else None,
                claimants=item.denied_claimants,
            )
        )
    return quotes


def _position(item: Found) -> int:
    return min(s for s, _ in item.content)


def _speaker(source: Span | None, mentions: list[Mention]) -> str | None:
    """The actor of the source phrase: the mention at its head, else any mention inside it."""
    if source is None:
        return None
    head = source.root
    inside_mentions = [
        m for m in mentions if source.start_char <= m.span[0] and m.span[1] <= source.end_char
    ]
    for mention in inside_mentions:
        if mention.span[0] <= head.idx < mention.span[1]:
            return mention.actor
    overlapping = [
        m for m in mentions if m.span[0] < source.end_char and source.start_char < m.span[1]
    ]
    chosen = inside_mentions or overlapping
    return chosen[0].actor if chosen else None


def _said_on(cue: Span, content: list[tuple[int, int]], dates: list[DateMention]) -> str | None:
    """A date of the cue's own clause ("told reporters on Wednesday", "dismissed on March 3")."""
    token = cue[0]
    clause = {
        t.i
        for child in token.children
        if child.dep_ not in {"ccomp", "xcomp"}
        for t in child.subtree
    }
    if not clause:
        return None
    doc = cue.doc
    low, high = doc[min(clause)].idx, doc[max(clause)].idx + len(doc[max(clause)])
    for date in dates:
        if not low <= date.span[0] < high:
            continue  # outside the clause (checked first: per quote, every date was looked up)
        if any(s <= date.span[0] < e for s, e in content) or date.type != "DATE":
            continue
        start = cue.doc.char_span(date.span[0], date.span[1], alignment_mode="expand")
        if start is not None and start.start in clause:
            return date.value
    return None


def _addressee(cue: Token, lexicon: CueLexicon) -> str | None:
    for child in cue.children:
        if child.dep_ in {"dobj", "dative"} and cue.lemma_.lower() in lexicon.addressee_verbs:
            return cue.doc[child.left_edge.i : child.right_edge.i + 1].text
        if child.dep_ in {"prep", "dative"} and child.lower_ == "to":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return cue.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1].text
    return None
