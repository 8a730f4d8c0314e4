"""Typed errors of the library. The CLI and the web translate them once, at their edge."""

from __future__ import annotations


class DatelineError(Exception):
    """Base of every error Dateline raises on purpose; its message says what to do."""


class InputError(DatelineError):
    """A document could not be read: the message names the file (and line or record) and why."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class AnalysisError(DatelineError):
    """An article could not be analysed: the message names it and says what went wrong."""


class ModelError(DatelineError):
    """The spaCy model named in the settings cannot be loaded."""


class StoreError(DatelineError):
    """The database cannot be opened, migrated or written."""


class BatchError(DatelineError):
    """A batch run cannot start or finish: its shard folder, cluster or a partition failed."""


class NotFoundError(DatelineError):
    """A record asked for by id does not exist in the database."""


class GoldFormatError(DatelineError):
    """A gold-standard file for ``dateline eval`` is missing or not in the expected format."""


class DataFileError(DatelineError):
    """A lexicon or gazetteer data file (ours or the user's) is malformed."""


class QueryError(DatelineError):
    """A read asked for something malformed (a filter value, a page key): says which and why."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


class QueryTimeout(StoreError):
    """A read ran past the time limit and was stopped."""
