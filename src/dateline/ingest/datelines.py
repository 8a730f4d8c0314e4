"""Wire datelines: ``MOSCOW, March 4. /TASS/.``, ``ANKARA (Reuters) -``, ``BEIRUT, Lebanon —``.

``find_dateline(body)`` reads the dateline that opens a body, if any, and says where the story
proper begins. ``resolve_year`` gives the dateline its year: from the article's metadata where
there is some, else inferred from the weekdays the story mentions, and marked as inferred with
its confidence and candidate years. The year is never guessed silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from dateline.records import Dateline

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# A place in capitals, possibly several words, hyphens, "St." and a parenthesised or slashed
# qualifier: "ALEPPO /Syria/", "BANGALORE (India)", "St PETERSBURG", "BADEN-BADEN".
_CAPS_PLACE = (
    r"(?:St\.? )?[A-Z][A-Z'.\-]+(?:[ \-][A-Z][A-Z'.\-]+)*(?: /[^/\n]{2,40}/| \([^)\n]{2,40}\))?"
)
_TITLE_PLACE = r"[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){0,3}"
# ", Lebanon", ", Mass.", ", occupied West Bank", ", high-latitude Arctic": ends in a capital word.
_REGION = r"(?:,\s+(?:[A-Za-z][\w.'\-]*\s+){0,3}[A-Z][\w.'\-]*)?"
_DATE = rf"(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH}))"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DASH = r"(?:-{1,2}|—|–|\"\?)"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # MOSCOW, March 4. /TASS/.   MURMANSK. February 7. /TASS/.   TAIPEI, Taiwan, Feb. 7, 2017 /PRNewswire/.
    re.compile(
        rf"(?P<place>{_CAPS_PLACE}){_REGION}[,.]\s*(?:{_DATE}|[A-Z][a-z]+ \d{{1,2}}){_YEAR}"
        rf"[.,]?\s*/\s*(?P<agency>[A-Za-z][^/\n]{{0,60}}?)\s*/\s*\.?\s*-?"
    ),
    # Moscow, 4 March (AFP) -     WASHINGTON, Feb. 7 (Reuters) -
    re.compile(
        rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE}){_REGION},\s+{_DATE}{_YEAR}\s*"
        rf"\((?P<agency>[A-Za-z][A-Za-z .&\-]{{0,30}})\)\s*{_DASH}?\s*"
    ),
    # ANKARA (Reuters) -    WASHINGTON (AP) —    Washington (CNN)
    re.compile(
        rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE}){_REGION}\s*"
        rf"\((?P<agency>[A-Z][A-Za-z .&\-]{{0,30}})\)\s*(?:{_DASH}\s*)?"
    ),
    # BEIRUT, Lebanon —    WASHINGTON —    Islamabad, Pakistan -
    re.compile(
        rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE}){_REGION}\s+{_DASH}\s*(?=[A-Z0-9\"\u201c\u2018'])"
    ),
)

# Agencies as they are written in datelines, mapped to the names they are known by.
AGENCY_NAMES: dict[str, str] = {
    "tass": "TASS",
    "itar-tass": "TASS",
    "reuters": "Reuters",
    "ap": "AP",
    "afp": "AFP",
    "cnn": "CNN",
    "prnewswire": "PR Newswire",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "dpa": "dpa",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "anadolu": "Anadolu",
    "efe": "EFE",
    "ansa": "ANSA",
    "bloomberg": "Bloomberg",
}


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    dateline: Dateline
    body_start: int
    """Offset (into the text given to ``find_dateline``) where the story proper starts."""


def find_dateline(text: str, offset: int = 0) -> DatelineMatch | None:
    """The dateline opening ``text``, with spans shifted by ``offset``; None if there is none."""
    head = text[:200]
    for pattern in _PATTERNS:
        match = pattern.match(head)
        if match and _plausible(match):
            return _to_match(match, offset)
    return None


def _plausible(match: re.Match[str]) -> bool:
    place = re.split(r" /| \(", match.group("place"), maxsplit=1)[0]
    words = place.split()
    # A title-case "place" of many words is a sentence opening ("There is art -"), not a dateline;
    # nor is "On Tuesday, ..." or a possessive ("Germany's -Christian Democrats").
    if not place.isupper() and (len(words) > 3 or words[0] in _NOT_PLACE_STARTS):
        return False
    if place.endswith(("'s", "’s")):
        return False
    groups = match.groupdict()
    day = groups.get("day") or groups.get("day2")
    agency = groups.get("agency")
    if agency and day is None and not _known_agency(agency):
        # "Donald Trump (R) said", "Mitch McConnell (R-Ky.)": a parenthesis, not an agency.
        return False
    return day is None or 1 <= int(day) <= 31


def _known_agency(agency: str) -> bool:
    return agency.lower() in AGENCY_NAMES


_NOT_PLACE_STARTS = frozenset(
    [
        "On",
        "In",
        "At",
        "The",
        "A",
        "An",
        "By",
        "For",
        "After",
        "Before",
        "When",
        "While",
        "As",
        "But",
        "And",
        "Last",
        "This",
        "Next",
        "Every",
        *list(calendar.day_name),
        *list(calendar.month_name)[1:],
    ]
)


def _to_match(match: re.Match[str], offset: int) -> DatelineMatch:
    groups = match.groupdict()
    month_word = groups.get("month") or groups.get("month2")
    day = groups.get("day") or groups.get("day2")
    year = groups.get("year")
    agency = groups.get("agency")
    end = match.end()
    dateline = Dateline(
        place=_clean_place(groups["place"]),
        month=_month_number(month_word) if month_word else None,
        day=int(day) if day else None,
        year=int(year) if year else None,
        agency=_clean_agency(agency) if agency else None,
        span=(offset, offset + len(match.group(0).rstrip())),
        agency_span=_agency_span(match, offset, agency),
    )
    return DatelineMatch(dateline=dateline, body_start=offset + end)


def _agency_span(match: re.Match[str], offset: int, agency: str | None) -> tuple[int, int] | None:
    if not agency:
        return None
    start = match.start("agency")
    name = agency.split(",")[0].strip().rstrip(".").strip()
    return (offset + start, offset + start + len(name))


def _month_number(word: str) -> int | None:
    key = word.rstrip(".").lower()
    return MONTHS.get(key) or MONTHS.get(key[:3])


def _clean_place(raw: str) -> str:
    """``ALEPPO /Syria/`` → ``Aleppo``; ``St PETERSBURG`` → ``St Petersburg``."""
    core = re.split(r" /| \(", raw, maxsplit=1)[0].strip()
    if core.isupper() or any(w.isupper() and len(w) > 1 for w in core.split()):
        return " ".join(_title_word(w) for w in core.split())
    return core


def _title_word(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _clean_agency(raw: str) -> str:
    # "/TASS, Maxim Allanazarov/" names the agency, then its reporters.
    name = raw.split(",")[0].strip().rstrip(".").strip()
    return AGENCY_NAMES.get(name.lower(), name)


def resolve_year(
    dateline: Dateline,
    published: dt.date | None,
    text: str,
    today: dt.date | None = None,
) -> Dateline:
    """Give a dateline without a year its year, and say how it was found.

    With a published date the year is the one that puts the dateline closest to it (a story
    datelined December 31 and published January 1 keeps the old year). Without one, it is
    inferred from weekday consistency (see ``infer_year``) and marked ``year_inferred``.
    """
    if dateline.year is not None or dateline.month is None or dateline.day is None:
        return dateline
    if published is not None:
        return replace(dateline, year=_closest_year(dateline.month, dateline.day, published))
    inferred = infer_year(dateline.month, dateline.day, text, today or dt.date.today())
    return replace(
        dateline,
        year=inferred.year,
        year_inferred=True,
        year_confidence=inferred.confidence,
        year_candidates=inferred.candidates,
    )


def _closest_year(month: int, day: int, published: dt.date) -> int:
    best = published.year
    best_gap: int | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is None:
            continue
        gap = abs((candidate - published).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


@dataclass(frozen=True, slots=True)
class InferredYear:
    year: int | None
    confidence: float
    candidates: tuple[int, ...]


# Earliest year considered when inferring: the digital wire archives analysts work with.
EARLIEST_YEAR = 2000
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_FUTURE_CUES = re.compile(
    r"\b(will|'ll|shall|would|to|due|set|scheduled|plans?|planned|upcoming|next|expected|until)\b"
    r"|\bfollowing\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(
    r"\b(said|told|was|were|had|did|met|spoke|held|took|made|gave|came|went|last|earlier|"
    r"announced|reported|stated|noted|added|stressed|\w+ed)\b",
    re.IGNORECASE,
)
# How well a weekday mention at a given day offset from the dateline fits, by its tense. Wire
# copy names the filing day in its reporting clauses ("told reporters on Wednesday") and a later
# day for plans ("will meet on Thursday"); a plan for the filing day itself reads "today".
_FIT = {
    "past": {0: 1.0, -1: 0.6, -2: 0.3},
    "future": {1: 0.9, 2: 0.5, 0: 0.3},
    "unknown": {0: 0.6, 1: 0.5, -1: 0.5, 2: 0.2, -2: 0.2},
}
_FAR_FIT = 0.1


def infer_year(month: int, day: int, text: str, today: dt.date) -> InferredYear:
    """Infer the year of a month/day from the weekdays a story mentions.

    Each weekday mention votes for the weekday of the dateline by how well it fits at that
    distance given its tense (``_FIT``); the winning weekday gives the candidate years since
    ``EARLIEST_YEAR`` in which month/day falls on it, and the latest one not after ``today``
    is chosen. ``confidence`` is the weekday's share of the votes divided among the candidates.
    With no weekday in the text the year is the latest one not after today, at low confidence.
    """
    votes = _weekday_votes(text)
    if not votes:
        year = _latest_year(month, day, today, range(today.year - 1, today.year + 1))
        return InferredYear(year=year, confidence=0.1, candidates=())
    scores = [0.0] * 7
    for dateline_weekday in range(7):
        for mentioned, tense in votes:
            offset = _offset(dateline_weekday, mentioned, tense)
            scores[dateline_weekday] += _FIT[tense].get(offset, _FAR_FIT)
    best = max(range(7), key=lambda w: scores[w])
    share = scores[best] / sum(scores)
    years = range(EARLIEST_YEAR, today.year + 1)
    candidates = tuple(
        y for y in years if (d := _safe_date(y, month, day)) and d.weekday() == best and d <= today
    )
    if not candidates:
        return InferredYear(year=None, confidence=0.0, candidates=())
    return InferredYear(
        year=candidates[-1], confidence=round(share / len(candidates), 3), candidates=candidates
    )


def _weekday_votes(text: str) -> list[tuple[int, str]]:
    votes: list[tuple[int, str]] = []
    for match in _WEEKDAY_RE.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        words = " ".join(before.split()[-6:])
        future = _FUTURE_CUES.search(words)
        past = _PAST_CUES.search(words)
        if future and (not past or future.start() > past.start()):
            tense = "future"
        elif past:
            tense = "past"
        else:
            tense = "unknown"
        votes.append((_WEEKDAYS[match.group(1).lower()], tense))
    return votes


def _offset(dateline_weekday: int, mentioned: int, tense: str) -> int:
    """Day offset of a mentioned weekday from the dateline's, in the direction its tense says."""
    forward = (mentioned - dateline_weekday) % 7
    if tense == "future":
        return forward
    if tense == "past":
        return -((dateline_weekday - mentioned) % 7)
    return forward if forward <= 3 else forward - 7


def _latest_year(month: int, day: int, today: dt.date, years: range) -> int | None:
    fitting = [y for y in years if (d := _safe_date(y, month, day)) and d <= today]
    return fitting[-1] if fitting else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
