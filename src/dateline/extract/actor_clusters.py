"""An actor as the actors component gathers it: one cluster of mentions per canonical actor,
with what the mentions say of its country, sector and role."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dateline.extract.gazetteer import KnownActor

ClusterKey = tuple[str, ...]


@dataclass
class Cluster:
    key: ClusterKey
    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    found: list[tuple[int, int, str, int, int]] = field(default_factory=list)
    """(start char, end char, how, sentence, start token) of each mention."""

    def first(self) -> int:
        return min(found[0] for found in self.found)

    def starts_before(self, token: int) -> list[int]:
        return [found[4] for found in self.found if found[4] < token]


def known_cluster(known: KnownActor) -> Cluster:
    kind = known.kind
    return Cluster(
        ("known", str(known.key)),
        kind,
        known.name,
        known.country,
        known.sector,
        known.role,
        known.wikidata,
    )


def last_person_before(
    people: list[Cluster], token: Token, sentence_of: list[int], doc: Doc, window: int
) -> Cluster | None:
    """The person a subject pronoun stands for: the last one named as a subject within the
    window, else the last one named at all (centering: a subject is the likeliest antecedent,
    Grosz, Joshi and Weinstein 1995). "McCulloch said the film hid Brown's visit. He said ..."
    is McCulloch, not Brown."""
    best: tuple[bool, int, Cluster] | None = None
    for cluster in people:
        for start_char, end_char, _, sentence, start in cluster.found:
            close = sentence_of[token.i] - sentence <= window
            if start >= token.i or not close:
                continue
            rank = (_names_a_subject(doc, start_char, end_char), start, cluster)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best else None


def _names_a_subject(doc: Doc, start_char: int, end_char: int) -> bool:
    """Whether the mention is (the head of) a clause's subject."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(4):
        if node.dep_ in {"nsubj", "nsubjpass"}:
            return True
        if node.dep_ not in {"compound", "flat", "appos", "amod", "poss"} or node.head is node:
            return False
        node = node.head
    return False
