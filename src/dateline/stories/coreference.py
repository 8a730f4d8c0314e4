"""Event coreference of bare mentions (a trigger word, no parties): the mentions of one story
whose triggers share a stem are one event.

A nominalisation and its verb name one event ("the shooting" and "shot", "the nomination" and
"nominated"), so the key of a trigger is its lemma without a derivational suffix, cut to five
letters. This is the rule that ``dateline eval dedup`` scores on ECB+'s gold mentions, where a
mention is a word and nothing else is known of it; Dateline's own events carry their parties,
places, dates and figures and are merged by ``stories.incidents`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SUFFIXES = ("ation", "ition", "ment", "ing", "ion", "al")
STEM = 5


@dataclass(frozen=True)
class MentionReport:
    id: str
    story: str
    lemma: str


def trigger_key(lemma: str) -> str:
    word = lemma.lower()
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)][:STEM]
    return word[:STEM]


def corefer(mentions: Iterable[MentionReport]) -> dict[str, str]:
    """Mention id -> event id: one event per story and trigger key."""
    return {m.id: f"{m.story}/{trigger_key(m.lemma)}" for m in mentions}
