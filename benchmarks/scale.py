"""Scale benchmark: `dateline batch` on 1 and 2 workers, `dateline load`, and queries on a store
of 1,000,000 events.

    python benchmarks/scale.py --out /tmp/scale            (all of NewsArticles.zip; make bench-scale)
    python benchmarks/scale.py --out /tmp/scale --n 500    (the first 500 articles)
    python benchmarks/scale.py --out /tmp/scale --skip-batch   (load and queries only)

1. Runs the batch analysis of the corpus with 1 and with 2 local workers (a fresh shard folder
   each; cluster start and model loading included) and reports wall clock, articles/s, the
   speed-up, and the resident memory of the worker processes: the largest when 500, 1,000 and
   all articles were done, and the peak (sampled every 0.2 s with psutil).
2. Loads the 2-worker shards into a new DuckDB file and reports articles/s.
3. Grows that store to 1,000,000 events by replicating its real records with shifted article
   ids and dates (every table, so joins stay real), makes event_rows anew from them (as the
   writer would have), then times `dateline events` filters and a `timeline` (the library
   calls the CLI makes; median of 5 runs after one warm-up).

Prints JSON; results go to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import psutil

from dateline.batch.load import load_shards
from dateline.batch.run import BatchReport, run_batch
from dateline.query import list_events, timeline
from dateline.store import Store

CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news-articles" / "NewsArticles.zip"
)
CHECKPOINTS = (500, 1000)


class WorkerMemory:
    """Samples the resident memory of this process's descendants (the Dask workers)."""

    def __init__(self) -> None:
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def current(self) -> int:
        biggest = 0
        for child in psutil.Process().children(recursive=True):
            try:
                biggest = max(biggest, child.memory_info().rss)
            except psutil.Error:
                continue
        return biggest

    def _run(self) -> None:
        while not self.stop.wait(0.2):
            self.peak = max(self.peak, self.current())

    def __enter__(self) -> WorkerMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def mb(n: int) -> int:
    return round(n / 2**20)


def batch(corpus: Path, out: Path, workers: int, n: int | None) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    paths = [str(corpus)]
    if n is not None:  # the first n rows of the corpus, as a CSV of its own
        paths = [str(_first_rows(corpus, n, out.parent / f"first-{n}.csv"))]
    at: dict[int, int] = {}
    with WorkerMemory() as memory:

        def progress(report: BatchReport) -> None:
            at[-1] = mb(memory.current())  # the latest sample, while the workers still run
            for mark in CHECKPOINTS:
                if report.articles >= mark and mark not in at:
                    at[mark] = mb(memory.current())

        started = time.perf_counter()
        report = run_batch(paths, out, workers=workers, progress=progress)
        seconds = time.perf_counter() - started
        at[report.articles] = at.pop(-1, 0)
    return {
        "workers": workers,
        "articles": report.articles,
        "partitions": report.partitions,
        "failures": report.failures,
        "errors": report.errors,
        "seconds": round(seconds, 1),
        "articles_per_s": round(report.articles / seconds, 2),
        "worker_rss_mb_at": at,
        "worker_peak_rss_mb": mb(memory.peak),
    }


def _first_rows(corpus: Path, n: int, target: Path) -> Path:
    import csv
    import io
    import zipfile

    with zipfile.ZipFile(corpus) as archive:
        name = next(m for m in archive.namelist() if m.endswith(".csv"))
        text = archive.read(name).decode("utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows[: n + 1])
    return target


def load(out: Path, db: Path) -> dict[str, Any]:
    db.unlink(missing_ok=True)
    with Store(db) as store:
        report = load_shards(store, out)
    return {
        "partitions": report.partitions,
        "articles": report.loaded,
        "seconds": round(report.seconds, 3),
        "articles_per_s": round(report.loaded / report.seconds),
    }


def grow(db: Path, events: int) -> dict[str, Any]:
    """Replicate every table's rows with shifted article ids and dates until ``events``."""
    con = duckdb.connect(str(db))
    base = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    copies = -(-events // base) - 1
    started = time.perf_counter()
    con.execute("CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, ?)", [copies + 1])
    con.execute("BEGIN TRANSACTION")
    con.execute(
        "INSERT INTO articles SELECT articles.* REPLACE (id || '-' || k AS id, "
        "published + CAST(k AS INTEGER) AS published, "
        "article_date + CAST(k AS INTEGER) AS article_date) FROM articles, k"
    )
    tables = ("actors", "mentions", "dates", "places", "quotes", "events", "quantities",
              "search_terms")  # fmt: skip
    for table in tables:
        shift = ""
        if table == "events":  # the event's own date moves with its article
            shift = (
                ", CASE WHEN TRY_CAST(date AS DATE) IS NOT NULL THEN strftime(TRY_CAST(date AS DATE) + "
                "CAST(k AS INTEGER), '%Y-%m-%d') ELSE date END AS date"
            )
        con.execute(
            f"INSERT INTO {table} SELECT {table}.* REPLACE (article_id || '-' || k AS article_id{shift}) "
            f"FROM {table}, k"
        )
    con.execute("COMMIT")
    total = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    con.close()
    grown = time.perf_counter() - started
    started = time.perf_counter()
    with Store(db) as store:  # the read projection of the replicated events, as the writer keeps it
        store.refresh_event_rows()
        store.con.execute("CHECKPOINT")
        rows = store.query("SELECT count(*) AS n FROM event_rows")[0]["n"]
    return {
        "events": total,
        "event_rows": rows,
        "articles": articles,
        "copies": copies + 1,
        "grow_s": round(grown, 1),
        "refresh_event_rows_s": round(time.perf_counter() - started, 1),
    }


def timed(call: Callable[[], Any], runs: int = 5) -> dict[str, Any]:
    call()  # warm-up
    times = []
    rows = 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(call())
        times.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
            "rows": rows}  # fmt: skip


def queries(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        return {
            "events (first 50)": timed(lambda: list_events(store)),
            "events --type ASSAULT": timed(lambda: list_events(store, type_="ASSAULT")),
            "events --country RUS": timed(lambda: list_events(store, country="RUS")),
            "events --since/--until (a month)": timed(
                lambda: list_events(store, since="2015-03-01", until="2015-03-31")
            ),
            "events --place Kabul": timed(lambda: list_events(store, place="Kabul")),
            "events --actor Taliban": timed(lambda: list_events(store, actor="Taliban")),
            "timeline Taliban": timed(lambda: timeline(store, "Taliban")),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, required=True, help="scratch folder")
    parser.add_argument("--n", type=int, help="only the first N articles")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--skip-batch", action="store_true", help="reuse the shards in --out")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent", file=sys.stderr)
        return 0
    result: dict[str, Any] = {
        "machine": f"{platform.machine()}, {psutil.cpu_count()} cores, "
        f"{mb(psutil.virtual_memory().total) // 1024} GiB, Python {platform.python_version()}",
    }
    shards = args.out / f"shards-{max(args.workers)}"
    if not args.skip_batch:
        runs = [batch(args.corpus, args.out / f"shards-{w}", w, args.n) for w in args.workers]
        result["batch"] = runs
        if len(runs) > 1:
            result["speed_up"] = round(runs[-1]["articles_per_s"] / runs[0]["articles_per_s"], 2)
        print(json.dumps(result, indent=2), flush=True)
    db = args.out / "big.duckdb"
    result["load"] = load(shards, db)
    result["grown"] = grow(db, args.events)
    result["queries"] = queries(db)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
