"""``dateline eval TASK --gold PATH``: score an extractor on a gold-standard set.

Each task returns ``{"task", "documents", "metrics": {...}}``; the quality gate pins the metrics
of the development sets as floors (``tests/quality_floors.json``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dateline.errors import GoldFormatError
from dateline.settings import Settings

TASKS = ("ner", "time", "places", "quotes", "events", "newswire", "dedup")


def run_eval(
    task: str,
    gold: Path,
    settings: Settings,
    model_only: bool = False,
    gold_spans: bool = False,
    fmt: str = "plover",
) -> dict[str, Any]:
    if not gold.exists():
        raise GoldFormatError(f"{gold}: no such gold file or folder")
    if task == "ner":
        from dateline.evaluate.ner import evaluate_ner

        return evaluate_ner(gold, settings, model_only=model_only)
    if task == "time":
        from dateline.evaluate.time import evaluate_time

        return evaluate_time(gold, settings)
    if task == "places":
        from dateline.evaluate.places import evaluate_places

        return evaluate_places(gold, settings, gold_spans=gold_spans)
    if task == "quotes":
        from dateline.evaluate.quotes import evaluate_quotes

        return evaluate_quotes(gold, settings)
    if task == "events":
        from dateline.evaluate.events import evaluate_events

        return evaluate_events(gold, settings, fmt)
    if task == "newswire":
        from dateline.evaluate.newswire import evaluate_newswire

        return evaluate_newswire(gold, settings)
    if task == "dedup":
        from dateline.evaluate.dedup import evaluate_dedup

        return evaluate_dedup(gold, settings)
    raise GoldFormatError(f"unknown task {task!r}; tasks: {', '.join(TASKS)}")
