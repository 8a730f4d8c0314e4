"""Places: toponyms resolved to gazetteer entries with coordinates, disambiguated from context.

``find_places(doc, ...)`` is the pure function; the ``dateline.places.v1`` component stores its
result on ``doc._.places``. Toponyms are the model's GPE, LOC and FAC entities (labelled by their
majority in the article), names it mislabels that the gazetteer knows well ("Sochi" as NORP), and
"Idlib province"-style phrases. A toponym used as an agent ("Ankara claims") is a reference to a
government (see ``actors``), not a place of the story, and is left out.

Each toponym's candidates are scored (``score``): a prior by feature type and population, a
bonus for the dateline's country and for countries the article names, where the first pass
(countries and unambiguous names) gives the context for the second. "Moscow" in a TASS story is
the Russian capital; "Georgia" beside "Tbilisi" is the country.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.extract.gazetteer import Gazetteer, load_gazetteer
from dateline.extract.geonames import REGION_WORDS, GeoEntry, PlaceGazetteer, fold, load_places
from dateline.extract.syntax import is_agent, sentence_index
from dateline.records import Place

EXTRACTOR = "dateline.places.v1"
FACTORY = EXTRACTOR.replace(".", "_")
# Scoring weights, tuned by hand on the seed article and the GeoVirus/GWN development sets
# (dateline eval places); each is a bonus in units of "an order of magnitude of population / 7".
COUNTRY_PRIOR = 2.0
CURATED_PRIOR = 1.8
CAPITAL_BONUS = 1.0
REGION_CUE_BONUS = 2.0
PRIMARY_NAME_BONUS = 0.5
DATELINE_COUNTRY_BONUS = 1.0
ARTICLE_COUNTRY_BONUS = 1.6
REGION_BONUS = 0.8
CONTAINS_BONUS = 2.0
CONTAINER_BONUS = 3.0
# A name the model did not mark as a place counts only if the gazetteer knows it this well.
MIN_POPULATION_UNMARKED = 50_000


@dataclass
class _Toponym:
    span: Span
    candidates: list[GeoEntry]
    region_cue: bool
    container: str | None = None
    """The place named right after it, after a comma: "Ontario" in "London, Ontario"."""


def find_places(
    doc: Doc,
    geo: PlaceGazetteer,
    gaz: Gazetteer,
    dateline_place: str | None = None,
    skip: Iterable[tuple[int, int]] = (),
    dateline_span: tuple[int, int] | None = None,
) -> list[Place]:
    """The toponyms of a parsed article, each resolved in the article's context; the place of
    the dateline ("MOSCOW, March 4. /TASS/.") is one of them, where the story was filed."""
    toponyms = _toponyms(doc, geo, gaz, skip)
    filed = _dateline_toponym(doc, geo, dateline_place, dateline_span)
    if filed is not None:
        toponyms = sorted([filed, *toponyms], key=lambda t: t.span.start_char)
    return resolve(doc, toponyms, geo, gaz, dateline_place)


def _dateline_toponym(
    doc: Doc, geo: PlaceGazetteer, place: str | None, span: tuple[int, int] | None
) -> _Toponym | None:
    if not place or span is None:
        return None
    start = doc.text.casefold().find(place.casefold(), span[0], span[1])
    if start < 0:
        return None
    chars = doc.char_span(start, start + len(place), alignment_mode="expand")
    candidates, cue = geo.lookup(place)
    return _Toponym(chars, candidates, cue) if chars is not None and candidates else None


def resolve_spans(
    doc: Doc,
    spans: Iterable[tuple[int, int]],
    geo: PlaceGazetteer,
    gaz: Gazetteer,
    dateline_place: str | None = None,
) -> list[Place | None]:
    """Resolve given toponym spans (the gold-spans protocol of geoparsing evaluation), in the
    context of the article's own toponyms; None where the gazetteer has no such name."""
    context = _toponyms(doc, geo, gaz, ())
    wanted: list[_Toponym | None] = []
    text = doc.text
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        candidates, cue = geo.lookup(text[start:end]) if span is not None else ([], False)
        wanted.append(_Toponym(span, candidates, cue) if span is not None and candidates else None)
    known = [t for t in wanted if t is not None]
    resolved = iter(resolve(doc, known, geo, gaz, dateline_place, extra_context=context))
    return [next(resolved) if t is not None else None for t in wanted]


def resolve(
    doc: Doc,
    toponyms: list[_Toponym],
    geo: PlaceGazetteer,
    gaz: Gazetteer,
    dateline_place: str | None,
    extra_context: Sequence[_Toponym] = (),
) -> list[Place]:
    """Choose each toponym's entry in two passes: the first, on the countries the article
    names and its unambiguous toponyms; the second adds the countries and regions the first
    chose, so that "London" among Alberta, Edmonton and Ontario is London, Ontario."""
    context = _Context(home=dateline_country(geo, dateline_place))
    for ent in doc.ents:  # demonyms say which countries the story is about
        country = gaz.country_of_adjective(ent.text) if ent.label_ == "NORP" else None
        if country is not None:
            context.countries[country.code] += 1
    for toponym in [*toponyms, *extra_context]:
        if len(toponym.candidates) == 1 and toponym.candidates[0].country:
            context.countries[toponym.candidates[0].country] += 1
    first = [_best(t, context)[0] for t in toponyms]
    for entry in first:
        if entry.country:
            context.countries[entry.country] += 1
    sentence_of = sentence_index(doc)
    places = []
    # Regions named by the other toponyms: a toponym's own first choices do not count.
    everywhere: Counter[tuple[str | None, str]] = Counter()
    by_name: dict[str, Counter[tuple[str | None, str]]] = {}
    for toponym, entry in zip(toponyms, first, strict=True):
        if entry.admin1:
            everywhere[(entry.country, entry.admin1)] += 1
            by_name.setdefault(fold(toponym.span.text), Counter())[
                (entry.country, entry.admin1)
            ] += 1
    for toponym in toponyms:
        context.regions = everywhere - by_name.get(fold(toponym.span.text), Counter())
        best, margin = _best(toponym, context)
        places.append(_place(toponym.span, best, sentence_of, margin))
    return places


@dataclass
class _Context:
    home: str | None
    countries: Counter[str] = field(default_factory=Counter)
    regions: Counter[tuple[str | None, str]] = field(default_factory=Counter)


def _best(toponym: _Toponym, context: _Context) -> tuple[GeoEntry, float]:
    scored = sorted(
        ((score(e, toponym, context), i, e) for i, e in enumerate(toponym.candidates)),
        key=lambda item: (-item[0], item[1]),
    )
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else math.inf
    return scored[0][2], margin


def score(entry: GeoEntry, toponym: _Toponym, context: _Context) -> float:
    """How likely ``entry`` is the place a toponym names, given the article's context."""
    population = math.log10(max(entry.population, 1)) / 7
    if entry.feature_code.startswith("PCL"):
        value = COUNTRY_PRIOR + population
    elif entry.curated:  # our own entries are named deliberately: every name counts as primary
        value = CURATED_PRIOR + PRIMARY_NAME_BONUS
    elif entry.feature_code in {"ADM1", "ADM2"}:
        # Second-order divisions (counties) are named after towns more often than not.
        weight = 0.9 if entry.feature_code == "ADM1" else 0.6
        value = population * weight + (REGION_CUE_BONUS if toponym.region_cue else 0.0)
        city = _city_named_alike(entry, toponym.candidates)
        if city is not None and (city.feature_code == "PPLC" or city.population >= 1_000_000):
            value -= 1.0  # "Moscow", "Aleppo": the city, not the region named after it
        elif city is not None:
            value += 0.2  # "Idlib": the governorate, the usual sense in conflict reporting
    else:
        value = population + (CAPITAL_BONUS if entry.feature_code == "PPLC" else 0.0)
        if entry.population >= 1_000_000:
            value += 0.3
    if entry.feature_code != "ADM2" and fold(entry.name) == fold(toponym.span.text):
        value += PRIMARY_NAME_BONUS
    if entry.country and entry.country == context.home:
        value += DATELINE_COUNTRY_BONUS
    if entry.country:
        value += ARTICLE_COUNTRY_BONUS * min(context.countries[entry.country], 4) / 4
    if entry.admin1:
        inside = context.regions[(entry.country, entry.admin1)]
        if entry.feature_code == "ADM1":  # other places of the story lie in this region
            value += CONTAINS_BONUS if inside and value > 0 else 0.0
        else:
            value += REGION_BONUS * min(inside, 2) / 2
    if toponym.container and _within(entry, toponym.container):
        value += CONTAINER_BONUS  # "London, Ontario": the place inside the one named after it
    return value


def _within(entry: GeoEntry, container: str) -> bool:
    name = fold(container)
    if entry.admin1 and fold(entry.admin1) == name:
        return True
    return entry.country is not None and name in _country_names().get(entry.country, ())


def _city_named_alike(region: GeoEntry, candidates: list[GeoEntry]) -> GeoEntry | None:
    for entry in candidates:
        if (
            entry.feature_class == "P"
            and entry.country == region.country
            and entry.name == region.name
        ):
            return entry
    return None


def _toponyms(
    doc: Doc, geo: PlaceGazetteer, gaz: Gazetteer, skip: Iterable[tuple[int, int]]
) -> list[_Toponym]:
    blocked = [range(s, e) for s, e in skip]
    votes: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        votes.setdefault(ent.text.lower(), Counter())[ent.label_] += 1
    found = []
    for ent in doc.ents:
        if any(ent.start_char in r for r in blocked):
            continue
        label = votes[ent.text.lower()].most_common(1)[0][0]
        span = _with_region_word(ent)
        candidates, cue = geo.lookup(span.text)
        if not candidates and span is not ent:
            span = ent
            candidates, cue = geo.lookup(ent.text)
        if not candidates:
            continue
        if label not in {"GPE", "LOC", "FAC"} and not _known_well(ent, candidates, gaz):
            continue
        if is_agent(ent.root, gaz) and any(c.feature_class in {"A", "P"} for c in candidates):
            continue  # "Ankara claims", "Turkey will seek": a government, not a place
        found.append(_Toponym(span, candidates, cue))
    found += _region_phrases(doc, geo, found, blocked)
    found.sort(key=lambda t: t.span.start_char)
    text = doc.text
    for this, following in itertools.pairwise(found):
        between = text[this.span.end_char : following.span.start_char]
        if between.strip() == ",":
            this.container = following.span.text
    return found


def _region_phrases(
    doc: Doc, geo: PlaceGazetteer, found: list[_Toponym], blocked: list[range]
) -> list[_Toponym]:
    """ "Idlib province", "Donetsk region" that the model did not mark: the region word vouches."""
    taken = {i for t in found for i in range(t.span.start, t.span.end)}
    extra = []
    for token in doc:
        if token.lower_ not in REGION_WORDS or token.i in taken:
            continue
        for size in (2, 1):
            start = token.i - size
            words = doc[max(start, 0) : token.i]
            if start < 0 or not all(t.is_title and t.is_alpha for t in words):
                continue
            if any(i in taken for i in range(start, token.i + 1)):
                continue
            if any(words.start_char in r for r in blocked):
                continue
            span = doc[start : token.i + 1]
            candidates, cue = geo.lookup(span.text)
            if candidates:
                extra.append(_Toponym(span, candidates, cue))
                taken.update(range(span.start, span.end))
                break
    return extra


@cache
def _country_names() -> dict[str, tuple[str, ...]]:
    from dateline.extract.gazetteer import load_countries

    return {c.code: tuple(fold(n) for n in (c.name, *c.aliases)) for c in load_countries()}


def _known_well(ent: Span, candidates: list[GeoEntry], gaz: Gazetteer) -> bool:
    """A name the model mislabelled that is still surely a place: "Sochi" (NORP), "the Kremlin"."""
    if ent.label_ in {"NORP"} and gaz.country_of_adjective(ent.text) is not None:
        return False  # a demonym ("Turkish") is a nationality, not a toponym
    if gaz.known(ent.text) is not None:
        return any(c.curated for c in candidates) and _locative_use(ent)
    return any(
        c.curated or (c.feature_class == "P" and c.population >= MIN_POPULATION_UNMARKED)
        for c in candidates
    )


def _locative_use(ent: Span) -> bool:
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in {"at", "in", "inside", "outside", "near"}


def _with_region_word(ent: Span) -> Span:
    """ "Idlib" followed by "province" is "Idlib province"."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in REGION_WORDS:
        return doc[ent.start : ent.end + 1]
    return ent


def dateline_country(geo: PlaceGazetteer, place: str | None) -> str | None:
    if not place:
        return None
    candidates, _ = geo.lookup(place)
    if not candidates:
        return None
    return max(candidates, key=lambda e: (e.feature_code == "PPLC", e.population)).country


def _place(span: Span, entry: GeoEntry, sentence_of: list[int], margin: float) -> Place:
    return Place(
        text=span.text,
        span=(span.start_char, span.end_char),
        name=entry.name,
        geonames_id=entry.geonames_id,
        feature_class=entry.feature_class,
        feature_code=entry.feature_code,
        country=entry.country,
        admin1=entry.admin1,
        latitude=None if math.isnan(entry.latitude) else round(entry.latitude, 5),
        longitude=None if math.isnan(entry.longitude) else round(entry.longitude, 5),
        population=entry.population or None,
        precision=entry.precision,
        sentence=sentence_of[span.start],
        extractor=EXTRACTOR,
        confidence=1.0 if math.isinf(margin) else round(1 - math.exp(-max(margin, 0.0)), 3),
    )


# -- the spaCy component -------------------------------------------------------------------------
for _name, _default in (("places", None), ("dateline_place", None), ("dateline_span", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory(
    FACTORY,
    requires=["doc.ents", "token.dep", "doc.sents"],
    assigns=["doc._.places"],
    default_config={"actors_file": None},
)
def make_places(nlp: Language, name: str, actors_file: str | None) -> PlacesComponent:
    from pathlib import Path

    return PlacesComponent(
        load_places(), load_gazetteer(Path(actors_file) if actors_file else None)
    )


class PlacesComponent:
    """Stores ``find_places`` on ``doc._.places``."""

    def __init__(self, geo: PlaceGazetteer, gazetteer: Gazetteer) -> None:
        self.geo, self.gazetteer = geo, gazetteer

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = find_places(
            doc, self.geo, self.gazetteer, doc._.dateline_place, doc._.skip_spans,
            doc._.dateline_span,
        )  # fmt: skip
        return doc
