"""What the commands share: settings, the error edge, JSON output and the common options."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from dateline.errors import DatelineError
from dateline.settings import SETTINGS_HELP, Settings

F = TypeVar("F", bound=Callable[..., Any])


def errors_to_exit(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DatelineError as err:
            click.echo(f"error: {inert(err)}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def settings_from(**changes: Any) -> Settings:
    return Settings.from_env().with_(**changes)


def interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


# A run with 100,000 bad records shows the first few and a count; the failures table has all.
SHOWN_FAILURES = 20


def inert(value: object) -> str:
    """A message with stored text in it, made safe for a terminal (no escape codes)."""
    from dateline.render import plain

    return plain(value)


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


db_option = click.option(
    "--db", type=click.Path(path_type=Path), default=None, help=SETTINGS_HELP["db"]
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for programs.")
limit_option = click.option(
    "--limit", default=50, show_default=True, help="At most this many rows."
)


def defaults_options(func: F) -> F:
    """--published and --source: what a document that gives none is taken to say."""
    func = click.option("--source", help="Outlet name for articles that give none.")(func)
    return click.option(
        "--published", help="Publication date (YYYY-MM-DD) for articles that give none."
    )(func)


def lexicon_options(func: F) -> F:
    """--actors-file and --events-file: the user's own actors and event lexicon."""
    path = click.Path(path_type=Path)
    func = click.option("--events-file", type=path, help=SETTINGS_HELP["events_file"])(func)
    return click.option("--actors-file", type=path, help=SETTINGS_HELP["actors_file"])(func)
