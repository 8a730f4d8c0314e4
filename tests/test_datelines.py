import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.ingest.datelines import find_dateline, infer_year, resolve_year

CASES = [
    # (opening of the body, place, month, day, year, agency, where the story starts)
    ("MOSCOW, March 4. /TASS/. Russian", "Moscow", 3, 4, None, "TASS", "Russian"),
    ("BAKU, February 7. /TASS/. Russian", "Baku", 2, 7, None, "TASS", "Russian"),
    ("MURMANSK. February 7. /TASS/. Development", "Murmansk", 2, 7, None, "TASS", "Development"),
    ("ALEPPO /Syria/, February 17. /TASS/. The", "Aleppo", 2, 17, None, "TASS", "The"),
    ("MOSCOW, March 17. /TASS, Maxim Allanazarov/. The", "Moscow", 3, 17, None, "TASS", "The"),
    (
        "TAIPEI, Taiwan, Feb. 7, 2017 /PRNewswire/.-Infortrend",
        "Taipei",
        2,
        7,
        2017,
        "PR Newswire",
        "Infortrend",
    ),
    ("ANKARA (Reuters) - Turkey", "Ankara", None, None, None, "Reuters", "Turkey"),
    ("WASHINGTON (AP) — The", "Washington", None, None, None, "AP", "The"),
    ("Moscow, 4 March (AFP) - Russia", "Moscow", 3, 4, None, "AFP", "Russia"),
    ("BEIRUT, Lebanon — Hundreds", "Beirut", None, None, None, None, "Hundreds"),
    ("WASHINGTON, Feb 9 (Reuters) - U.S.", "Washington", 2, 9, None, "Reuters", "U.S."),
    ("KUMERTAU (Bashkiria), March 30. /TASS/. The", "Kumertau", 3, 30, None, "TASS", "The"),
    ("St PETERSBURG, March 9. /TASS/. The", "St Petersburg", 3, 9, None, "TASS", "The"),
    ("Washington (CNN)Vice President", "Washington", None, None, None, "CNN", "Vice"),
]

NOT_DATELINES = [
    "The Kremlin said on Wednesday that talks would go on.",
    "There is art in science - and science in art.",
    "Donald Trump (R) said he would sign the bill.",
    "Rachel Dolezal - the woman who said she was black - spoke.",
    "On Tuesday, most of the nation's political elite -- from the vice president down -- met.",
    "Germany's -Christian Democrats won.",
    "Anti-war protesters marched.",
]


@pytest.mark.parametrize(("text", "place", "month", "day", "year", "agency", "rest"), CASES)
def test_datelines_are_read(text, place, month, day, year, agency, rest):
    found = find_dateline(text)
    assert found is not None
    d = found.dateline
    assert (d.place, d.month, d.day, d.year, d.agency) == (place, month, day, year, agency)
    assert text[found.body_start :].startswith(rest)
    if agency and d.agency_span:
        assert text[slice(*d.agency_span)].lower().replace(" ", "") in {
            agency.lower().replace(" ", ""),
            "prnewswire",
        }


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_sentences_are_not_datelines(text):
    assert find_dateline(text) is None


def test_published_date_gives_the_year_and_wins_at_the_turn_of_the_year():
    found = find_dateline("MOSCOW, December 31. /TASS/. Text")
    assert found is not None
    d = resolve_year(found.dateline, dt.date(2021, 1, 1), "")
    assert d.year == 2020
    assert not d.year_inferred


def test_year_is_inferred_from_weekdays_and_says_so():
    text = (
        "Putin and Erdogan will meet on Thursday. Peskov told reporters on Wednesday that "
        "plans were in store."
    )
    found = find_dateline("MOSCOW, March 4. /TASS/. x")
    assert found is not None
    d = resolve_year(found.dateline, None, text, today=dt.date(2026, 11, 27))
    assert d.year_inferred
    assert d.year_candidates == (2009, 2015, 2020, 2026)
    assert d.year == 2026
    assert 0 < (d.year_confidence or 0) < 0.5


def test_without_weekdays_the_year_is_inferred_at_low_confidence():
    inferred = infer_year(3, 4, "No weekday here.", dt.date(2026, 11, 27))
    assert inferred.year == 2026
    assert inferred.confidence <= 0.1
    assert inferred.candidates == ()


def test_impossible_dates_get_no_candidates():
    assert infer_year(2, 30, "on Monday", dt.date(2026, 11, 27)).year is None


@given(st.text(max_size=300))
def test_dateline_parser_never_crashes_and_stays_inside_the_text(text):
    found = find_dateline(text)
    if found is not None:
        start, end = found.dateline.span
        assert 0 <= start <= end <= len(text)
        assert found.body_start <= len(text)
        assert found.dateline.day is None or 1 <= found.dateline.day <= 31


@given(st.integers(1, 12), st.integers(1, 31), st.text(max_size=200))
def test_year_inference_is_total(month, day, text):
    inferred = infer_year(month, day, text, dt.date(2026, 11, 27))
    assert 0.0 <= inferred.confidence <= 1.0
    assert all(2000 <= y <= 2026 for y in inferred.candidates)
