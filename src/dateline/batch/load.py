"""``dateline load``: the shards of a batch run into a store, whole partitions at a time.

Partitions are loaded in groups of up to ``GROUP_ARTICLES`` articles, one transaction a group:
a group is stored whole or not at all, so a killed load leaves whole partitions, and a rerun
loads the rest. Articles already in the store (the same content id) are skipped with their
rows, so loading a folder twice, or two folders that overlap, stores each article once.
Partitions still being written (or left unfinished by a killed run) are not complete and not
loaded. The loaded articles are then merged into stories and incidents.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dateline.batch.manifest import read_manifest
from dateline.merging import MergeReport, merge_new
from dateline.store import Store
from dateline.store.shards import complete_partitions, load_partitions, partition_rows

# 10,000 articles (about 100 partitions, 60 MB of shards) a transaction: the per-statement cost
# is spread thin, and DuckDB's memory stays far below a worker's.
GROUP_ARTICLES = 10_000


@dataclass
class LoadReport:
    partitions: int = 0
    loaded: int = 0  # articles new to the store
    failures: int = 0
    seconds: float = 0.0  # loading, without merging
    merge: MergeReport | None = None


def load_shards(
    store: Store, out: Path, progress: Callable[[int], None] | None = None
) -> LoadReport:
    """Load every complete partition of the shard folder ``out`` into ``store``."""
    read_manifest(out)  # refuses a folder of another schema version
    report = LoadReport()
    started = time.perf_counter()
    groups = 0
    for group in _groups(list(complete_partitions(out).values())):
        groups += 1
        loaded, failures = load_partitions(store, group)
        report.partitions += len(group)
        report.loaded += loaded
        report.failures += failures
        if progress is not None:
            progress(len(group))
    if groups > 1:  # each group spans every date: put the read projection in order of time
        store.sort_event_rows()
    report.seconds = time.perf_counter() - started
    report.merge = merge_new(store)
    return report


def _groups(folders: list[Path]) -> Iterator[list[Path]]:
    group: list[Path] = []
    articles = 0
    for folder in folders:
        count = partition_rows(folder).get("articles", 0)
        if group and articles + count > GROUP_ARTICLES:
            yield group
            group, articles = [], 0
        group.append(folder)
        articles += count
    if group:
        yield group
