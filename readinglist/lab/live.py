"""Live updates: a thread listens for the server's notifications and a sync follows.

Notifications only say that something changed; the sync pulls what. If they
are lost (the connection drops), the periodic sync catches up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from readinglist.lab import server as srv
from readinglist.lab.errors import LabError

log = logging.getLogger(__name__)


class Listener:
    """Calls ``on_change`` (from its own thread) when the lab server says something changed.

    It reconnects by itself while running; ``stop()`` ends it within a second.
    """

    def __init__(
        self, server: srv.LabServer, on_change: Callable[[], None], retry_seconds: float = 2.0
    ) -> None:
        self._server = server
        self._on_change = on_change
        self._retry = retry_seconds
        self._stop = threading.Event()
        self.connected = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lab-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._server.listen(self._notified, self._stop, ready=self.connected.set)
            except LabError as exc:
                log.info("lab listener: %s", exc)
            except Exception:
                # The listener must outlive any surprise; periodic syncs go on anyway.
                log.exception("lab listener")
            self.connected.clear()
            self._stop.wait(self._retry)

    def _notified(self, _table: str) -> None:
        self._on_change()


class SyncLoop:
    """Runs ``sync`` when told to (a local change, a notification) and every ``period`` seconds.

    Runs in a thread of its own; a failed sync (offline) is reported through
    ``on_result`` and retried at the next turn, never raised.
    """

    def __init__(
        self,
        sync: Callable[[], object],
        period: float = 10.0,
        on_result: Callable[[object | None, Exception | None], None] | None = None,
    ) -> None:
        self._sync = sync
        self._period = period
        self._on_result = on_result
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lab-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                result = self._sync()
            except Exception as exc:
                if self._on_result is not None:
                    self._on_result(None, exc)
            else:
                if self._on_result is not None:
                    self._on_result(result, None)
            self._wake.wait(self._period)
