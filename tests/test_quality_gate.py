"""The quality gate: scores on the development gold sets must not fall below their floors."""

import json
from pathlib import Path

import pytest

from dateline.evaluate import run_eval
from dateline.settings import Settings

from .conftest import shared_path

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())
TASKS = [task for task in FLOORS if not task.startswith("_")]


def _metric(metrics, dotted):
    for part in dotted.split("."):
        metrics = metrics[part]
    return metrics


@pytest.mark.gate
@pytest.mark.parametrize("task", TASKS)
def test_scores_stay_above_their_floors(task, nlp):
    gold = shared_path(*FLOORS[task]["gold"].split("/"))
    result = run_eval(task, gold, Settings())
    assert result["documents"] > 0
    low = {
        name: (_metric(result["metrics"], name), floor)
        for name, floor in FLOORS[task]["metrics"].items()
        if _metric(result["metrics"], name) < floor
    }
    assert not low, f"{task}: below the floor (score, floor): {low}"
