"""Actors: every mention of a person, organisation, country, group or government in an article,
linked to one canonical actor per article with its country (ISO alpha-3 or IGO), PLOVER sector
and role.

``find_actors(doc, gazetteer)`` is the pure function; the ``dateline.actors.v1`` component stores
its result on ``doc._.actors`` and ``doc._.mentions``. The rules, in the order they claim text:

1. names of people, with the title before them ("Kremlin Spokesman Dmitry Peskov") read for
   role, country and sector, and name variants merged ("Putin" joins "Vladimir Putin");
2. known organisations from the gazetteer (the EntityRuler marks them before the NER);
3. other organisations, typed by the country and keywords in their name;
4. role-only and group noun phrases ("the Turkish president", "Syrian government forces",
   "militants"), resolved to the person in the article or merged by country and sector;
5. countries, and capitals or seats used as agents ("Ankara claims": the Turkish government);
6. "he"/"she" as subjects, linked to the last person mentioned (within two sentences).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.extract.actor_clusters import Cluster, ClusterKey, known_cluster, last_person_before
from dateline.extract.actor_roles import appositive, organisation_of
from dateline.extract.gazetteer import Gazetteer, load_gazetteer
from dateline.extract.syntax import (
    HONORIFICS,
    group_key,
    head_words,
    is_agent,
    is_locative,
    org_sector,
    owning_country,
    possessor_country,
    qualifier_countries,
    reporter_of,
    retyped_sector,
    role_key,
    role_text,
    role_words,
    sentence_index,
    span_entities,
    strip_determiners,
    strip_inner_title,
    title_before,
    without_quantity,
)
from dateline.records import Actor, Mention

EXTRACTOR = "dateline.actors.v1"
# spaCy factory names may not contain dots, so the component is registered as dateline_actors_v1.
FACTORY = EXTRACTOR.replace(".", "_")
_ARMED = frozenset({"REB", "UAF", "MIL"})
# Unnamed groups of these sectors are actors only with a country of their own ("Turkish
# media"): bare, they are the audience or the topic of a story ("told reporters", "refugees"),
# or parties of more than one state ("the delegations", "the leaders"; but "the authorities"
# are one state's: lexicon domestic_groups). Other unnamed groups ("police", "prosecutors",
# "residents") are actors, of the story's country (actor_context).
_NEED_A_COUNTRY = frozenset({"JRN", "REF", "GOV"})
# How many sentences back "he"/"she" looks for the person it stands for (Hobbs-style recency).
PRONOUN_WINDOW = 2


class _Finder:
    def __init__(self, doc: Doc, gaz: Gazetteer, skip: Iterable[tuple[int, int]]) -> None:
        self.doc, self.gaz = doc, gaz
        self.text = doc.text  # Doc.text joins every token anew on each call
        self.taken = [False] * len(doc)
        self.clusters: dict[ClusterKey, Cluster] = {}
        self.sentence_of = sentence_index(doc)
        self.votes: dict[str, dict[str, int]] = {}
        for ent in doc.ents:
            labels = self.votes.setdefault(ent.text.lower(), {})
            labels[ent.label_] = labels.get(ent.label_, 0) + 1
        for start_char, end_char in skip:
            span = doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    self.taken[i] = True

    # -- bookkeeping ---------------------------------------------------------------------------
    def label(self, ent: Span) -> str:
        """The label the model gives this text most often in the article ("Idlib" is a GPE
        even where one sentence makes it an ORG): one sense per discourse (Gale et al. 1992)."""
        labels = self.votes.get(ent.text.lower(), {})
        return (
            max(labels, key=lambda lab: (labels[lab], lab == ent.label_)) if labels else ent.label_
        )

    def free(self, span: Span) -> bool:
        return not any(self.taken[span.start : span.end])

    def add(
        self, cluster: Cluster, span: Span, how: str, chars: tuple[int, int] | None = None
    ) -> None:
        existing = self.clusters.setdefault(cluster.key, cluster)
        for attr in ("country", "sector", "role", "wikidata"):
            if getattr(existing, attr) is None and getattr(cluster, attr) is not None:
                setattr(existing, attr, getattr(cluster, attr))
        start_char, end_char = chars or (span.start_char, span.end_char)
        sentence = self.sentence_of[span.start]
        existing.found.append((start_char, end_char, how, sentence, span.start))
        for i in range(span.start, span.end):
            self.taken[i] = True

    # -- 1. people -----------------------------------------------------------------------------
    def people(self) -> None:
        named: list[tuple[Span, Span, Span | None]] = []
        for ent in self.doc.ents:
            if ent.ent_id_ or not self.free(ent) or not self._is_person(ent):
                continue
            inner, name = strip_inner_title(ent, self.gaz)
            if not any(t.is_alpha and not t.is_lower for t in name):
                continue
            title = title_before(ent, self.gaz) if inner is None else inner
            if title is not None and inner is None and not self.free(title):
                title = None
            named.append((ent, name, title))
        full = {self._name_key(name): name for _, name, _ in named if len(name) > 1}
        previous_role: tuple[str | None, str | None] = (None, None)
        for ent, name, title in named:
            role, sector, country = self._read_title(title, previous_role)
            if title is None:  # "Ismail Kawasi, a public health ministry spokesman"
                role, sector, country = self._appositive_role(ent)
            if role is not None and role_key(role, self.gaz) != "counterpart":
                previous_role = (role, sector)
            key = self._person_key(name, full)
            canonical = full.get(key[1], name).text if len(key) > 1 else name.text
            known = self.gaz.leader(canonical) or self.gaz.leader(name.text)
            if country is None and known is not None:  # "Putin", "President Bush"
                country, sector, role = known.country, sector or known.sector, role or known.role
            start = title.start if title is not None else ent.start
            span = self.doc[start : name.end]
            cluster = Cluster(key, "person", canonical, country, sector, role)
            self.add(cluster, span, "title+name" if title is not None else "name")

    def _is_person(self, ent: Span) -> bool:
        """A PERSON entity, or a capitalised name right after a title that the model mislabelled
        ("German Chancellor Olaf Scholz" tagged ORG): a title before a name marks a person."""
        if ent.label_ == "PERSON":
            # "Sri Lanka has established ...", "Bangladeshi troops": the small model's misreads
            text = strip_determiners(ent).text
            return not (
                self.gaz.country_of_name(text)
                or self.gaz.country_of_adjective(text)
                or self.gaz.people_of(ent.text) is not None
            )
        if ent.label_ not in {"ORG", "GPE", "NORP"} or not 2 <= len(ent) <= 4:
            return False
        if not all(t.is_alpha and t.is_title for t in ent):
            return False
        if self.gaz.country_of_name(ent.text) or self.gaz.capital(ent.text):
            return False
        return title_before(ent, self.gaz) is not None

    def _name_key(self, name: Span) -> str:
        return " ".join(t.lower_ for t in name if t.lower_ not in HONORIFICS)

    def _person_key(self, name: Span, full: dict[str, Span]) -> ClusterKey:
        key = self._name_key(name)
        if len(name) == 1:
            for full_key in full:
                if full_key.split()[-1] == key:
                    return ("person", full_key)
        return ("person", key)

    def _read_title(
        self, title: Span | None, previous: tuple[str | None, str | None]
    ) -> tuple[str | None, str | None, str | None]:
        """Role, sector and country from a title; "counterpart" borrows the previous role."""
        if title is None:
            return None, None, None
        countries = qualifier_countries(title, self.gaz)
        country = countries[0].code if countries else None
        if country is None:  # "U.N. Secretary-General", "Arab League Secretary General"
            known = (self.gaz.known(ent.text) for ent in span_entities(title))
            country = next((k.country for k in known if k is not None and k.country), None)
        key = role_key(role_words(title), self.gaz)
        if key == "counterpart" and previous[0] is not None:
            return previous[0], previous[1], country
        sector = self.gaz.roles.get(key) if key else None
        return role_text(title, self.gaz), sector, country

    def _appositive_role(self, ent: Span) -> tuple[str | None, str | None, str | None]:
        appos = appositive(ent)
        if appos is None or role_key(role_words(appos), self.gaz) is None:
            return None, None, None
        role, sector, country = self._read_title(appos, (None, None))
        organisation = organisation_of(appos, self.gaz)
        if organisation is not None:
            country, sector = country or organisation[0], organisation[1] or sector
        return role, sector, country

    # -- 2. and 3. organisations -----------------------------------------------------------------
    def organisations(self) -> None:
        for ent in self.doc.ents:
            if not self.free(ent):
                continue
            if ent.root.dep_ == "compound" and ent.root.head.lower_ in self.gaz.roles:
                continue  # "The Kremlin spokesman" is a person, read as a role nominal
            if ent.ent_id_.startswith("actor:"):
                known = self.gaz.actors[int(ent.ent_id_.split(":")[1])]
                span = self._with_possessor(ent)
                owner = possessor_country(ent.root, self.gaz)
                if owner is not None and known.country and owner != known.country:
                    # "the Ivory Coast's Supreme Court" is not the US one the name defaults to
                    key = ("org", f"{owner}:{ent.text.lower()}")
                    cluster = Cluster(key, "organisation", ent.text, owner, known.sector)
                    self.add(cluster, span, "name")
                    continue
                self.add(known_cluster(known), span, "gazetteer")
            elif self.label(ent) == "ORG":
                self._organisation(ent)

    def _with_possessor(self, ent: Span) -> Span:
        start = ent.start
        if start >= 2 and self.doc[start - 1].lower_ in {"'s", "’s"}:
            if self.doc[start - 2].ent_type_ in {"GPE", "NORP"}:
                start -= 2
        elif start >= 1 and self.doc[start - 1].ent_type_ == "NORP":
            start -= 1
        return self.doc[start : ent.end]

    def _organisation(self, ent: Span) -> None:
        core = strip_determiners(ent)
        text = core.text
        lowered = text.lower()
        span = self._with_possessor(core)
        country = owning_country(span, self.gaz)
        if lowered in self.gaz.groups:
            self._group(span, self.gaz.groups[lowered], country, "keyword")
            return
        if role_key(lowered, self.gaz) and ent.end < len(self.doc) and self._person_at(ent.end):
            return  # "Kremlin Spokesman" before a name is a title, read with the name
        sector = org_sector(lowered, self.gaz)
        self.add(Cluster(("org", lowered), "organisation", text, country, sector), span, "name")

    def _person_at(self, i: int) -> bool:
        return self.doc[i].ent_type_ == "PERSON"

    # -- 4. role-only and group noun phrases ---------------------------------------------------------
    def nominals(self) -> None:
        for chunk in self.doc.noun_chunks:
            if not self.free(chunk) or any(t.ent_type_ == "PERSON" for t in chunk):
                continue
            root = chunk.root
            head = head_words(chunk)
            if root.tag_ in {"NN", "NNP"} and role_key(head, self.gaz):
                self._role_nominal(chunk, role_key(head, self.gaz) or "")
                continue
            group = group_key(chunk, self.gaz)
            if group is not None:
                countries = qualifier_countries(chunk, self.gaz)
                if len(countries) > 1:
                    continue
                country = countries[0].code if countries else self._owner_country(chunk)
                sector = retyped_sector(chunk, self.gaz.groups[group], self.gaz) or "GOV"
                self._group(without_quantity(chunk), sector, country, "group")

    def _owner_country(self, chunk: Span) -> str | None:
        """ "Bosnian Serbs said their forces had completed ...": the reporter's country."""
        if not any(t.dep_ == "poss" and t.pos_ == "PRON" for t in chunk.root.children):
            return None
        reporter = reporter_of(chunk.root.head)
        if reporter is None:
            return None
        return owning_country(self.doc[reporter.left_edge.i : reporter.i + 1], self.gaz)

    def _role_nominal(self, chunk: Span, key: str) -> None:
        determiner = chunk[0].lower_
        if determiner not in {"the", "his", "her", "its", "their"}:
            return
        countries = qualifier_countries(chunk, self.gaz)
        country = countries[0].code if countries else None
        person = self._person_with_role(key, country, chunk.start)
        if person is not None:
            self.add(person, chunk, "role")
        elif determiner == "the" and country is not None and key != "counterpart":
            name = strip_determiners(chunk).text
            role = role_text(strip_determiners(chunk), self.gaz)
            cluster = Cluster(
                ("role", country, key), "person", name, country, self.gaz.roles.get(key), role
            )
            self.add(cluster, chunk, "role")

    def _person_with_role(self, key: str, country: str | None, at: int) -> Cluster | None:
        best: tuple[int, Cluster] | None = None
        for cluster in self.clusters.values():
            if cluster.kind != "person" or cluster.role is None:
                continue
            if key != "counterpart" and role_key(cluster.role, self.gaz) != key:
                continue
            if country is not None and cluster.country not in {country, None}:
                continue
            before = cluster.starts_before(at)
            # The most recent mention before this one wins; one after it only if none is before.
            rank = max(before) if before else -len(self.doc) - cluster.first()
            if best is None or rank > best[0]:
                best = (rank, cluster)
        return best[1] if best else None

    def _group(self, span: Span, sector: str, country: str | None, how: str) -> None:
        if country is None and sector in _ARMED - {"MIL"}:
            country = self._context_country(span)
        if country is None and sector in _NEED_A_COUNTRY:
            domestic = strip_determiners(span).root.lower_ in self.gaz.domestic_groups
            if not (sector == "GOV" and domestic):
                return  # "told reporters", "refugees", "the delegations": no one actor
        if sector == "GOV" and country is not None:
            self.add(self._government(country), span, how)
            return
        cluster = Cluster(("group", country or "", sector), "group", span.text, country, sector)
        self.add(cluster, span, how)

    def _context_country(self, span: Span) -> str | None:
        """The country named nearest before an unnamed group, in its sentence or the one before."""
        sentence = self.sentence_of[span.start]
        for i in range(span.start - 1, -1, -1):
            if self.sentence_of[i] < sentence - 1:
                break
            token = self.doc[i]
            if token.ent_type_ == "GPE":
                country = self.gaz.country_of_name(token.text)
                if country is not None:
                    return country.code
        return None

    def _government(self, code: str) -> Cluster:
        country = self.gaz.by_code.get(code)
        adjective = country.adjective if country else code
        return Cluster(("gov", code), "government", f"{adjective} government", code, "GOV")

    # -- 5. countries and capitals -------------------------------------------------------------------
    def places(self) -> None:
        for ent in self.doc.ents:
            label = self.label(ent)
            core = strip_determiners(ent)
            country = self.gaz.country_of_name(core.text)
            if label == "PERSON" and country is not None:
                label = "GPE"  # "Sri Lanka has established ties": a country the model misread
            if label not in {"GPE", "LOC", "FAC"} or not self.free(ent):
                continue
            if country is not None and label in {"GPE", "LOC"}:
                if not is_locative(ent.root, self.gaz):
                    key: ClusterKey = ("country", country.code)
                    cluster = Cluster(key, "country", country.name, country.code, None)
                    self.add(cluster, core, "name")
                continue
            capital = self.gaz.capital(core.text)
            if capital is not None and is_agent(ent.root, self.gaz):
                self.add(self._government(capital.code), core, "metonymy")

    # -- 0. the outlet named in the dateline --------------------------------------------------------
    def sources(self, spans: Iterable[tuple[int, int]]) -> None:
        for start_char, end_char in spans:
            span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is None:
                continue
            name = self.text[start_char:end_char]
            known = self.gaz.known(name)
            if known is not None:
                cluster = known_cluster(known)
            else:
                cluster = Cluster(("org", name.lower()), "organisation", name, None, "JRN")
            # The agency is part of a dateline token ("/TASS/."): the mention is its characters.
            self.add(cluster, span, "source", chars=(start_char, end_char))

    # -- 6. pronouns ---------------------------------------------------------------------------------
    def pronouns(self) -> None:
        people = [c for c in self.clusters.values() if c.kind == "person"]
        for token in self.doc:
            if token.lower_ not in self.gaz.pronouns or token.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            person = last_person_before(people, token, self.sentence_of, self.doc, PRONOUN_WINDOW)
            if person is not None:
                self.add(person, self.doc[token.i : token.i + 1], "pronoun")

    # -- records -------------------------------------------------------------------------------------
    def records(self) -> tuple[list[Actor], list[Mention]]:
        actors: list[Actor] = []
        mentions: list[Mention] = []
        ordered = sorted(self.clusters.values(), key=lambda c: c.first())
        for number, cluster in enumerate(ordered, start=1):
            actor_id = f"A{number}"
            found = sorted(cluster.found)
            spans = [(s, e) for s, e, _, _, _ in found]
            aliases = tuple(dict.fromkeys(self.text[s:e] for s, e in spans))
            actors.append(
                Actor(
                    id=actor_id,
                    name=cluster.name,
                    kind=cluster.kind,  # type: ignore[arg-type]
                    country=cluster.country,
                    sector=cluster.sector,
                    role=cluster.role,
                    aliases=aliases,
                    spans=tuple(spans),
                    extractor=EXTRACTOR,
                    wikidata=cluster.wikidata,
                )
            )
            for start, end, how, sentence, _ in found:
                mentions.append(
                    Mention(
                        text=self.text[start:end],
                        span=(start, end),
                        actor=actor_id,
                        how=how,
                        sentence=sentence,
                        extractor=EXTRACTOR,
                    )
                )
        mentions.sort(key=lambda m: m.span)
        return actors, mentions


def find_actors(
    doc: Doc,
    gaz: Gazetteer,
    skip: Iterable[tuple[int, int]] = (),
    sources: Iterable[tuple[int, int]] = (),
) -> tuple[list[Actor], list[Mention]]:
    """The actors of a parsed article and every mention of them.

    ``skip`` spans (the dateline) are not read for mentions; ``sources`` spans (the agency in
    the dateline) name the outlet that reports the story, which is an actor too.
    """
    finder = _Finder(doc, gaz, skip)
    finder.sources(sources)
    finder.people()
    finder.organisations()
    finder.nominals()
    finder.places()
    finder.pronouns()
    return finder.records()


# -- the spaCy component -------------------------------------------------------------------------
for _name in ("actors", "mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in ("skip_spans", "source_spans"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=())


@Language.factory(
    FACTORY,
    requires=["doc.ents", "token.dep", "token.tag", "doc.sents"],
    assigns=["doc._.actors", "doc._.mentions"],
    default_config={"actors_file": None},
)
def make_actors(nlp: Language, name: str, actors_file: str | None) -> ActorsComponent:
    from pathlib import Path

    return ActorsComponent(load_gazetteer(Path(actors_file) if actors_file else None))


class ActorsComponent:
    """Stores ``find_actors`` on ``doc._.actors`` and ``doc._.mentions``."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        actors, mentions = find_actors(doc, self.gazetteer, doc._.skip_spans, doc._.source_spans)
        doc._.actors = actors
        doc._.mentions = mentions
        return doc
