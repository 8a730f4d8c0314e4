"""The store's side of stories and incidents: what merging reads, and its one-transaction write.

``dateline.merging`` reads the articles not merged yet, the stored articles they may join
(by blocking key, in a date window) and the threads they touch, computes with
``dateline.stories`` and writes the threads it changed back with ``save_threads``: the old rows
of those threads go and the new ones come in one transaction, so a merge killed half-way
leaves the previous, consistent state, and the next merge redoes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb

from dateline.errors import StoreError
from dateline.store.db import Store

_ARTICLE_COLUMNS = "a.id, a.title, a.lead, a.article_date, a.source, a.dateline_agency, a.url"


def unmerged_articles(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Articles with no story yet, with their text (their terms are made from it)."""
    return store.query(
        f"SELECT {_ARTICLE_COLUMNS}, a.text FROM articles a "
        "WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id) "
        "ORDER BY a.id LIMIT ?",
        [limit],
    )


def merged_by_keys(
    store: Store, keys: Sequence[str], first: dt.date | None, last: dt.date | None
) -> list[dict[str, Any]]:
    """Merged articles that share a blocking key, within [first, last] (or undated)."""
    if not keys:
        return []
    return store.query(
        """SELECT s.article_id AS id, s.thread_id, s.day, s.terms, s.wire, a.title, a.source
        FROM story_articles s JOIN articles a ON a.id = s.article_id
        WHERE s.article_id IN (
            SELECT article_id FROM story_keys
            WHERE key IN (SELECT unnest(?::VARCHAR[]))
              AND (day IS NULL OR ? IS NULL OR day BETWEEN ? AND ?))""",
        [list(keys), first, first, last],
    )


def thread_sizes(store: Store, thread_ids: Sequence[str]) -> dict[str, int]:
    if not thread_ids:
        return {}
    rows = store.query(
        "SELECT thread_id, count(*) AS n FROM story_articles WHERE list_contains(?, thread_id) "
        "GROUP BY thread_id",
        [list(thread_ids)],
    )
    return {r["thread_id"]: int(r["n"]) for r in rows}


def thread_members(
    store: Store, thread_ids: Sequence[str], cells: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """The merged articles of these threads (only those in ``cells``, when given)."""
    if not thread_ids:
        return []
    return store.query(
        """SELECT s.article_id AS id, s.thread_id, s.cell, s.day, s.terms, s.wire, a.title,
               a.source
        FROM story_articles s JOIN articles a ON a.id = s.article_id
        WHERE list_contains(?, s.thread_id) AND (? IS NULL OR list_contains(?, s.cell))""",
        [list(thread_ids), None if cells is None else list(cells),
         None if cells is None else list(cells)],
    )  # fmt: skip


def event_rows_of(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The events of these articles as merging reads them, with their articles' URLs."""
    return _of_articles(
        store,
        """SELECT r.article_id, r.event_id, r.type, r.modality, r.date, r.article_date,
               r.source, a.url, r.place, r.place_country, r.latitude, r.longitude, r.actors,
               r.actor_countries, r.recipients, r.recipient_countries, r.attribution, r.trigger
        FROM event_rows r JOIN articles a ON a.id = r.article_id
        WHERE r.article_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY r.article_id, r.event_id""",
        article_ids,
    )


def statements_of(
    store: Store, article_ids: Sequence[str], stances: Sequence[str]
) -> list[dict[str, Any]]:
    """The quotes of these articles with one of these stances, with their speakers' names."""
    return _of_articles(
        store,
        """SELECT q.article_id, q.quote_id, q.stance, q.content, x.name AS speaker
        FROM quotes q
        LEFT JOIN actors x ON x.article_id = q.article_id AND x.actor_id = q.speaker_actor
        WHERE q.article_id IN (SELECT unnest(?::VARCHAR[]))
          AND list_contains(?, q.stance) AND q.content IS NOT NULL
        ORDER BY q.article_id, q.quote_id""",
        article_ids,
        list(stances),
    )


def figures_of(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The numbers tied to events (killed, injured, arrested...), with who gave them."""
    return _of_articles(
        store,
        """SELECT q.article_id, q.event_id, q.effect, q.value, q.qualifier, q.text,
               x.name AS attributed_to
        FROM quantities q
        LEFT JOIN actors x ON x.article_id = q.article_id AND x.actor_id = q.attributed_to
        WHERE q.article_id IN (SELECT unnest(?::VARCHAR[]))
          AND q.event_id IS NOT NULL AND q.effect IS NOT NULL AND q.value IS NOT NULL
        ORDER BY q.article_id, q.span_start""",
        article_ids,
    )


STORY_TABLES = ("story_articles", "stories", "incidents", "incident_events", "claim_links")


def save_threads(
    store: Store,
    replaced: Sequence[str],
    cells: Sequence[tuple[str, str, Sequence[str]]],
    tables: dict[str, list[list[Any]]],
) -> None:
    """In one transaction: remove the rows of the ``replaced`` threads, and of the ``cells``
    (old thread id, new thread id, cells) recomputed in a large thread, after renaming that
    thread; then insert ``tables`` (story_articles, story_keys, stories, incidents,
    incident_events)."""
    con = store.con
    try:
        con.execute("BEGIN TRANSACTION")
        for table in STORY_TABLES:
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, thread_id)",
                        [list(replaced)])  # fmt: skip
        for old, new, changed in cells:
            for table in STORY_TABLES:
                if new != old:
                    con.execute(f"UPDATE {table} SET thread_id = ? WHERE thread_id = ?",
                                [new, old])  # fmt: skip
                con.execute(
                    f"DELETE FROM {table} WHERE thread_id = ? AND list_contains(?, cell)",
                    [new, list(changed)],
                )
        for table, rows in tables.items():
            if table == "story_keys":
                con.execute("DELETE FROM story_keys WHERE list_contains(?, article_id)",
                            [sorted({r[1] for r in rows})])  # fmt: skip
            store.insert_rows(table, rows)
        con.execute("COMMIT")
    except duckdb.Error as err:
        store._rollback()
        raise StoreError(
            f"{store.path}: cannot save stories, nothing of it stored ({err})"
        ) from err


def _of_articles(
    store: Store, sql: str, article_ids: Sequence[str], *params: Any
) -> list[dict[str, Any]]:
    """Rows of ``sql`` for these articles (its first parameter is their ids): none without
    asking DuckDB when there are no ids."""
    if not article_ids:
        return []
    return store.query(sql, [list(article_ids), *params])


def clear_stories(store: Store) -> None:
    """Forget every story and incident (a full re-merge follows)."""
    try:
        store.con.execute("BEGIN TRANSACTION")
        for table in (*STORY_TABLES, "story_keys"):
            store.con.execute(f"DELETE FROM {table}")
        store.con.execute("COMMIT")
    except duckdb.Error as err:
        store._rollback()
        raise StoreError(f"{store.path}: cannot clear the stories ({err})") from err
