"""The model run over text that comes already tokenised (gold standards such as ECB+)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from dateline.nlp.pipeline import load_model


def head_lemmas(
    words: Sequence[str],
    sentence_starts: Sequence[bool],
    spans: Sequence[tuple[int, int]],
    model: str,
) -> list[str]:
    """The lower-cased lemma of the syntactic head of each ``[start, end)`` token span, from
    the bare model's parse of the words as given (its tokeniser is not run)."""
    nlp = load_model(model)
    doc = Doc(nlp.vocab, words=list(words))
    for token, starts in zip(doc, sentence_starts, strict=True):
        token.is_sent_start = starts
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [doc[start:end].root.lemma_.lower() for start, end in spans]
