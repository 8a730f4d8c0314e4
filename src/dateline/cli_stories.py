"""``dateline stories``, ``story``, ``incidents``, ``incident`` and ``merge``: the cross-article
record (``dateline.merging`` keeps it as articles are ingested)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from dateline.cli_common import (
    db_option,
    emit_json,
    errors_to_exit,
    json_option,
    limit_option,
    settings_from,
)

since_option = click.option("--since", help="Only what ends on or after this day (YYYY-MM-DD).")
until_option = click.option("--until", help="Only what begins on or before this day (YYYY-MM-DD).")


def _show_one(
    get: Callable[[Any, str], dict[str, Any]],
    show: Callable[[dict[str, Any]], None],
    record_id: str,
    db: Path | None,
    as_json: bool,
) -> None:
    """One stored record by id (a prefix is enough), as JSON or for people."""
    from dateline.store import Store

    with Store(settings_from(db=db).db, read_only=True) as store:
        record = get(store, record_id)
    if as_json:
        emit_json(record)
    else:
        show(record)


@click.command(name="stories")
@db_option
@since_option
@until_option
@limit_option
@json_option
@errors_to_exit
def stories_command(
    db: Path | None, since: str | None, until: str | None, limit: int, as_json: bool
) -> None:
    """List the stories (articles about one developing topic), the largest first."""
    from dateline.ingest.fields import parse_date
    from dateline.query import list_stories
    from dateline.render import print_rows
    from dateline.store import Store

    first = str(parse_date(since, "--since")) if since else None
    last = str(parse_date(until, "--until")) if until else None
    with Store(settings_from(db=db).db, read_only=True) as store:
        rows = list_stories(store, first, last, limit)
    if as_json:
        emit_json(rows)
    else:
        print_rows(rows, ["story_id", "first_day", "last_day", "articles", "sources", "title"])


@click.command(name="story")
@click.argument("story_id")
@db_option
@json_option
@errors_to_exit
def story_command(story_id: str, db: Path | None, as_json: bool) -> None:
    """Show one story: its articles in order and its incidents (an id prefix is enough)."""
    from dateline.query import get_story
    from dateline.render import print_story

    _show_one(get_story, print_story, story_id, db, as_json)


@click.command(name="incidents")
@db_option
@click.option("--disputed", is_flag=True, help="Only incidents whose sources disagree.")
@click.option("--min-sources", type=int, default=1, show_default=True,
              help="Only incidents reported by at least this many independent sources.")  # fmt: skip
@click.option("--type", "type_", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--country", help="ISO 3166 alpha-3 code of the place or of an actor.")
@since_option
@until_option
@limit_option
@json_option
@errors_to_exit
def incidents_command(
    db: Path | None,
    disputed: bool,
    min_sources: int,
    type_: str | None,
    country: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List incidents (one real-world happening, merged across reports and outlets)."""
    from dateline.ingest.fields import parse_date
    from dateline.query import list_incidents
    from dateline.render import print_rows
    from dateline.store import Store

    first = str(parse_date(since, "--since")) if since else None
    last = str(parse_date(until, "--until")) if until else None
    with Store(settings_from(db=db).db, read_only=True) as store:
        rows = list_incidents(store, disputed, min_sources, type_, country, first, last,
                              limit=limit)  # fmt: skip
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        row["disputed"] = "disputed" if row["disputed"] else ""
    print_rows(rows, ["incident_id", "type", "first_day", "place", "actors", "num_sources",
                      "num_articles", "disputed", "sources"])  # fmt: skip


@click.command(name="incident")
@click.argument("incident_id")
@db_option
@json_option
@errors_to_exit
def incident_command(incident_id: str, db: Path | None, as_json: bool) -> None:
    """Show one incident: its reports and, field by field, what each source says."""
    from dateline.query import get_incident
    from dateline.render import print_incident

    _show_one(get_incident, print_incident, incident_id, db, as_json)


@click.command(name="merge")
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Forget every story and incident and merge all articles again.")  # fmt: skip
@json_option
@errors_to_exit
def merge_command(db: Path | None, everything: bool, as_json: bool) -> None:
    """Merge stored articles into stories and their events into incidents (ingest does it)."""
    from dateline.merging import merge_new, remerge
    from dateline.store import Store

    with Store(settings_from(db=db).db) as store:
        report = remerge(store) if everything else merge_new(store)
    summary = {"articles": report.articles, "stories": report.stories,
               "incidents": report.incidents, "seconds": round(report.seconds, 2)}  # fmt: skip
    if as_json:
        emit_json(summary)
    else:
        click.echo(
            f"{report.articles} articles merged: {report.stories} stories, "
            f"{report.incidents} incidents touched, {report.seconds:.1f} s"
        )


COMMANDS = (stories_command, story_command, incidents_command, incident_command, merge_command)
