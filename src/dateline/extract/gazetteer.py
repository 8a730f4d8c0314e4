"""The actor gazetteer: countries, capitals, known organisations and the actor lexicon, as data.

Loaded from the package's data files (``countries.tsv``, ``actors.jsonl``, ``lexicon.json``)
with ``importlib.resources``, plus pycountry for the countries our table does not list, plus an
optional JSON Lines file of the user's own actors (``name``, ``aliases``, ``country``, ``sector``,
``role``, ``kind``, ``wikidata``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from dateline.errors import DataFileError

KINDS = ("person", "organisation", "country", "group", "government")


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]

    @property
    def adjective(self) -> str:
        return self.demonyms[0] if self.demonyms else self.name


@dataclass(frozen=True, slots=True)
class KnownActor:
    key: int
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    kind: str
    role: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True)
class Leader:
    name: str
    country: str
    sector: str
    role: str


@dataclass(frozen=True)
class Gazetteer:
    countries: tuple[Country, ...]
    actors: tuple[KnownActor, ...]
    roles: dict[str, str | None]
    role_qualifiers: dict[str, str]
    sector_words: dict[str, str]
    groups: dict[str, str]
    media_nouns: frozenset[str]
    place_nouns: frozenset[str]
    locative_prepositions: frozenset[str]
    governance_nouns: frozenset[str]
    pronouns: frozenset[str]
    org_keywords: tuple[tuple[str, str], ...] = ()
    domestic_groups: frozenset[str] = frozenset()
    leaders: dict[str, Leader] = field(default_factory=dict)
    """Well-known people by normalised name and alias ("putin"), for bare names."""
    by_name: dict[str, Country] = field(default_factory=dict)
    by_demonym: dict[str, Country] = field(default_factory=dict)
    by_capital: dict[str, Country] = field(default_factory=dict)
    by_code: dict[str, Country] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for country in self.countries:
            self.by_code.setdefault(country.code, country)
            for name in (country.name, *country.aliases):
                self.by_name.setdefault(_norm(name), country)
            for demonym in country.demonyms:
                self.by_demonym.setdefault(_norm(demonym), country)
            for capital in (*country.capitals, *country.seats):
                self.by_capital.setdefault(_norm(capital), country)

    def country_of_name(self, text: str) -> Country | None:
        return self.by_name.get(_norm(text))

    def leader(self, name: str) -> Leader | None:
        """A well-known person the text names without a title: "Putin", "Kofi Annan"."""
        return self.leaders.get(_norm(name))

    def people_of(self, phrase: str) -> Country | None:
        """The country whose people a phrase's last word names in the plural: "young
        Algerians" → DZA ("Chinese", also an adjective, is not read as a people)."""
        last = phrase.split()[-1] if phrase.split() else ""
        return self.by_demonym.get(_norm(last)) if last.endswith("s") else None

    def country_of_adjective(self, text: str) -> Country | None:
        return self.by_demonym.get(_norm(text)) or self.by_name.get(_norm(text))

    def known(self, text: str) -> KnownActor | None:
        """The known actor with this name or alias (the user's entries first)."""
        for actor in self.actors:
            if _norm(text) in {_norm(n) for n in (actor.name, *actor.aliases)}:
                return actor
        return None

    def capital(self, text: str) -> Country | None:
        return self.by_capital.get(_norm(text))

    def ruler_patterns(self) -> list[dict[str, Any]]:
        """EntityRuler patterns for the known actors (case-sensitive, whole names)."""
        patterns: list[dict[str, Any]] = []
        for actor in self.actors:
            label = "PERSON" if actor.kind == "person" else "ORG"
            for name in (actor.name, *actor.aliases):
                surface = name.removeprefix("the ").removeprefix("The ")
                patterns.append({"label": label, "pattern": surface, "id": f"actor:{actor.key}"})
        return patterns


def _norm(text: str) -> str:
    text = text.strip().removeprefix("the ").removeprefix("The ")
    return text.replace("’", "'").casefold()


def _data_text(name: str) -> str:
    return resources.files("dateline.data").joinpath(name).read_text("utf-8")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _tsv(name: str, columns: int) -> list[list[str]]:
    """The rows of one of our tab-separated data files (comments and blank lines skipped)."""
    rows = []
    for number, line in enumerate(_data_text(name).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != columns:
            raise DataFileError(f"{name}:{number}: expected {columns} tab-separated columns")
        rows.append(cells)
    return rows


def load_countries() -> tuple[Country, ...]:
    countries: list[Country] = []
    for code, name, aliases, demonyms, capitals, seats in _tsv("countries.tsv", 6):
        countries.append(
            Country(code, name, _split(aliases), _split(demonyms), _split(capitals), _split(seats))
        )
    listed = {c.code for c in countries}
    for entry in pycountry.countries:
        if entry.alpha_3 in listed:
            continue
        name = getattr(entry, "common_name", None) or entry.name
        official = getattr(entry, "official_name", None)
        others = tuple(str(a) for a in (entry.name, official) if a and a != name)
        countries.append(Country(entry.alpha_3, str(name), others, (), (), ()))
    return tuple(countries)


def load_leaders() -> dict[str, Leader]:
    leaders: dict[str, Leader] = {}
    for name, aliases, country, sector, role in _tsv("leaders.tsv", 5):
        leader = Leader(name, country, sector, role)
        for key in (name, *_split(aliases)):
            leaders.setdefault(_norm(key), leader)
    return leaders


def load_known_actors(user_file: Path | None) -> tuple[KnownActor, ...]:
    records = list(_jsonl(_data_text("actors.jsonl"), "actors.jsonl"))
    if user_file is not None:
        try:
            text = user_file.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise DataFileError(f"{user_file}: cannot read the actors file ({err})") from err
        # The user's actors come first, so their entries win over ours for the same name.
        records = list(_jsonl(text, str(user_file))) + records
    return tuple(_known_actor(i, record, origin) for i, (origin, record) in enumerate(records))


def _jsonl(text: str, name: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError(f"{name}:{number}: malformed JSON ({err.msg})") from err
        if not isinstance(record, dict) or not record.get("name"):
            raise DataFileError(f"{name}:{number}: each line needs an object with a 'name'")
        out.append((f"{name}:{number}", record))
    return out


def _known_actor(key: int, record: dict[str, Any], origin: str) -> KnownActor:
    kind = record.get("kind", "organisation")
    if kind not in KINDS:
        raise DataFileError(f"{origin}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return KnownActor(
        key=key,
        name=str(record["name"]),
        aliases=tuple(str(a) for a in record.get("aliases", [])),
        country=record.get("country"),
        sector=record.get("sector"),
        kind=kind,
        role=record.get("role"),
        wikidata=record.get("wikidata"),
    )


@cache
def load_gazetteer(user_file: Path | None = None) -> Gazetteer:
    """The gazetteer, loaded once per process (and per user actors file)."""
    lexicon = json.loads(_data_text("lexicon.json"))
    return Gazetteer(
        countries=load_countries(),
        actors=load_known_actors(user_file),
        roles=dict(lexicon["roles"]),
        role_qualifiers=dict(lexicon["role_qualifiers"]),
        sector_words=dict(lexicon["sector_words"]),
        groups=dict(lexicon["groups"]),
        media_nouns=frozenset(lexicon["media_nouns"]),
        place_nouns=frozenset(lexicon["place_nouns"]),
        locative_prepositions=frozenset(lexicon["locative_prepositions"]),
        governance_nouns=frozenset(lexicon["governance_nouns"]),
        pronouns=frozenset(lexicon["pronouns"]),
        org_keywords=tuple((k, v) for k, v in lexicon["org_keywords"]),
        domestic_groups=frozenset(lexicon["domestic_groups"]["words"]),
        leaders=load_leaders(),
    )
