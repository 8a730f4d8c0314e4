"""Actors settled in the context of the whole article, once its places are known.

The actors component reads each name where it stands; some things only the whole article tells.
``settle_actors`` is the pure function, the ``dateline.actor_context.v1`` component (after
places, before quotes and events) replaces ``doc._.actors`` and ``doc._.mentions`` with it:

1. A name the model took for a person or an organisation that the article resolves as a place,
   every time it stands ("Tbilisi", "Essen", "Co Kerry"), is a place, not an actor, unless a
   title or the gazetteer vouches for it.
2. A bare name, or one behind a rank or an honorific ("Pak", "Najib", "Pte Dicks"), that the
   model read as an organisation is the one person of the article whose full name it ends or
   starts: "Novak added" is Ivan Novak, named earlier (MUC and ACE coreference guidelines: a
   name's short form corefers with the full name).
3. A person's surname standing alone where the model marked no name ("Harm said", "McCulloch
   told") is another mention of the one person of the article with that surname.
4. An actor the text gives no country takes the story's country, as an analyst reads it: the
   country that the article's places, actors and dateline name most, the outlet's home country
   counting as one more vote (``data/outlets.json``). Stories without a dateline left most
   people without a country (issue 13: half the actors of real news); people, organisations and
   unnamed groups of a story are mostly of the country it is about. International actors keep
   theirs (IGO), and a story split evenly between two countries assigns none.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from dateline.extract.actors import EXTRACTOR as ACTORS  # its mentions are the actors'
from dateline.extract.geonames import PlaceGazetteer, load_places, unaccented
from dateline.extract.places import dateline_country
from dateline.extract.syntax import sentence_index
from dateline.records import Actor, Mention, Place, Span

EXTRACTOR = "dateline.actor_context.v1"
FACTORY = EXTRACTOR.replace(".", "_")
# Ranks and honorifics before a bare surname ("Pte Dicks", "Sgt Smith", "Mr Novak").
NAME_PREFIXES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "pte",
        "sgt",
        "cpl",
        "lt",
        "capt",
        "col",
        "gen",
        "maj",
        "prof",
        "rev",
        "fr",
    ]
)
# A story's country must hold this share of the votes, and more than any other country.
MIN_STORY_SHARE = 0.3
# Votes of the dateline's country and of the outlet's home country (a place or an actor's
# mention counts one; an actor counts at most MAX_ACTOR_VOTES mentions).
DATELINE_VOTES = 3
OUTLET_VOTES = 1
MAX_ACTOR_VOTES = 3
_DEFAULTED_KINDS = frozenset({"person", "organisation", "group"})
# International staff and soldiers act abroad: the story's country does not make them its own
# ("Soldiers attacked a village in Mali" may be anyone's soldiers).
_TRAVELLING_SECTORS = frozenset({"IGO", "MIL"})


@cache
def outlet_countries() -> dict[str, str]:
    """Outlets' home countries (ISO alpha-3), by folded name."""
    text = resources.files("dateline.data").joinpath("outlets.json").read_text("utf-8")
    return {_fold(k): v for k, v in json.loads(text).items() if not k.startswith("_")}


def _fold(name: str) -> str:
    return " ".join(unaccented(name).replace(".", " ").split())


def settle_actors(
    actors: Sequence[Actor],
    mentions: Sequence[Mention],
    places: Sequence[Place],
    outlet: str | None = None,
    dateline_country: str | None = None,
) -> tuple[list[Actor], list[Mention]]:
    """The article's actors with places dropped, bare names merged and countries defaulted;
    actor ids are renumbered in order of first mention."""
    by_actor: dict[str, list[Mention]] = {a.id: [] for a in actors}
    for m in mentions:
        by_actor.setdefault(m.actor, []).append(m)
    place_spans = [p.span for p in places]
    kept = [a for a in actors if not _is_place(a, by_actor[a.id], place_spans)]
    merged_into = _bare_name_links(kept)
    for short, full in merged_into.items():
        by_actor[full] = by_actor[full] + by_actor.pop(short)
    kept = [a for a in kept if a.id not in merged_into]
    home = outlet_countries().get(_fold(outlet or ""))
    country = story_country(kept, by_actor, places, home, dateline_country)
    settled = [_with_country(a, country, home, outlet) for a in kept]
    return _renumbered(settled, by_actor)


def _is_place(actor: Actor, mentions: list[Mention], place_spans: list[Span]) -> bool:
    if actor.kind not in {"person", "organisation"} or actor.role or actor.wikidata:
        return False
    named = [m for m in mentions if m.how != "pronoun"]
    return bool(named) and all(
        any(s <= m.span[0] and m.span[1] <= e for s, e in place_spans) for m in named
    )


def _bare_name_links(actors: list[Actor]) -> dict[str, str]:
    """Actor id of a bare name → the id of the one person whose full name it ends or starts."""
    parts: dict[str, set[str]] = {}
    for a in actors:
        words = _fold(a.name).split()
        if a.kind == "person" and len(words) >= 2:
            for word in (words[0], words[-1]):
                parts.setdefault(word, set()).add(a.id)
    people = {a.id: a for a in actors}
    links = {}
    for a in actors:
        if a.kind not in {"organisation", "person"} or a.role:
            continue
        words = [w for w in _fold(a.name).split() if w not in NAME_PREFIXES]
        if len(words) != 1:
            continue  # (a family name first, "Cho" of Cho Tae-yul, is still one of them)
        owners = parts.get(words[0], set()) - {a.id}
        if len(owners) == 1:
            owner = next(iter(owners))
            if a.country in {None, people[owner].country}:
                links[a.id] = owner
    return links


def story_country(
    actors: Iterable[Actor],
    mentions: dict[str, list[Mention]],
    places: Iterable[Place],
    home: str | None,
    dateline_country: str | None,
) -> str | None:
    """The country the article is about, by votes of its places, actors and dateline."""
    votes: Counter[str] = Counter()
    for place in places:
        if place.country:
            votes[place.country] += 1
    for actor in actors:
        if actor.country and actor.country != "IGO":
            votes[actor.country] += min(len(mentions.get(actor.id, ())) or 1, MAX_ACTOR_VOTES)
    if dateline_country:
        votes[dateline_country] += DATELINE_VOTES
    if home:
        votes[home] += OUTLET_VOTES
    ranked = votes.most_common(2)
    if not ranked:
        return None
    top, count = ranked[0]
    if len(ranked) > 1 and ranked[1][1] == count:
        return None
    return top if count >= MIN_STORY_SHARE * sum(votes.values()) else None


def _with_country(actor: Actor, story: str | None, home: str | None, outlet: str | None) -> Actor:
    if actor.country is not None or actor.kind not in _DEFAULTED_KINDS:
        return actor
    if outlet and home and _fold(actor.name) == _fold(outlet):
        return replace(actor, country=home)
    if story is None or actor.sector in _TRAVELLING_SECTORS:
        return actor
    return replace(actor, country=story)


def _renumbered(
    actors: list[Actor], by_actor: dict[str, list[Mention]]
) -> tuple[list[Actor], list[Mention]]:
    ordered = sorted(actors, key=lambda a: min((m.span for m in by_actor[a.id]), default=(0, 0)))
    out_actors: list[Actor] = []
    out_mentions: list[Mention] = []
    for number, actor in enumerate(ordered, start=1):
        new_id = f"A{number}"
        own = sorted(by_actor[actor.id], key=lambda m: m.span)
        spans = tuple(m.span for m in own)
        aliases = tuple(dict.fromkeys(m.text for m in own))
        out_actors.append(replace(actor, id=new_id, spans=spans, aliases=aliases))
        out_mentions.extend(replace(m, actor=new_id) for m in own)
    out_mentions.sort(key=lambda m: m.span)
    return out_actors, out_mentions


def surname_mentions(
    doc: Doc, actors: Sequence[Actor], mentions: Sequence[Mention]
) -> list[Mention]:
    """Mentions of people by their surname alone that no mention covers yet."""
    owners: dict[str, set[str]] = {}
    for a in actors:
        words = a.name.split()
        if a.kind == "person" and len(words) >= 2 and words[-1][:1].isupper():
            owners.setdefault(words[-1], set()).add(a.id)
    covered = [m.span for m in mentions]
    sentence_of = sentence_index(doc)
    found = []
    for token in doc:
        ids = owners.get(token.text)
        if not ids or len(ids) != 1 or token.pos_ != "PROPN":
            continue
        span = (token.idx, token.idx + len(token.text))
        if any(s < span[1] and span[0] < e for s, e in covered):
            continue
        actor_id = next(iter(ids))
        mention = Mention(token.text, span, actor_id, "surname", sentence_of[token.i], ACTORS)
        found.append(mention)
    return found


# -- the spaCy component -------------------------------------------------------------------------
@Language.factory(
    FACTORY,
    requires=["doc._.actors", "doc._.mentions", "doc._.places"],
    assigns=["doc._.actors", "doc._.mentions"],
)
def make_actor_context(nlp: Language, name: str) -> ActorContextComponent:
    return ActorContextComponent(load_places())


class ActorContextComponent:
    """Replaces ``doc._.actors`` and ``doc._.mentions`` with ``settle_actors``."""

    def __init__(self, geo: PlaceGazetteer) -> None:
        self.geo = geo

    def __call__(self, doc: Doc) -> Doc:
        actors, mentions = doc._.actors or (), list(doc._.mentions or ())
        mentions += surname_mentions(doc, actors, mentions)
        actors, mentions = settle_actors(
            actors, mentions, doc._.places or (), doc._.article_source,
            dateline_country(self.geo, doc._.dateline_place),
        )  # fmt: skip
        doc._.actors, doc._.mentions = actors, mentions
        return doc
