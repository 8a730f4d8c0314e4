"""Readers: files, directories, globs, zip archives and stdin in, ``Article`` or ``Failure`` out.

Formats: plain wire text (``.txt``), JSON Lines (``.jsonl``, ``.ndjson``, ``.json``), CSV with a
header (``.csv``, including the NewsArticles layout), and HTML pages (``.html``, ``.htm``). A
bad document becomes a ``Failure`` naming the file (and line or row) and the reason, and reading
goes on with the next one.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from dateline.errors import InputError
from dateline.ingest.articles import article_from_wire_text
from dateline.ingest.fields import FieldMap
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
        matches = sorted(glob.glob(name, recursive=True)) if glob.has_magic(name) else [name]
        if not matches:
            yield Failure(name, "read", "no file matches this pattern")
        for match in matches:
            yield from _read_path(Path(match), opts)


def _read_path(path: Path, opts: ReadOptions) -> Iterator[ReadResult]:
    if path.is_dir():
        for child in _directory_files(path):
            yield from _read_file(child, opts)
    elif path.exists():
        yield from _read_file(path, opts)
    else:
        yield Failure(str(path), "read", "no such file or directory")


def _directory_files(root: Path) -> list[Path]:
    files = sorted(root.rglob("*"))
    return [
        p
        for p in files
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in READABLE
    ]


def _read_file(path: Path, opts: ReadOptions) -> Iterator[ReadResult]:
    origin = str(path)
    try:
        size = path.stat().st_size
        suffix = path.suffix.lower()
        if suffix == ".zip":
            yield from _read_zip(path, opts)
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
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(str(path), f"not a readable zip archive ({err})") from err
    with archive:
        for info in archive.infolist():
            member = info.filename
            suffix = Path(member).suffix.lower()
            if info.is_dir() or "__MACOSX" in member or suffix not in READABLE - {".zip"}:
                continue
            origin = f"{path}!{member}"
            limited = suffix not in JSON_SUFFIXES | CSV_SUFFIXES
            if limited and info.file_size > opts.max_file_bytes:
                yield Failure(origin, "read", _too_large(info.file_size, opts))
                continue
            yield from read_bytes(archive.read(info), origin, suffix, opts)


def read_bytes(
    data: bytes,
    origin: str,
    suffix: str | None,
    options: ReadOptions | None = None,
) -> Iterator[ReadResult]:
    """The articles in one document's bytes; ``suffix`` picks the format (None: sniff it)."""
    opts = options or ReadOptions()
    try:
        text = decode(data, origin)
        kind = _kind(suffix, text)
        if kind == "jsonl":
            yield from _read_jsonl(text, origin, opts)
        elif kind == "csv":
            yield from _read_csv(text, origin, opts, delimiter="\t" if suffix == ".tsv" else ",")
        elif kind == "html":
            yield _bounded(article_from_html(text, origin, **_defaults(opts)), opts)
        else:
            yield _bounded(article_from_wire_text(text, origin=origin, **_defaults(opts)), opts)
    except InputError as err:
        yield Failure(err.origin, "read", err.reason)


def decode(data: bytes, origin: str) -> str:
    """UTF-8 text from bytes, or an ``InputError`` saying why they are not text."""
    if not data.strip():
        raise InputError(origin, "empty file")
    if b"\x00" in data[:8192]:
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
    if stripped.startswith("["):
        yield from _read_json_array(stripped, origin, opts)
        return
    if stripped.startswith("{") and "\n{" not in stripped:
        yield _from_record_text(stripped, origin, opts)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _from_record_text(line, f"{origin}:{number}", opts)


def _read_json_array(text: str, origin: str, opts: ReadOptions) -> Iterator[ReadResult]:
    try:
        records = json.loads(text)
    except json.JSONDecodeError as err:
        yield Failure(origin, "read", f"malformed JSON ({err.msg} at line {err.lineno})")
        return
    for index, record in enumerate(records, start=1):
        yield _from_record(record, f"{origin}[{index}]", opts)


def _from_record_text(line: str, origin: str, opts: ReadOptions) -> ReadResult:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Failure(origin, "read", f"malformed JSON ({err.msg} at column {err.colno})")
    return _from_record(record, origin, opts)


def _from_record(record: Any, origin: str, opts: ReadOptions) -> ReadResult:
    if not isinstance(record, dict):
        return Failure(origin, "read", f"expected a JSON object, got {type(record).__name__}")
    try:
        return _bounded(
            FieldMap.JSON.article(record, origin, opts.published, opts.source, opts.today), opts
        )
    except InputError as err:
        return Failure(err.origin, "read", err.reason)


def _read_csv(text: str, origin: str, opts: ReadOptions, delimiter: str) -> Iterator[ReadResult]:
    csv.field_size_limit(max(opts.max_chars * 4, 131_072))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
        fieldmap = FieldMap.for_header(header, origin)
        row_start = reader.line_num + 1
        for row in reader:
            row_origin = f"{origin}:{row_start}"
            row_start = reader.line_num + 1
            if None in row or None in row.values():
                yield Failure(row_origin, "read", _ragged(row, len(header)))
                continue
            try:
                yield _bounded(
                    fieldmap.article(row, row_origin, opts.published, opts.source, opts.today), opts
                )
            except InputError as err:
                yield Failure(err.origin, "read", err.reason)
    except csv.Error as err:
        yield Failure(f"{origin}:{reader.line_num}", "read", f"malformed CSV ({err})")
    except InputError as err:
        yield Failure(err.origin, "read", err.reason)


def _ragged(row: dict[str | None, Any], width: int) -> str:
    extra = len(row.get(None) or [])
    if extra:
        return f"row has {width + extra} fields, the header has {width}"
    missing = sum(v is None for v in row.values())
    return f"row has {width - missing} fields, the header has {width}"


def _defaults(opts: ReadOptions) -> dict[str, Any]:
    return {"published": opts.published, "source": opts.source, "today": opts.today}


def _bounded(article: Article, opts: ReadOptions) -> Article:
    if len(article.text) > opts.max_chars:
        raise InputError(
            article.origin,
            f"article too long ({len(article.text):,} characters; the limit is "
            f"{opts.max_chars:,}, set by DATELINE_MAX_CHARS)",
        )
    return article


def _too_large(size: int, opts: ReadOptions) -> str:
    return (
        f"file too large for one article ({size / 1e6:.1f} MB; the limit is "
        f"{opts.max_file_bytes / 1e6:.1f} MB, set by DATELINE_MAX_CHARS)"
    )
