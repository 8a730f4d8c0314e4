"""`dateline batch` on real Dask clusters (separate worker processes) and `dateline load`.

The expensive runs are shared: one 2-worker run of 200 NewsArticles items is compared with
`ingest` of the same file; a small run is compared across 1 worker, 2 workers killed and
resumed, and a cluster of separate `dask scheduler` / `dask worker` processes with one worker
killed mid-run.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import pytest

from dateline.batch.load import load_shards
from dateline.batch.manifest import MANIFEST
from dateline.batch.run import run_batch
from dateline.errors import BatchError, StoreError
from dateline.ingest import read_paths
from dateline.records import Article
from dateline.settings import DEFAULT_PARTITION_SIZE
from dateline.store import Store
from dateline.store.db import SCHEMA_VERSION
from dateline.store.shards import TABLES, write_partition

from .conftest import EXAMPLES, many_articles, shared_path

BIN = Path(sys.executable).parent
TIMESTAMPS = {"ingested_at", "first_seen"}  # when a row was written, not what it says

pytestmark = pytest.mark.slow


def dateline(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "dateline"), *args], capture_output=True, text=True, timeout=600, **kwargs
    )


def tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every record table, in a fixed order, without the write timestamps."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            columns = ", ".join(n for n in names if n not in TIMESTAMPS)
            out[table] = con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def loaded(shards: Path, db: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store(db) as store:
        load_shards(store, shards)
    return tables(db)


def news_sample(folder: Path, n: int) -> Path:
    """The first ``n`` rows of NewsArticles.csv as a CSV file of their own."""
    corpus = shared_path("corpus", "news-articles", "NewsArticles.zip")
    with zipfile.ZipFile(corpus) as archive:
        member = next(m for m in archive.namelist() if m.endswith(".csv"))
        text = archive.read(member).decode("utf-8", errors="replace")
    rows = list(csv.reader(io.StringIO(text)))[: n + 1]
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"news-{n}.csv"
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return target


def small_input(folder: Path) -> Path:
    """24 distinct articles, the examples, and bad input of three readers."""
    many_articles(folder / "input", 24)
    (folder / "input" / "broken.jsonl").write_text('{"text": "fine enough"\n{"text": 3}\n')
    (folder / "input" / "empty.txt").write_text("")
    (folder / "input" / "ragged.csv").write_text("title,text\nonly one field\n")
    for example in EXAMPLES.iterdir():
        (folder / "input" / example.name).write_bytes(example.read_bytes())
    return folder / "input"


def input_ids(path: Path) -> set[str]:
    return {r.id for r in read_paths([path]) if isinstance(r, Article)}


def wait_for(condition, timeout: float = 300, what: str = "") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def partitions_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("part-*") if p.is_dir())


# -- equality with ingest ----------------------------------------------------------------------
def test_batch_and_load_give_the_rows_that_ingest_gives(tmp_path):
    sample = news_sample(tmp_path, 200)
    ingested = tmp_path / "ingest.duckdb"
    done = dateline("ingest", str(sample), "--db", str(ingested), "--json")
    assert done.returncode == 0, done.stderr
    run = dateline("batch", str(sample), "--out", str(tmp_path / "shards"), "--workers", "2",
                   "--partition-size", "50", "--json")  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    stored = json.loads(done.stdout)["stored"]
    assert report["articles"] == stored > 150
    assert report["errors"] == []
    assert report["workers"] == 2
    ingest_rows = tables(ingested)
    batch_rows = loaded(tmp_path / "shards", tmp_path / "batch.duckdb")
    for table in TABLES:
        assert batch_rows[table] == ingest_rows[table], table
    assert len(ingest_rows["events"]) > 300
    assert ingest_rows["failures"]


# -- 1 worker, 2 workers killed and resumed, a cluster of separate processes --------------------
@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    source = small_input(folder)
    shards = folder / "one-worker"
    report = run_batch([str(source)], shards, workers=1, partition_size=4)
    assert report.errors == []
    assert report.workers == 1
    return source, shards, loaded(shards, folder / "one-worker.duckdb")


def test_bad_input_lands_in_the_failures_shard_and_the_run_goes_on(small):
    source, _, rows = small
    origins = " ".join(f[0] for f in rows["failures"])
    assert "broken.jsonl" in origins
    assert "empty.txt" in origins
    assert "ragged.csv" in origins
    assert {r[0] for r in rows["articles"]} == input_ids(source)


def test_a_killed_run_resumes_and_gives_the_output_of_one_worker(small, tmp_path):
    source, _, one_worker = small
    shards = tmp_path / "shards"
    args = [str(BIN / "dateline"), "batch", str(source), "--out", str(shards), "--workers", "2",
            "--partition-size", "4", "--json"]  # fmt: skip
    run = subprocess.Popen(args, start_new_session=True, stdout=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: len(partitions_in(shards)) >= 1 or run.poll() is not None, what="a shard")
        assert run.poll() is None, "the run finished before it could be killed"
        os.killpg(run.pid, signal.SIGKILL)  # the client, the scheduler and the workers
    finally:
        run.wait(60)
    written_before = len(partitions_in(shards))
    again = dateline(*args[1:])
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert 1 <= written_before < report["partitions"]
    assert report["resumed"] >= written_before
    assert report["errors"] == []
    assert len(partitions_in(shards)) == report["partitions"]
    assert not list(shards.glob(".part-*")), "an unfinished partition was left behind"
    assert loaded(shards, tmp_path / "resumed.duckdb") == one_worker


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_cluster_of_separate_processes_survives_a_killed_worker(small, tmp_path):
    source, _, one_worker = small
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    daemons = []

    def start(*args: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen([str(BIN / "dask"), *args], start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        daemons.append(proc)
        return proc

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
        workers = [
            start("worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard")
            for _ in range(2)
        ]
        shards = tmp_path / "shards"
        args = [str(BIN / "dateline"), "batch", str(source), "--out", str(shards),
                "--scheduler", address, "--partition-size", "4", "--json"]  # fmt: skip
        run = subprocess.Popen(args, start_new_session=True, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
        daemons.append(run)
        wait_for(lambda: len(partitions_in(shards)) >= 1 or run.poll() is not None, what="a shard")
        assert run.poll() is None, "the run finished before a worker could be killed"
        os.killpg(workers[0].pid, signal.SIGKILL)  # the worker and its nanny: a machine lost
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        report = json.loads(out)
        assert report["errors"] == []
        con = duckdb.connect()
        count, distinct = con.execute(
            "SELECT count(*), count(DISTINCT id) FROM read_parquet(?)",
            [str(shards / "part-*" / "articles.parquet")],
        ).fetchone()
        assert count == distinct == len(input_ids(source))  # every article once, queried in place
        assert loaded(shards, tmp_path / "cluster.duckdb") == one_worker
    finally:
        for proc in daemons:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)


# -- faults -------------------------------------------------------------------------------------
def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr("dateline.batch.run.SCHEDULER_TIMEOUT", "1s")
    with pytest.raises(BatchError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1"):
        run_batch([str(EXAMPLES)], tmp_path / "shards", scheduler=f"tcp://127.0.0.1:{free_port()}")


def test_the_cli_exits_with_an_error_when_the_scheduler_is_unreachable(tmp_path):
    run = dateline("batch", str(EXAMPLES), "--out", str(tmp_path / "s"),
                   "--scheduler", f"tcp://127.0.0.1:{free_port()}")  # fmt: skip
    assert run.returncode == 1
    assert "cannot reach the Dask scheduler" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.fixture
def full_disk(tmp_path):
    """A real file system of 256 KiB (a tmpfs; mounting one needs root)."""
    mount = tmp_path / "full"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip()})")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_leaves_no_partition_and_the_rerun_writes_it(full_disk, tmp_path, nlp):
    from dateline.nlp.analysis import analyze_articles

    articles = [
        r for r in read_paths([many_articles(tmp_path / "in", 30)]) if isinstance(r, Article)
    ]
    analyses = list(analyze_articles(articles))
    (full_disk / "filler").write_bytes(b"x" * 240_000)  # 4 pages left: nine shards need more
    with pytest.raises(StoreError, match=r"part-000003: cannot write the partition"):
        write_partition(full_disk, 3, analyses, [])
    assert list(full_disk.iterdir()) == [full_disk / "filler"]  # no partition, no temporary
    (full_disk / "filler").unlink()
    counts = write_partition(full_disk, 3, analyses, [])
    assert counts["articles"] == 30
    assert (full_disk / "part-000003" / "events.parquet").is_file()


def test_a_folder_of_another_schema_version_is_refused(tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / MANIFEST).write_text(json.dumps(
        {"schema_version": 999, "inputs": [str(EXAMPLES)], "partition_size": 100}))  # fmt: skip
    with pytest.raises(BatchError, match="schema version 999"):
        run_batch([str(EXAMPLES)], shards, workers=1)
    run = dateline("load", str(shards), "--db", str(tmp_path / "x.duckdb"))
    assert run.returncode == 1
    assert "schema version 999" in run.stderr


def test_a_folder_of_another_run_is_refused(tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / MANIFEST).write_text(json.dumps(
        {"schema_version": SCHEMA_VERSION, "inputs": ["/elsewhere"],
         "partition_size": DEFAULT_PARTITION_SIZE}))  # fmt: skip
    with pytest.raises(BatchError, match="holds shards of another run"):
        run_batch([str(EXAMPLES)], shards, workers=1)


def test_standard_input_and_a_folder_without_shards_are_refused(tmp_path):
    with pytest.raises(BatchError, match="not standard input"):
        run_batch(["-"], tmp_path / "shards", workers=1)
    run = dateline("load", str(tmp_path), "--db", str(tmp_path / "x.duckdb"))
    assert run.returncode == 1
    assert "not a folder of Dateline shards" in run.stderr


def test_loading_twice_stores_each_article_once(small, tmp_path):
    _, shards, one_worker = small
    db = tmp_path / "twice.duckdb"
    with Store(db) as store:
        first = load_shards(store, shards)
        second = load_shards(store, shards)
    assert first.loaded == len(one_worker["articles"])
    assert second.loaded == 0
    assert tables(db) == one_worker
