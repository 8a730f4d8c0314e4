"""Repair the lossy character damage of scraped news text, and say what was repaired.

Scrapes such as ``NewsArticles.zip`` lost their typographic characters: a curly quote, an
apostrophe or a dash (and often the space after it) became ``"?`` (in 112 of 485 TASS, 268 of
474 ABC News and most HuffPost articles), ``don't`` became ``don"t``, and a space after a comma
or a full stop became a hyphen (``police,-told``, in most Al Jazeera articles). One stray ``"``
shifts the pairing of quotation marks for the rest of an article. The damage is lossy (one mark
for several characters), so ``ftfy``, which undoes mojibake, cannot restore it (mojibake is
repaired too, below, without the dependency); the rules below
read each mark from its neighbours and from whether a quotation is open, in one linear pass:

- ``"?`` after sentence punctuation, or while a quotation is open, closes it: ``”``;
- ``"?`` after a space before a capital, with no quotation open, opens one: ``“``;
- ``"?`` after a letter with no quotation open is an apostrophe (``DeVos"?nomination``,
  ``teachers"?unions``: ``’``); anywhere else it is a dash (``determine "?at least``: ``—``);
- ``n"t``, ``would"ve``, ``it"s``: the apostrophe of a contraction (``'``);
- ``â€™``, ``â€œ``, ``Ã©``: UTF-8 read as Windows-1252 (mojibake, in IndiaPoliceEvents' Times of
  India texts), read again as UTF-8, as ``ftfy`` does; where the bytes are no UTF-8 they stay;
- ``,-word``, ``:-Word``, ``.-Word``: the space after the punctuation (``U.S.-led`` and
  ``U.N.-brokered`` stay: a full stop before a lower-case word is an abbreviation's).

Each repair keeps its span in the repaired text and the characters it replaced, so what the
source said is never lost; every span of every fact points into the repaired text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.records import Repair

# UTF-8 read as Windows-1252 ("â€™" for "’", "Ã©" for "é"): a lead byte's character and one
# to three continuation bytes' characters, as cp1252 shows them (U+FFFD where it has none).
_CP1252_CONTINUATION = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a"
    "\u0153\u017e\u0178\ufffd"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONTINUATION}]{{1,3}}")
_DAMAGE = re.compile(
    _MOJIBAKE.pattern + "|"
    r'"\?\s?'  # a lost typographic mark and often the space after it
    r"|(?<=[a-z])\"(?=(?:t|s|re|ll|ve|d|m)\b)"  # a contraction's apostrophe
    r"|(?<=[,;:!?)\]%\ufffd])-(?=[A-Za-z\"“])"  # a glued space: "police,-told"
    r"|(?<=[a-z]\.)-(?=[A-Z\"“ ])"  # "life.-And", "claims.- McCulloch"; not "U.S.-led"
)
_SUFFIX = re.compile(r"(?:s|t|re|ll|ve|d|m)\b")
_STRAIGHT = re.compile(r'(?<!")"(?!\?)')
_CLOSERS = frozenset(".,!?;:")


@dataclass(frozen=True, slots=True)
class Repaired:
    text: str
    repairs: tuple[Repair, ...]


def repair_text(text: str, offset: int = 0) -> Repaired:
    """The text with its damage repaired; repairs' spans are offsets into the result, shifted
    by ``offset`` (where the text will stand in the article)."""
    if '"' not in text and "-" not in text and not _MOJIBAKE.search(text):
        return Repaired(text, ())
    out: list[str] = []
    repairs: list[Repair] = []
    cursor = 0
    length = 0
    quote_open = False
    for match in _DAMAGE.finditer(text):
        before = text[cursor : match.start()]
        quote_open = _after_straight_quotes(before, quote_open)
        if "\n" in before:
            quote_open = _after_straight_quotes(before.rsplit("\n", 1)[1], False)
        out.append(before)
        length += len(before)
        replacement, quote_open = _replacement(text, match, quote_open)
        start = offset + length
        repairs.append(Repair((start, start + len(replacement)), match.group(0)))
        out.append(replacement)
        length += len(replacement)
        cursor = match.end()
    out.append(text[cursor:])
    return Repaired("".join(out), tuple(repairs))


def unmangled(chars: str) -> str:
    """UTF-8 bytes that were read as Windows-1252, read again as UTF-8 (ftfy's main repair, for
    the one pattern news scrapes show); where the bytes are no UTF-8 the characters stay."""
    data = bytearray()
    for ch in chars:
        if ch == "\ufffd":
            data.append(0x9D)  # the one undefined byte news text loses: "â€\ufffd" is "”"
            continue
        try:
            data += ch.encode("cp1252")
        except UnicodeEncodeError:  # a C1 control: cp1252 has no character for its byte
            data.append(ord(ch) & 0xFF)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return chars


def _after_straight_quotes(chunk: str, quote_open: bool) -> bool:
    """Whether a quotation is open after the straight quotation marks of ``chunk``."""
    return quote_open ^ (len(_STRAIGHT.findall(chunk)) % 2 == 1)


def _replacement(text: str, match: re.Match[str], quote_open: bool) -> tuple[str, bool]:
    found = match.group(0)
    if _MOJIBAKE.fullmatch(found):
        return unmangled(found), quote_open
    if found == '"':
        return "'", quote_open
    if found == "-":
        return " ", quote_open
    prev = text[match.start() - 1] if match.start() else " "
    nxt = text[match.end()] if match.end() < len(text) else ""
    gap = " " if found.endswith(("\n", " ")) or nxt.isalnum() or nxt in '"[(“' else ""
    gap = "\n" if found.endswith("\n") else gap
    if prev.isalpha() and _SUFFIX.match(text, match.end()):
        return "’", quote_open  # "Trump"?s pick", "don"?t": an apostrophe inside the word
    if prev in _CLOSERS or prev in '"”' or (quote_open and not prev.isspace()):
        return "”" + gap, False
    if prev.isspace():
        if nxt.isupper() and not quote_open:
            return "“", True
        return "—" + gap, quote_open
    if prev.isalnum():
        return "’" + gap, quote_open
    return "—" + gap, quote_open
