"""TIMEX3 normalisation of one temporal expression, given an anchor date and the tense it is in.

``normalise("on Thursday", anchor=2020-03-04, tense="future")`` gives DATE 2020-03-05. Pure
string and date arithmetic (no spaCy): the dates component finds the expressions and their
tense, this module gives them values. Values follow TimeML/TIMEX3 (TempEval-3): ``2020-03-05``,
``2020-03``, ``2019``, ``201`` (a decade), ``2020-W10``, ``2020-Q1``, ``2020-SU``, ``P3D``,
``PT2H``, ``PXY``, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, ``XXXX-WXX-4`` and ``XXXX-03-05``
where there is no anchor; ``mod`` is START, MID, END, APPROX, EQUAL_OR_LESS, MORE_THAN, ...
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Tense = Literal["past", "future", "unknown"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name[:3].lower(): i for name, i in list(MONTHS.items())}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2,
    "couple of": 2,
}  # fmt: skip
UNITS = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"),
    "night": ("", "D"), "week": ("", "W"), "weekend": ("", "WE"), "month": ("", "M"),
    "year": ("", "Y"), "decade": ("", "Y"), "century": ("", "Y"), "quarter": ("", "Q"),
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
_MOD_WORDS = {
    "early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
    "late": "END", "end": "END", "about": "APPROX", "around": "APPROX", "nearly": "APPROX",
    "almost": "APPROX", "some": "APPROX", "up to": "EQUAL_OR_LESS", "more than": "MORE_THAN",
    "over": "MORE_THAN", "less than": "LESS_THAN", "at least": "EQUAL_OR_MORE",
}  # fmt: skip

_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"((?:1[5-9]|20)\d\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_NUM = r"(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|a dozen|dozen|a hundred|hundred|several|few|a few|many|some|couple of|a couple of)"
_UNIT = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|centur(?:y|ies)|quarters?)"


@dataclass(frozen=True, slots=True)
class Timex:
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None = None
    relative: bool = False
    """The value was computed from the anchor (not written out in full)."""


def normalise(text: str, anchor: dt.date | None, tense: Tense = "unknown") -> Timex | None:
    """The TIMEX3 reading of an expression, or None when it is not a temporal expression."""
    e = _clean(text)
    if not e:
        return None
    mod = _mod_of(e)
    core = _strip_mod_words(e)
    for rule in _RULES:
        result = rule(core, anchor, tense)
        if result is not None:
            if mod and result.mod is None and result.type in {"DATE", "DURATION", "TIME"}:
                return Timex(result.type, result.value, mod, result.relative)
            return result
    return None


def _clean(text: str) -> str:
    e = " ".join(text.lower().replace("’", "'").split())
    e = re.sub(r"'s$", "", e)
    e = re.sub(r"^(?:on|in|at|since|by|until|till|from|during|for|of|before|after)\s+", "", e)
    e = re.sub(r"^(?:the|this past)\s+(?=\d)", "", e)
    return e.strip(" ,.")


def _mod_of(e: str) -> str | None:
    for words, mod in _MOD_WORDS.items():
        if re.match(rf"(?:the )?{words}\b[- ]", e):
            return mod
    return None


def _strip_mod_words(e: str) -> str:
    e = re.sub(
        r"^(?:the )?(?:very )?(early|mid|late|about|around|nearly|almost|up to|more than|over|less than|at least)[- ]",
        "",
        e,
    )
    return re.sub(r"^(?:the )?(beginning|start|end|middle) of (?:the )?", "", e)


# -- rules: each takes the cleaned expression, the anchor and the tense ----------------------------
def _iso(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:[t ](\d\d:\d\d))?", e)
    if not m:
        return None
    if m.group(4):
        return Timex("TIME", f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}")
    return Timex("DATE", f"{m.group(1)}-{m.group(2)}-{m.group(3)}")


def _full_date(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY},? {_YEAR}", e)
    if m:
        return _ymd(int(m.group(4)), MONTHS[m.group(2)[:3]], int(m.group(3)))
    m = re.fullmatch(rf"(?:{_WEEKDAY},? )?{_DAY} {_MONTH},? {_YEAR}", e)
    if m:
        return _ymd(int(m.group(4)), MONTHS[m.group(3)[:3]], int(m.group(2)))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d\d)", e)
    if m:
        year = int(m.group(3)) if len(m.group(3)) == 4 else 1900 + int(m.group(3))
        return _ymd(year, int(m.group(1)), int(m.group(2)))
    return None


def _month_year(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(rf"{_MONTH},? (?:of )?{_YEAR}", e)
    if m:
        return Timex("DATE", f"{m.group(2)}-{MONTHS[m.group(1)[:3]]:02d}")
    return None


def _year(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(rf"(?:the )?(?:year )?{_YEAR}", e)
    if m:
        return Timex("DATE", m.group(1))
    m = re.fullmatch(r"(?:the )?(?:(1[5-9]|20)(\d)0|'?(\d)0)'?s", e)
    if m:
        century = m.group(1) or "19"
        decade = m.group(2) if m.group(2) is not None else m.group(3)
        return Timex("DATE", f"{century}{decade}")
    m = re.fullmatch(r"(?:fiscal|fy) ?(\d{4})", e)
    if m:  # TimeBank gives fiscal years the calendar year's value
        return Timex("DATE", m.group(1))
    return None


def _month_day(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY}", e) or re.fullmatch(
        rf"(?:{_WEEKDAY},? )?(?:the )?{_DAY} (?:of )?{_MONTH}", e
    )
    if not m:
        return None
    weekday = WEEKDAYS.get(m.group(1) or "")
    groups = [g for g in m.groups()[1:] if g]
    month_word = next(g for g in groups if not g.isdigit())
    month, day = MONTHS[month_word[:3]], int(next(g for g in groups if g.isdigit()))
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None  # "February 30", "the 45th of March": not a date
    if anchor is None:
        return Timex("DATE", f"XXXX-{month:02d}-{day:02d}", relative=True)
    if weekday is not None:  # "Saturday, April 25": the year in which it is a Saturday
        for year in (anchor.year, anchor.year + 1, anchor.year - 1):
            date = _safe(year, month, day)
            if date is not None and date.weekday() == weekday:
                return _ymd(year, month, day, relative=True)
    year = _year_for(anchor, tense, lambda y: _safe(y, month, day))
    return _ymd(year, month, day, relative=True)


def _month_only(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(rf"(this |last |next |coming |past )?{_MONTH}", e)
    if not m:
        return None
    month = MONTHS[m.group(2)[:3]]
    if anchor is None:
        return Timex("DATE", f"XXXX-{month:02d}", relative=True)
    word = (m.group(1) or "").strip()
    if word == "this":
        return Timex("DATE", f"{anchor.year}-{month:02d}", relative=True)
    if word == "last" or word == "past":
        tense = "past"
    elif word in {"next", "coming"}:
        tense = "future"
    year = _year_for(anchor, tense, lambda y: dt.date(y, month, 1), granularity="month")
    return Timex("DATE", f"{year}-{month:02d}", relative=True)


def _weekday(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(
        rf"(this |last |next |coming |past |early |late )?{_WEEKDAY}(?:'s)?(?: (morning|afternoon|evening|night))?",
        e,
    )
    if not m:
        return None
    weekday = WEEKDAYS[m.group(2)]
    part = PARTS_OF_DAY.get(m.group(3) or "")
    if anchor is None:
        return Timex("DATE", f"XXXX-WXX-{weekday + 1}", relative=True)
    word = (m.group(1) or "").strip()
    if word in {"last", "past"}:
        tense = "past"
    elif word in {"next", "coming"}:
        tense = "future"
    day = resolve_weekday(anchor, weekday, tense)
    if word == "last" and day == anchor:
        day = anchor - dt.timedelta(days=7)
    elif word == "next" and day == anchor:
        day = anchor + dt.timedelta(days=7)
    if part:
        return Timex("TIME", f"{day.isoformat()}T{part}", relative=True)
    return Timex("DATE", day.isoformat(), relative=True)


def _deictic(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
               "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
    parts = {"tonight": "NI", "this morning": "MO", "this afternoon": "AF", "this evening": "EV",
             "last night": "NI", "yesterday morning": "MO", "yesterday afternoon": "AF",
             "yesterday evening": "EV", "tomorrow morning": "MO", "tomorrow night": "NI"}  # fmt: skip
    part_offsets = {"last night": -1, "yesterday": -1, "tomorrow": 1}
    if e in parts:
        offset = next((v for k, v in part_offsets.items() if e.startswith(k)), 0)
        if anchor is None:
            return None
        day = anchor + dt.timedelta(days=offset)
        return Timex("TIME", f"{day.isoformat()}T{parts[e]}", relative=True)
    if e in offsets:
        if anchor is None:
            return None
        return Timex("DATE", (anchor + dt.timedelta(days=offsets[e])).isoformat(), relative=True)
    refs = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "present": "PRESENT_REF",
            "the present": "PRESENT_REF", "at present": "PRESENT_REF", "nowadays": "PRESENT_REF",
            "these days": "PRESENT_REF", "at the moment": "PRESENT_REF", "recently": "PAST_REF",
            "the past": "PAST_REF", "in the past": "PAST_REF", "previously": "PAST_REF",
            "recent years": "PAST_REF", "recent months": "PAST_REF", "recent weeks": "PAST_REF",
            "recent days": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
            "soon": "FUTURE_REF", "the coming days": "FUTURE_REF", "coming days": "FUTURE_REF",
            "the coming weeks": "FUTURE_REF", "coming weeks": "FUTURE_REF",
            "the coming months": "FUTURE_REF", "coming months": "FUTURE_REF",
            "the coming years": "FUTURE_REF", "coming years": "FUTURE_REF",
            "the near future": "FUTURE_REF", "past years": "PAST_REF",
            "once": "PAST_REF", "former": "PAST_REF", "recent": "PAST_REF",
            "current": "PRESENT_REF", "past": "PAST_REF"}  # fmt: skip
    if e in refs:
        return Timex("DATE", refs[e], relative=True)
    return None


def _this_next_last(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(
        r"(?:(?:earlier|later) )?(?:the )?(this|last|next|past|coming|previous|current|same|the) "
        r"(week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)",
        e,
    )
    if not m:
        return None
    which, unit = m.groups()
    if which == "the" and unit not in {"weekend"}:
        return None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "weekend" and which == "the":
        # "the weekend" in past tense is the one just gone; otherwise the coming one.
        step = -1 if tense == "past" and anchor is not None and anchor.weekday() < 5 else 0
    if anchor is None:
        return Timex(
            "DATE",
            "PRESENT_REF" if step == 0 else ("PAST_REF" if step < 0 else "FUTURE_REF"),
            relative=True,
        )
    return Timex("DATE", shifted(anchor, unit, step), relative=True)


def _ago(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(rf"{_NUM} {_UNIT} (later|after)", e)
    if m:  # "three days later": a stretch after another event, not from the article's date
        return Timex("DURATION", _period(_number(m.group(1)), _unit(m.group(2))))
    m = re.fullmatch(rf"{_NUM} {_UNIT} (ago|earlier|before|from now|hence)", e)
    if not m:
        return None
    amount = _number(m.group(1))
    unit = _unit(m.group(2))
    if amount is None or unit in {"second", "minute", "hour"} or anchor is None:
        return None
    sign = -1 if m.group(3) in {"ago", "earlier", "before"} else 1
    return Timex("DATE", shifted(anchor, unit, sign * int(amount)), relative=True)


def _duration(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(
        rf"(?:the |a )?(?:(?:past|last|next|coming|first|previous|following) )?{_NUM}[- ]{_UNIT}(?:[- ]long| old)?",
        e,
    )
    if m:
        amount = _number(m.group(1))
        if amount is not None and amount >= 1000:
            return None  # "the 1988 quarter" names a year, not 1,988 quarters
        return Timex("DURATION", _period(amount, _unit(m.group(2))))
    m = re.fullmatch(rf"(?:the )?(?:(?:past|last|next|coming|previous|following) )?{_UNIT}", e)
    if (
        m
        and m.group(1).endswith("s")
        and m.group(1) not in {"days", "weeks", "months", "years", "hours", "minutes", "decades"}
    ):
        return None
    if m and m.group(1).endswith(("s", "ies")):
        return Timex("DURATION", _period(None, _unit(m.group(1))))
    if m and e.startswith(("the past ", "the last ", "the next ", "the coming ")):
        return Timex("DURATION", _period(1, _unit(m.group(1))))
    return None


def _set(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    simple = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
              "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D"}  # fmt: skip
    if e in simple:
        return Timex("SET", simple[e])
    m = re.fullmatch(rf"(?:every|each) {_WEEKDAY}", e)
    if m:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}")
    m = re.fullmatch(rf"(?:every|each|per) (?:{_NUM} )?{_UNIT}", e)
    if m:
        amount = _number(m.group(1)) if m.group(1) else 1
        return Timex("SET", _period(amount, _unit(m.group(2))))
    return None


def _quarter_season(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(rf"(?:the )?(first|second|third|fourth|last)[- ]quarter(?: of {_YEAR})?", e)
    if m:
        quarter = ORDINALS[m.group(1)]
        if m.group(2):
            return Timex("DATE", f"{m.group(2)}-Q{quarter}")
        if anchor is None:
            return Timex("DATE", f"XXXX-Q{quarter}", relative=True)
        # A quarter named without its year is the latest one of that name (results are
        # reported after a quarter ends): the third quarter, in October, is this year's.
        current = (anchor.month - 1) // 3 + 1
        year = anchor.year if quarter <= current else anchor.year - 1
        return Timex("DATE", f"{year}-Q{quarter}", relative=True)
    m = re.fullmatch(r"(?:the )?(?:latest|last|recent|past|current|same) quarter|the quarter", e)
    if m and anchor is not None:
        return Timex("DATE", shifted(anchor - dt.timedelta(days=31), "quarter", 0), relative=True)
    m = re.fullmatch(rf"(?:the )?(spring|summer|fall|autumn|winter)(?: (?:of )?{_YEAR})?", e)
    if m:
        season_year = m.group(2) or (str(anchor.year) if anchor else "XXXX")
        return Timex("DATE", f"{season_year}-{SEASONS[m.group(1)]}", relative=not m.group(2))
    return None


def _clock(e: str, anchor: dt.date | None, tense: Tense) -> Timex | None:
    m = re.fullmatch(r"(\d{1,2})(?::(\d\d))? ?(a\.?m\.?|p\.?m\.?)(?: \w+)?", e)
    if m:
        hour = int(m.group(1)) % 12 + (12 if m.group(3).startswith("p") else 0)
        minute = int(m.group(2) or 0)
        if hour > 23 or minute > 59:
            return None
        day = anchor.isoformat() if anchor else "XXXX-XX-XX"
        return Timex("TIME", f"{day}T{hour:02d}:{minute:02d}", relative=True)
    if e in {"noon", "midday", "midnight"}:
        day = anchor.isoformat() if anchor else "XXXX-XX-XX"
        return Timex("TIME", f"{day}T{'24:00' if e == 'midnight' else '12:00'}", relative=True)
    return None


_RULES = (
    _iso, _full_date, _month_year, _year, _month_day, _month_only, _weekday, _deictic,
    _this_next_last, _ago, _quarter_season, _set, _duration, _clock,
)  # fmt: skip


# -- arithmetic --------------------------------------------------------------------------------
def resolve_weekday(anchor: dt.date, weekday: int, tense: Tense) -> dt.date:
    """The date of a weekday named relative to ``anchor``: the last one for the past, the coming
    one for the future (the anchor's own weekday is the anchor day), else the nearest."""
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if tense == "past":
        return anchor - dt.timedelta(days=back)
    if tense == "future":
        return anchor + dt.timedelta(days=forward)
    return (
        anchor - dt.timedelta(days=back) if back <= forward else anchor + dt.timedelta(days=forward)
    )


def shifted(anchor: dt.date, unit: str, step: int) -> str:
    """The TIMEX3 value of the ``unit`` that lies ``step`` units from the anchor's."""
    if unit in {"day", "night"}:
        return (anchor + dt.timedelta(days=step)).isoformat()
    if unit in {"week", "weekend"}:
        year, week, _ = (anchor + dt.timedelta(weeks=step)).isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return f"{index // 12}-{index % 12 + 1:02d}"
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + step
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "decade":
        return f"{(anchor.year // 10 + step):03d}"
    if unit == "century":
        return f"{(anchor.year // 100 + step):02d}"
    if unit in SEASONS:
        return f"{anchor.year + step}-{SEASONS[unit]}"
    return str(anchor.year + step)


def _year_for(
    anchor: dt.date,
    tense: Tense,
    make: Callable[[int], dt.date | None],
    granularity: str = "day",
) -> int:
    """The year (anchor's, or one either side) that puts a month(-day) where the tense says."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        day = make(year)
        if day is None:
            continue
        ref = anchor.replace(day=1) if granularity == "month" else anchor
        gap = (day - ref).days
        if (tense == "past" and gap > 0) or (tense == "future" and gap < 0):
            continue
        candidates.append((abs(gap), year))
    return min(candidates)[1] if candidates else anchor.year


def _ymd(year: int, month: int, day: int, relative: bool = False) -> Timex | None:
    if _safe(year, month, day) is None:
        return None
    return Timex("DATE", f"{year:04d}-{month:02d}-{day:02d}", relative=relative)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _number(word: str | None) -> float | None:
    if word is None:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return NUMBERS.get(word)


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def _period(amount: float | None, unit: str) -> str:
    prefix, letter = UNITS.get(unit, ("", "X"))
    if amount is None:
        count = "X"
    elif unit == "weekend":
        return f"P{int(amount)}WE"
    else:
        # TimeBank writes decades and centuries in years: "a decade" is P10Y.
        amount *= {"decade": 10, "century": 100}.get(unit, 1)
        count = str(int(amount)) if float(amount).is_integer() else str(amount)
    return f"P{prefix}{count}{letter}"
