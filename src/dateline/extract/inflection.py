"""A verb's lemma for the lexicon's look-ups when the model's lemma misses it.

The small model's lemmatiser gets some news verbs wrong ("staged" → "stag", "raped" → "rap")
or leaves them unchanged ("retook"), so a lexicon entry keyed by the right lemma never fires
(issue 13, from the held-out PLOVER check). ``lexicon_lemma`` tries the model's lemma first,
then the lemmas English morphology allows for the surface form: the regular endings (-s, -es,
-ies, -ed, -ied, -ing, with a silent e restored or a doubled consonant undone) and the irregular
forms of the model's own exception table, also behind a prefix ("retook" is "re" + "took").
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Token

_PREFIXES = ("re", "over", "under", "out", "with")


def lexicon_lemma(token: Token, keys: Container[str], irregular: dict[str, str]) -> str:
    """The lemma of ``token`` that is a key of the lexicon, else the model's lemma."""
    lemma = token.lemma_.lower()
    if lemma in keys:
        return lemma
    return next((c for c in surface_lemmas(token.lower_, irregular) if c in keys), lemma)


def surface_lemmas(word: str, irregular: dict[str, str]) -> Iterator[str]:
    """The lemmas a verb form may have, most likely first."""
    if word in irregular:
        yield irregular[word]
    for prefix in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and rest in irregular:
            yield prefix + irregular[rest]
    for ending, stems in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            base = word[: -len(ending)]
            yield from (stem(base) for stem in stems)


def _same(base: str) -> str:
    return base


def _with_e(base: str) -> str:
    return base + "e"


def _with_y(base: str) -> str:
    return base + "y"


def _undoubled(base: str) -> str:
    return base[:-1] if len(base) > 2 and base[-1] == base[-2] else base


_ENDINGS: tuple[tuple[str, tuple[Any, ...]], ...] = (
    ("ies", (_with_y,)),
    ("ied", (_with_y,)),
    ("es", (_same, _with_e)),
    ("s", (_same,)),
    ("ed", (_with_e, _same, _undoubled)),
    ("d", (_same,)),
    ("ing", (_same, _with_e, _undoubled)),
)


def verb_exceptions(nlp: Language) -> dict[str, str]:
    """The irregular verb forms of the model's rule lemmatiser ("took" → "take"), if it has one."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_exc" not in lookups.tables:
        return {}
    table = lookups.get_table("lemma_exc").get("verb", {})
    return {form: lemmas[0] for form, lemmas in table.items() if lemmas}
