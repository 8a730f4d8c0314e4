"""Parquet shards: what a batch run writes per partition, and the bulk loader into a store.

A partition is a folder ``part-NNNNNN/`` with one Parquet file per table of the store
(``articles.parquet``, ``events.parquet``, ...) and a ``partition.json`` of its counts. The
worker writes it into a hidden temporary folder and renames the folder when every file is
complete, so a partition is either all there or absent: a run killed mid-write, or a disk that
fills, leaves only a temporary folder that the rerun removes and redoes. The rows are made by
the same writer as ``ingest`` (``Store.write`` into an in-memory database of the same schema),
so a loaded shard and an ingested article give the same rows.

Shards can be queried in place, without loading them:
``SELECT * FROM read_parquet('shards/part-*/events.parquet')``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb

from dateline.errors import StoreError
from dateline.records import Analysis, Failure
from dateline.store.db import SCHEMA_VERSION, Store

# Every table of the store that holds records, in the order they are written and loaded
# (articles first: the other tables' rows are loaded for the articles that are new).
# event_rows is the events' read projection that the writer keeps; a shard carries it so that
# loading is a copy (and so that shards queried in place have it); search_terms likewise.
TABLES = (
    "articles", "actors", "mentions", "dates", "places", "quotes", "events", "quantities",
    "event_rows", "search_terms", "failures",
)  # fmt: skip
PARTITION_GLOB = "part-*"
INFO = "partition.json"


def partition_name(index: int) -> str:
    return f"part-{index:06d}"


def write_partition(
    out: Path, index: int, analyses: Sequence[Analysis], failures: Sequence[Failure]
) -> dict[str, int]:
    """Write one partition's shards; returns the row count of each table. A partition already
    complete (a retried task whose first run finished) is left as it is."""
    final = out / partition_name(index)
    if final.is_dir():
        return partition_rows(final)
    tmp = out / f".{final.name}.{uuid.uuid4().hex}.tmp"
    try:
        tmp.mkdir(parents=True)
        counts = _write_tables(tmp, analyses, failures)
        info = {"partition": index, "schema_version": SCHEMA_VERSION, "rows": counts}
        (tmp / INFO).write_text(json.dumps(info), "utf-8")
        try:
            tmp.rename(final)
        except OSError:
            if not final.is_dir():  # another run of the same task won the rename: same rows
                raise
    except OSError as err:
        raise StoreError(
            f"{final}: cannot write the partition ({err.strerror or err}); nothing of it kept, "
            "a rerun redoes it"
        ) from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return counts


def _write_tables(
    folder: Path, analyses: Sequence[Analysis], failures: Sequence[Failure]
) -> dict[str, int]:
    counts: dict[str, int] = {}
    with Store(":memory:") as memory:
        memory.write(analyses, failures)
        for table in TABLES:
            target = _sql_path(folder / f"{table}.parquet")
            try:
                memory.con.execute(f"COPY {table} TO {target} (FORMAT parquet)")
            except duckdb.Error as err:  # DuckDB reports a full disk as its own error
                raise OSError(str(err)) from err
            row = memory.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(row[0]) if row else 0
    return counts


def partition_rows(folder: Path) -> dict[str, int]:
    """The row count of each table of a complete partition."""
    info = json.loads((folder / INFO).read_text("utf-8"))
    return {str(k): int(v) for k, v in info["rows"].items()}


def complete_partitions(out: Path) -> dict[int, Path]:
    """The partitions of ``out`` that were written completely, by index."""
    found = {}
    for folder in out.glob(PARTITION_GLOB):
        if folder.is_dir() and (folder / INFO).is_file():
            found[int(folder.name.split("-")[1])] = folder
    return dict(sorted(found.items()))


def remove_unfinished(out: Path) -> int:
    """Remove the temporary folders of partitions that were being written when a run stopped."""
    removed = 0
    for tmp in out.glob(".part-*.tmp"):
        shutil.rmtree(tmp, ignore_errors=True)
        removed += 1
    return removed


def load_partitions(store: Store, folders: Sequence[Path]) -> tuple[int, int]:
    """Load whole partitions into ``store`` in one transaction (all of them or none), skipping
    articles already stored; returns (articles loaded, failures in the partitions). Each table
    is one ``read_parquet`` over the partitions' files: a statement costs milliseconds
    whatever its size, so a statement per partition and table made loading three times slower."""
    if not folders:
        return 0, 0
    con = store.con

    def shards(table: str) -> str:
        return "[" + ", ".join(_sql_path(f / f"{table}.parquet") for f in folders) + "]"

    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _new_ids AS SELECT DISTINCT id FROM "
            f"read_parquet({shards('articles')}) WHERE id NOT IN (SELECT id FROM articles)"
        )
        con.execute(
            f"INSERT INTO articles BY NAME SELECT * FROM read_parquet({shards('articles')}) "
            "WHERE id IN (SELECT id FROM _new_ids)"
        )
        for table in TABLES[1:-1]:
            con.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet({shards(table)}) "
                "WHERE article_id IN (SELECT id FROM _new_ids)"
            )
        con.execute(
            "INSERT OR IGNORE INTO failures BY NAME SELECT * FROM "
            f"read_parquet({shards('failures')})"
        )
        row = con.execute("SELECT count(*) FROM _new_ids").fetchone()
        con.execute("DROP TABLE _new_ids")
        con.execute("COMMIT")
    except duckdb.Error as err:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        names = ", ".join(f.name for f in folders)
        raise StoreError(f"cannot load {names}, nothing of them stored ({err})") from err
    failures = sum(partition_rows(f).get("failures", 0) for f in folders)
    return (int(row[0]) if row else 0), failures


def _sql_path(path: Path) -> str:
    """A file name as a SQL string literal (COPY and read_parquet take no parameters)."""
    return "'" + os.fspath(path).replace("'", "''") + "'"
