"""The embedded DuckDB store: the only package that imports duckdb."""

from dateline.store.db import SCHEMA_VERSION, Store

__all__ = ["SCHEMA_VERSION", "Store"]
