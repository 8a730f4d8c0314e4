"""Keyset pagination for the read side: a page of rows and the key that starts the next one.

A list query is written without ORDER BY and LIMIT; ``paged`` wraps it, orders it by an
``Order`` (output columns, each ascending or descending, with the value that stands for NULL)
and returns the rows after a key. The key of a page's last row starts the next page, so a page
costs the same however deep it is, and rows added meanwhile do not shift it (unlike OFFSET).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.errors import QueryError
from dateline.store import Store


@dataclass(frozen=True)
class SortKey:
    """One output column of an ordering: descending or not, what NULL sorts as (None: the
    column is never NULL, and is ordered bare, so DuckDB's top-N can skip row groups), its SQL
    type."""

    column: str
    descending: bool = False
    null: Any = ""
    sql_type: str = "VARCHAR"

    def expression(self) -> str:
        if self.null is None:
            return self.column
        return f"coalesce({self.column}, CAST(? AS {self.sql_type}))"

    def params(self) -> list[Any]:
        return [] if self.null is None else [self.null]


Order = tuple[SortKey, ...]


class Page(list[dict[str, Any]]):
    """A list of rows, and ``after``: the key to ask for the next page (None on the last)."""

    after: list[Any] | None = None


def paged(
    store: Store,
    inner: str,
    params: Sequence[Any],
    order: Order,
    after: Sequence[Any] | None,
    limit: int,
) -> Page:
    """The rows of ``inner`` in ``order`` that follow the key ``after``, at most ``limit``."""
    where, where_params = _where_after(order, after)
    rows = store.query(
        f"SELECT * FROM ({inner}) AS t WHERE {where} ORDER BY {_order_by(order)} LIMIT ?",
        [*params, *where_params, *_order_params(order), limit + 1],
    )
    return _page(rows, order, limit)


def paged_table(
    store: Store,
    table: str,
    columns: str,
    where: str,
    params: Sequence[Any],
    order: Order,
    after: Sequence[Any] | None,
    limit: int,
) -> Page:
    """Like ``paged``, over one table's ``columns`` where ``where`` holds: the page's row ids
    first, then its rows, so that DuckDB reads the wide columns (lists above all) of the rows
    it returns only, not of every row it looks at (a third of the time on 1,000,000 rows)."""
    after_sql, after_params = _where_after(order, after)
    rows = store.query(
        f"""SELECT {columns} FROM {table} WHERE rowid IN (
                SELECT rowid FROM {table} WHERE ({where}) AND {after_sql}
                ORDER BY {_order_by(order)} LIMIT ?)
            ORDER BY {_order_by(order)}""",
        [*params, *after_params, *_order_params(order), limit + 1, *_order_params(order)],
    )
    return _page(rows, order, limit)


def _where_after(order: Order, after: Sequence[Any] | None) -> tuple[str, list[Any]]:
    if after is None:
        return "TRUE", []
    if len(after) != len(order):
        raise QueryError("next", f"a key of {len(order)} values, not {len(after)}")
    return _after(order, after)


def _order_by(order: Order) -> str:
    return ", ".join(k.expression() + (" DESC" if k.descending else "") for k in order)


def _order_params(order: Order) -> list[Any]:
    return [p for k in order for p in k.params()]


def _page(rows: list[dict[str, Any]], order: Order, limit: int) -> Page:
    """The first ``limit`` rows, with the key of the last when more follow."""
    page = Page(rows[:limit])
    if len(rows) > limit:
        last = page[-1]
        page.after = [_plain(k.null if last[k.column] is None else last[k.column]) for k in order]
        if any(v is None for v in page.after):
            raise QueryError("next", "a NULL in a column ordered as never NULL")
    return page


def _after(order: Order, after: Sequence[Any]) -> tuple[str, list[Any]]:
    """Rows strictly after ``after`` in ``order``: (k1 > a1) OR (k1 = a1 AND k2 > a2) ..."""
    terms, params = [], []
    for i, key in enumerate(order):
        parts = []
        for j in range(i):
            parts.append(f"{order[j].expression()} = CAST(? AS {order[j].sql_type})")
            params += [*order[j].params(), after[j]]
        parts.append(
            f"{key.expression()} {'<' if key.descending else '>'} CAST(? AS {key.sql_type})"
        )
        params += [*key.params(), after[i]]
        terms.append("(" + " AND ".join(parts) + ")")
    return "(" + " OR ".join(terms) + ")", params


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def encode_key(key: Sequence[Any]) -> str:
    """A page key as an opaque URL-safe token (the web's ``next`` parameter)."""
    raw = json.dumps(list(key), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_key(token: str) -> list[Any]:
    """The page key in a ``next`` token; InputError when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        key = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError) as err:
        raise QueryError("next", "not a page key this server gave") from err
    if not isinstance(key, list) or not all(isinstance(v, int | float | str | bool) for v in key):
        raise QueryError("next", "not a page key this server gave")
    return key
