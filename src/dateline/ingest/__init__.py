"""Readers: documents in, ``Article`` records out. No spaCy and no database here."""

from dateline.ingest.readers import ReadOptions, ReadResult, decode, read_bytes, read_paths

__all__ = ["ReadOptions", "ReadResult", "decode", "read_bytes", "read_paths"]
