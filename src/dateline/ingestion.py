"""Ingest: read documents, analyse them (in a pool when asked), and store them with one writer.

Articles already in the database (same content hash) are not analysed again. Each batch is one
transaction: an interrupted run leaves whole articles or none, and a rerun completes it. The
new articles are then merged into stories and incidents (``merging``); a run interrupted before
that leaves them unmerged, and the next ingest or ``dateline merge`` merges them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO

from dateline.ingest import ReadOptions, read_paths
from dateline.merging import MergeReport, merge_new
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
    merge: MergeReport | None = None


Progress = Callable[[int], None]
# Four spaCy batches per transaction: large enough that the writer is never the bottleneck,
# small enough that an interrupted run loses little work.
BATCHES_PER_TRANSACTION = 4
# Failures written at once when no articles come to carry them (100,000 bad lines).
FAILURES_PER_WRITE = 5_000


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
    opts = options or ReadOptions(max_chars=s.max_chars)
    return ingest_results(store, read_paths(paths, opts, stdin), s, progress)


def ingest_results(
    store: Store,
    results: Iterable[Article | Failure],
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Analyse and store articles already read (and store the failures of reading them)."""
    s = settings or Settings()
    report = IngestReport()
    batch = _Batch(store, report, progress)
    fresh = _new_articles(store, results, batch, s.batch_size)
    for result in analyze_articles(fresh, s):
        if isinstance(result, Failure):
            report.failures.append(result)
        else:
            batch.pending.append(result)
        if len(batch.pending) >= s.batch_size * BATCHES_PER_TRANSACTION:
            batch.flush()
    batch.flush()
    report.merge = merge_new(store)  # the new articles' stories and incidents
    return report


@dataclass
class _Batch:
    """What is waiting to be written: analyses, and the failures recorded since the last write
    (written with each batch, so an interrupted run keeps the failures it met)."""

    store: Store
    report: IngestReport
    progress: Progress | None
    pending: list[Analysis] = field(default_factory=list)
    failures_written: int = 0

    def flush(self, failures_only: bool = False) -> None:
        failures = self.report.failures[self.failures_written :]
        analyses = [] if failures_only else self.pending
        if not analyses and not failures:
            return
        self.report.stored += self.store.write(analyses, failures)
        self.failures_written = len(self.report.failures)
        if failures_only:
            return
        if self.progress is not None and self.pending:
            self.progress(len(self.pending))
        self.pending.clear()


def _new_articles(
    store: Store, results: Iterable[Article | Failure], pending: _Batch, size: int
) -> Iterator[Article]:
    """The articles not yet stored (nor seen earlier in this run); failures go to the report,
    and to the store as they pile up (a file of bad lines has no articles to batch them with)."""
    report = pending.report
    seen: set[str] = set()
    iterator = iter(results)
    while batch := list(islice(iterator, size)):
        articles = [r for r in batch if isinstance(r, Article)]
        report.failures.extend(r for r in batch if isinstance(r, Failure))
        if len(report.failures) - pending.failures_written >= FAILURES_PER_WRITE:
            pending.flush(failures_only=True)
        report.read += len(articles)
        known = store.known_ids(a.id for a in articles) | seen
        for article in articles:
            if article.id in known:
                report.duplicates += 1
                continue
            seen.add(article.id)
            known.add(article.id)
            yield article
