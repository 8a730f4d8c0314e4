import pytest

import dateline
from dateline.extract.geonames import fold, load_places

SEED_PLACES = [
    # (surface, name, feature code, country, precision)
    ("Moscow", "Moscow", "PPLC", "RUS", "exact"),
    ("Kremlin", "the Kremlin", "CSTL", "RUS", "exact"),
    ("Idlib province", "Idlib Governorate", "ADM1", "SYR", "region"),
    ("Idlib", "Idlib", "ADM1", "SYR", "region"),
    ("Sochi", "Sochi", "PPL", "RUS", "exact"),
    ("Syria", "Syria", "PCLI", "SYR", "country"),
    ("Turkey", "Turkey", "PCLI", "TUR", "country"),
]


@pytest.mark.parametrize(("surface", "name", "code", "country", "precision"), SEED_PLACES)
def test_seed_places(seed_analysis, surface, name, code, country, precision):
    found = [p for p in seed_analysis.places if p.text == surface]
    assert found, [p.text for p in seed_analysis.places]
    place = found[0]
    assert (place.name, place.feature_code, place.country, place.precision) == (
        name,
        code,
        country,
        precision,
    )
    assert place.latitude is not None
    assert place.longitude is not None
    assert seed_analysis.article.text[slice(*place.span)] == surface


def test_seed_moscow_is_the_russian_capital(seed_analysis):
    moscow = next(p for p in seed_analysis.places if p.text == "Moscow")
    assert abs(moscow.latitude - 55.75) < 0.1
    assert abs(moscow.longitude - 37.62) < 0.1
    assert moscow.geonames_id == 524901


def test_agents_are_not_places(seed_analysis):
    texts = {p.text for p in seed_analysis.places}
    assert "Ankara" not in texts  # "Ankara claims", "Ankara launched"
    assert "Damascus" not in texts  # "under the control of Damascus"
    dateline = seed_analysis.article.dateline
    in_dateline = [
        p for p in seed_analysis.places
        if p.span[0] < dateline.span[1] and dateline.span[0] < p.span[1]
    ]  # fmt: skip
    # the dateline's own place is where the story was filed: a place, resolved; its agency is not
    assert [(p.text, p.name, p.country) for p in in_dateline] == [("MOSCOW", "Moscow", "RUS")]


CASES = [
    # (text, toponym, expected country, expected feature code); None: not a place here
    (
        "Georgian troops moved toward Tbilisi and the border of Georgia with Russia.",
        "Georgia",
        "GEO",
        "PCLI",
    ),
    (
        "Floods hit Atlanta and Savannah on Monday, the governor of Georgia said.",
        "Georgia",
        "USA",
        "ADM1",
    ),
    (
        "Officials in London, Ontario, and Toronto said the storm had passed.",
        "London",
        "CAN",
        "PPL",
    ),
    ("The ministers met in Paris on Friday to discuss the budget.", "Paris", "FRA", "PPLC"),
    ("Protesters marched through the Gaza Strip on Friday.", "Gaza Strip", "PSE", "ADM1"),
    ("Ankara rejected the proposal on Friday.", "Ankara", None, None),
]


@pytest.mark.parametrize(("text", "toponym", "country", "code"), CASES)
def test_place_table(nlp, text, toponym, country, code):
    analysis = dateline.analyze(
        text + " Officials gave no further details.", published="2024-01-01"
    )
    found = [p for p in analysis.places if toponym in p.text]
    if country is None:
        assert not found, found
        return
    assert found, [p.text for p in analysis.places]
    assert (found[0].country, found[0].feature_code) == (country, code)


def test_toponyms_in_other_scripts_find_nothing_and_do_not_crash(nlp):
    names = [
        "Москва",
        "القاهرة",
        "北京",
        "Αθήνα",
        "ירושלים",
        "दिल्ली",
        "東京",
        "서울",
        "Київ",
        "თბილისი",
    ]
    geo = load_places()
    for name in names:
        assert geo.lookup(name) == ([], False)
    english = (
        "The delegation said that it was pleased with the talks and would return in the spring. "
    )
    text = (
        "Places\nMOSCOW, March 4. /TASS/. "
        + english * 10
        + "It visited "
        + ", ".join(names * 5)
        + "."
    )
    analysis = dateline.analyze(text, published="2020-03-04")
    assert analysis.article.id


def test_an_article_with_thousands_of_place_names(nlp):
    cities = [
        "Paris",
        "Berlin",
        "Madrid",
        "Rome",
        "Vienna",
        "Warsaw",
        "Prague",
        "Lisbon",
        "Athens",
        "Oslo",
    ]
    body = " ".join(f"Talks were held in {c} on Monday." for c in cities * 500)
    analysis = dateline.analyze("Tour\nBRUSSELS (Reuters) - " + body, published="2024-01-01")
    assert len(analysis.places) >= 4000
    assert {p.country for p in analysis.places} >= {"FRA", "DEU", "ESP", "ITA"}


def test_fold_makes_names_comparable():
    assert fold("St. Petersburg") == fold("Saint Petersburg")
    assert fold("Ḩalab") == "halab"
    assert fold("the Gaza Strip") == "gaza strip"
