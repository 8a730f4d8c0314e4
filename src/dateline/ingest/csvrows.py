"""CSV rows read one at a time, so a bad row is one failure and reading resumes at the next.

Python's ``csv`` reader stops at an error (a field over the size limit lost the ten good rows
after it) and lets a quotation mark that is never closed swallow the rows after it (issue 15).
``csv_rows`` parses one record at a time from the physical lines: a record that raises, or that
spans several lines and still has the wrong number of fields (an unclosed quotation ran on into
the next rows), is reported at its first line, and parsing resumes on the line after it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    """The 1-based line the record starts on."""
    fields: list[str] | None
    error: str | None = None


def physical_lines(text: str) -> list[str]:
    """The lines of ``text`` with their endings (only CR and LF end a line in CSV)."""
    lines = [m.group(0) for m in _LINE.finditer(text)]
    return lines[:-1] if lines and lines[-1] == "" else lines


def csv_rows(lines: list[str], delimiter: str, width: int | None, start: int = 0) -> Iterator[Row]:
    """Each record from ``lines[start:]``; ``width`` is the header's number of fields."""
    i = start
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        reader = csv.reader(_from(lines, i), delimiter=delimiter, strict=False)
        try:
            fields = next(reader)
        except csv.Error as err:
            yield Row(i + 1, None, f"malformed CSV ({err})")
            i += 1
            continue
        except StopIteration:
            return
        used = max(reader.line_num, 1)
        if used > 1 and width is not None and len(fields) != width:
            yield Row(i + 1, None, _unclosed(len(fields), width))
            i += 1  # the next rows were swallowed by a quotation never closed: read them again
            continue
        yield Row(i + 1, fields)
        i += used


def _from(lines: list[str], start: int) -> Iterator[str]:
    for index in range(start, len(lines)):
        yield lines[index]


def _unclosed(found: int, width: int) -> str:
    return (
        f"row opens a quotation mark it does not close before the next rows "
        f"({found} fields, the header has {width})"
    )
