"""Headline, lead, dateline and body are separate segments: no sentence runs from one into
the next.

The article's text joins its headline, lead and body with newlines, and the parser would read
a headline without a full stop as the start of the lead's first sentence ("... unsustainable
\\nChina's listed coal companies" became one noun phrase; the 40 newswire dev articles had 41
such sentences, none now), and the dateline is no part of the story's first sentence ("SEOUL,
Sept. 3 (Reuters) - Japanese Foreign Minister Yoko Kamikawa met ..." made SEOUL the subject). The ``dateline_segments`` component runs before the parser and marks the
first token of every segment as a sentence start, which the parser keeps; every sentence-bound
fact (entities' noun chunks, quotes, events' clauses) then stays inside its segment.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "dateline_segments"

if not Doc.has_extension("segment_starts"):
    Doc.set_extension("segment_starts", default=())


def mark_segments(doc: Doc, starts: Iterable[int]) -> Doc:
    """Mark the token at (or first after) each character offset as a sentence start."""
    length = len(doc.text)  # Doc.text joins every token anew on each access
    for start in starts:
        span = doc.char_span(start, length, alignment_mode="expand") if start < length else None
        first = next((t for t in span if not t.is_space), None) if span is not None else None
        if first is not None and first.i > 0:
            first.is_sent_start = True
    return doc


@Language.component(FACTORY, assigns=["token.is_sent_start"])
def segments_component(doc: Doc) -> Doc:
    return mark_segments(doc, doc._.segment_starts)
