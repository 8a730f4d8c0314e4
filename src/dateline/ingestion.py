"""Ingest: read documents, analyse them (in a pool when asked), and store them with one writer.

Articles already in the database (same content hash) are not analysed again. Each batch is one
transaction: an interrupted run leaves whole articles or none, and a rerun completes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from dateline.ingest import ReadOptions, read_paths
from dateline.nlp.analysis import analyze_articles
from dateline.records import Analysis, Article, Failure
from dateline.settings import Settings
from dateline.store import Store


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)


Progress = Callable[[int], None]
# Four spaCy batches per transaction: large enough that the writer is never the bottleneck,
# small enough that an interrupted run loses little work.
BATCHES_PER_TRANSACTION = 4


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    options: ReadOptions | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, analyse and store every article in ``paths``; failures are stored and reported."""
    s = settings or Settings()
    report = IngestReport()
    opts = options or ReadOptions(max_chars=s.max_chars)
    fresh = _new_articles(store, read_paths(paths, opts, stdin), report, s.batch_size)
    pending: list[Analysis] = []
    for result in analyze_articles(fresh, s):
        if isinstance(result, Failure):
            report.failures.append(result)
        else:
            pending.append(result)
        if len(pending) >= s.batch_size * BATCHES_PER_TRANSACTION:
            _flush(store, pending, report, progress)
    _flush(store, pending, report, progress)
    store.write([], report.failures)
    return report


def _new_articles(
    store: Store, results: Iterable[Article | Failure], report: IngestReport, size: int
) -> Iterator[Article]:
    """The articles not yet stored (nor seen earlier in this run); failures go to the report."""
    seen: set[str] = set()
    iterator = iter(results)
    while batch := list(islice(iterator, size)):
        articles = [r for r in batch if isinstance(r, Article)]
        report.failures.extend(r for r in batch if isinstance(r, Failure))
        report.read += len(articles)
        known = store.known_ids(a.id for a in articles) | seen
        for article in articles:
            if article.id in known:
                report.duplicates += 1
                continue
            seen.add(article.id)
            known.add(article.id)
            yield article


def _flush(
    store: Store, pending: list[Analysis], report: IngestReport, progress: Progress | None
) -> None:
    if not pending:
        return
    report.stored += store.write(pending)
    if progress is not None:
        progress(len(pending))
    pending.clear()
