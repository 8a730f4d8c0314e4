"""The circumstances of an event: how sure the text is (modality), who says so (attribution),
when (a date of its clause) and where (a place of its clause).

Pure functions over the parse and the records of the other components. The modality follows
FactBank's idea (Saurí & Pustejovsky 2009) in a rule form: every marker of commitment on the
path from the trigger up to its sentence's root counts ("will", "may", "expected that",
"refused to", "not", "if ..."), and so does the stance of the statement the event is reported
in ("as Ankara claims" → claimed; a denial → denied); the least committed one wins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from dateline.extract.event_lexicon import EventLexicon
from dateline.extract.gazetteer import Gazetteer
from dateline.records import DateMention, Event, Participant, Place, Quote

# A clause's own words: its complements and modifiers, not the clauses nested in it.
NESTED = frozenset({"ccomp", "xcomp", "relcl", "advcl", "acl", "csubj", "parataxis", "conj"})
# Climbing from a trigger to the root passes these relations; a relative clause ends the climb
# ("strikes, which killed 36 soldiers": the strikes do not make the killing planned).
_CLIMB = frozenset(
    {"xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj", "nsubjpass", "nsubj",
     "acomp", "attr", "oprd", "auxpass", "acl"}
)  # fmt: skip
_PRECISION = {"exact": 0, "region": 1, "country": 2}
# Dates further back than this many years before the article make a past event background.
HISTORICAL_YEARS = 2


def clause_tokens(head: Token) -> list[Token]:
    """The tokens of ``head``'s own clause, without nested clauses."""
    out = [head]
    stack = [c for c in head.children if _own(c)]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if _own(c))
    return sorted(out, key=lambda t: t.i)


def _own(token: Token) -> bool:
    """Part of its head's clause: not a nested clause (coordinated nouns are kept)."""
    if token.dep_ == "conj":
        return token.pos_ not in {"VERB", "AUX"}
    return token.dep_ not in NESTED


def path_modality(trigger: Token, head: Token, lex: EventLexicon) -> list[str]:
    """The modality markers on the path from the trigger up to the root of its sentence."""
    found = []
    node = trigger
    seen = 0
    while seen < 30:
        found.extend(_markers(node, lex, own=node is trigger or node is head))
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        node = node.head
        seen += 1
    if head is not trigger and head.i != trigger.i:
        found.extend(_markers(head, lex, own=True))
    return found


def _markers(token: Token, lex: EventLexicon, own: bool) -> list[str]:
    found = []
    negated = any(
        c.dep_ == "neg" or (c.lower_ in lex.negations and c.dep_ in {"det", "advmod"})
        for c in token.children
    )
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in lex.auxiliaries:
            found.append(lex.auxiliaries[child.lower_])
        if child.dep_ == "mark" and child.lower_ in lex.conditional_marks:
            found.append("hypothetical")
        modifies = child.dep_ in {"amod", "advmod"} and token.pos_ in {"NOUN", "PROPN"}
        if modifies and child.lower_ in lex.noun_modifiers:
            found.append(lex.noun_modifiers[child.lower_])
    if has_condition(token, lex):  # "If the talks fail, Turkey would launch ..."
        found.append("hypothetical")
    if not own:  # "Plans are in store to discuss ...", "The aim is to meet ..."
        for child in token.children:
            if (
                child.dep_ == "nsubj"
                and child.pos_ == "NOUN"
                and child.lemma_.lower() in lex.governors
            ):
                found.append(lex.governors[child.lemma_.lower()])
    lemma = token.lemma_.lower()
    if not own and (lemma in lex.governors or token.lower_ in lex.governors):
        governed = lex.governors.get(lemma) or lex.governors[token.lower_]
        if negated:
            # "did not rule out" leaves it possible; "not expected to" denies it outright.
            governed = "possible" if governed == "negated" else "negated"
        found.append(governed)
    elif negated and (own or token.pos_ in {"VERB", "AUX"}):
        found.append("negated")
    return found


def containing_quote(start: int, quotes: list[Quote]) -> Quote | None:
    """The innermost statement whose content holds the character ``start``."""
    best: tuple[int, Quote] | None = None
    for quote in quotes:
        for s, e in quote.content_spans:
            if s <= start < e and (best is None or e - s < best[0]):
                best = (e - s, quote)
    return best[1] if best else None


@dataclass(frozen=True)
class TiedDate:
    value: str
    mod: str | None
    resolution: str
    span: tuple[int, int]


def clause_date(tokens: list[Token], dates: list[DateMention]) -> TiedDate | None:
    """A dated expression of the clause ("met on Thursday", "last year Putin spoke")."""
    starts = {t.idx for t in tokens}
    for date in dates:
        if date.type == "DATE" and date.value and date.span[0] in starts:
            return TiedDate(date.value, date.mod, "clause", date.span)
    return None


def historical(value: str | None, anchor: str | None) -> bool:
    """A date years before the article's: background ("the 2018 Sochi memorandum")."""
    if not value or not anchor or not value[:4].isdigit() or not anchor[:4].isdigit():
        return False
    return int(anchor[:4]) - int(value[:4]) >= HISTORICAL_YEARS


def clause_place(
    tokens: list[Token],
    places: dict[int, Place],
    locative: frozenset[str],
    attached_to: frozenset[str] | None = None,
) -> Place | None:
    """A place the clause puts the event in: the object of a locative preposition ("at the
    Kremlin", "in Idlib"); the most precise one when there are several. With ``attached_to``
    the preposition must hang on a verb or on one of these nouns ("the talks in Moscow", not
    "a crisis in Idlib")."""
    found = []
    for token in tokens:
        place = places.get(token.idx)
        if place is None:
            continue
        prep = token
        while (
            prep.dep_ in {"compound", "conj", "poss", "appos", "pobj", "amod"}
            and prep.head is not prep
        ):
            if prep.dep_ == "pobj":
                prep = prep.head
                break
            prep = prep.head
        if prep.dep_ != "prep" or prep.lower_ not in locative:
            continue
        host = prep.head
        if attached_to is None or host.pos_ in {"VERB", "AUX"} or host.lower_ in attached_to:
            found.append(place)
    if not found:
        return None
    return min(found, key=lambda p: _PRECISION.get(p.precision, 3))


def starts_with_after_marker(sentence_text: str, lex: EventLexicon) -> bool:
    """ "In response, ...", "Later, ...": the event follows the one told before it."""
    lower = sentence_text.lower().lstrip()
    return any(lower.startswith(marker) for marker in lex.after_markers)


def are_civilians(actors: list[Participant], lex: EventLexicon, gaz: Gazetteer) -> bool:
    """ "Demonstrators blocked the roads", "young Algerians blocked roads": the actors are
    civilians (a civilian sector or word, or a country's people), not the state."""
    return bool(actors) and all(
        p.sector in lex.civilian_sectors
        or any(w in lex.civilian_words for w in p.text.lower().split())
        or (p.sector is None and p.actor is None and gaz.people_of(p.text) is not None)
        for p in actors
    )


def localised(party: Participant, country: str, lex: EventLexicon) -> Participant:
    """An unnamed local party takes the country where it acts: "hundreds of thousands of
    people blocked streets in Hong Kong", "prisoners rioted at a jail in Dili"; troops and
    envoys travel, so armed, state and international parties keep theirs unknown."""
    if party.country or party.actor or party.sector not in lex.local_sectors:
        return party
    return replace(party, country=country)


def threat_of(
    event: Event, head: Token, quote: Quote | None, lex: EventLexicon, event_id: str
) -> Event | None:
    """A declared intention to do harm is itself a threat (CAMEO 13): "X said it would
    blockade Paris", "will withdraw its force unless ..."; the harm keeps its own type and
    modality, the threat is the declaration, coded beside it."""
    if event.modality not in {"planned", "hypothetical"} or not event.actors:
        return None
    if event.quad_class < 3 and event.type != "RETREAT":
        return None
    # unconditional, only a statement that is no decision declares a threat: "said it would
    # blockade Paris", not "announced it would prohibit all aid" (the sanction itself)
    if not has_condition(head, lex) and (quote is None or quote.cue_lemma in lex.decision_cues):
        return None
    cameo, quad, goldstein = lex.cameo_of("THREATEN", None)
    return replace(
        event,
        id=event_id,
        type="THREATEN",
        mode=event.type.lower(),
        modality="asserted" if quote is None else lex.stances.get(quote.stance, "asserted"),
        cameo=cameo,
        quad_class=quad,
        goldstein=goldstein,
        confidence=round(event.confidence + 0.05, 2),
    )


def has_condition(token: Token, lex: EventLexicon) -> bool:
    """A clause of condition hangs on the token: "..., unless the rebels agree"."""
    return any(
        c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in lex.conditional_marks for m in c.children)
        for c in token.children
    )


def is_drill(token: Token, lex: EventLexicon) -> bool:
    """The sentence speaks of drills ("firing practice", "during the war games")."""
    sentence = token.sent
    words = {t.lower_ for t in sentence}
    text = sentence.text.lower()
    return any(w in words or (" " in w and w in text) for w in lex.exercise_words)
