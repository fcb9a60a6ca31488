"""Database work off the GUI thread, one job at a time.

Jobs run on a single worker thread (so SQLite sees one writer and jobs never
overlap), open their own sessions through ``Store``, and return plain data.
Results come back on the GUI thread through a queued signal. A job submitted
under a ``key`` supersedes older jobs with the same key: their results are
dropped, so a fast typist only ever sees the latest query's answer.

Every failure of a job is logged with its traceback (``app_logging``) on the worker
thread, where the traceback is whole; the GUI thread gets the exception to put into
one plain sentence (``failure_words.plain_sentence``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(int, object, object)  # ticket, result, error


_log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, ticket: int, label: str, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.ticket, self.label, self.work, self.relay = ticket, label, work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # delivered to the GUI thread, shown as a message
            _log.error("Background job %r failed", self.label.rstrip("…"), exc_info=exc)
            self.relay.done.emit(self.ticket, None, exc)
        else:
            self.relay.done.emit(self.ticket, result, None)


@dataclass
class _Pending:
    key: str
    label: str
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None


class JobRunner(QObject):
    busy_changed = Signal(bool, str)  # busy, label of the running job
    failed = Signal(str, object)  # label, exception (when the job has no on_error)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._next_ticket = 0
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(
        self,
        label: str,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        key: str = "",
    ) -> int:
        self._next_ticket += 1
        ticket = self._next_ticket
        self._pending[ticket] = _Pending(key or f"job-{ticket}", label, on_done, on_error)
        self._latest[key or f"job-{ticket}"] = ticket
        self.busy_changed.emit(True, label)
        self._pool.start(_Job(ticket, label, work, self._relay))
        return ticket

    def wait(self, msecs: int = 30000) -> bool:
        """Block until queued jobs finish (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)

    def _on_done(self, ticket: int, result: Any, error: BaseException | None) -> None:
        pending = self._pending.pop(ticket, None)
        if pending is None:
            return
        superseded = self._latest.get(pending.key) != ticket
        if not superseded:
            self._latest.pop(pending.key, None)
            if error is None:
                pending.on_done(result)
            elif pending.on_error is not None:
                pending.on_error(error)
            else:
                self.failed.emit(pending.label, error)
        running = next(iter(self._pending.values()), None)
        self.busy_changed.emit(running is not None, running.label if running else "")
