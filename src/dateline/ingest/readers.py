"""Readers: files, directories, globs, zip archives and stdin in, ``Article`` or ``Failure`` out.

Formats: plain wire text (``.txt``), JSON Lines (``.jsonl``, ``.ndjson``, ``.json``), CSV with a
header (``.csv``, including the NewsArticles layout), and HTML pages (``.html``, ``.htm``). A
bad document becomes a ``Failure`` naming the file (and line or row) and the reason, and reading
goes on with the next one.
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import glob
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from dateline.errors import InputError
from dateline.ingest.archive import read_archive
from dateline.ingest.articles import article_from_wire_text
from dateline.ingest.csvrows import csv_rows, physical_lines
from dateline.ingest.fields import FieldMap
from dateline.ingest.guard import counted, guarded, guarded_iter
from dateline.ingest.html import article_from_html
from dateline.records import Article, Failure

ReadResult = Article | Failure


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Defaults for what a document does not say itself, and the limits of what is read."""

    published: dt.date | None = None
    source: str | None = None
    max_chars: int = 1_000_000
    today: dt.date | None = None

    @property
    def max_file_bytes(self) -> int:
        # A text or HTML file holds one article; UTF-8 takes at most 4 bytes a character.
        return self.max_chars * 4

    @property
    def max_member_bytes(self) -> int:
        """The most a JSON Lines or CSV member of an archive may decompress to: 64 articles at
        the article limit (256 MB by default; NewsArticles.csv, 3,824 articles, is 13.5 MB)."""
        return self.max_file_bytes * 64


TEXT_SUFFIXES = {".txt", ".text", ""}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
READABLE = TEXT_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES | {".zip"}


def read_paths(
    paths: Iterable[str | Path],
    options: ReadOptions | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[ReadResult]:
    """Every article (or failure) in the given paths: files, directories, globs, zips, ``-``."""
    opts = options or ReadOptions()
    for raw in paths:
        name = str(raw)
        if name == "-":
            data = stdin.read() if stdin is not None else b""
            yield from read_bytes(data, "<stdin>", suffix=None, options=opts)
            continue
        matches = expand(name) if glob.has_magic(name) else [name]
        if not matches:
            yield Failure(name, "read", "no file matches this pattern")
        for match in matches:
            yield from _read_path(Path(match), opts)


def expand(pattern: str) -> list[str]:
    """The files a glob names. ``**`` walks the tree without following symbolic links to
    directories, so a link loop cannot make it run forever (glob.glob follows them)."""
    if "**" not in pattern:
        return sorted(glob.glob(pattern))
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    base = Path(*parts[:fixed]) if fixed else Path(".")
    rest = "/".join(parts[fixed:])
    patterns = {rest, rest.replace("**/", "")}
    found = []
    for path in _walk(base):
        relative = path.relative_to(base).as_posix()
        if any(fnmatch.fnmatchcase(relative, p) for p in patterns):
            found.append(str(path))
    return sorted(found)


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            yield Path(folder) / name


def _read_path(path: Path, opts: ReadOptions) -> Iterator[ReadResult]:
    if path.is_dir():
        files = _directory_files(path)
        if not files:
            yield Failure(str(path), "read", f"no articles in {path} (no file Dateline reads)")
        for child in files:
            yield from _read_file(child, opts)
    elif path.exists():
        yield from _read_file(path, opts)
    else:
        yield Failure(str(path), "read", "no such file or directory")


def _directory_files(root: Path) -> list[Path]:
    return [
        p
        for p in _walk(root)
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in READABLE
    ]


def _read_file(path: Path, opts: ReadOptions) -> Iterator[ReadResult]:
    origin = str(path)
    try:
        size = path.stat().st_size
        suffix = path.suffix.lower()
        if suffix == ".zip":
            yield from guarded_iter(origin, _read_zip(path, opts))
            return
        if suffix not in JSON_SUFFIXES | CSV_SUFFIXES and size > opts.max_file_bytes:
            raise InputError(origin, _too_large(size, opts))
        data = path.read_bytes()
    except InputError as err:
        yield Failure(err.origin, "read", err.reason)
        return
    except OSError as err:
        yield Failure(origin, "read", f"cannot read file ({err.strerror or err})")
        return
    yield from read_bytes(data, origin, suffix, opts)


def _read_zip(path: Path, opts: ReadOptions) -> Iterator[ReadResult]:
    def limit_of(suffix: str) -> int:
        many = suffix in JSON_SUFFIXES | CSV_SUFFIXES | {".zip"}
        return opts.max_member_bytes if many else opts.max_file_bytes

    def read_member(data: bytes, origin: str, suffix: str) -> Iterator[ReadResult]:
        return read_bytes(data, origin, suffix, opts)

    return read_archive(str(path), str(path), READABLE, limit_of, read_member)


def read_bytes(
    data: bytes,
    origin: str,
    suffix: str | None,
    options: ReadOptions | None = None,
) -> Iterator[ReadResult]:
    """The articles in one document's bytes; ``suffix`` picks the format (None: sniff it).
    Whatever goes wrong becomes a failure naming the document, record or row."""
    opts = options or ReadOptions()
    yield from guarded_iter(origin, _read_document(data, origin, suffix, opts))


def _read_document(
    data: bytes, origin: str, suffix: str | None, opts: ReadOptions
) -> Iterator[ReadResult]:
    try:
        # One NUL byte in a record of JSON Lines or CSV is that record's failure, not the file's.
        text = decode(data, origin, records=suffix in JSON_SUFFIXES | CSV_SUFFIXES)
        kind = _kind(suffix, text)
        if kind == "jsonl":
            yield from counted(origin, _read_jsonl(text, origin, opts))
        elif kind == "csv":
            delimiter = "\t" if suffix == ".tsv" else ","
            yield from counted(origin, _read_csv(text, origin, opts, delimiter))
        elif kind == "html":
            yield _bounded(article_from_html(text, origin, **_defaults(opts)), opts)
        else:
            _check_length(text, origin, opts)
            yield _bounded(article_from_wire_text(text, origin=origin, **_defaults(opts)), opts)
    except InputError as err:
        yield Failure(err.origin, "read", err.reason)


def decode(data: bytes, origin: str, records: bool = False) -> str:
    """UTF-8 text from bytes, or an ``InputError`` saying why they are not text. A file of
    ``records`` (JSON Lines, CSV) is not refused as binary for a NUL byte: its record is."""
    if not data.strip():
        raise InputError(origin, "empty file")
    if not records and b"\x00" in data[:8192]:
        raise InputError(origin, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            origin,
            f"not UTF-8: byte 0x{data[err.start]:02x} on line {line} "
            "(convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8)",
        ) from err


def _kind(suffix: str | None, text: str) -> str:
    if suffix in JSON_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return "html"
    if suffix is None and head.startswith("{"):
        return "jsonl"
    return "text"


def _read_jsonl(text: str, origin: str, opts: ReadOptions) -> Iterator[ReadResult]:
    stripped = text.lstrip()
    # A JSON array, unless it is no array and the file has lines: then a bad first line of
    # JSON Lines that opens with "[" must not cost the records after it.
    if stripped.startswith("["):
        records = guarded(origin, lambda: json.loads(stripped))
        if not isinstance(records, Failure) or "\n" not in stripped.rstrip():
            yield from _array_records(records, origin, opts)
            return
    if stripped.startswith("{") and "\n{" not in stripped:
        yield _from_record_text(stripped, origin, opts)
        return
    # Only a line feed ends a JSON Lines record: U+2028, U+2029 and U+0085 are valid inside one.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _from_record_text(line, f"{origin}:{number}", opts)


def _array_records(records: Any, origin: str, opts: ReadOptions) -> Iterator[ReadResult]:
    if isinstance(records, Failure):
        yield records
        return
    if not isinstance(records, list):
        yield Failure(origin, "read", "expected a JSON array of objects")
        return
    for index, record in enumerate(records, start=1):
        yield _from_record(record, f"{origin}[{index}]", opts)


def _from_record_text(line: str, origin: str, opts: ReadOptions) -> ReadResult:
    if len(line) > opts.max_file_bytes:
        return Failure(origin, "read", _too_large(len(line), opts))
    record = guarded(origin, lambda: json.loads(line))
    if isinstance(record, Failure):
        return record
    return _from_record(record, origin, opts)


def _from_record(record: Any, origin: str, opts: ReadOptions) -> ReadResult:
    if not isinstance(record, dict):
        return Failure(origin, "read", f"expected a JSON object, got {type(record).__name__}")

    def build() -> Article:
        # Surrogates and nesting that no store could write are refused here, at the record.
        json.dumps(record, ensure_ascii=False).encode("utf-8")
        size = sum(len(v) for v in record.values() if isinstance(v, str))
        if size > opts.max_chars:
            raise InputError(origin, f"record too long ({size:,} characters)")
        article = FieldMap.JSON.article(record, origin, opts.published, opts.source, opts.today)
        return _bounded(article, opts)

    return guarded(origin, build)


def _read_csv(text: str, origin: str, opts: ReadOptions, delimiter: str) -> Iterator[ReadResult]:
    csv.field_size_limit(max(opts.max_chars * 4, 131_072))
    lines = physical_lines(text)
    rows = csv_rows(lines, delimiter, None)
    first = next(rows, None)
    if first is None:
        return
    if first.fields is None:
        yield Failure(f"{origin}:{first.line}", "read", f"CSV header: {first.error}")
        return
    header = first.fields
    fieldmap = FieldMap.for_header(header, origin)
    for row in csv_rows(lines, delimiter, len(header), start=first.line):
        row_origin = f"{origin}:{row.line}"
        if row.fields is None:
            yield Failure(row_origin, "read", row.error or "malformed CSV row")
            continue
        if len(row.fields) != len(header):
            yield Failure(row_origin, "read", _ragged(len(row.fields), len(header)))
            continue
        record = dict(zip(header, row.fields, strict=True))
        yield guarded(
            row_origin,
            lambda r=record, o=row_origin: _bounded(  # type: ignore[misc]
                fieldmap.article(r, o, opts.published, opts.source, opts.today), opts
            ),
        )


def _ragged(found: int, width: int) -> str:
    return f"row has {found} fields, the header has {width}"


def _defaults(opts: ReadOptions) -> dict[str, Any]:
    return {"published": opts.published, "source": opts.source, "today": opts.today}


def _bounded(article: Article, opts: ReadOptions) -> Article:
    _check_length(article.text, article.origin, opts)
    return article


def _check_length(text: str, origin: str, opts: ReadOptions) -> None:
    """Refuse an over-long document before anything reads it (the lead and body comparison
    of a 300,000-character text took minutes)."""
    if len(text) > opts.max_chars:
        raise InputError(
            origin,
            f"article too long ({len(text):,} characters; the limit is {opts.max_chars:,}, "
            "set by DATELINE_MAX_CHARS)",
        )


def _too_large(size: int, opts: ReadOptions) -> str:
    return (
        f"file too large for one article ({size / 1e6:.1f} MB; the limit is "
        f"{opts.max_file_bytes / 1e6:.1f} MB, set by DATELINE_MAX_CHARS)"
    )
