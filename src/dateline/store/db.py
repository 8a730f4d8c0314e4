"""The DuckDB store: schema migrations, the one writer, and the read queries.

This package is the only code that imports duckdb. A ``Store`` opened for writing owns the file
(DuckDB allows one writing process); every batch of articles is written in one transaction, so
an interrupted ingest leaves whole articles or none, and a rerun completes it. Readers open the
file read-only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from dateline.errors import NotFoundError, QueryTimeout, StoreError
from dateline.records import (
    Actor,
    Analysis,
    Article,
    DateMention,
    Failure,
    Mention,
    Place,
    Quantity,
    Quote,
)
from dateline.store.rows import (
    article_from_row,
    article_row,
    event_from_row,
    party_rows,
    record,
    repairs_json,
    span_list,
    span_lists,
)
from dateline.store.sql import (
    EVENT_ROWS,
    FILL_EVENT_ROWS,
    FILL_SEARCH_TERMS,
    SPREADSHEET_SAFE_EVENT_ROWS,
)
from dateline.store.watchdog import WATCHDOG


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("dateline.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_")[0]), entry.read_text("utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(v for v, _ in _migrations())
READ_SIDE_VERSION = 8  # the migration after which event_rows and search_terms are filled anew
INSERT_CHUNK = 200


class Store:
    """A Dateline database file. ``Store(path)`` opens (and creates or migrates) it for writing;
    ``Store(path, read_only=True)`` opens an existing one for reading."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (run `dateline ingest` first)")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open the database ({err})") from err
        try:
            self._check_schema(read_only)
        except duckdb.Error as err:
            self.con.close()
            raise StoreError(f"{self.path}: not a readable Dateline database ({err})") from err
        except StoreError:
            self.con.close()
            raise

    def _check_schema(self, read_only: bool) -> None:
        if not read_only:
            self.migrate()
        elif (found := self.version()) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {found} is newer than this Dateline's "
                f"({SCHEMA_VERSION}); upgrade Dateline to read it"
            )
        elif found != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {found}, this Dateline reads "
                f"{SCHEMA_VERSION}; open it once for writing (dateline ingest) to migrate"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema ----------------------------------------------------------------------------------
    def version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> None:
        """Apply every migration newer than the file's version, each in its own transaction."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            "applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this Dateline's "
                f"({SCHEMA_VERSION}); upgrade Dateline to write to it"
            )
        for version, sql in _migrations():
            if version <= current:
                continue
            try:
                self.con.execute("BEGIN TRANSACTION")
                self.con.execute(sql)
                if version == READ_SIDE_VERSION:  # the read side of what is already stored
                    self._fill_read_side(None)
                self.con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
                self.con.execute("COMMIT")
            except duckdb.Error as err:
                self._rollback()
                raise StoreError(f"{self.path}: migration {version} failed ({err})") from err

    # -- the writer ------------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        if not wanted:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE list_contains(?, id)", [wanted]
        ).fetchall()
        return {row[0] for row in rows}

    def write(self, analyses: Sequence[Analysis], failures: Sequence[Failure] = ()) -> int:
        """Store a batch in one transaction; returns how many articles were new."""
        known = self.known_ids(a.article.id for a in analyses)
        fresh: dict[str, Analysis] = {}
        for analysis in analyses:
            if analysis.article.id not in known:
                fresh.setdefault(analysis.article.id, analysis)
        try:
            self.con.execute("BEGIN TRANSACTION")
            self._insert_articles([a.article for a in fresh.values()])
            self._insert_actors(fresh.values())
            self._insert_mentions(fresh.values())
            self._insert_dates(fresh.values())
            self._insert_places(fresh.values())
            self._insert_quotes(fresh.values())
            self._insert_events(fresh.values())
            self._insert_quantities(fresh.values())
            self._fill_read_side(list(fresh))
            self._insert_failures(failures)
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self._rollback()
            raise StoreError(
                f"{self.path}: writing a batch failed, nothing of it stored ({err}); "
                "check the disk has space and the folder is writable"
            ) from err
        return len(fresh)

    def _fill_read_side(self, article_ids: list[str] | None, search: bool = True) -> None:
        """Add the event_rows and search_terms of these articles (of every article with
        ``None``)."""
        if article_ids is None:
            self.con.execute("CREATE OR REPLACE TEMP TABLE _new_ids AS SELECT id FROM articles")
        else:
            self.con.execute(
                "CREATE OR REPLACE TEMP TABLE _new_ids AS SELECT unnest(?::VARCHAR[]) AS id",
                [article_ids],
            )
        self.con.execute(FILL_EVENT_ROWS)
        if search:
            self.con.execute(FILL_SEARCH_TERMS)
        self.con.execute("DROP TABLE _new_ids")

    def refresh_event_rows(self) -> None:
        """Make event_rows anew from the events (after rows were added other than by the
        writer, e.g. with SQL)."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute("DELETE FROM event_rows")
            self._fill_read_side(None, search=False)
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self._rollback()
            raise StoreError(f"{self.path}: cannot refresh event_rows ({err})") from err

    def sort_event_rows(self) -> None:
        """Rewrite event_rows in the order of sort_key (after a bulk load, whose groups each
        span every date), so that a list's top-N reads few row groups."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(
                "CREATE OR REPLACE TEMP TABLE _sorted AS SELECT * FROM event_rows ORDER BY sort_key"
            )
            self.con.execute("DELETE FROM event_rows")
            self.con.execute("INSERT INTO event_rows SELECT * FROM _sorted")
            self.con.execute("DROP TABLE _sorted")
            self.con.execute("COMMIT")
            self.con.execute("CHECKPOINT")
        except duckdb.Error as err:
            self._rollback()
            raise StoreError(f"{self.path}: cannot sort event_rows ({err})") from err

    def _rollback(self) -> None:
        """Undo the open transaction; a failed COMMIT has already ended it (DuckDB then says
        "no transaction is active"), which leaves nothing to undo."""
        with contextlib.suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    def _insert(
        self,
        table: str,
        rows: list[list[Any]],
        verb: str = "INSERT OR IGNORE",
        columns: Sequence[str] = (),
    ) -> None:
        """Insert rows in multi-row statements: DuckDB's executemany runs one statement per
        row (about 1.3 ms each here); 200 rows a statement write a batch of 64 articles, about
        4,700 rows, in a fraction of a second instead of six seconds."""
        if not rows:
            return
        width = len(rows[0])
        placeholders = "(" + ", ".join(["?"] * width) + ")"
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start : start + INSERT_CHUNK]
            values = ", ".join([placeholders] * len(chunk))
            params = [value for row in chunk for value in row]
            named = f" ({', '.join(columns)})" if columns else ""
            self.con.execute(f"{verb} INTO {table}{named} VALUES {values}", params)

    def insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Insert rows into a table, inside the caller's transaction (stories, incidents)."""
        self._insert(table, rows, "INSERT")

    def _insert_articles(self, articles: list[Article]) -> None:
        self._insert(
            "articles",
            [[*article_row(a), dt.datetime.now(), repairs_json(a)] for a in articles],
            "INSERT",
        )

    def _insert_actors(self, analyses: Iterable[Analysis]) -> None:
        rows = [
            [a.article.id, x.id, x.name, x.kind, x.country, x.sector, x.role, list(x.aliases),
             [list(s) for s in x.spans], x.wikidata, x.extractor]
            for a in analyses
            for x in a.actors
        ]  # fmt: skip
        self._insert("actors", rows, "INSERT")

    def _insert_mentions(self, analyses: Iterable[Analysis]) -> None:
        rows = [
            [a.article.id, m.actor, m.span[0], m.span[1], m.text, m.how, m.sentence, m.extractor]
            for a in analyses
            for m in a.mentions
        ]
        self._insert("mentions", rows)

    def _insert_dates(self, analyses: Iterable[Analysis]) -> None:
        rows = [
            [a.article.id, d.span[0], d.span[1], d.text, d.type, d.value, d.mod, d.resolution,
             d.sentence, d.extractor, d.anchor]
            for a in analyses
            for d in a.dates
        ]  # fmt: skip
        self._insert("dates", rows)

    def _insert_places(self, analyses: Iterable[Analysis]) -> None:
        rows = [
            [a.article.id, p.span[0], p.span[1], p.text, p.geonames_id, p.name, p.feature_class,
             p.feature_code, p.country, p.admin1, p.latitude, p.longitude, p.population,
             p.precision, p.sentence, p.extractor, p.confidence]
            for a in analyses
            for p in a.places
        ]  # fmt: skip
        self._insert("places", rows)

    def _insert_quotes(self, analyses: Iterable[Analysis]) -> None:
        rows = [
            [a.article.id, q.id, q.kind, q.speaker, span_lists(q.source_spans), q.cue, q.cue_lemma,
             span_lists(q.cue_spans), q.stance, q.content, span_lists(q.content_spans), q.said_on,
             q.addressee, q.denies, q.extractor, q.source, list(q.claimants), q.sentence]
            for a in analyses
            for q in a.quotes
        ]  # fmt: skip
        self._insert("quotes", rows, "INSERT")

    def _insert_events(self, analyses: Iterable[Analysis]) -> None:
        rows = [
            [a.article.id, e.id, e.type, e.mode, e.context, party_rows(e.actors),
             party_rows(e.recipients), e.modality, e.attributed_to, e.attribution, e.trigger,
             span_lists(e.trigger_spans), span_lists(e.clause_spans), e.sentence, e.confidence, e.cameo,
             e.quad_class, e.goldstein, e.date, e.date_mod, e.date_resolution,
             span_lists(e.date_spans), span_list(e.location.span) if e.location else None, e.quote,
             e.extractor]
            for a in analyses
            for e in a.events
        ]  # fmt: skip
        self._insert("events", rows, "INSERT")

    def _insert_quantities(self, analyses: Iterable[Analysis]) -> None:
        rows = [
            [a.article.id, q.span[0], q.span[1], q.text, q.value, q.unit, q.qualifier, q.effect,
             q.sentence, q.event, q.attributed_to, q.modality, list(q.claimants), q.extractor]
            for a in analyses
            for q in a.quantities
        ]  # fmt: skip
        self._insert("quantities", rows)

    def _insert_failures(self, failures: Sequence[Failure]) -> None:
        # Multi-row statements: 100,000 failures took minutes one statement each.
        unique = {(f.origin, f.stage, f.reason): f for f in failures}
        rows = [list(key) for key in unique]
        self._insert("failures", rows, "INSERT OR IGNORE", ("origin", "stage", "reason"))

    # -- reads -----------------------------------------------------------------------------------
    def reader(self, time_limit: float | None = None) -> Store:
        """Another handle on the same open database for one thread (DuckDB's cursor), whose
        reads are stopped after ``time_limit`` seconds (QueryTimeout)."""
        other = object.__new__(Store)
        other.path = self.path
        other.con = self.con.cursor()
        other.time_limit = time_limit
        return other

    time_limit: float | None = None

    def serve_many(self) -> None:
        """Run each query on the calling thread only: a server answers many at once, one on
        each core, which costs less than splitting every query across the cores."""
        self.con.execute("SET threads = 1")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        armed = None if self.time_limit is None else WATCHDOG.arm(self.con, self.time_limit)
        try:
            cursor = self.con.execute(sql, list(params))
            names = [d[0] for d in cursor.description or []]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except duckdb.InterruptException as err:
            raise QueryTimeout(
                f"{self.path}: the query ran past {self.time_limit} s and was stopped; "
                "narrow the filters"
            ) from err
        except duckdb.Error as err:  # a damaged file: say so, show nothing half-read
            raise StoreError(f"{self.path}: cannot read the database ({err})") from err
        finally:
            if armed is not None:
                WATCHDOG.disarm(armed)

    def copy_events(self, path: Path, fmt: str) -> int:
        """Write one row per event to a CSV or Parquet file; returns how many rows."""
        if fmt not in {"csv", "parquet"}:
            raise StoreError(f"{path}: DuckDB writes csv or parquet, not {fmt!r}")
        target = str(path).replace("'", "''")
        rows = SPREADSHEET_SAFE_EVENT_ROWS if fmt == "csv" else EVENT_ROWS
        try:
            self.con.execute(f"COPY ({rows}) TO '{target}' (FORMAT {fmt})")
        except duckdb.Error as err:
            raise StoreError(f"{path}: cannot write the export ({err})") from err
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        tables = (
            "articles", "actors", "mentions", "dates", "places", "quotes", "events",
            "quantities", "failures",
        )  # fmt: skip
        out = {}
        for table in tables:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def _rows_of(self, article_id: str, table: str, order: str) -> list[dict[str, Any]]:
        """One article's rows of a table. The row ids are found first (on the article_id
        index), then the rows: asked at once, DuckDB reads the list columns of every row
        (20 ms for an actor's aliases in a store of 1,000,000 events, not 1 ms)."""
        return self.query(
            f"SELECT * FROM {table} WHERE rowid IN "
            f"(SELECT rowid FROM {table} WHERE article_id = ?) ORDER BY {order}",
            [article_id],
        )

    def one(self, table: str, column: str, wanted: str, what: str) -> dict[str, Any]:
        """The row of ``table`` whose ``column`` is ``wanted``, else the one row it begins
        (an exact id first: another id may begin with it); NotFoundError otherwise."""
        rows = self.query(  # the row id on the key's index first, then the wide row
            f"SELECT * FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE {column} = ?)",
            [wanted],
        ) or self.query(f"SELECT * FROM {table} WHERE starts_with({column}, ?) LIMIT 2", [wanted])
        if not rows:
            raise NotFoundError(f"no {what} with id {wanted!r} in {self.path}")
        if len(rows) > 1:
            raise NotFoundError(f"id prefix {wanted!r} matches several {table}; give more")
        return rows[0]

    def article(self, article_id: str) -> Analysis:
        """One stored article with its actors and mentions; an id prefix is enough."""
        row = self.one("articles", "id", article_id, "article")
        actors = self._rows_of(row["id"], "actors", "len(actor_id), actor_id")
        mentions = self._rows_of(row["id"], "mentions", "span_start")
        dates = self._rows_of(row["id"], "dates", "span_start")
        places = self._rows_of(row["id"], "places", "span_start")
        quotes = self._rows_of(row["id"], "quotes", "len(quote_id), quote_id")
        events = self._rows_of(row["id"], "events", "len(event_id), event_id")
        quantities = self._rows_of(row["id"], "quantities", "span_start")
        place_records = tuple(record(Place, r) for r in places)
        quantity_records = tuple(record(Quantity, r, event="event_id") for r in quantities)
        return Analysis(
            article=article_from_row(row),
            actors=tuple(record(Actor, r, id="actor_id") for r in actors),
            mentions=tuple(record(Mention, r, actor="actor_id") for r in mentions),
            dates=tuple(record(DateMention, r) for r in dates),
            places=place_records,
            quotes=tuple(record(Quote, r, id="quote_id", speaker="speaker_actor") for r in quotes),
            events=tuple(event_from_row(r, place_records, quantity_records) for r in events),
            quantities=quantity_records,
        )
