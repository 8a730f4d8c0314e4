import os
import signal
import subprocess
import sys
import time

import pytest

import dateline
from dateline.errors import NotFoundError, StoreError
from dateline.query import list_actors, list_articles
from dateline.records import Failure
from dateline.store import SCHEMA_VERSION, Store

from .conftest import EXAMPLES, ROOT, many_articles


def test_ingest_stores_everything_once(tmp_path):
    db = tmp_path / "t.duckdb"
    with dateline.open_store(db) as store:
        first = dateline.ingest_files(store, [EXAMPLES])
        second = dateline.ingest_files(store, [EXAMPLES])
        counts = store.counts()
    assert first.stored == 13
    assert not first.failures
    assert second.stored == 0
    assert second.duplicates == 13
    assert counts["articles"] == 13
    assert counts["actors"] > 50
    with Store(db, read_only=True) as store:
        assert store.version() == SCHEMA_VERSION
        rows = list_articles(store, limit=100)
        assert len(rows) == 13
        stored = store.article(rows[0]["id"][:8])
        assert stored.article.id == rows[0]["id"]
        assert stored.actors
        assert stored.mentions
        for mention in stored.mentions:
            assert stored.article.text[slice(*mention.span)] == mention.text
        russians = list_actors(store, country="rus")
        assert any(r["name"] == "TASS" and r["articles"] == 4 for r in russians)


def test_store_roundtrip_keeps_the_records(tmp_path, nlp):
    analysis = dateline.analyze(
        (EXAMPLES / "05-tass-baku-visit.txt").read_text(), published="2024-02-07"
    )
    with Store(tmp_path / "r.duckdb") as store:
        assert store.write([analysis, analysis]) == 1
        back = store.article(analysis.article.id)
    assert back.article == analysis.article
    assert back.actors == analysis.actors
    assert back.mentions == analysis.mentions
    assert back.dates == analysis.dates
    assert analysis.dates
    assert back.places == analysis.places
    assert back.quotes == analysis.quotes
    assert analysis.places


def test_failures_are_recorded_and_the_batch_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text((EXAMPLES / "02-reuters-ankara-drills.txt").read_text())
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text("{oops\n")
    with Store(tmp_path / "f.duckdb") as store:
        report = dateline.ingest_files(
            store, [tmp_path / "good.txt", tmp_path / "empty.txt", tmp_path / "bad.jsonl"]
        )
        dateline.ingest_files(store, [tmp_path / "empty.txt"])  # the same failure is kept once
        rows = store.query("SELECT origin, stage, reason FROM failures ORDER BY origin")
    assert report.stored == 1
    assert all(isinstance(f, Failure) for f in report.failures)
    names = [r["origin"].rsplit("/", 1)[-1] for r in rows]
    assert names[0].startswith("bad.jsonl")
    assert names[1] == "empty.txt"
    assert "malformed JSON" in rows[0]["reason"]
    assert rows[1]["reason"] == "empty file"


def test_reading_a_missing_database_or_id_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "none.duckdb", read_only=True)
    with Store(tmp_path / "e.duckdb") as store, pytest.raises(NotFoundError):
        store.article("ffff")


def test_an_interrupted_ingest_leaves_whole_articles_and_a_rerun_completes_it(tmp_path):
    corpus = many_articles(tmp_path / "many", 600)
    db = tmp_path / "k.duckdb"
    env = {**os.environ, "DATELINE_BATCH_SIZE": "4"}
    command = [sys.executable, "-m", "dateline.cli", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db) as store:
        partial = store.counts()["articles"]
        orphans = store.query(
            "SELECT count(*) AS n FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.article_id = a.id)"
        )[0]["n"]
    assert orphans == 0  # every stored article came with its mentions, in one transaction
    assert partial < 600
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
    with Store(db) as store:
        assert store.counts()["articles"] == 600


def test_ingest_in_a_pool_of_two_workers_stores_the_same(tmp_path):
    from dateline.settings import Settings

    with Store(tmp_path / "pool.duckdb") as store:
        report = dateline.ingest_files(store, [EXAMPLES], Settings(n_process=2, batch_size=4))
        names = {r["name"] for r in list_actors(store, limit=500)}
    assert report.stored == 13
    assert {"TASS", "Vladimir Putin", "Recep Tayyip Erdogan"} <= names
