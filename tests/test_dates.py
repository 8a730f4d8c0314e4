import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dateline
from dateline.extract.timex import normalise, resolve_weekday

ANCHOR = dt.date(2020, 3, 4)  # a Wednesday

# (expression, tense, type, value, mod): the timex normaliser on its own.
TIMEX = [
    ("on Thursday", "future", "DATE", "2020-03-05", None),
    ("on Thursday", "past", "DATE", "2020-02-27", None),
    ("Wednesday", "past", "DATE", "2020-03-04", None),
    ("last Wednesday", "unknown", "DATE", "2020-02-26", None),
    ("tomorrow", "unknown", "DATE", "2020-03-05", None),
    ("yesterday", "unknown", "DATE", "2020-03-03", None),
    ("March 3", "past", "DATE", "2020-03-03", None),
    ("February 27", "unknown", "DATE", "2020-02-27", None),
    ("December 30", "past", "DATE", "2019-12-30", None),
    ("Saturday, April 25", "unknown", "DATE", "2020-04-25", None),
    ("this year", "unknown", "DATE", "2020", None),
    ("last year", "past", "DATE", "2019", None),
    ("next month", "future", "DATE", "2020-04", None),
    ("the end of February", "past", "DATE", "2020-02", "END"),
    ("mid-March", "unknown", "DATE", "2020-03", "MID"),
    ("early this month", "unknown", "DATE", "2020-03", "START"),
    ("earlier this month", "past", "DATE", "2020-03", None),
    ("last week", "past", "DATE", "2020-W09", None),
    ("two years ago", "past", "DATE", "2018", None),
    ("since 2011", "past", "DATE", "2011", None),
    ("March 4, 2020", "past", "DATE", "2020-03-04", None),
    ("4 March 2020", "past", "DATE", "2020-03-04", None),
    ("the 1990s", "past", "DATE", "199", None),
    ("the third quarter", "past", "DATE", "2019-Q3", None),
    ("in the coming days", "future", "DATE", "FUTURE_REF", None),
    ("now", "unknown", "DATE", "PRESENT_REF", None),
    ("three days", "unknown", "DURATION", "P3D", None),
    ("the past two years", "past", "DURATION", "P2Y", None),
    ("up to 180 days", "unknown", "DURATION", "P180D", "EQUAL_OR_LESS"),
    ("a decade", "unknown", "DURATION", "P10Y", None),
    ("every Monday", "unknown", "SET", "XXXX-WXX-1", None),
    ("weekly", "unknown", "SET", "P1W", None),
    ("10 a.m.", "unknown", "TIME", "2020-03-04T10:00", None),
    ("tonight", "unknown", "TIME", "2020-03-04TNI", None),
]


@pytest.mark.parametrize(("text", "tense", "kind", "value", "mod"), TIMEX)
def test_timex_table(text, tense, kind, value, mod):
    timex = normalise(text, ANCHOR, tense)
    assert timex is not None
    assert (timex.type, timex.value, timex.mod) == (kind, value, mod)


@pytest.mark.parametrize(
    "text", ["February 30", "the 45th of March", "9999", "the 13/45/2020", "Sabah", "", "  "]
)
def test_not_dates(text):
    assert normalise(text, ANCHOR, "unknown") is None


def test_without_an_anchor_the_year_stays_unknown():
    assert normalise("on Thursday", None, "future").value == "XXXX-WXX-4"
    assert normalise("March 5", None, "past").value == "XXXX-03-05"
    assert normalise("last year", None, "past") is not None


def test_weekdays_resolve_by_tense():
    assert resolve_weekday(ANCHOR, 3, "future") == dt.date(2020, 3, 5)
    assert resolve_weekday(ANCHOR, 3, "past") == dt.date(2020, 2, 27)
    assert resolve_weekday(ANCHOR, 2, "past") == ANCHOR  # the dateline's own weekday


SEED_DATES = [
    # (surface, start after this offset, value, mod, resolution)
    ("Thursday", 0, "2020-03-05", None, "article_date"),
    ("Thursday", 300, "2020-03-05", None, "article_date"),
    ("Wednesday", 0, "2020-03-04", None, "article_date"),
    ("tomorrow", 0, "2020-03-05", None, "speech_time"),
    ("March 3", 0, "2020-03-03", None, "article_date"),
    ("this year", 0, "2020", None, "article_date"),
    ("last year", 0, "2019", None, "article_date"),
    ("the end of February", 0, "2020-02", "END", "article_date"),
    ("February 27", 0, "2020-02-27", None, "article_date"),
    ("February 27", 3000, "2020-02-27", None, "article_date"),
]


@pytest.mark.parametrize(("surface", "after", "value", "mod", "how"), SEED_DATES)
def test_seed_dates(seed_analysis, surface, after, value, mod, how):
    found = [d for d in seed_analysis.dates if d.text == surface and d.span[0] >= after]
    assert found, [d.text for d in seed_analysis.dates]
    date = found[0]
    assert (date.value, date.mod, date.resolution) == (value, mod, how)
    assert seed_analysis.article.text[slice(*date.span)] == surface


def test_seed_dates_without_published_are_marked_inferred(nlp):
    from .conftest import shared_path

    text = shared_path("corpus", "seed", "putin-erdogan-idlib.txt").read_text("utf-8")
    analysis = dateline.analyze(text)
    relative = [d for d in analysis.dates if d.resolution != "explicit"]
    assert relative
    assert {d.resolution for d in relative} <= {"inferred_year", "speech_time"}


def test_the_modal_may_and_a_march_are_not_dates(nlp):
    text = "Protest\nLONDON (Reuters) - Thousands may march in London, organisers said. They march every year."
    analysis = dateline.analyze(text, published="2024-05-02")
    assert {d.text for d in analysis.dates} <= {"every year"}


def test_the_sabah_daily_is_not_a_date(seed_analysis):
    assert not [d for d in seed_analysis.dates if d.text == "daily"]


def test_bad_dates_in_text_do_not_crash(nlp):
    text = (
        "Odd dates\nMOSCOW, March 4. /TASS/. The deal was signed on February 30 and will run "
        "until the 45th of March, or until the year 99999, officials said on Monday."
    )
    analysis = dateline.analyze(text, published="2020-03-04")
    values = {d.text: d.value for d in analysis.dates}
    assert values.get("Monday") == "2020-03-02"
    assert "February 30" not in values


def test_many_quotation_marks_stay_linear(nlp):
    from dateline.extract.quotemarks import quote_regions

    small, big = '"a" ' * 1000, '"a" ' * 10000
    started = time.perf_counter()
    quote_regions(small)
    first = time.perf_counter() - started
    started = time.perf_counter()
    assert len(quote_regions(big)) == 10000
    assert time.perf_counter() - started < max(first * 30, 0.5)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["past", "future", "unknown"]))
def test_normaliser_is_total(text, tense):
    timex = normalise(text, ANCHOR, tense)
    assert timex is None or timex.type in {"DATE", "TIME", "DURATION", "SET"}
