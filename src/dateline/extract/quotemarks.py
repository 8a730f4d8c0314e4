"""Quotation marks: the character ranges of text inside them, in one linear pass.

Double marks pair within a paragraph: curly (“ ”), angle (« ») and straight ("), where a
straight mark opens when none is open. Single curly marks (‘ ’) pair only at word edges, so the
apostrophe of "Syria’s" or "Let’s" never closes or opens one. A quotation that never closes ends
with its paragraph, unless the next paragraph opens with a mark again (a quotation running over
several paragraphs: each paragraph is a region of its own). A closing mark at the start of a word
opens one (”Fear. I am afraid.” ― a signature, as some pages type it); curly marks nest
(“what he calls “hell” than ...”); two apostrophes are a
double mark (''It is,'' he said: the New York Times' archive style).
"""

from __future__ import annotations

import bisect
import math
import re

_OPEN_CLOSE = {"“": "”", "«": "»", '"': '"', "„": "“"}
# Pages mix straight and curly double marks ("Oz has a huge bully pulpit,” said ...).
_ALSO_CLOSES = {'"': "”", "”": '"'}


def quote_regions(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` ranges that include the marks themselves; nested marks stay inside."""
    regions: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        regions.extend(_paragraph_regions(paragraph.group(0), paragraph.start()))
    return regions


def _paragraph_regions(chunk: str, offset: int) -> list[tuple[int, int]]:
    regions = []
    closer: str | None = None
    start = 0
    skip_to = 0
    depth = 0
    for i, ch in enumerate(chunk):
        if i < skip_to:
            continue
        if ch == "'" and chunk[i + 1 : i + 2] == "'":  # '' as a double mark (NYT style)
            if closer is None:
                closer, start = "''", i
            elif closer == "''":
                regions.append((offset + start, offset + i + 2))
                closer = None
            skip_to = i + 2
            continue
        if closer == "”" and ch == "“":  # a curly quotation inside a curly quotation
            depth += 1
            continue
        if closer == "”" and ch == "”" and depth:
            depth -= 1
            continue
        if closer is None:
            if ch in _OPEN_CLOSE or (ch == "‘" and _word_start(chunk, i)):
                closer, start = ("’" if ch == "‘" else _OPEN_CLOSE[ch]), i
            elif ch == "”" and (
                i == 0 or (_word_start(chunk, i) and chunk[i + 1 : i + 2].isalnum())
            ):
                closer, start = "”", i  # a closing mark typed to open: ”Fear. I am ...”
        elif (ch == closer or ch in _ALSO_CLOSES.get(closer, "")) and (
            closer != "’" or _word_end(chunk, i)
        ):
            regions.append((offset + start, offset + i + 1))
            closer = None
    if closer is not None:
        regions.append((offset + start, offset + len(chunk)))
    return regions


def _word_start(chunk: str, i: int) -> bool:
    return i == 0 or not chunk[i - 1].isalnum()


def _word_end(chunk: str, i: int) -> bool:
    return i + 1 == len(chunk) or not chunk[i + 1].isalnum()


def inside(start: int, end: int, regions: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The region that holds ``[start, end)``, if any. ``regions`` are ``quote_regions``:
    disjoint and in text order, so a binary search finds it (a scan per token was quadratic
    in a long article)."""
    i = bisect.bisect_right(regions, (start, math.inf)) - 1
    if i >= 0:
        s, e = regions[i]
        if s <= start and end <= e and start < e:
            return (s, e)
    return None
