"""Event triggers: the words that make an event, read from the parse with the lexicon.

A verb of the lexicon ("attacked"), a verb with its particle or object ("called for", "sign an
agreement"), an event noun under a light verb ("conducted strikes") or one that happens
("clashes erupted"), a verb that ends an event ("halted the offensive"), a promise coded by
what is promised ("vowed to fight").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.extract.event_lexicon import EventLexicon, TypeMode
from dateline.extract.inflection import lexicon_lemma
from dateline.extract.syntax import passive_agent


@dataclass
class Trigger:
    token: Token
    """The event word: a verb, or the event noun."""
    head: Token
    """The verb of its clause (the light verb for a noun)."""
    type: str
    mode: str | None
    confidence: float
    effect: bool = False


# -- triggers -------------------------------------------------------------------------------------
def find_triggers(doc: Doc, lex: EventLexicon, skip: list[tuple[int, int]]) -> list[Trigger]:
    skipped = [range(s, e) for s, e in skip]
    found: dict[int, Trigger] = {}
    for token in doc:
        if any(token.idx in r for r in skipped):
            continue
        trigger = None
        if token.pos_ == "VERB":
            trigger = _verb_trigger(token, lex)
        elif token.pos_ in {"NOUN", "PROPN"}:
            trigger = _noun_trigger(token, lex)
        if trigger is not None and trigger.token.i not in found:
            found[trigger.token.i] = trigger
    # "died of torture": a verb that is an event only as an effect gives way to its cause.
    caused = {
        t.head.i for t in found.values()
        if t.head.i != t.token.i and t.head.i in found
        and found[t.head.i].effect and t.head.lemma_.lower() in lex.effect_only
    }  # fmt: skip
    # A noun whose verb is itself an event ("fired ten rounds", "signed an agreement") is that
    # verb's event, not a second one.
    return [
        t for i, t in sorted(found.items())
        if (t.head.i == t.token.i or t.head.i not in found or t.head.i in caused)
        and i not in caused and not _describes(t, found) and not _content_of(t, found, lex)
    ]  # fmt: skip


def _content_of(trigger: Trigger, found: dict[int, Trigger], lex: EventLexicon) -> bool:
    """ "threatened to target employees", "refused to release the body": the complement of a
    threat or a refusal is its content, one event with it."""
    token = trigger.token
    if token.dep_ != "xcomp" or token.head.i not in found:
        return False
    return lexicon_lemma(token.head, lex.content_verbs, lex.irregular) in lex.content_verbs


def _antecedent(obj: Token) -> Token:
    """A relative pronoun stands for the noun its clause describes: "the video that he
    released" releases a video."""
    relative = obj.tag_ in {"WDT", "WP"} or obj.lower_ == "that"
    clause = obj.head
    if relative and clause.dep_ == "relcl" and clause.head.pos_ in {"NOUN", "PROPN"}:
        return clause.head
    return obj


def _complements(verb: Token) -> list[Token]:
    """Adjectival complements ("pleaded guilty"), read like objects for the verbs that are no
    event with them."""
    return [c for c in verb.children if c.dep_ in {"acomp", "oprd"}]


def _describes(trigger: Trigger, found: dict[int, Trigger]) -> bool:
    """A participle that describes an event noun ("an incursion ... targeting the Syrian
    forces") is part of that event."""
    if trigger.token.dep_ != "acl":
        return False
    node = trigger.token.head
    for _ in range(3):
        if node.i in found and found[node.i].token.pos_ in {"NOUN", "PROPN"}:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _verb_trigger(verb: Token, lex: EventLexicon) -> Trigger | None:
    lemma = lexicon_lemma(verb, lex.verbs, lex.irregular)  # "staged", "retook", "raped"
    if lemma in lex.warning_verbs and _announces_future(verb, lex):
        return _make(verb, verb, ("THREATEN", None), 0.8)  # "warned that police will no longer"
    if lemma not in lex.verbs and _obliges(verb, lex):
        return _make(verb, verb, ("REQUEST", None), 0.8)  # "said that Sudan must return"
    objects = [_antecedent(c) for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if lemma in lex.object_control_verbs and not objects:
        made_to_act = complement_subject(verb)  # "decided to allow Ouattara to participate"
        objects = [made_to_act] if made_to_act is not None else []
    for obj in _with_contents(objects):
        typed = _object_type(lemma, obj, lex)
        if typed is not None:
            return _make(verb, verb, _typed_entry(lemma, typed, lex), 0.85)
    for child in verb.children:
        words = f"{lemma} {child.lower_}"
        if child.dep_ in {"prt", "prep", "dobj"} and words in lex.phrasal:
            return _make(verb, verb, lex.phrasal[words], 0.8)
    for obj in objects:
        words = f"{lemma} {obj.lemma_.lower()}"
        if words in lex.phrasal:
            return _make(verb, verb, lex.phrasal[words], 0.8)
    if lemma in lex.object_required and not objects:
        return None
    excluded = lex.not_with_objects.get(lemma, frozenset())
    if "*" in excluded and any(c.dep_ == "dobj" for c in verb.children):
        return None  # "our devices demonstrate tremendous efficiency"
    agent = passive_agent(verb)
    if agent is not None and agent.lemma_.lower() in lex.effect_causes:
        return None  # "roads blocked by snow", "provinces hit by bad weather"
    governed = [*objects, *_prepositional_objects(verb), *_complements(verb)]
    if excluded and any(
        (lemma == "fire" and o.ent_type_ == "PERSON")
        or o.lemma_.lower() in excluded
        or o.lower_ in excluded
        for o in governed
    ):
        return None  # "fired the minister", "meet the criteria", "host the Games"
    if lemma in lex.state_participles and _standing(verb, objects):
        return None  # "the Islamic State (outlawed in Russia)": a standing state, not an act
    if lemma in lex.object_types and lemma in lex.object_required:
        fallback = lex.object_types[lemma].get("*")
        if fallback is None or not objects:
            return None  # "sign a letter", "seek asylum": not the object that makes it an event
        return _make(verb, verb, _typed_entry(lemma, fallback, lex), 0.8)
    if lemma in lex.intent_verbs:
        return _intent(verb, lex)
    deps = {c.dep_ for c in verb.children}
    if lemma in lex.statement_verbs and "ccomp" in deps:
        return None  # "demonstrated that ...", "protested that ...": a statement, not an act
    if lemma in lex.complement_required and not deps & {"dobj", "xcomp", "ccomp"}:
        return None  # "prices declined"
    # "he is convinced that ...": a belief, nobody persuades
    believed = verb.dep_ == "acomp" or any(c.dep_ == "nsubjpass" for c in verb.children)
    if lemma in lex.request_by_complement and complement_subject(verb) is not None and not believed:
        return _make(verb, verb, ("REQUEST", "yield"), 0.7)
    if lemma in lex.verbs:
        # "killed", "were hit": a harm that another event of the sentence may have caused (an
        # arrest is an act of its own, never folded into another event)
        effect = lex.verbs[lemma][0] == "ASSAULT" and lemma in lex.effect_verbs
        causes = _with_contents(_prepositional_objects(verb))
        if effect and any(o.lemma_.lower() in lex.effect_causes for o in causes):
            return None  # "killed in the avalanches", "died as a result of a landslide"
        return _make(verb, verb, lex.verbs[lemma], 0.8, effect=effect)
    return None


def _standing(verb: Token, objects: list[Token]) -> bool:
    """ "(outlawed in Russia)", "which is banned in Russia", "an organisation outlawed in
    Russia" (parsed as a past tense with no object): a status, not the act of banning."""
    if verb.dep_ in {"acl", "amod", "parataxis", "appos"} and verb.tag_ == "VBN":
        return True
    if any(c.dep_ == "auxpass" and c.lower_ in {"is", "are"} for c in verb.children):
        return True
    return verb.tag_ == "VBD" and not objects and passive_agent(verb) is None


def _with_contents(objects: list[Token]) -> list[Token]:
    """The objects, their coordinated nouns and what a measure holds: "photographs and other
    intelligence", "700 kg of medicine", "10 days of war games"."""
    out = []
    for obj in objects:
        out.append(obj)
        out.extend(c for c in obj.children if c.dep_ == "conj")
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def _object_type(lemma: str, obj: Token, lex: EventLexicon) -> str | None:
    """The type a verb takes from its object: "provide food aid", "violate the ceasefire
    agreement" (the object with its compound first)."""
    table = lex.object_types.get(lemma)
    if not table:
        return None
    for child in obj.lefts:
        if child.dep_ == "compound" and f"{child.lower_} {obj.lower_}" in table:
            return table[f"{child.lower_} {obj.lower_}"]
    return table.get(obj.lower_) or table.get(obj.lemma_.lower())


def _typed_entry(lemma: str, type_: str, lex: EventLexicon) -> TypeMode:
    """A verb typed by its object keeps its own mode only where its own type is that type."""
    own = lex.verbs.get(lemma)
    return type_, own[1] if own is not None and own[0] == type_ else None


def _obliges(verb: Token, lex: EventLexicon) -> bool:
    """ "Russia said that Sudan must return the helicopter": what a party says another must do
    is its demand (CAMEO 10); "we must act", of oneself, is none."""
    obliged = complement_subject(verb)
    if obliged is None or obliged.pos_ == "PRON" or not _is_party(obliged, lex):
        return False
    if obliged.head.lemma_.lower() in lex.state_verbs_of_demand:
        return False  # "goods should enjoy demand", "industry should be competitive": no act
    return any(
        c.dep_ == "aux" and lex.auxiliaries.get(c.lower_) == "requested"
        for c in obliged.head.children
    )


_PARTY_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_QUALIFIERS = frozenset({"amod", "compound", "poss", "nmod"})


def _is_party(token: Token, lex: EventLexicon) -> bool:
    """A party that can be asked to act (CAMEO 10: a demand is made of an actor): a named
    person, organisation or country, a noun qualified by one, or a noun of people or
    institutions (``demand_parties`` in the lexicon)."""
    if token.ent_type_ in _PARTY_ENTITIES:
        return True
    if token.pos_ != "NOUN":
        return False
    owned = any(  # "US and British forces", "Russia's partners"
        c.ent_type_ in _PARTY_ENTITIES for c in token.children if c.dep_ in _QUALIFIERS
    )
    return owned or token.lemma_.lower() in lex.party_nouns


def _announces_future(verb: Token, lex: EventLexicon) -> bool:
    """ "warned that police will no longer tolerate rallies": what is stated is to come."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    return clause is not None and any(
        c.dep_ == "aux" and c.lower_ in lex.future_auxiliaries for c in clause.children
    )


def _prepositional_objects(verb: Token) -> list[Token]:
    """The objects of the verb's prepositions, also behind a particle ("blow it out of
    proportion")."""
    found = []
    for child in verb.children:
        if child.dep_ in {"prep", "prt"}:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    found.append(grandchild)
                elif grandchild.dep_ == "prep":
                    found.extend(g for g in grandchild.children if g.dep_ == "pobj")
    return found


def _intent(verb: Token, lex: EventLexicon) -> Trigger | None:
    """ "vowed to fight" is a threat, "pledged to help" an agreement: CAMEO codes a promise by
    what is promised (its QuadClass: 3 and 4 are conflict)."""
    for child in verb.children:
        if child.dep_ == "xcomp":
            promised = _verb_trigger(child, lex)
            if promised is None:
                return None
            conflict = lex.cameo_of(promised.type, promised.mode)[1] >= 3
            return _make(verb, verb, ("THREATEN" if conflict else "AGREE", None), 0.8)
    return None


def complement_subject(verb: Token) -> Token | None:
    """ "ensure that the Syrian troops stop ...": the party made to act."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            for grandchild in child.children:
                if grandchild.dep_ in {"nsubj", "nsubjpass"}:
                    return grandchild
    return None


def _noun_trigger(noun: Token, lex: EventLexicon) -> Trigger | None:
    entry = _noun_entry(noun, lex)
    if entry is None:
        return None
    head = noun.head
    while head.dep_ in {"conj", "appos"} and head.head.i != head.i:
        head = head.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "dobj":
        measure = head.head  # "launched 10 days of war games", "a series of strikes"
        counted = any(c.dep_ in {"nummod", "quantmod"} for c in measure.children)
        if (counted or measure.lower_ in lex.measure_nouns) and lexicon_lemma(
            measure.head, lex.light_verbs, lex.irregular
        ) in lex.light_verbs:
            return _make(noun, measure.head, entry, 0.75)
    verb = head.head if noun.dep_ == "conj" else head
    if (
        noun.dep_ in {"dobj", "nsubjpass", "conj"}
        and lexicon_lemma(verb, lex.ending_verbs, lex.irregular) in lex.ending_verbs
    ):
        ended = lex.ended_types.get(entry[0])
        return _make(noun, verb, ended, 0.75) if ended is not None else None
    if (
        noun.dep_ in {"dobj", "nsubjpass", "conj"}
        and lexicon_lemma(verb, lex.light_verbs, lex.irregular) in lex.light_verbs
    ):
        if verb.lemma_.lower() in lex.possessing_verbs and entry[0] in lex.possessed_types:
            return None  # "we have an agreement": one exists, none is made here
        return _make(noun, verb, entry, 0.8)
    if (
        noun.dep_ == "nsubj"
        and lexicon_lemma(verb, lex.happening_verbs, lex.irregular) in lex.happening_verbs
    ):
        return _make(noun, verb, entry, 0.7)
    cause_of = head.head
    if cause_of.lower_ in {"result", "consequence"} and cause_of.dep_ == "pobj":
        cause_of = cause_of.head.head  # "died as a result of torture"
    if (
        noun.dep_ == "pobj"
        and lexicon_lemma(cause_of, lex.effect_verbs, lex.irregular) in lex.effect_verbs
    ):
        return _make(noun, cause_of, entry, 0.7)  # "killed in police firing"
    if (
        noun.dep_ == "pobj"
        and head.lower_ in lex.state_prepositions
        and lexicon_lemma(head.head, lex.state_verbs, lex.irregular) in lex.state_verbs
        and noun.lower_ not in lex.state_idioms  # "under fire" is criticism
    ):
        return _make(noun, head.head, entry, 0.7)  # "remained on alert", "put under arrest"
    return None


def _noun_entry(noun: Token, lex: EventLexicon) -> TypeMode | None:
    lower = noun.lower_
    if lower in lex.carrier_nouns:  # "a mediation mission", "launched a peace effort"
        for child in noun.lefts:
            if child.dep_ in {"compound", "amod"} and child.lower_ in lex.nouns:
                return lex.nouns[child.lower_]
        return None
    for child in noun.lefts:  # "air strikes", "phone calls", "tear gas"
        pair = f"{child.lower_} {lower}"
        if child.dep_ in {"compound", "amod"} and pair in lex.nouns:
            return lex.nouns[pair]  # "air strikes", "a joint venture"
        if child.dep_ == "compound" and child.lower_ in lex.nouns and lower in {"gas", "shells"}:
            return lex.nouns[child.lower_]
    if lower in lex.qualified_nouns:  # "a military operation", not "humanitarian operations"
        qualifiers = {c.lower_ for c in noun.lefts if c.dep_ in {"amod", "compound"}}
        if not qualifiers & lex.qualified_nouns[lower]:
            return None
        return lex.nouns.get(lower) or lex.nouns.get(noun.lemma_.lower())
    if lower in lex.nouns:
        return lex.nouns[lower]
    if noun.lemma_.lower() in lex.nouns and noun.lemma_.lower() not in {"call", "strike"}:
        return lex.nouns[noun.lemma_.lower()]
    if noun.lemma_.lower() == "call" and any(
        c.lower_ in {"phone", "telephone"} for c in noun.lefts
    ):
        return lex.nouns["call"]
    return None


def _make(
    token: Token, head: Token, entry: TypeMode, confidence: float, effect: bool = False
) -> Trigger:
    return Trigger(token, head, entry[0], entry[1], confidence, effect)
