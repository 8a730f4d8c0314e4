"""The one place where an error met while reading a document becomes a ``Failure``.

Every reader (files, archives, JSON, CSV, HTML, stdin, and the batch and web readers built on
them) turns what goes wrong with one document or record into a failure that names it and says
why, so the rest of a batch goes on (issue 15: one bad record used to abort whole runs). The
reasons are for people: what is wrong with the input, not a traceback.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from dateline.errors import InputError
from dateline.records import Failure

T = TypeVar("T")
MAX_REASON = 300


def failure_from(origin: str, err: BaseException) -> Failure:
    """A read failure for ``err`` met while reading ``origin``."""
    if isinstance(err, InputError):
        return Failure(err.origin, "read", err.reason)
    return Failure(origin, "read", describe(err))


def describe(err: BaseException) -> str:
    """What an unexpected error says about the input, in a line."""
    text = str(err)
    if isinstance(err, RecursionError):
        reason = "nested too deeply to read (more than Python's recursion limit)"
    elif isinstance(err, UnicodeError) and "surrogate" in text:
        reason = "contains a lone surrogate (such as \\ud800), which is not Unicode text"
    elif isinstance(err, ValueError) and "limit" in text and "digits" in text:
        reason = "a number with more than 4,300 digits, too long to read"
    elif isinstance(err, json.JSONDecodeError):
        reason = f"malformed JSON ({err.msg} at line {err.lineno}, column {err.colno})"
    elif isinstance(err, zipfile.BadZipFile | zlib.error | EOFError):
        reason = f"corrupt archive member ({text or type(err).__name__})"
    elif isinstance(err, NotImplementedError):
        reason = f"unsupported archive feature ({text})"
    elif isinstance(err, RuntimeError) and "encrypted" in text:
        reason = "encrypted archive member (Dateline reads unencrypted archives only)"
    else:
        reason = f"cannot read it ({type(err).__name__}: {text})"
    return reason if len(reason) <= MAX_REASON else reason[: MAX_REASON - 1] + "…"


def guarded(origin: str, make: Callable[[], T]) -> T | Failure:
    """``make()``, or the failure of ``origin`` if it raises."""
    try:
        return make()
    except Exception as err:  # one bad record is one failure; the batch goes on
        return failure_from(origin, err)


def guarded_iter(origin: str, items: Iterator[Any]) -> Iterator[Any]:
    """The items of a reader; an error that stops it becomes a last failure of ``origin``."""
    try:
        yield from items
    except Exception as err:  # the reader cannot go on: record why, and go to the next file
        yield failure_from(origin, err)


def counted(origin: str, items: Iterator[Any], what: str = "articles") -> Iterator[Any]:
    """The items of a document, or one failure saying it holds none (nothing dropped silently)."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield Failure(origin, "read", f"no {what} in {origin}")
