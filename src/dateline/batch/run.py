"""Batch analysis on a Dask cluster: the only code of Dateline that imports dask.

The client reads the inputs (every reader of ingest) and cuts them into partitions; each is a
task that a worker analyses with its own pipeline (built once per worker process, by the
cached ``make_pipeline``) and writes as a folder of Parquet shards. A partition's folder appears
only when complete (``store.shards``), and a task whose worker dies is run again by Dask on
another: rewriting a partition gives the same folder, so each lands exactly once. A rerun skips
the partitions already written. At most a few partitions per worker are in flight, so the
client's memory does not grow with the input.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from distributed import Client, Future, LocalCluster, as_completed

from dateline.batch.manifest import Manifest, Partition, open_manifest, partitions, resolved_inputs
from dateline.errors import BatchError
from dateline.ingest import ReadOptions, read_paths
from dateline.nlp.analysis import analyze_articles
from dateline.records import Analysis, Failure
from dateline.settings import DEFAULT_PARTITION_SIZE, Settings
from dateline.store.shards import (
    complete_partitions,
    partition_rows,
    remove_unfinished,
    write_partition,
)

# Partitions in flight per worker: one running, one waiting, so a worker never idles.
IN_FLIGHT_PER_WORKER = 2
SCHEDULER_TIMEOUT = "10s"
# How long a run on a scheduler waits for its first worker (a batch system may queue them).
WORKER_WAIT_SECONDS = 600


@dataclass
class BatchReport:
    out: Path
    workers: int = 0
    partitions: int = 0
    written: int = 0
    resumed: int = 0  # partitions found complete from an earlier run, not analysed again
    articles: int = 0
    duplicates: int = 0
    failures: int = 0
    errors: list[str] = field(default_factory=list)  # partitions that could not be written
    seconds: float = 0.0


Progress = Callable[[BatchReport], None]


def run_batch(
    paths: Sequence[str],
    out: Path,
    settings: Settings | None = None,
    options: ReadOptions | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    progress: Progress | None = None,
) -> BatchReport:
    """Analyse every article of ``paths`` on a Dask cluster into Parquet shards in ``out``."""
    if partition_size < 1:
        raise BatchError(f"--partition-size must be at least 1, not {partition_size}")
    s = (settings or Settings()).with_(n_process=1)
    opts = options or ReadOptions(max_chars=s.max_chars)
    open_manifest(out, Manifest(resolved_inputs(paths), partition_size))
    remove_unfinished(out)
    done = complete_partitions(out)
    report = BatchReport(out)
    started = time.perf_counter()
    with _client(workers, scheduler) as client:
        report.workers = len(client.scheduler_info(n_workers=-1)["workers"])
        window = IN_FLIGHT_PER_WORKER * max(1, report.workers)
        running = as_completed()
        run_id = uuid.uuid4().hex[:8]
        for part in partitions(read_paths(paths, opts), partition_size):
            report.partitions += 1
            report.duplicates += part.duplicates
            if part.index in done:
                report.resumed += 1
                _count(report, partition_rows(done[part.index]))
                continue
            running.add(
                client.submit(
                    analyse_partition, out, part, s, key=f"dateline-{run_id}-{part.index}"
                )
            )
            if running.count() >= window:
                _collect(report, next(running))
                _tick(report, started, progress)
        for future in running:
            _collect(report, future)
            _tick(report, started, progress)
    report.seconds = time.perf_counter() - started
    return report


def analyse_partition(out: Path, part: Partition, settings: Settings) -> dict[str, int]:
    """On a worker: analyse one partition and write its shards; returns their row counts."""
    analyses: list[Analysis] = []
    failures = list(part.failures)
    for result in analyze_articles(part.articles, settings):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            analyses.append(result)
    return write_partition(out, part.index, analyses, failures)


def _collect(report: BatchReport, future: Future[dict[str, int]]) -> None:
    index = str(future.key).rsplit("-", 1)[1]
    try:
        counts = future.result()
    except Exception as err:  # the partition is not written; a rerun redoes it
        report.errors.append(f"partition {index}: {type(err).__name__}: {err}")
        return
    finally:
        future.release()
    report.written += 1
    _count(report, counts)


def _count(report: BatchReport, counts: dict[str, int]) -> None:
    report.articles += counts.get("articles", 0)
    report.failures += counts.get("failures", 0)


def _tick(report: BatchReport, started: float, progress: Progress | None) -> None:
    if progress is not None:
        report.seconds = time.perf_counter() - started
        progress(report)


@contextmanager
def _client(workers: int | None, scheduler: str | None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a local cluster of worker processes
    (one thread each: spaCy's work is CPU-bound and holds the GIL)."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise BatchError(
                f"cannot reach the Dask scheduler at {scheduler} ({err}); start one with "
                "`dask scheduler`, or leave out --scheduler to run local workers"
            ) from err
        with client:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
            except TimeoutError as err:
                raise BatchError(
                    f"no worker joined the Dask scheduler at {scheduler} in "
                    f"{WORKER_WAIT_SECONDS} s; start some with `dask worker {scheduler}`"
                ) from err
            yield client
        return
    n = workers or Settings().n_process
    if n < 1:
        raise BatchError(f"--workers must be at least 1, not {n}")
    with (
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
