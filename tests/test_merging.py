"""Stories and incidents in the store: kept by ingest, the same in any order, consistent after
a kill, shown by the CLI, and counted in the GDELT export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.ingest import read_paths
from dateline.merging import merge_new, remerge
from dateline.nlp.analysis import analyze_articles
from dateline.records import Analysis, Article
from dateline.store import Store

from .conftest import EXAMPLES, many_articles

STORY_TABLES = ("story_articles", "stories", "incidents", "incident_events")
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def analyses(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("merging")
    many_articles(folder / "copies", 8)
    (folder / "odd").mkdir()
    (folder / "odd" / "no-events.txt").write_text(
        "Weather\n\nIt was a quiet and sunny day in the valley, and the river ran clear.\n"
    )
    (folder / "odd" / "future.jsonl").write_text(json.dumps({
        "title": "Parliament to meet", "published": "2031-05-02", "source": "Wire",
        "text": "The parliament of Norway will meet in Oslo to debate the budget, officials "
                "said on Friday. Lawmakers are expected to approve it."}) + "\n")  # fmt: skip
    found = [r for r in read_paths([EXAMPLES, folder / "copies", folder / "odd"])
             if isinstance(r, Article)]  # fmt: skip
    out = [a for a in analyze_articles(found) if isinstance(a, Analysis)]
    assert len(out) == len(found)
    return out


def story_tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in STORY_TABLES}
    finally:
        con.close()


def test_every_article_has_a_story_and_every_event_one_incident(analyses, tmp_path):
    db = tmp_path / "all.duckdb"
    with Store(db) as store:
        store.write(analyses)
        report = merge_new(store)
        assert report.articles == len(analyses)
        assert merge_new(store).articles == 0  # nothing left to merge
    rows = story_tables(db)
    assert len(rows["story_articles"]) == len(analyses)
    events = sum(len(a.events) for a in analyses)
    assert len(rows["incident_events"]) == events
    con = duckdb.connect(str(db), read_only=True)
    copies = con.execute(
        "SELECT count(DISTINCT story_id) FROM story_articles s JOIN articles a "
        "ON a.id = s.article_id WHERE a.origin LIKE '%copies%'"
    ).fetchone()[0]
    assert copies == 1  # eight reports of one story are one story
    merged = con.execute("SELECT max(num_articles) FROM incidents").fetchone()[0]
    assert merged >= 4  # ... and their events merge across the articles
    con.close()


def test_incremental_merging_in_any_order_equals_a_full_remerge(analyses, tmp_path):
    with Store(tmp_path / "at-once.duckdb") as store:
        store.write(analyses)
        merge_new(store)
    with Store(tmp_path / "by-parts.duckdb") as store:
        backwards = list(reversed(analyses))
        for start in range(0, len(backwards), 5):
            store.write(backwards[start : start + 5])
            merge_new(store)
    expected = story_tables(tmp_path / "at-once.duckdb")
    assert story_tables(tmp_path / "by-parts.duckdb") == expected
    with Store(tmp_path / "by-parts.duckdb") as store:
        remerge(store)
    assert story_tables(tmp_path / "by-parts.duckdb") == expected


def test_a_merge_killed_midway_leaves_consistent_stories_and_the_next_completes(analyses, tmp_path):
    db = tmp_path / "killed.duckdb"
    with Store(db) as store:
        store.write(analyses)
        merge_new(store)
    expected = story_tables(db)
    for delay in (0.5, 1.5, 3.0):
        run = subprocess.Popen([str(BIN / "dateline"), "merge", "--all", "--db", str(db)],
                               start_new_session=True)  # fmt: skip
        time.sleep(delay)
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(30)
        con = duckdb.connect(str(db), read_only=True)
        orphans = con.execute(
            "SELECT (SELECT count(*) FROM story_articles WHERE story_id NOT IN "
            "(SELECT story_id FROM stories)) + (SELECT count(*) FROM incident_events WHERE "
            "incident_id NOT IN (SELECT incident_id FROM incidents))"
        ).fetchone()[0]
        con.close()
        assert orphans == 0
        with Store(db) as store:
            merge_new(store)
        assert story_tables(db) == expected


@pytest.fixture(scope="module")
def merged_db(analyses, tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "stories.duckdb"
    with Store(db) as store:
        store.write(analyses)
        merge_new(store)
    return db


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_the_cli_lists_stories_and_incidents_and_shows_the_disagreement_table(merged_db):
    db = ["--db", str(merged_db)]
    stories = json.loads(cli("stories", *db, "--json"))
    biggest = stories[0]
    assert biggest["articles"] == 9  # the eight copies and the example they were made from
    story = json.loads(cli("story", biggest["story_id"][:9], *db, "--json"))
    assert len(story["article_list"]) == 9
    assert isinstance(story["denials"], list)  # denials linked to the claims they answer
    assert story["incidents"]
    incidents = json.loads(cli("incidents", *db, "--min-sources", "1", "--json"))
    top = incidents[0]
    assert top["num_articles"] >= 4
    shown = json.loads(cli("incident", top["incident_id"], *db, "--json"))
    assert len(shown["reports"]) == top["num_mentions"]
    assert {f["field"] for f in shown["fields"]} >= {"modality"}
    text = cli("incident", top["incident_id"], *db)
    assert "field" in text
    assert "per" in text
    assert json.loads(cli("incidents", *db, "--type", top["type"], "--json"))
    assert cli("timeline", "Russia", *db, "--incidents")


def test_show_links_events_to_incidents_and_gdelt_counts_them(merged_db, tmp_path):
    db = ["--db", str(merged_db)]
    con = duckdb.connect(str(merged_db), read_only=True)
    article, mentions, articles = con.execute(
        "SELECT m.article_id, i.num_mentions, i.num_articles FROM incident_events m "
        "JOIN incidents i USING (incident_id) ORDER BY i.num_articles DESC, m.article_id LIMIT 1"
    ).fetchone()
    con.close()
    shown = json.loads(cli("show", article, *db, "--json"))
    assert shown["incidents"]
    assert all(i.startswith("I") for i in shown["incidents"].values())
    out = tmp_path / "events.tsv"
    cli("export", "--format", "gdelt-events", "-o", str(out), *db)
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    # NumMentions, NumSources, NumArticles are columns 32-34 (1-based) of GDELT 2.0 events
    assert any(r[31] == str(mentions) and r[33] == str(articles) for r in rows)


GRASSE = (  # the reports of one school shooting (Grasse, France, 2017-03-16) in seven outlets
    "abcnews.go.com/International/wireStory/french-police-shots-fired-southern-high-school",
    "cnn.com/2017/03/16/europe/france-high-school-shooting-grasse",
    "dw.com/en/several-injured-in-school-shooting-in-france",
    "bbc.co.uk/news/world-europe-39292755",
    "tass.com/world/935949",
    "aljazeera.com/news/2017/03/france-wounded-grasse-school-shooting",
    "rte.ie/news/world/2017/0316/860262-france-shooting",
)


def test_real_reports_of_one_shooting_merge_into_one_incident_of_several_sources(tmp_path, nlp):
    from .conftest import shared_path

    corpus = shared_path("corpus", "news-articles", "NewsArticles.zip")
    found = [r for r in read_paths([corpus])
             if isinstance(r, Article) and any(u in (r.url or "") for u in GRASSE)]  # fmt: skip
    assert len(found) == len(GRASSE)
    db = tmp_path / "grasse.duckdb"
    with Store(db) as store:
        store.write([a for a in analyze_articles(found) if isinstance(a, Analysis)])
        merge_new(store)
        (top,) = store.query(
            "SELECT * FROM incidents WHERE type = 'ASSAULT' ORDER BY num_sources DESC LIMIT 1"
        )
    assert top["num_sources"] >= 4
    assert top["num_articles"] >= 4
    fields = {f["field"]: f for f in json.loads(top["fields"])}
    injured = fields["injured"]
    assert len({v["source"] for v in injured["values"]}) >= 3  # each outlet's figure, kept
    assert injured["low"] <= injured["best"] <= injured["high"]
