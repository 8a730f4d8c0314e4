"""Merging benchmark: a full re-merge of NewsArticles.zip, and one more article into a store of
100,000.

    python benchmarks/stories.py --shards /tmp/scale/shards-2 --out /tmp/stories

1. Loads the shards of a `dateline batch` run of NewsArticles.zip (benchmarks/scale.py makes
   them) into a new store, then times `remerge` (every story and incident made anew).
2. Grows the store to 100,000 articles by replicating every table, stories and incidents
   included, with shifted ids and dates 400 days apart per copy (the corpus spans 345 days, so
   copies never meet in a story's time window and the store has the corpus's own threads), then analyses one more article (a real one with a changed sentence, so that
   it is new and joins a real story), writes it, and times `merge_new`: the merge work an ingest
   of one article costs. Median of 5 such articles.

Prints JSON; results go to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from dateline.batch.load import load_shards
from dateline.merging import merge_new, remerge
from dateline.nlp.analysis import analyze_articles
from dateline.records import Analysis, Article
from dateline.store import Store

# Each table's columns that carry an article id or a story-side id, and its date columns.
ID_COLUMNS = {
    "articles": ["id"],
    "story_articles": ["article_id", "story_id", "thread_id", "wire"],
    "story_keys": ["article_id"],
    "stories": ["story_id", "thread_id"],
    "incidents": ["incident_id", "story_id", "thread_id"],
    "incident_events": ["article_id", "incident_id", "thread_id"],
}
DATE_COLUMNS = {
    "articles": ["published", "article_date"],
    "story_articles": ["day"],
    "story_keys": ["day"],
    "stories": ["first_day", "last_day"],
    "incidents": ["first_day", "last_day", "first_reported", "last_reported"],
    "event_rows": ["article_date"],
}
RECORD_TABLES = ("actors", "mentions", "dates", "places", "quotes", "events", "quantities",
                 "event_rows")  # fmt: skip


def grow(db: Path, articles: int) -> dict[str, Any]:
    con = duckdb.connect(str(db))
    base = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    copies = -(-articles // base) - 1
    started = time.perf_counter()
    con.execute("CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, ?)", [copies + 1])
    con.execute("BEGIN TRANSACTION")
    for table in (*ID_COLUMNS, *RECORD_TABLES):
        ids = ID_COLUMNS.get(table, ["article_id"])
        shifts = [f"{c} || '-' || k AS {c}" for c in ids]
        shifts += [f"{c} + CAST(400 * k AS INTEGER) AS {c}" for c in DATE_COLUMNS.get(table, [])]
        con.execute(
            f"INSERT INTO {table} SELECT {table}.* REPLACE ({', '.join(shifts)}) FROM {table}, k"
        )
    con.execute("COMMIT")
    total = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    con.close()
    return {"articles": total, "grow_s": round(time.perf_counter() - started, 1)}


def newcomers(store: Store, n: int) -> list[Article]:
    """Real articles of the store's largest stories, each with a sentence added."""
    from dateline.ingest.articles import article_from_fields

    rows = store.query(
        """SELECT a.title, a.text, a.source, a.published FROM articles a
        JOIN story_articles s ON s.article_id = a.id
        JOIN stories t ON t.story_id = s.story_id
        WHERE a.id NOT LIKE '%-%' ORDER BY t.articles DESC, a.id LIMIT ?""",
        [n],
    )
    return [
        article_from_fields(origin=f"newcomer-{i}", title=r["title"],
                            body=r["text"] + "\nMore details were expected later on.",
                            source=r["source"], published=r["published"])
        for i, r in enumerate(rows)
    ]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shards", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    if not args.shards.exists():
        print(f"skipped: {args.shards} is absent (run benchmarks/scale.py)", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    db = args.out / "stories.duckdb"
    db.unlink(missing_ok=True)
    result: dict[str, Any] = {}
    with Store(db) as store:
        loaded = load_shards(store, args.shards)
        result["articles"] = loaded.loaded
        started = time.perf_counter()
        report = remerge(store)
        result["remerge_s"] = round(time.perf_counter() - started, 2)
        result["stories"] = store.query("SELECT count(*) AS n FROM stories")[0]["n"]
        result["incidents"] = store.query("SELECT count(*) AS n FROM incidents")[0]["n"]
        result["multi_source_incidents"] = store.query(
            "SELECT count(*) AS n FROM incidents WHERE num_sources > 1")[0]["n"]  # fmt: skip
        result["disputed_incidents"] = store.query(
            "SELECT count(*) AS n FROM incidents WHERE disputed")[0]["n"]  # fmt: skip
        assert report.articles == loaded.loaded
        fresh = newcomers(store, 5)
    print(json.dumps(result), file=sys.stderr, flush=True)
    result["grown"] = grow(db, args.articles)
    analyses = [a for a in analyze_articles(fresh) if isinstance(a, Analysis)]
    times = []
    with Store(db) as store:
        for analysis in analyses:
            store.write([analysis])
            started = time.perf_counter()
            merged = merge_new(store)
            times.append((time.perf_counter() - started) * 1000)
            assert merged.articles == 1
    result["one_more_article_merge_ms"] = {
        "median": round(statistics.median(times), 1), "max": round(max(times), 1),
        "each": [round(t, 1) for t in times],
    }  # fmt: skip
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
