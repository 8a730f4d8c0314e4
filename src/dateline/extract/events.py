"""Events: who did what to whom, when, where, how sure the text is, and who says so.

``find_events(doc, context)`` is the pure function; the ``dateline.events.v1`` component stores
its result on ``doc._.events`` (and binds ``doc._.quantities`` to the events). It runs last:
participants are the actors' mentions, dates and places come from their components, and the
statement an event is reported in comes from the quotes component.

Triggers are data (``data/events.json``), coded in PLOVER v2 clause by clause:
- a verb of the lexicon ("attacked", "will meet"), or a verb with its particle or object
  ("called for", "open fire", "sign an agreement", "impose sanctions");
- an event noun governed by a light verb ("conducted strikes", "launched an incursion",
  "a ceasefire would be declared") or that happens ("clashes erupted");
- an effect verb ("killed", "were hit") whose cause is an event already coded in the sentence
  ("strikes ..., which, as Ankara claims, killed 36 Turkish soldiers") adds its numbers, with
  their own attribution, to that event instead of making a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from dateline.extract.event_context import (
    TiedDate,
    are_civilians,
    clause_date,
    clause_place,
    clause_tokens,
    containing_quote,
    historical,
    is_drill,
    localised,
    path_modality,
    starts_with_after_marker,
    threat_of,
)
from dateline.extract.event_lexicon import EventLexicon, load_event_lexicon
from dateline.extract.event_participants import Parties, unique_parties
from dateline.extract.event_triggers import Trigger, complement_subject, find_triggers
from dateline.extract.gazetteer import Gazetteer, load_gazetteer
from dateline.extract.inflection import verb_exceptions
from dateline.extract.syntax import (
    PASSIVE_SUBJECTS,
    doc_text,
    passive_agent,
    sentence_index,
    speaker_of_pronoun,
    subject_of,
)
from dateline.records import (
    Actor,
    DateMention,
    Event,
    Mention,
    Participant,
    Place,
    Quantity,
    Quote,
)

EXTRACTOR = "dateline.events.v1"
FACTORY = EXTRACTOR.replace(".", "_")
_RELATIVE = frozenset({"which", "who", "that", "whom"})


@dataclass
class ArticleFacts:
    """What the other components read out of the article, as the events rules need it."""

    actors: list[Actor]
    mentions: list[Mention]
    dates: list[DateMention]
    places: list[Place]
    quotes: list[Quote]
    quantities: list[Quantity]
    source_actor: str | None = None
    source_name: str | None = None
    anchor: str | None = None
    skip: list[tuple[int, int]] = field(default_factory=list)


def find_events(
    doc: Doc, facts: ArticleFacts, lex: EventLexicon, gaz: Gazetteer
) -> tuple[list[Event], list[Quantity]]:
    """The events of a parsed article in text order, and its quantities bound to them."""
    coder = _Coder(doc, facts, lex, gaz)
    for trigger in find_triggers(doc, lex, facts.skip):
        coder.code(trigger)
    return coder.results()


# -- coding one trigger ---------------------------------------------------------------------------
class _Coder:
    def __init__(self, doc: Doc, facts: ArticleFacts, lex: EventLexicon, gaz: Gazetteer) -> None:
        self.doc = doc
        self.facts = facts
        self.lex = lex
        self.gaz = gaz
        self.sentence_of = sentence_index(doc)
        self.event_nouns = frozenset(lex.nouns)
        self.parties = Parties(
            doc,
            gaz,
            {a.id: a for a in facts.actors},
            sorted(facts.mentions, key=lambda m: m.span),
            self.sentence_of,
            lex.pair_nouns,
            self.event_nouns,
            facts.quotes,
        )
        self.places = {p.span[0]: p for p in facts.places}
        self.events: list[Event] = []
        self.by_token: dict[int, int] = {}
        self.effects: set[str] = set()
        """Events made by an effect verb with no cause found yet ("one person was killed")."""
        self.effect_only: set[str] = set()
        """Those of them whose verb is an event only as an effect ("died")."""
        self.bound: dict[int, tuple[str, Quote | None]] = {}
        """Quantity start → (event id, the statement the quantity is in)."""

    def code(self, trigger: Trigger) -> None:
        if trigger.effect and self._fold(trigger):
            return
        quote = containing_quote(trigger.token.idx, self.facts.quotes)
        actors, recipients = self._participants(trigger, quote)
        if trigger.type == "CONSULT" and (not actors or are_civilians(actors, self.lex, self.gaz)):
            return  # "analysts discussed", "6,500,000 people visited Sochi": no meeting of parties
        if trigger.mode == "yield" and not recipients:
            return  # "ensure that we maintain ...": nobody is asked to yield
        clause = clause_tokens(trigger.head)
        if trigger.token is not trigger.head:
            clause = sorted({*clause, *clause_tokens(trigger.token)}, key=lambda t: t.i)
        modalities = path_modality(trigger.token, trigger.head, self.lex)
        if quote is not None and quote.stance in self.lex.stances:
            modalities.append(self.lex.stances[quote.stance])
        date = clause_date(clause, self.facts.dates) or self._governing_date(trigger)
        if historical(date.value if date else None, self.facts.anchor):
            modalities.append("historical")
        modality = self.lex.weakest(modalities)
        if date is None and modality in {"asserted", "claimed"}:
            date = self._narrative_date(trigger)
        place = clause_place(clause, self.places, self.gaz.locative_prepositions)
        if place is None and trigger.head.dep_ in {"advcl", "conj"}:
            governing = clause_tokens(trigger.head.head)
            place = clause_place(governing, self.places, self.gaz.locative_prepositions)
        if place is None:
            place = self._sentence_place(trigger, actors + recipients)
        if place is not None and place.country:  # "people blocked streets in Hong Kong"
            actors = [localised(p, place.country, self.lex) for p in actors]
        if trigger.type in self.lex.civilian_types and are_civilians(actors, self.lex, self.gaz):
            kind, civil_mode = self.lex.civilian_types[trigger.type]
            trigger = replace(trigger, type=kind, mode=civil_mode)
        mode = self._mode(trigger, clause)
        if trigger.type == "ASSAULT" and is_drill(trigger.token, self.lex):
            trigger = replace(trigger, type="MOBILIZE", mode="exercise", confidence=0.6)
            mode = "exercise"  # "firing practice", "destroyed notional targets in the drills"
        joint = self.lex.joint_types.get(f"{trigger.type}:{mode}")
        together = any(c.lower_ in self.lex.joint_words for c in trigger.token.lefts)
        if joint is not None and (together or len({p.country for p in actors if p.country}) >= 2):
            trigger = replace(trigger, type=joint[0], mode=joint[1])
            mode = joint[1]  # "French and Egyptian warships launched war games": cooperation
        _, cameo, quad, goldstein = self.lex.coded(trigger.type, mode, modality)
        number = len(self.events) + 1
        event_id = f"E{number}"
        self._bind_quantities(clause, event_id, quote)
        speaker, source = self._attribution(quote)
        start = clause[0].idx
        end = clause[-1].idx + len(clause[-1])
        confidence = trigger.confidence - (0.2 if not actors and not recipients else 0.0)
        if trigger.head.dep_ == "ROOT":  # the main clause is the sentence's own claim
            confidence += 0.05
        elif trigger.head.dep_ in {"acl", "relcl"}:  # "in a letter handed over", "weapons seized"
            confidence -= 0.1
        event = Event(
            id=event_id,
            type=trigger.type,
            mode=mode,
            context=None,
            actors=tuple(actors),
            recipients=tuple(recipients),
            modality=modality,
            attributed_to=speaker,
            attribution=source,
            trigger=trigger.token.text,
            trigger_spans=((trigger.token.idx, trigger.token.idx + len(trigger.token)),),
            clause_spans=((start, end),),
            sentence=self.sentence_of[trigger.token.i],
            confidence=round(max(confidence, 0.1), 2),
            extractor=EXTRACTOR,
            cameo=cameo,
            quad_class=quad,
            goldstein=goldstein,
            date=date.value if date else None,
            date_mod=date.mod if date else None,
            date_resolution=date.resolution if date else None,
            date_spans=(date.span,) if date else (),
            location=place,
            quote=quote.id if quote else None,
        )
        self.events.append(event)
        self.by_token[trigger.token.i] = len(self.events) - 1
        threat = threat_of(event, trigger.head, quote, self.lex, f"E{len(self.events) + 1}")
        if threat is not None:
            self.events.append(threat)
        if trigger.effect and not actors:
            self.effects.add(event_id)
            if trigger.token.lemma_.lower() in self.lex.effect_only:
                self.effect_only.add(event_id)
        if len(actors) >= 2:
            self.parties.recent.append(tuple(actors))

    # -- participants ----------------------------------------------------------------------------
    def _participants(
        self, trigger: Trigger, quote: Quote | None
    ) -> tuple[list[Participant], list[Participant]]:
        verb, noun = trigger.head, trigger.token
        actors: list[Participant] = []
        recipients: list[Participant] = []
        if noun is not verb and verb.lemma_.lower() in self.lex.effect_verbs:
            # "three others died in police firing": the noun's makers act, the subject suffers
            victims = subject_of(verb, self.lex.object_control_verbs)
            return self.parties.of_noun(noun), self.parties.of_token(victims) if victims else []
        subject = subject_of(verb, self.lex.object_control_verbs)
        passive = any(c.dep_ in PASSIVE_SUBJECTS for c in verb.children)
        agent = passive_agent(verb)
        if agent is not None:
            actors += self.parties.of_token(agent)
        elif subject is not None and not (noun is not verb and subject.i == noun.i):
            actors += self._subject_parties(self._reported_subject(subject, noun, quote))
        elif verb.dep_ == "acl" and noun is verb and verb.tag_ == "VBG":
            actors += self.parties.of_token(verb.head)  # "police firing" read as a participle
        elif verb.dep_ == "acl" and noun is verb and verb.tag_ == "VBN":
            recipients += self.parties.of_token(verb.head)  # "two members arrested in Kolkata"
        if noun is not verb:
            actors += self.parties.of_noun(noun)
        for child in [*verb.children, *(noun.children if noun is not verb else [])]:
            recipients += self._role_of(child, trigger, actors, passive)
        recipients += self.parties.claimants_of(noun)
        if passive and agent is None and noun is verb:
            target = next(c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS)
            recipients += self.parties.of_token(target)
            actors += self.parties.of_cause(verb)
        if trigger.type == "REQUEST" and noun is verb:
            made_to_act = complement_subject(verb)
            if made_to_act is not None:
                recipients += self.parties.of_token(made_to_act)
        if noun is verb and verb.lemma_.lower() in self.lex.effect_only:
            actors, recipients = [], actors + recipients  # "three protesters died": they suffer
        keys = {(p.actor, p.country, p.sector) for p in actors}
        recipients = [p for p in recipients if (p.actor, p.country, p.sector) not in keys]
        return unique_parties(actors), unique_parties(recipients)

    def _reported_subject(self, subject: Token, trigger: Token, quote: Quote | None) -> Token:
        """In reported speech a verb coordinated back to the cue ("Peskov stressed that Moscow
        was committed ..., supported ...") has the subject of the reported clause, not the
        speaker."""
        if quote is None or not quote.content_spans:
            return subject
        start, end = quote.content_spans[0]
        if start <= subject.idx < end:
            return subject
        for token in self.doc.char_span(start, end, alignment_mode="expand") or ():
            if token.dep_ in {"nsubj", "nsubjpass"} and token.i < trigger.i:
                return token
        return subject

    def _subject_parties(self, subject: Token) -> list[Participant]:
        if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
            return self.parties.of_token(subject.head.head)
        if subject.lower_ in self.event_nouns or subject.lemma_.lower() in self.event_nouns:
            return self.parties.of_noun(subject)  # "US attacks have killed ...": who made them
        speaker = speaker_of_pronoun(subject)  # "Syria says it will not accept ..."
        spoken_for = self.parties.of_token(speaker) if speaker is not None else []
        return spoken_for or self.parties.of_token(subject)

    def _role_of(
        self, child: Token, trigger: Trigger, actors: list[Participant], passive: bool
    ) -> list[Participant]:
        kind = trigger.type
        if child.dep_ == "dobj" and child.i != trigger.token.i and trigger.token is trigger.head:
            return self.parties.of_token(child, frozenset(p.actor for p in actors if p.actor))
        if child.dep_ == "dative":
            return self.parties.of_token(child)
        if child.dep_ == "prep":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects:
                return []
            if child.lower_ in self.lex.co_actor_prepositions.get(kind, ()):
                actors += self.parties.of_token(objects[0])
                return []
            if child.lower_ in self.lex.recipient_prepositions.get(kind, ()):
                own = frozenset(p.actor for p in actors if p.actor)
                return self.parties.of_token(objects[0], own)
        if child.dep_ == "acl" and child.lemma_.lower() in {"target", "aim", "against"}:
            return [p for o in child.children if o.dep_ == "dobj" for p in self.parties.of_token(o)]
        return []

    def _mode(self, trigger: Trigger, clause: list[Token]) -> str | None:
        for token in clause:
            hit = self.lex.mode_words.get(token.lower_)
            if hit is not None and hit[0] == trigger.type and token.i != trigger.token.i:
                return hit[1]
        return trigger.mode

    def _governing_date(self, trigger: Trigger) -> TiedDate | None:
        """ "escalated on February 27 after militants unleashed an offensive": a clause joined
        to another takes that clause's date."""
        head = trigger.head
        if head.dep_ in {"advcl", "conj", "xcomp"} and head.head.i != head.i:
            tied = clause_date(clause_tokens(head.head), self.facts.dates)
            if tied is not None:
                return TiedDate(tied.value, tied.mod, "governing_clause", tied.span)
        return None

    def _narrative_date(self, trigger: Trigger) -> TiedDate | None:
        """A past event told right after a dated one, in its paragraph, happened then ("In
        response, ..." after it)."""
        previous = self._told_before(trigger)
        if previous is None or previous.date is None:
            return None
        if previous.modality not in {"asserted", "claimed"}:
            return None
        sentence = trigger.token.sent.text
        mod = "AFTER" if starts_with_after_marker(sentence, self.lex) else previous.date_mod
        span = previous.date_spans[0] if previous.date_spans else previous.trigger_spans[0]
        return TiedDate(previous.date, mod, "narrative", span)

    def _sentence_place(self, trigger: Trigger, parties: list[Participant]) -> Place | None:
        sentence = trigger.token.sent
        taken = [p.span for p in parties]
        tokens = [t for t in sentence if not any(s <= t.idx < e for s, e in taken)]
        place = clause_place(tokens, self.places, self.gaz.locative_prepositions, self.event_nouns)
        if place is None:
            previous = self._told_before(trigger)
            return previous.location if previous is not None else None
        return place

    def _told_before(self, trigger: Trigger) -> Event | None:
        """The event told right before a past one in its paragraph: a narrative goes on in the
        same time and place."""
        if trigger.head.tag_ not in {"VBD", "VBN"} or not self.events:
            return None
        previous = self.events[-1]
        between = doc_text(self.doc)[previous.trigger_spans[0][0] : trigger.token.idx]
        return None if "\n" in between else previous

    def _attribution(self, quote: Quote | None) -> tuple[str | None, str | None]:
        if quote is not None:
            name = quote.source
            actor = self.parties.actors.get(quote.speaker or "")
            return quote.speaker, actor.name if actor is not None else name
        return self.facts.source_actor, self.facts.source_name

    def _bind_quantities(self, clause: list[Token], event_id: str, quote: Quote | None) -> None:
        starts = {t.idx for t in clause}
        for quantity in self.facts.quantities:
            if quantity.span[0] in starts and quantity.span[0] not in self.bound:
                self.bound[quantity.span[0]] = (event_id, quote)

    def _fold(self, trigger: Trigger) -> bool:
        """An effect verb caused by an event of its sentence adds its numbers to that event:
        "strikes ..., which, as Ankara claims, killed 36 Turkish soldiers"."""
        verb = trigger.token
        cause = self._cause(verb)
        if cause is None:
            return False
        index = self.by_token[cause]
        quote = containing_quote(verb.idx, self.facts.quotes)
        self._bind_quantities(clause_tokens(verb), self.events[index].id, quote)
        return True

    def _cause(self, verb: Token) -> int | None:
        subject = subject_of(verb, self.lex.object_control_verbs)
        if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            if verb.head.i in self.by_token:
                return verb.head.i
        elif subject is not None:
            return subject.i if subject.i in self.by_token else None
        elif passive_agent(verb) is not None:
            return None
        sentence = self.sentence_of[verb.i]
        earlier = [
            i for i, n in self.by_token.items()
            if self.sentence_of[i] == sentence and i < verb.i
            and self.events[n].type == "ASSAULT"
        ]  # fmt: skip
        return earlier[-1] if earlier else None

    def _merge_effects(self) -> None:
        """An effect coded before its cause ("one person was killed when the police fired")
        gives its numbers to the cause, an ASSAULT with actors in its sentence; an effect-only
        verb that finds none ("died of cancer") is no event."""
        dropped = set()
        for event in self.events:
            if event.id not in self.effects:
                continue
            causes = [
                e for e in self.events
                if e.sentence == event.sentence and e.type == "ASSAULT" and e.actors
                and e.id not in self.effects
            ]  # fmt: skip
            if causes:
                for start, (bound_to, quote) in list(self.bound.items()):
                    if bound_to == event.id:
                        self.bound[start] = (causes[0].id, quote)
                dropped.add(event.id)
            elif event.id in self.effect_only:
                dropped.add(event.id)
        if dropped:
            self.events = [e for e in self.events if e.id not in dropped]

    def results(self) -> tuple[list[Event], list[Quantity]]:
        self._merge_effects()
        renamed = {e.id: f"E{n}" for n, e in enumerate(self.events, start=1)}
        self.events = [replace(e, id=renamed[e.id]) for e in self.events]
        self.bound = {k: (renamed.get(v[0], v[0]), v[1]) for k, v in self.bound.items()}
        quantities = []
        for quantity in self.facts.quantities:
            event_id, event_quote = self.bound.get(quantity.span[0], (None, None))
            # A number has its own source: "strikes, which, as Ankara claims, killed 36".
            quote = containing_quote(quantity.span[0], self.facts.quotes) or event_quote
            speaker, _ = self._attribution(quote)
            modality = self.lex.stances.get(quote.stance, "asserted") if quote else "asserted"
            claimants = quote.claimants if quote is not None else ()
            quantities.append(
                replace(
                    quantity,
                    event=event_id,
                    attributed_to=speaker,
                    modality=modality,
                    claimants=claimants,
                )
            )
        events = []
        for event in self.events:
            own = tuple(q for q in quantities if q.event == event.id)
            events.append(replace(event, quantities=own))
        return events, quantities


# -- the spaCy component -------------------------------------------------------------------------
for _name, _default in (("events", None), ("article_source", None), ("title_spans", ())):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory(
    FACTORY,
    requires=["token.dep", "doc._.actors", "doc._.mentions", "doc._.dates", "doc._.places",
              "doc._.quotes", "doc._.quantities"],
    assigns=["doc._.events", "doc._.quantities"],
)  # fmt: skip
def make_events(
    nlp: Language, name: str, actors_file: str | None, events_file: str | None
) -> EventsComponent:
    from pathlib import Path

    lexicon = replace(load_event_lexicon(events_file), irregular=verb_exceptions(nlp))
    return EventsComponent(lexicon, load_gazetteer(Path(actors_file) if actors_file else None))


class EventsComponent:
    """Stores ``find_events`` on ``doc._.events`` and the bound quantities on
    ``doc._.quantities``."""

    def __init__(self, lexicon: EventLexicon, gazetteer: Gazetteer) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        actors = list(doc._.actors or ())
        mentions = list(doc._.mentions or ())
        source = next((m.actor for m in mentions if m.how == "source"), None)
        names = {a.id: a.name for a in actors}
        facts = ArticleFacts(
            actors=actors,
            mentions=mentions,
            dates=list(doc._.dates or ()),
            places=list(doc._.places or ()),
            quotes=list(doc._.quotes or ()),
            quantities=list(doc._.quantities or ()),
            source_actor=source,
            source_name=names.get(source or "") or doc._.article_source,
            anchor=doc._.anchor_date,
            skip=[*doc._.skip_spans, *doc._.repeat_spans, *doc._.title_spans],
        )
        doc._.events, doc._.quantities = find_events(doc, facts, self.lexicon, self.gazetteer)
        return doc
