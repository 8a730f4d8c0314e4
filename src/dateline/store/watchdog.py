"""One thread that stops reads past their time limit (DuckDB has no statement timeout, but a
connection can be interrupted). A timer thread a query cost a thread start, and under load
the handovers of the GIL that go with it."""

from __future__ import annotations

import itertools
import threading
import time
from typing import Any


class Watchdog:
    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._due: dict[int, tuple[float, Any]] = {}
        self._keys = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, connection: Any, seconds: float) -> int:
        """Interrupt ``connection`` in ``seconds`` unless disarmed; returns the key."""
        with self._wake:
            key = next(self._keys)
            self._due[key] = (time.monotonic() + seconds, connection)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="dateline-watchdog", daemon=True
                )
                self._thread.start()
            self._wake.notify()
            return key

    def disarm(self, key: int) -> None:
        with self._wake:
            self._due.pop(key, None)

    def _run(self) -> None:
        with self._wake:
            while True:
                now = time.monotonic()
                for key, (deadline, connection) in list(self._due.items()):
                    if deadline <= now:
                        del self._due[key]
                        connection.interrupt()
                soonest = min((d for d, _ in self._due.values()), default=None)
                self._wake.wait(None if soonest is None else max(0.0, soonest - now))


WATCHDOG = Watchdog()
