"""The command line: thin commands over the library. Output for people by default, ``--json``
for programs. Library errors (``DatelineError``) become one line on stderr and exit code 1."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from dateline.cli_batch import batch_command, load_command
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
    limit_option,
    settings_from,
)
from dateline.cli_stories import COMMANDS as STORY_COMMANDS
from dateline.evaluate import TASKS as EVAL_TASKS
from dateline.settings import SETTINGS_HELP


@click.group()
@click.version_option(package_name="dateline")
def main() -> None:
    """Dateline reads wire stories and records who did and said what to whom, when and where."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@defaults_options
@json_option
@errors_to_exit
def analyze(paths: Sequence[str], published: str | None, source: str | None, as_json: bool) -> None:
    """Analyse articles (files, directories, globs, zips, - for stdin) without a database."""
    from dateline.ingest import ReadOptions, read_paths
    from dateline.ingest.fields import parse_date
    from dateline.nlp.analysis import analyze_articles
    from dateline.records import Failure
    from dateline.render import print_analysis
    from dateline.serialize import analysis_to_dict

    settings = settings_from()
    day = parse_date(published, "--published") if published else None
    opts = ReadOptions(published=day, source=source, max_chars=settings.max_chars)
    failed = 0
    articles = []
    for result in read_paths(paths, opts, sys.stdin.buffer):
        if isinstance(result, Failure):
            click.echo(f"error: {inert(result)}", err=True)
            failed += 1
        else:
            articles.append(result)
    for analysis in analyze_articles(articles, settings):
        if isinstance(analysis, Failure):
            click.echo(f"error: {inert(analysis)}", err=True)
            failed += 1
        elif as_json:
            emit_json(analysis_to_dict(analysis))
        else:
            print_analysis(analysis)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@defaults_options
@click.option("--n-process", type=int, default=None, help=SETTINGS_HELP["n_process"])
@lexicon_options
@json_option
@errors_to_exit
def ingest(
    paths: Sequence[str],
    db: Path | None,
    published: str | None,
    source: str | None,
    n_process: int | None,
    actors_file: Path | None,
    events_file: Path | None,
    as_json: bool,
) -> None:
    """Read, analyse and store articles in the database; bad documents are recorded and skipped."""
    from dateline.ingest import ReadOptions
    from dateline.ingest.fields import parse_date
    from dateline.ingestion import ingest_paths
    from dateline.render import progress_bar
    from dateline.store import Store

    settings = settings_from(
        db=db, n_process=n_process, actors_file=actors_file, events_file=events_file
    )
    signal.signal(signal.SIGTERM, interrupted)  # stop like Ctrl-C: the batch, then the pool
    day = parse_date(published, "--published") if published else None
    opts = ReadOptions(published=day, source=source, max_chars=settings.max_chars)
    with Store(settings.db) as store, progress_bar(disable=as_json) as advance:
        report = ingest_paths(store, paths, settings, opts, sys.stdin.buffer, advance)
    summary = {
        "db": str(settings.db),
        "read": report.read,
        "stored": report.stored,
        "duplicates": report.duplicates,
        "failed": len(report.failures),
        "failures": [
            {"origin": f.origin, "stage": f.stage, "reason": f.reason} for f in report.failures
        ],
    }
    if as_json:
        emit_json(summary)
        return
    for failure in report.failures[:SHOWN_FAILURES]:
        click.echo(f"failed: {inert(failure)}", err=True)
    if len(report.failures) > SHOWN_FAILURES:
        more = len(report.failures) - SHOWN_FAILURES
        click.echo(f"... and {more:,} more failures (dateline failures lists them all)", err=True)
    click.echo(
        f"{report.stored} stored, {report.duplicates} skipped as duplicates, "
        f"{len(report.failures)} failed  ({settings.db})"
    )


@main.command()
@db_option
@click.option("--source", help="Only articles of this outlet.")
@limit_option
@json_option
@errors_to_exit
def articles(db: Path | None, source: str | None, limit: int, as_json: bool) -> None:
    """List the stored articles, newest first."""
    from dateline.query import list_articles
    from dateline.render import print_rows
    from dateline.store import Store

    with Store(settings_from(db=db).db, read_only=True) as store:
        rows = list_articles(store, source=source, limit=limit)
    if as_json:
        emit_json(rows)
    else:
        print_rows(rows, ["id", "date", "source", "place", "actors", "title"])


@main.command()
@click.argument("article_id")
@db_option
@json_option
@errors_to_exit
def show(article_id: str, db: Path | None, as_json: bool) -> None:
    """Show one stored article and everything read out of it (an id prefix is enough)."""
    from dateline.query import get_article, incidents_of_article
    from dateline.render import print_analysis, print_rows
    from dateline.serialize import analysis_to_dict
    from dateline.store import Store

    with Store(settings_from(db=db).db, read_only=True) as store:
        analysis = get_article(store, article_id)
        incidents = incidents_of_article(store, analysis.article.id)
    if as_json:
        emit_json({**analysis_to_dict(analysis), "incidents": incidents})
    else:
        print_analysis(analysis)
        rows = [{"event": e, "incident": i} for e, i in sorted(incidents.items())]
        if rows:
            print_rows(rows, ["event", "incident"])


@main.command()
@db_option
@click.option("--country", help="ISO 3166 alpha-3 code, or IGO.")
@click.option("--sector", help="PLOVER sector: GOV, MIL, REB, COP, JUD, LEG, JRN, ...")
@click.option(
    "--kind", type=click.Choice(["person", "organisation", "country", "group", "government"])
)
@click.option("--name", help="Part of the actor's name, or one of its aliases.")
@limit_option
@json_option
@errors_to_exit
def actors(
    db: Path | None,
    country: str | None,
    sector: str | None,
    kind: str | None,
    name: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List the actors of the stored articles, most reported first."""
    from dateline.query import list_actors
    from dateline.render import print_rows
    from dateline.store import Store

    with Store(settings_from(db=db).db, read_only=True) as store:
        rows = list_actors(store, country, sector, kind, name, limit)
    if as_json:
        emit_json(rows)
    else:
        print_rows(rows, ["name", "kind", "country", "sector", "role", "articles", "mentions"])


@main.command()
@db_option
@click.option("--country", help="ISO 3166 alpha-3 code.")
@limit_option
@json_option
@errors_to_exit
def places(db: Path | None, country: str | None, limit: int, as_json: bool) -> None:
    """List the places of the stored articles with counts and coordinates."""
    from dateline.query import list_places
    from dateline.render import print_rows
    from dateline.store import Store

    with Store(settings_from(db=db).db, read_only=True) as store:
        rows = list_places(store, country, limit)
    if as_json:
        emit_json(rows)
    else:
        columns = [
            "name",
            "kind",
            "country",
            "admin1",
            "latitude",
            "longitude",
            "articles",
            "mentions",
        ]
        print_rows(rows, columns)


@main.command()
@db_option
@click.option("--speaker", help="Part of the speaker's name (or of the source as written).")
@click.option("--actor-country", help="The speaker's country: ISO 3166 alpha-3, or IGO.")
@click.option("--stance", help="asserts, claims, denies, expects, believes, questions, intends.")
@click.option("--since", help="Only articles dated on or after this day (YYYY-MM-DD).")
@limit_option
@json_option
@errors_to_exit
def quotes(
    db: Path | None,
    speaker: str | None,
    actor_country: str | None,
    stance: str | None,
    since: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List who said, claimed or denied what in the stored articles."""
    from dateline.ingest.fields import parse_date
    from dateline.query import list_quotes
    from dateline.render import print_rows
    from dateline.store import Store

    day = parse_date(since, "--since").isoformat() if since else None
    with Store(settings_from(db=db).db, read_only=True) as store:
        rows = list_quotes(store, speaker, actor_country, stance, day, limit)
    if as_json:
        emit_json(rows)
    else:
        print_rows(rows, ["date", "speaker", "source", "stance", "cue", "content"])


@main.command()
@db_option
@click.option("--actor", help="Part of an actor's or recipient's name (or one of its aliases).")
@click.option("--country", help="Either side's country: ISO 3166 alpha-3, or IGO.")
@click.option("--type", "type_", help="PLOVER type: CONSULT, ASSAULT, REJECT, ...")
@click.option("--since", help="Only events on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only events on or before this day (YYYY-MM-DD).")
@click.option(
    "--modality",
    help="asserted, planned, expected, possible, requested, negated, denied, claimed, "
    "historical or hypothetical.",
)
@click.option("--place", help="Part of the name of where it happened.")
@limit_option
@json_option
@errors_to_exit
def events(
    db: Path | None,
    actor: str | None,
    country: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    modality: str | None,
    place: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List who did what to whom, when and where, in the order it happened."""
    from dateline.ingest.fields import parse_date
    from dateline.query import list_events
    from dateline.render import print_event_rows
    from dateline.store import Store

    first = parse_date(since, "--since").isoformat() if since else None
    last = parse_date(until, "--until").isoformat() if until else None
    with Store(settings_from(db=db).db, read_only=True) as store:
        rows = list_events(store, actor, country, type_, first, last, modality, place, limit)
    if as_json:
        emit_json(rows)
    else:
        print_event_rows(rows)


@main.command()
@click.argument("name")
@db_option
@click.option("--incidents", "by_incident", is_flag=True,
              help="One row per incident, with its sources, instead of one per report.")  # fmt: skip
@limit_option
@json_option
@errors_to_exit
def timeline(name: str, db: Path | None, by_incident: bool, limit: int, as_json: bool) -> None:
    """Everything done by, to or at an actor or a place, in the order it happened."""
    from dateline.query import list_incidents
    from dateline.query import timeline as query_timeline
    from dateline.render import print_event_rows, print_rows
    from dateline.store import Store

    rows: list[dict[str, Any]]
    with Store(settings_from(db=db).db, read_only=True) as store:
        if by_incident:
            rows = list_incidents(store, name=name, limit=10_000)
            rows.sort(key=lambda r: (str(r["first_day"] or r["first_reported"] or "9999"),
                                     r["incident_id"]))  # fmt: skip
            rows = rows[:limit]
        else:
            rows = query_timeline(store, name, limit)
    if as_json:
        emit_json(rows)
    elif by_incident:
        print_rows(rows, ["first_day", "type", "place", "actors", "recipients", "num_sources",
                          "sources", "disputed", "incident_id"])  # fmt: skip
    else:
        print_event_rows(rows)


@main.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gdelt-events", "gdelt-gkg", "jsonl", "csv", "parquet"]),
    required=True,
    help="GDELT 2.0 events, GDELT GKG 2.1, JSON Lines of analyses, or one event a row.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write."
)
@errors_to_exit
def export(db: Path | None, fmt: str, output: Path) -> None:
    """Write the database's records for other tools (GDELT-compatible, JSON Lines, CSV, Parquet)."""
    from dateline.export import export as write_export
    from dateline.store import Store

    with Store(settings_from(db=db).db, read_only=True) as store:
        count = write_export(store, fmt, output)
    click.echo(f"{count} rows written to {output} ({fmt})")


@main.command()
@db_option
@limit_option
@json_option
@errors_to_exit
def failures(db: Path | None, limit: int, as_json: bool) -> None:
    """List the documents that could not be read or analysed, with the reason."""
    from dateline.query import list_failures
    from dateline.render import print_rows
    from dateline.store import Store

    with Store(settings_from(db=db).db, read_only=True) as store:
        rows = list_failures(store, limit)
    if as_json:
        emit_json(rows)
    else:
        print_rows(rows, ["origin", "stage", "reason"])


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--write-token",
    envvar="DATELINE_WRITE_TOKEN",
    default=None,
    help="Allow ingest with this token (Authorization: Bearer TOKEN); without it the "
    "database is opened read-only. Also read from DATELINE_WRITE_TOKEN.",
)
@errors_to_exit
def serve(db: Path | None, host: str, port: int, write_token: str | None) -> None:
    """Serve the database as web pages and JSON (http://HOST:PORT/)."""
    from dateline.web.context import WebConfig
    from dateline.web.server import serve as run_server

    if write_token is not None and len(write_token) < 12:
        raise click.UsageError("--write-token: use at least 12 characters")
    config = WebConfig(db=settings_from(db=db).db, write_token=write_token)
    mode = "read-write (ingest needs the token)" if write_token else "read-only"
    click.echo(f"Serving {config.db} {mode} on http://{host}:{port}/", err=True)
    run_server(config, host, port)


@main.command(name="eval")
@click.argument("task", type=click.Choice(list(EVAL_TASKS)))
@click.option("--gold", required=True, type=click.Path(path_type=Path), help="Gold file or folder.")
@click.option("--model-only", is_flag=True, help="ner: score the bare model, without our rules.")
@click.option("--gold-spans", is_flag=True, help="places: resolve the gold toponyms only.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plover", "india-police-events"]),
    default="plover",
    show_default=True,
    help="events: PLOVER gold records (a JSON file) or IndiaPoliceEvents (a folder).",
)
@json_option
@errors_to_exit
def evaluate(
    task: str, gold: Path, model_only: bool, gold_spans: bool, fmt: str, as_json: bool
) -> None:
    """Score an extractor on a gold-standard set.

    ner: CoNLL BIO files or GUM CoNLL-U. time: TimeML .tml files (TempEval-3). places: the
    XML of GeoWebNews, TR-News or GeoVirus. quotes: PolNeAR's brat folders (text/, attributions/).
    events: PLOVER gold-standard records, or IndiaPoliceEvents with --format india-police-events.
    newswire: whole-article records of real news (gold/newswire/dev: one JSON per article),
    scored per fact type, per outlet and per half of the set.
    """
    from dateline.evaluate import run_eval
    from dateline.render import print_metrics

    result = run_eval(
        task, gold, settings_from(), model_only=model_only, gold_spans=gold_spans, fmt=fmt
    )
    if as_json:
        emit_json(result)
    else:
        print_metrics(result)


main.add_command(batch_command)
main.add_command(load_command)
for command in STORY_COMMANDS:
    main.add_command(command)

if __name__ == "__main__":
    main()
