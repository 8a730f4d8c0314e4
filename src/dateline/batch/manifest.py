"""The manifest of a shard folder, and the partitions of a run's input.

``manifest.json`` says which Dateline schema wrote the shards and which run they belong to
(inputs and partition size). A rerun into the same folder must be the same run, so that
partition N holds the same articles as before and finished partitions can be skipped; shards
of another schema version are refused, by ``batch`` and by ``load``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import BatchError
from dateline.records import Article, Failure
from dateline.store.db import SCHEMA_VERSION

MANIFEST = "manifest.json"
# A partition closes at this many read failures even without articles (100,000 bad lines
# become twenty partitions of failures, not one huge task).
FAILURES_PER_PARTITION = 5_000


@dataclass(frozen=True)
class Manifest:
    inputs: tuple[str, ...]
    partition_size: int
    schema_version: int = SCHEMA_VERSION

    def as_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "inputs": list(self.inputs),
            "partition_size": self.partition_size,
        }


def read_manifest(out: Path) -> Manifest:
    """The manifest of a shard folder; a folder of another schema version is refused."""
    path = out / MANIFEST
    try:
        raw = json.loads(path.read_text("utf-8"))
        found = Manifest(
            tuple(raw["inputs"]), int(raw["partition_size"]), int(raw["schema_version"])
        )
    except FileNotFoundError:
        raise BatchError(f"{out}: not a folder of Dateline shards (no {MANIFEST})") from None
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BatchError(f"{path}: not a readable manifest ({err})") from err
    if found.schema_version != SCHEMA_VERSION:
        raise BatchError(
            f"{out}: holds shards of Dateline schema version {found.schema_version}, this "
            f"Dateline writes and loads version {SCHEMA_VERSION}; use another folder (or the "
            "Dateline that wrote them)"
        )
    return found


def open_manifest(out: Path, wanted: Manifest) -> None:
    """Start or resume a run in ``out``: write the manifest, or check the one there is ours."""
    if (out / MANIFEST).exists():
        found = read_manifest(out)
        if found != wanted:
            raise BatchError(
                f"{out}: holds shards of another run (inputs {list(found.inputs)}, partition "
                f"size {found.partition_size}); give a new --out folder, or the same inputs and "
                "--partition-size to resume it"
            )
        return
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(wanted.as_dict(), indent=2), "utf-8")
    os.replace(tmp, out / MANIFEST)


@dataclass
class Partition:
    index: int
    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    duplicates: int = 0  # articles met again while this partition filled


def partitions(results: Iterable[Article | Failure], size: int) -> Iterator[Partition]:
    """The read stream cut into partitions of ``size`` new articles, in reading order; an
    article read again (same content) is counted once, as ingest does. Read failures travel
    with the partition they were met in."""
    seen: set[str] = set()
    current = Partition(0)
    for result in results:
        if isinstance(result, Failure):
            current.failures.append(result)
        elif result.id in seen:
            current.duplicates += 1
        else:
            seen.add(result.id)
            current.articles.append(result)
        if len(current.articles) >= size or len(current.failures) >= FAILURES_PER_PARTITION:
            yield current
            current = Partition(current.index + 1)
    if current.articles or current.failures:
        yield current


def resolved_inputs(paths: Sequence[str]) -> tuple[str, ...]:
    """The inputs as the manifest records them: absolute paths, so that a rerun from another
    folder is the same run. Standard input cannot be read again by a rerun: it is refused."""
    if "-" in paths:
        raise BatchError(
            "batch reads files, folders, globs and zips, not standard input "
            "(a resumed run must read its input again); use dateline ingest"
        )
    return tuple(os.path.abspath(p) for p in paths)
