"""Every verb of the event lexicon fires in each of its inflections, whatever the model's
lemmatiser makes of them ("staged" → "stag", "raped" → "rap", "retook" unchanged)."""

import re

import pytest

from dateline.extract.event_lexicon import load_event_lexicon
from dateline.extract.inflection import lexicon_lemma, surface_lemmas, verb_exceptions


def regular_forms(verb: str) -> list[str]:
    if " " in verb:
        return []
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    if re.search(r"[^aeiou]y$", verb):
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if re.search(r"(s|sh|ch|x|z|o)$", verb):
        return [verb + "es", verb + "ed", verb + "ing"]
    return [verb + "s", verb + "ed", verb + "ing"]


@pytest.fixture(scope="module")
def irregular(nlp):
    return verb_exceptions(nlp)


def test_every_lexicon_verb_is_found_in_its_inflections(nlp, irregular):
    lexicon = load_event_lexicon()
    verbs = sorted(v for v in lexicon.verbs if v.isalpha())
    by_lemma: dict[str, list[str]] = {}
    for form, lemma in irregular.items():
        by_lemma.setdefault(lemma, []).append(form)
    missed = []
    for verb in verbs:
        forms = set(regular_forms(verb)) | set(by_lemma.get(verb, ()))
        # an irregular verb's regular past ("shooted") is no English form
        forms -= {f for f in forms if f.endswith("ed") and by_lemma.get(verb)}
        for form in sorted(forms):
            doc = nlp.make_doc(f"They {form} the others.")
            for _, component in nlp.pipeline:
                doc = component(doc)
            if lexicon_lemma(doc[1], lexicon.verbs, irregular) != verb:
                missed.append((verb, form, doc[1].lemma_))
    assert not missed, f"lexicon verbs that do not fire in some inflection: {missed[:20]}"


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("staged", "stage"), ("raped", "rape"), ("stabbed", "stab"), ("retook", "retake"),
     ("fled", "flee"), ("carries", "carry"), ("vetoes", "veto"), ("imprisoning", "imprison")],
)  # fmt: skip
def test_surface_lemmas(form, lemma, irregular):
    assert lemma in list(surface_lemmas(form, irregular))


def test_the_model_lemma_wins_where_the_lexicon_has_it(nlp, irregular):
    doc = nlp("Police arrested ten people.")
    assert lexicon_lemma(doc[1], {"arrest"}, irregular) == "arrest"
    assert lexicon_lemma(doc[1], {"nothing"}, irregular) == "arrest"  # no key: the model's
