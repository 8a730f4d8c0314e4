"""Output for people: tables, readable article analyses and the progress bar (rich)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.box import SIMPLE
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline.records import Analysis


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


# Control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides: terminal
# escape codes in a stored title must not reach the terminal, nor reorder what it shows.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(value: Any) -> str:
    """Stored text made inert for a terminal: control characters shown as code points."""
    if isinstance(value, (list, tuple)):  # a list column: its items, not Python's repr
        value = ", ".join("" if v is None else str(v) for v in value)
    text = "" if value is None else str(value)
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def safe(value: Any) -> str:
    """Stored text for a rich table or line: inert, and square brackets shown, not markup."""
    return escape(plain(value))


def print_rows(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*(safe(row.get(c)) for c in columns))
    _console().print(table)
    if not rows:
        _console().print("(nothing)")


def print_analysis(analysis: Analysis) -> None:
    a = analysis.article
    console = _console()
    console.print(f"[bold]{safe(a.title or '(no headline)')}[/bold]")
    console.print(
        safe(f"id {a.id}  source {a.source or '-'}  date {a.date or '-'}  from {a.origin}")
    )
    if a.lead:
        repeated = "  (repeated in the body)" if a.lead_in_body else ""
        console.print(safe(f"lead: {a.lead}{repeated}"))
    d = a.dateline
    if d is not None:
        year = f"{d.year}" if d.year else "unknown"
        if d.year_inferred:
            candidates = ", ".join(map(str, d.year_candidates)) or "none"
            year += f" (inferred, confidence {d.year_confidence}; candidates {candidates})"
        console.print(
            safe(
                f"dateline: {d.place or '-'}  {d.month or '-'}/{d.day or '-'}  year {year}  "
                f"agency {d.agency or '-'}"
            )
        )
    table = Table("id", "actor", "kind", "country", "sector", "role", "mentions")
    for actor in analysis.actors:
        table.add_row(
            *map(safe, (actor.id, actor.name, actor.kind, actor.country, actor.sector,
                        actor.role, "; ".join(actor.aliases)))
        )  # fmt: skip
    console.print(table)
    if analysis.dates:
        dates = Table("date", "type", "value", "mod", "how", "anchor")
        for date in analysis.dates:
            dates.add_row(
                *map(safe, (date.text, date.type, date.value, date.mod, date.resolution,
                            date.anchor))
            )  # fmt: skip
        console.print(dates)
    if analysis.places:
        places = Table("place", "resolved to", "kind", "country", "admin1", "lat, lon", "geonames")
        for p in analysis.places:
            where = f"{p.latitude:.3f}, {p.longitude:.3f}" if p.latitude is not None else ""
            places.add_row(
                *map(safe, (p.text, p.name, f"{p.feature_code} ({p.precision})", p.country,
                            p.admin1, where, p.geonames_id or ""))
            )  # fmt: skip
        console.print(places)
    print_quotes(analysis, console)
    print_events(analysis, console)


def print_quotes(analysis: Analysis, console: Console) -> None:
    names = {actor.id: actor.name for actor in analysis.actors}
    for quote in analysis.quotes:
        speaker = names.get(quote.speaker or "", quote.source or "unknown")
        when = f" ({quote.said_on})" if quote.said_on else ""
        console.print(
            safe(
                f"{quote.id} {speaker} — {quote.cue or ''} [{quote.kind}, {quote.stance}]"
                f"{when} — “{quote.content}”"
            )
        )


def print_events(analysis: Analysis, console: Console) -> None:
    """ "E1 2020-03-05 · CONSULT:meet · Vladimir Putin, Recep Tayyip Erdogan · the Kremlin ·
    planned · per TASS", then its numbers."""
    names = {actor.id: actor.name for actor in analysis.actors}
    for event in analysis.events:
        actors = ", ".join(names.get(p.actor or "", p.text) for p in event.actors) or "-"
        recipients = ", ".join(names.get(p.actor or "", p.text) for p in event.recipients)
        what = f"{event.type}:{event.mode}" if event.mode else event.type
        when = (event.date or "undated") + (f" ({event.date_mod})" if event.date_mod else "")
        parts = [when, what, actors + (f" → {recipients}" if recipients else "")]
        if event.location is not None:
            parts.append(event.location.name)
        parts += [event.modality, f"per {event.attribution or 'unknown'}"]
        console.print(safe(f"{event.id} " + " · ".join(parts) + f"  “{event.trigger}”"))
        for q in event.quantities:
            speaker = names.get(q.attributed_to or "", q.attributed_to or "")
            effect = f" {q.effect}" if q.effect else ""
            console.print(
                safe(f"    {q.text}{effect} [{q.qualifier}, {q.modality}, per {speaker}]")
            )


def print_event_rows(rows: Sequence[dict[str, Any]]) -> None:
    """Events across articles, one line each (``dateline events``, ``dateline timeline``)."""
    table = Table("day", "type", "actors", "recipients", "place", "modality", "per", "article")
    for row in rows:
        what = f"{row['type']}:{row['mode']}" if row.get("mode") else row["type"]
        table.add_row(
            *map(safe, (row.get("day") or "", what, ", ".join(row["actors"]),
                        ", ".join(row["recipients"]), row.get("place"), row["modality"],
                        row.get("attribution"), f"{row['article_id'][:10]} {row['event_id']}"))
        )  # fmt: skip
    _console().print(table)
    if not rows:
        _console().print("(nothing)")


def print_metrics(result: dict[str, Any]) -> None:
    console = _console()
    console.print(f"task {result['task']}  documents {result['documents']}")
    table = Table("metric", "value")
    for name, value in result["metrics"].items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                table.add_row(f"{name}.{sub}", _fmt(inner))
        else:
            table.add_row(name, _fmt(value))
    console.print(table)
    for group in ("by_half", "by_outlet"):
        if group in result:
            _print_breakdown(console, group, result[group])


# The columns of a breakdown by outlet or by half of a set: the headline metric of each fact.
_BREAKDOWN = (
    ("events", "f1"), ("events", "precision"), ("events", "strict_precision"),
    ("events", "participant_f1"), ("events", "modality_accuracy"), ("events", "date_accuracy"),
    ("actors", "precision"), ("actors", "country_accuracy"), ("actors", "sector_accuracy"),
    ("quotes", "f1"), ("quotes", "speaker_accuracy"), ("dates", "value_accuracy"),
    ("places", "country_accuracy"),
)  # fmt: skip


def _print_breakdown(console: Console, group: str, rows: dict[str, Any]) -> None:
    """One column per outlet (or half of the set), one row per headline metric."""
    names = list(rows)
    table = Table(f"{group.removeprefix('by_')}:", *(escape(n) for n in names), box=SIMPLE)
    table.add_row("documents", *(str(rows[n]["documents"]) for n in names))
    for kind, metric in _BREAKDOWN:
        table.add_row(f"{kind}.{metric}", *(f"{rows[n][kind][metric]:.2f}" for n in names))
    Console(highlight=False, width=max(console.width, 40 + 9 * len(names))).print(table)


def _fmt(value: Any) -> str:
    if isinstance(value, dict):
        return "  ".join(f"{k}={_fmt(v)}" for k, v in value.items())
    return f"{value:.4f}" if isinstance(value, float) else str(value)


@contextmanager
def progress_bar(disable: bool = False) -> Iterator[Callable[[int], None]]:
    """A progress bar over stored articles, on stderr; shown only on a terminal."""
    console = Console(stderr=True)
    if disable or not console.is_terminal:
        yield lambda n: None
        return
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingest", total=None)
        yield lambda n: progress.advance(task, n)


@contextmanager
def batch_progress(disable: bool = False) -> Iterator[Callable[[Any], None]]:
    """Partitions done, articles per second and failures of a batch run, on stderr."""
    console = Console(stderr=True)
    if disable or not console.is_terminal:
        yield lambda report: None
        return
    columns = (
        TextColumn("batch"),
        TextColumn("{task.completed} partitions"),
        TextColumn("{task.fields[articles]:,} articles"),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("{task.fields[failures]:,} failed"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("batch", total=None, articles=0, rate=0.0, failures=0)

        def show(report: Any) -> None:
            rate = report.articles / report.seconds if report.seconds else 0.0
            progress.update(
                task,
                completed=report.written + report.resumed,
                articles=report.articles,
                rate=rate,
                failures=report.failures,
            )

        yield show


def print_story(story: dict[str, Any]) -> None:
    console = _console()
    console.print(f"[bold]{safe(story['title'] or '(no headline)')}[/bold]")
    console.print(
        safe(f"story {story['story_id']}  {story['first_day'] or '-'} to "
             f"{story['last_day'] or '-'}  {story['articles']} articles  sources "
             f"{', '.join(story['sources'] or []) or '-'}")
    )  # fmt: skip
    print_rows(story["article_list"], ["id", "date", "source", "title"])
    print_rows(story["incidents"], ["incident_id", "type", "first_day", "place", "actors",
                                    "num_sources", "disputed"])  # fmt: skip
    if story.get("denials"):
        console.print("[bold]denials and the claims they answer[/bold]")
        print_rows(story["denials"], ["denied_by", "denial", "claimed_by", "claim",
                                      "claim_article"])  # fmt: skip


def print_incident(incident: dict[str, Any]) -> None:
    """The incident, and its disagreement table: field, value, who says so, in which article,
    when. The same value from one source and attribution is one row (with how many reports)."""
    console = _console()
    where = safe(incident["place"] or "-")
    console.print(
        f"[bold]{safe(incident['type'])}[/bold] {safe(incident['first_day'] or '-')} at {where}"
        f"  ({incident['num_sources']} sources, {incident['num_articles']} articles, "
        f"{incident['num_mentions']} reports)"
    )
    console.print(
        safe(f"incident {incident['incident_id']}  actors {', '.join(incident['actors']) or '-'}"
             f"  recipients {', '.join(incident['recipients']) or '-'}  merged on "
             f"{', '.join(incident['evidence']) or 'one report'}")
    )  # fmt: skip
    rows = []
    for table in incident["fields"]:
        status = table["status"].replace("_", " ")
        if table.get("best") is not None:
            status += f"; low {table['low']:g} best {table['best']:g} high {table['high']:g}"
        # where the sources disagree, each source's value is a row; where they agree, a value
        # is one row with everyone who gives it
        apart = table["status"] in ("conflicting", "evolving") or table.get("best") is not None
        seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        for value in table["values"]:
            shown = value["value"] if isinstance(value["value"], str) else f"{value['value']:g}"
            qualifier = value.get("qualifier")
            if qualifier and qualifier != "exact":
                shown = f"{shown} ({qualifier.replace('_', ' ')})"
            key = (shown, value.get("attributed_to"), value.get("source")) if apart else (shown,)
            if key in seen:
                row = seen[key]
                row["reports"] += 1
                for column, found in (("per", value.get("attributed_to")),
                                      ("source", value.get("source"))):  # fmt: skip
                    if found and found not in row[column].split(", "):
                        row[column] = f"{row[column]}, {found}" if row[column] != "-" else found
                continue
            seen[key] = {
                "field": "", "status": "", "value": shown,
                "per": value.get("attributed_to") or "-", "source": value.get("source") or "-",
                "article": f"{value['article_id'][:8]} {value['event_id']}",
                "published": value.get("published") or "-", "reports": 1,
            }  # fmt: skip
        found = list(seen.values())
        if found:
            found[0]["field"], found[0]["status"] = table["field"], status
        rows += found
    print_rows(rows, ["field", "status", "value", "per", "source", "article", "published",
                      "reports"])  # fmt: skip
