"""Who takes part in an event: noun phrases of the parse to ``Participant`` records.

A phrase names an actor of the article (a mention inside it: "Putin", "he", "the Kremlin
spokesman"), or an unnamed but typed party read from its words ("Senior Hungarian and Romanian
officials" → HUN GOV and ROU GOV; "police" → COP), or the parties of an earlier event ("the two
countries", "the sides"), or a group named by a pronoun ("their positions" → the militants).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dateline.extract.gazetteer import Gazetteer
from dateline.extract.syntax import (
    group_key,
    head_words,
    is_ethnic,
    owning_country,
    possessor_country,
    qualifier_countries,
    reporter_of,
    retyped_sector,
    role_key,
)
from dateline.records import Actor, Mention, Participant, Quote

# How many sentences back "they"/"their" may find the group they stand for.
PRONOUN_WINDOW = 2
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
_NP_STOP = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})
_PARTY_OF = frozenset({"of", "from"})
_COUNTING_HEADS = frozenset(
    {"hundreds", "thousands", "dozens", "millions", "scores", "tens", "group", "number",
     "members", "band", "handful", "couple", "majority", "some", "many", "most", "all"}
)  # fmt: skip
# Words the parse may hang where a party goes that never are one ("on February 27").
_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


# How far before a phrase a mention that holds its head may start (longer than any mention).
MENTION_MARGIN = 400


@dataclass
class Parties:
    """What the participant rules need to know of the article, built once per document."""

    doc: Doc
    gaz: Gazetteer
    actors: dict[str, Actor]
    mentions: list[Mention]
    sentence_of: list[int]
    pair_nouns: dict[str, str]
    event_nouns: frozenset[str]
    """Nouns that name events ("firing", "strikes"): "killed in police firing"."""
    quotes: list[Quote]
    recent: list[tuple[Participant, ...]] = field(default_factory=list)
    """The actor lists of the events found so far, for "the two countries"."""
    _starts: list[int] = field(default_factory=list)

    def _mentions_within(self, start: int, end: int) -> list[Mention]:
        """The mentions that may lie in ``[start, end)`` (with a margin for one that starts
        before it and holds its head), by binary search: a scan of every mention per phrase
        made a long article quadratic."""
        if len(self._starts) != len(self.mentions):
            self.mentions.sort(key=lambda m: m.span)
            self._starts[:] = [m.span[0] for m in self.mentions]
        lo = bisect.bisect_left(self._starts, start - MENTION_MARGIN)
        hi = bisect.bisect_left(self._starts, end)
        return self.mentions[lo:hi]

    def of_token(self, token: Token, exclude: frozenset[str] = frozenset()) -> list[Participant]:
        """The participants a phrase names, each coordinated phrase on its own; a pronoun does
        not stand for an actor in ``exclude`` (the event's own actors)."""
        found: list[Participant] = []
        # "hundreds of thousands of people", "a group of leaders": what is counted
        for head in _coordinated(_counted(token) or token):
            if head.ent_type_ not in _NOT_PARTIES:
                found.extend(self._of_phrase(head, exclude))
        return unique_parties(found)

    def of_noun(self, noun: Token) -> list[Participant]:
        """ "Israeli airstrikes", "police firing", "Turkey's offensive": who made it."""
        found: list[Participant] = []
        for child in noun.children:  # "firing by the police"
            if child.dep_ in {"prep", "agent"} and child.lower_ == "by":
                found += [p for o in child.children if o.dep_ == "pobj" for p in self.of_token(o)]
        modifiers = list(noun.lefts)
        for child in noun.lefts:  # "US Predator attacks": the maker may modify a modifier
            if child.dep_ == "compound":
                modifiers += [c for c in child.lefts if c.dep_ in {"compound", "amod"}]
        for child in modifiers:
            if (
                child.dep_ in {"poss", "compound", "amod", "nmod"}
                and child.lower_ not in self.event_nouns
            ):
                country = self.gaz.country_of_adjective(child.text)
                if child.dep_ == "amod" and country is not None:
                    span = noun.doc[child.i : child.i + 1]
                    found.append(self.participant(span, None, country.code, None))
                elif child.dep_ != "amod":
                    found += self.of_token(child)
        return found

    def of_cause(self, verb: Token) -> list[Participant]:
        """ "were killed in police firing": who made the event that caused it."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "during", "by"}:
                for noun in child.children:
                    if noun.dep_ == "pobj" and noun.lower_ in self.event_nouns:
                        return self.of_noun(noun)
        return []

    def claimants_of(self, cue: Token) -> list[Participant]:
        """A denial's trigger ("dismissed allegations from Turkey, the EU and the US"): those
        who made the allegation are the recipients of the rejection."""
        for quote in self.quotes:
            if quote.claimants and any(s <= cue.idx < e for s, e in quote.cue_spans):
                out = []
                for actor_id in quote.claimants:
                    actor = self.actors.get(actor_id)
                    if actor is not None:
                        span = quote.content_spans[0] if quote.content_spans else (cue.idx, cue.idx)
                        out.append(
                            Participant(actor.name, span, actor.id, actor.country, actor.sector)
                        )
                return out
        return []

    # -- mode, date, place, attribution, numbers ----------------------------------------------
    def _of_phrase(self, head: Token, exclude: frozenset[str]) -> list[Participant]:
        span = _phrase(head)
        named = self._mentioned(span, head)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if named and owner is not None and all(p.span[1] <= owner.idx + len(owner) for p in named):
            typed = self._typed(span)  # "Cairo's security chief": the chief, of Cairo's country
            if typed and all(p.country for p in typed):
                return typed
        if len(named) == 1 and named[0].country is None and named[0].sector:
            located = self._located_in(head)  # "forces from the US, Britain and Canada"
            if located:
                return [self.participant(span, None, code, named[0].sector) for code in located]
        if named:
            return named
        lower = head.lower_
        if lower in _PLURAL_PRONOUNS or (lower == "its" and head.dep_ == "poss"):
            return self._pronoun(head, exclude)
        if lower in self.pair_nouns and self._is_pair(span):
            return self._pair(span, self.pair_nouns[lower])
        typed = self._typed(span)
        if typed:
            return typed
        for child in head.children:
            if child.dep_ in {"poss", "appos"}:
                return self._of_phrase(child, exclude)
        if is_ethnic(head):  # "ethnic Albanians demonstrated in Serbia": civilians of Serbia
            return [self.participant(span, None, None, "CVL")]
        # "Sri Lanka", "the Gambia", "Palestinians", "Israelis": a country, or its people
        words = span.text[4:] if span.text.lower().startswith("the ") else span.text
        if not head.text[:1].isupper():
            return []  # "a car bombing" names no country (CAR is a country code)
        qualified = owning_country(span, self.gaz) if head.ent_type_ != "ORG" else None
        if qualified is not None:  # "Bosnian Serbs" are Bosnia's
            return [self.participant(span, None, qualified, None)]
        country = (
            self.gaz.country_of_name(words)
            or self.gaz.country_of_name(head.text)
            or self.gaz.country_of_adjective(head.text)
        )
        if country is not None:
            return [self.participant(span, None, country.code, None)]
        if head.pos_ == "PROPN" or head.ent_type_ in {"ORG", "NORP", "PERSON", "GPE"}:
            return [self.participant(span, None, None, None)]
        return []

    def _mentioned(self, span: Span, head: Token) -> list[Participant]:
        """Actors mentioned in the phrase's own words (not in its clauses or its "by" phrases)."""
        words = {t.idx for t in span if not _in_clause(t, head)}
        start, end = span.start_char, span.end_char
        heads, inner = [], []
        for mention in self._mentions_within(min(start, head.idx), max(end, head.idx + 1)):
            actor = self.actors.get(mention.actor)
            if actor is None:
                continue
            party = Participant(mention.text, mention.span, actor.id, actor.country, actor.sector)
            if mention.span[0] <= head.idx < mention.span[1]:
                heads.append(party)
            elif start <= mention.span[0] and mention.span[1] <= end and mention.span[0] in words:
                inner.append(party)
        # "Iran's religious leader Ayatollah Khomeini": the leader, not also Iran
        return heads or inner

    def _typed(self, span: Span) -> list[Participant]:
        """An unnamed party typed by its words: "Israeli police", "Hungarian and Romanian
        officials", "the Russian and Turkish presidents" (linked to the presidents named)."""
        words = head_words(span)
        key = group_key(span, self.gaz)
        singular = words[:-1] if words.endswith("s") else words  # "ministers", "presidents"
        role = role_key(words, self.gaz) or role_key(singular, self.gaz) if key is None else None
        if key is None and role is None:
            return []
        sector = self.gaz.groups[key] if key is not None else self.gaz.roles.get(role or "")
        sector = retyped_sector(span, sector, self.gaz)  # "rebel leaders"
        countries: list[str | None] = [c.code for c in qualifier_countries(span, self.gaz)]
        if not countries:  # "Cairo's security chief", "their forces", "police in Baghdad"
            owner = possessor_country(span.root, self.gaz)
            countries = [owner] if owner else self._located_in(span.root) or self._owner(span.root)
        out = []
        for code in countries or [None]:
            person = self._person(role or key or "", code) if code else None
            if person is not None:
                out.append(self.participant(span, person.id, person.country, person.sector))
            else:
                out.append(self.participant(span, None, code, sector))
        return out

    def _owner(self, head: Token) -> list[str | None]:
        """ "Bosnian Serbs said their forces had completed ...": the country of whoever "their"
        stands for, the reporter of the clause first."""
        poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if poss is None:
            return []
        reporter = reporter_of(head.head)
        owners = (
            self.of_token(reporter) if reporter is not None else self._pronoun(poss, frozenset())
        )
        codes: list[str | None] = [p.country for p in owners if p.country]
        return codes[:1]

    def _located_in(self, head: Token) -> list[str | None]:
        """ "Demonstrators in Baghdad", "opposition groups in Zimbabwe", "forces from the US,
        Britain and Canada": a group's countries from where it is."""
        found: list[str | None] = []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"in", "from"}:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                for place in _coordinated(obj):
                    if place.ent_type_ != "GPE":
                        continue
                    country = self.gaz.country_of_name(place.text) or self.gaz.capital(place.text)
                    if country is not None and country.code not in found:
                        found.append(country.code)
        return found

    def _person(self, role: str, country: str) -> Actor | None:
        singular = role[:-1] if role.endswith("s") else role
        for actor in self.actors.values():
            same = actor.kind == "person" and actor.country == country and actor.role
            if same and role_key(actor.role or "", self.gaz) in {role, singular}:
                return actor
        return None

    def _is_pair(self, span: Span) -> bool:
        words = {t.lower_ for t in span}
        return bool(words & {"two", "both"}) or span[0].lower_ == "the"

    def _pair(self, span: Span, level: str) -> list[Participant]:
        """ "the two countries", "the sides": the parties of the last event with two or more."""
        for parties in reversed(self.recent):
            countries = {p.country for p in parties if p.country}
            if len(parties) < 2 or len(countries) < 2:
                continue
            if level == "person":
                return [self.participant(span, p.actor, p.country, p.sector) for p in parties]
            ordered = dict.fromkeys(p.country for p in parties if p.country)
            return [self._country(span, code) for code in ordered]
        return []

    def _country(self, span: Span, code: str) -> Participant:
        """The article's actor for a country: the country itself, else its government."""
        for kind in ("country", "government"):
            for actor in self.actors.values():
                if actor.kind == kind and actor.country == code:
                    return self.participant(span, actor.id, code, actor.sector)
        return self.participant(span, None, code, None)

    def _pronoun(self, token: Token, exclude: frozenset[str]) -> list[Participant]:
        """ "their positions": the nearest group or country mentioned before, close by."""
        sentence = self.sentence_of[token.i]
        for mention in reversed(self.mentions):
            if mention.span[0] >= token.idx:
                continue
            if self.sentence_of_char(mention.span[0]) < sentence - PRONOUN_WINDOW:
                break
            actor = self.actors.get(mention.actor)
            if actor is None or actor.id in exclude:
                continue
            if actor.kind in {"group", "government", "country"}:
                span = token.doc[token.i : token.i + 1]
                return [self.participant(span, actor.id, actor.country, actor.sector)]
        return []

    def sentence_of_char(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return self.sentence_of[span.start] if span is not None else 0

    def participant(
        self, span: Span, actor: str | None, country: str | None, sector: str | None
    ) -> Participant:
        return Participant(span.text, (span.start_char, span.end_char), actor, country, sector)


def _counted(head: Token) -> Token | None:
    """What a number or a collective head counts: "thousands of Nigerians" → Nigerians."""
    if not (head.like_num or head.lower_ in _COUNTING_HEADS):
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _coordinated(token: Token) -> list[Token]:
    heads = [token]
    for child in token.children:
        if child.dep_ == "conj":
            heads.extend(_coordinated(child))
    return heads


def _phrase(head: Token) -> Span:
    """The noun phrase of ``head``: its left edge to its last modifier before a clause, a
    coordination or an apposition; "of"/"from" phrases are kept ("delegations of the two
    countries", "allegations from Turkey")."""
    doc = head.doc
    right = head.i
    for child in head.rights:
        if child.dep_ in _NP_STOP:
            break
        if child.dep_ == "prep" and child.lower_ not in _PARTY_OF:
            break
        right = child.right_edge.i
    return doc[head.left_edge.i : right + 1]


def _in_clause(token: Token, head: Token) -> bool:
    """Whether a word of the phrase sits in a clause or prepositional phrase of its own
    ("Syria's determination to continue the fight against terrorist groups")."""
    node = token
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "acl", "advcl", "xcomp", "ccomp"}:
            return True
        if node.dep_ == "prep" and node.lower_ not in _PARTY_OF:
            return True
        node = node.head
    return False


def unique_parties(found: list[Participant]) -> list[Participant]:
    """Each party once: the same actor, or the same unnamed country and sector."""
    seen: set[tuple[str | None, str | None, str | None, str | None]] = set()
    out = []
    for p in found:
        key = (p.actor, p.country, p.sector, None if p.actor or p.country else p.text)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
