"""Events through the surfaces: the store keeps them whole, the CLI lists, orders and exports
them (GDELT 2.0 events with 61 columns, GKG 2.1 with 27, JSON Lines, CSV, Parquet)."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.store import Store

from .conftest import EXAMPLES, shared_path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("events") / "events.duckdb"
    seed = shared_path("corpus", "seed", "putin-erdogan-idlib.txt")
    result = run("ingest", seed, EXAMPLES, "--db", path, "--published", "2020-03-04",
                 "--n-process", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    return path


def test_the_store_gives_back_the_events_it_was_given(db, seed_analysis):
    with Store(db, read_only=True) as store:
        stored = store.article(seed_analysis.article.id)
    assert stored.events == seed_analysis.events
    assert stored.quantities == seed_analysis.quantities


def test_events_filters(db):
    result = run("events", "--db", db, "--type", "assault", "--country", "TUR", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows
    assert all(r["type"] == "ASSAULT" for r in rows)
    assert all("TUR" in r["actor_countries"] + r["recipient_countries"] for r in rows)
    planned = json.loads(run("events", "--db", db, "--modality", "planned", "--json").output)
    assert any(r["actors"] == ["Vladimir Putin", "Recep Tayyip Erdogan"] for r in planned)
    window = run("events", "--db", db, "--since", "2020-02-27", "--until", "2020-02-27", "--json")
    days = {r["day"] for r in json.loads(window.output)}
    # An event dated by its year or month alone ("this year") may fall on that day too.
    assert "2020-02-27" in days
    assert days <= {"2020-02-27", "2020-02", "2020"}


def test_timeline_is_in_the_order_things_happened(db):
    rows = json.loads(run("timeline", "Erdogan", "--db", db, "--json").output)
    days = [r["day"] for r in rows if r["day"]]
    assert days == sorted(days)
    assert "2019" in days
    at_idlib = json.loads(run("timeline", "Idlib", "--db", db, "--json").output)
    assert any(r["place"] and "Idlib" in r["place"] for r in at_idlib)


def test_show_prints_events_readably(db, seed_analysis):
    result = run("show", seed_analysis.article.id[:10], "--db", db)
    assert result.exit_code == 0, result.output
    assert "2020-03-05 · CONSULT:meet · Vladimir Putin, Recep Tayyip Erdogan" in result.output
    assert "planned · per TASS" in result.output


@pytest.mark.parametrize(("fmt", "columns"), [("gdelt-events", 61), ("gdelt-gkg", 27)])
def test_gdelt_exports_have_the_codebook_columns(db, tmp_path, fmt, columns):
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--db", db, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text("utf-8").splitlines()]
    assert rows
    assert {len(r) for r in rows} == {columns}
    if fmt == "gdelt-gkg":
        seed = next(r for r in rows if "Idlib" in r[-1])
        assert "Dmitry Peskov (told)" in seed[22]  # V2.1QUOTATIONS: the speaker as the verb
        assert "KILL#36#Turkish soldiers" in seed[5]
        assert "4#3#5#2020#" in seed[16]  # V2.1ENHANCEDDATES: Thursday, 2020-03-05
    else:
        assert any(r[26] == "195" and r[5] == "SYRMIL" for r in rows)  # aerial strikes


def test_flat_exports(db, tmp_path):
    out = tmp_path / "events.csv"
    assert run("export", "--db", db, "--format", "csv", "-o", out).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows
    assert {"type", "modality", "actors", "recipients", "place"} <= set(rows[0])
    parquet = tmp_path / "events.parquet"
    assert run("export", "--db", db, "--format", "parquet", "-o", parquet).exit_code == 0
    assert parquet.read_bytes()[:4] == b"PAR1"
    lines = tmp_path / "all.jsonl"
    assert run("export", "--db", db, "--format", "jsonl", "-o", lines).exit_code == 0
    docs = [json.loads(line) for line in lines.read_text("utf-8").splitlines()]
    assert any(d["events"] for d in docs)


def test_exporting_to_an_unwritable_place_is_a_clear_error(db, tmp_path):
    result = run("export", "--db", db, "--format", "jsonl", "-o", tmp_path / "no" / "x.jsonl")
    assert result.exit_code == 1
    assert "cannot write the export" in result.output
