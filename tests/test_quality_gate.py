"""The quality gate: scores on the development gold sets must not fall below their floors."""

import json
from pathlib import Path

import pytest

from dateline.evaluate import run_eval
from dateline.settings import Settings

from .conftest import shared_path

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())["gates"]


def _metric(metrics, dotted):
    for part in dotted.split("."):
        metrics = metrics[part]
    return metrics


def _name(gate):
    return f"{gate['task']}:{Path(gate['gold']).name}" + (
        ":gold-spans" if gate.get("gold_spans") else ""
    )


@pytest.mark.gate
@pytest.mark.parametrize("gate", FLOORS, ids=_name)
def test_scores_stay_above_their_floors(gate, nlp):
    gold = shared_path(*gate["gold"].split("/"))
    result = run_eval(
        gate["task"],
        gold,
        Settings(),
        gold_spans=gate.get("gold_spans", False),
        fmt=gate.get("format", "plover"),
    )
    assert result["documents"] > 0
    low = {
        name: (_metric(result["metrics"], name), floor)
        for name, floor in gate["metrics"].items()
        if _metric(result["metrics"], name) < floor
    }
    assert not low, f"{_name(gate)}: below the floor (score, floor): {low}"
