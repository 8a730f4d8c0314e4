"""``dateline batch`` (analysis on a Dask cluster into Parquet shards) and ``dateline load``."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from dateline.cli_common import (
    SHOWN_FAILURES,
    db_option,
    defaults_options,
    emit_json,
    errors_to_exit,
    inert,
    interrupted,
    json_option,
    lexicon_options,
    settings_from,
)
from dateline.settings import DEFAULT_PARTITION_SIZE


@click.command(name="batch")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder of Parquet shards (made if missing; a rerun into it resumes the run).",
)
@click.option("--workers", type=int, help="Local worker processes (default: 2 on 2+ cores).")
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://HOST:PORT).")
@click.option(
    "--partition-size",
    type=int,
    default=DEFAULT_PARTITION_SIZE,
    show_default=True,
    help="Articles per partition (one task, one folder of shards).",
)
@defaults_options
@lexicon_options
@json_option
@errors_to_exit
def batch_command(
    paths: Sequence[str],
    out: Path,
    workers: int | None,
    scheduler: str | None,
    partition_size: int,
    published: str | None,
    source: str | None,
    actors_file: Path | None,
    events_file: Path | None,
    as_json: bool,
) -> None:
    """Analyse articles on a Dask cluster into Parquet shards (load them with dateline load)."""
    from dateline.batch.run import run_batch
    from dateline.ingest import ReadOptions
    from dateline.ingest.fields import parse_date
    from dateline.render import batch_progress

    if workers is not None and scheduler:
        raise click.UsageError("give --workers (a local cluster) or --scheduler, not both")
    settings = settings_from(actors_file=actors_file, events_file=events_file)
    signal.signal(signal.SIGTERM, interrupted)  # stop like Ctrl-C: the cluster is shut down
    day = parse_date(published, "--published") if published else None
    opts = ReadOptions(published=day, source=source, max_chars=settings.max_chars)
    with batch_progress(disable=as_json) as show:
        report = run_batch(
            paths, out, settings, opts, workers, scheduler, partition_size, progress=show
        )
    summary = {
        "out": str(out),
        "workers": report.workers,
        "partitions": report.partitions,
        "written": report.written,
        "resumed": report.resumed,
        "articles": report.articles,
        "duplicates": report.duplicates,
        "failed": report.failures,
        "errors": report.errors,
        "seconds": round(report.seconds, 1),
    }
    if as_json:
        emit_json(summary)
    else:
        for error in report.errors[:SHOWN_FAILURES]:
            click.echo(f"error: {inert(error)}", err=True)
        click.echo(
            f"{report.articles} articles in {report.partitions} partitions ({report.written} "
            f"written, {report.resumed} from an earlier run), {report.duplicates} duplicates, "
            f"{report.failures} failed, {report.workers} workers, {report.seconds:.0f} s  ({out})"
        )
    if report.errors:
        click.echo(
            f"error: {len(report.errors)} partitions not written; rerun the same command to "
            "redo them",
            err=True,
        )
        sys.exit(1)


@click.command(name="load")
@click.argument("out", type=click.Path(path_type=Path))
@db_option
@json_option
@errors_to_exit
def load_command(out: Path, db: Path | None, as_json: bool) -> None:
    """Load the Parquet shards of dateline batch into the database (stored articles skipped)."""
    from dateline.batch.load import load_shards
    from dateline.store import Store

    settings = settings_from(db=db)
    with Store(settings.db) as store:
        report = load_shards(store, out)
    merge = report.merge
    summary = {
        "db": str(settings.db),
        "partitions": report.partitions,
        "loaded": report.loaded,
        "failures": report.failures,
        "seconds": round(report.seconds, 2),
        "merged": merge.articles if merge else 0,
        "merge_seconds": round(merge.seconds, 2) if merge else 0.0,
    }
    if as_json:
        emit_json(summary)
        return
    click.echo(
        f"{report.loaded} articles loaded from {report.partitions} partitions, "
        f"{report.failures} failures recorded, {report.seconds:.1f} s  ({settings.db})"
    )
    if merge and merge.articles:
        click.echo(
            f"{merge.articles} articles merged into stories and incidents, {merge.seconds:.1f} s"
        )
