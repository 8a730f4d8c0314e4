"""Claims and denials across articles: "Russia denied ..." in one report, linked to the
allegation another report of the same story carries.

A denial (a quote whose stance is ``denies``) is linked to the claims and assertions of the
other articles of its story whose content says the same thing: the cosine of their contents'
terms is at least ``LINK_THRESHOLD`` and they share at least ``MIN_SHARED`` content words. Not
linked: a statement of the same speaker (no one answers themselves), and one whose words hold
the other's (the same statement, retold by another outlet or quoted in a longer one). The
three best links of each denial are kept. A link depends on its two statements and their
story only, so the links are the same in any order of arrival.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.stories.terms import article_terms, cosine

LINK_THRESHOLD = 0.3
MIN_SHARED = 2
KEPT = 3
CLAIMING = {"claims", "asserts"}
DENYING = "denies"
STANCES = (*sorted(CLAIMING), DENYING)  # the quotes link_denials reads


@dataclass(frozen=True)
class Statement:
    article_id: str
    quote_id: str
    story: str
    stance: str
    content: str
    speaker: str | None = None
    source: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class ClaimLink:
    story: str
    denial: Statement
    claim: Statement
    score: float
    shared: tuple[str, ...]


def link_denials(statements: Sequence[Statement]) -> list[ClaimLink]:
    """Each denial's links to the claims it answers in other articles of its story."""
    terms = {(s.article_id, s.quote_id): article_terms("", s.content) for s in statements}
    by_story: dict[str, list[Statement]] = {}
    for statement in statements:
        by_story.setdefault(statement.story, []).append(statement)
    links = []
    for story, members in sorted(by_story.items()):
        ordered = sorted(members, key=lambda s: (s.article_id, s.quote_id))
        claims = [s for s in ordered if s.stance in CLAIMING]
        for denial in (s for s in ordered if s.stance == DENYING):
            said = terms[(denial.article_id, denial.quote_id)]
            found = []
            for claim in claims:
                if claim.article_id == denial.article_id or _same_speaker(denial, claim):
                    continue
                if _retold(denial.content, claim.content):
                    continue
                other = terms[(claim.article_id, claim.quote_id)]
                shared = tuple(sorted(set(said) & set(other)))
                score = cosine(said, other)
                if len(shared) >= MIN_SHARED and score >= LINK_THRESHOLD:
                    found.append(ClaimLink(story, denial, claim, round(score, 4), shared))
            found.sort(key=lambda k: (-k.score, k.claim.article_id, k.claim.quote_id))
            links += found[:KEPT]
    return links


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _retold(a: str, b: str) -> bool:
    """One statement's words stand in the other's: the same words, not an answer to them."""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa in wb or wb in wa)


def _same_speaker(a: Statement, b: Statement) -> bool:
    if not a.speaker or not b.speaker:
        return False
    names_a = set(a.speaker.casefold().split())
    return bool(names_a & set(b.speaker.casefold().split()))
