"""Which quotation belongs to a cue: the one right beside its clause, its second half after the
cue ("“It's finished,” she said. “In my head, anyway.”") and the quotation paragraphs that go on
with no cue of their own. Split from ``quotes.py``.
"""

from __future__ import annotations

import bisect
import math
import re

from spacy.tokens import Span, Token

from dateline.extract.quotemarks import inside
from dateline.extract.syntax import doc_text

_OWN_CUE = re.compile(
    r"^[ ,]*(?:[―—–-]|(?:[\w.’'-]+ +){0,6}(?:said|says|added|adds|told|tells|asked|asks|wrote|writes|"
    r"continued|explained|noted|insisted|argued|replied|responded|recalled)\b)"
)
# How far (in characters, from the end of the first half) the second half of a quotation split by
# its cue may start: PolNeAR dev has "“...,” Obama said after meeting with Russian President
# Vladimir Putin. He didn't suggest retaliation. “Our goal ...”" (119 characters) and cues with
# a long clause of their own ("“It's finished,” she said of the 2016 presidential election, in
# which ... the truth. “In my head, anyway.”"); 250 took direct recall from 0.893 to 0.899 there.
CONTINUATION_GAP = 250
# A quotation split by its cue, then continued over paragraphs, in at most this many parts.
MAX_QUOTE_PARTS = 8
# A quotation of fewer words with no cue beside it is a scare quote ("the so-called 'truce'").
MIN_DIRECT_WORDS = 3


def cue_phrase(cue: Token) -> Span:
    """The cue's own clause: the cue with its subject, auxiliaries and objects (not content)."""
    tokens = [cue.i]
    for child in cue.children:
        if child.dep_ in {"ccomp", "xcomp", "punct", "mark"}:
            continue
        tokens.extend(t.i for t in child.subtree)
    return cue.doc[min(tokens) : max(tokens) + 1]


def adjacent_quote(
    cue: Token,
    regions: list[tuple[int, int]],
    used: set[tuple[int, int]],
    skipped: list[range],
    subject: Span | None = None,
) -> tuple[int, int] | None:
    """The quotation right before or after the cue's clause, in its paragraph."""
    text = doc_text(cue.doc)
    line_start = text.rfind("\n", 0, cue.idx) + 1
    outside = [
        t for t in cue_phrase(cue)
        if t.idx >= line_start and not t.is_punct and not t.is_space
        and not inside(t.idx, t.idx + 1, regions) and not any(t.idx in r for r in skipped)
    ]  # fmt: skip
    if not outside:
        return None
    first, last = outside[0].i, outside[-1].i
    if subject is not None and subject.start_char >= line_start:  # a subject the parse missed
        first, last = min(first, subject.start), max(last, subject.end - 1)
    clause = cue.doc[first : last + 1]
    best: tuple[int, tuple[int, int]] | None = None
    for region in _neighbours(regions, clause.start_char, clause.end_char):
        if region in used:
            continue
        start, end = region
        if end <= clause.start_char:
            gap = text[end : clause.start_char]
        elif start >= clause.end_char:
            gap = text[clause.end_char : start]
        else:
            continue
        if len(gap.strip(" ,:;—–-\n")) > 0:
            continue
        if "\n" in gap and (
            end <= clause.start_char or not text[: clause.end_char + 1].rstrip().endswith(":")
        ):
            continue  # across paragraphs only forward, after "He said:"
        distance = len(gap)
        if best is None or distance < best[0]:
            best = (distance, region)
    if best is None:
        return None
    start, end = best[1]
    # A short quotation that ends its clause with a comma or a question ("“I would,” she said")
    # is speech all the same; a scare quote does not end that way.
    speech = text[start:end].rstrip('"”»’ ')[-1:] in {",", "?", "!"}
    if len(text[start:end].split()) < MIN_DIRECT_WORDS and not speech:
        return None
    return best[1]


def _neighbours(regions: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The quotations nearest before and after ``[start, end)``: only those can be separated
    from it by nothing but punctuation (``regions`` are disjoint and in text order; looking at
    all of them for every cue was quadratic in a long article)."""
    before = bisect.bisect_right(regions, (start, math.inf))
    after = bisect.bisect_left(regions, (end, -math.inf))
    return [*regions[max(before - 2, 0) : before], *regions[after : after + 2]]


def continuation(
    cue: Token, before: tuple[int, int], regions: list[tuple[int, int]], used: set[tuple[int, int]]
) -> tuple[int, int] | None:
    """The second half of a quotation split by its cue: in the same sentence ("“Every time,”
    Tester said, “you give ...”"), or the quotation that follows the cue's sentence in the same
    paragraph ("“It's finished,” she said. “In my head, anyway.”") unless a cue of its own
    follows it ("..., Y said")."""
    text = doc_text(cue.doc)
    for region in regions:
        if region in used or region[0] <= max(cue.idx, before[0]):
            continue
        gap = text[before[1] : region[0]]
        if "\n" in gap:
            return region if _next_paragraph_quote(text, gap, region) else None
        if before[1] > cue.idx:
            return None  # after the cue, only whole paragraphs go on with the same speaker
        if len(gap) > CONTINUATION_GAP or gap.rstrip().endswith(":"):
            return None
        if _OWN_CUE.match(text[region[1] : region[1] + 80]):
            return None
        return region
    return None


def _next_paragraph_quote(text: str, gap: str, region: tuple[int, int]) -> bool:
    """A paragraph that is one quotation with no cue of its own, right after the paragraph that
    ends with its speaker's cue, goes on with the same speaker (the wire convention)."""
    tail, _, between = gap.partition("\n")
    if between.strip() or len(tail) > CONTINUATION_GAP:
        return False
    line_end = text.find("\n", region[1])
    rest = text[region[1] : line_end if line_end >= 0 else len(text)]
    return not rest.strip()


def unquoted_start(text: str, region: tuple[int, int]) -> int:
    return region[0] + 2 if text[region[0] : region[0] + 2] == "''" else region[0] + 1


def unquoted_end(text: str, region: tuple[int, int]) -> int:
    end = region[1]
    if text[end - 2 : end] == "''":
        return end - 2
    return end - 1 if text[end - 1] in '"”»’' else end
