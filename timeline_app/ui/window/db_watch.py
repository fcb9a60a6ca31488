"""Noticing a database changed by another process (a second window, an import from
the command line), so the window shows what the file holds rather than what it held.

SQLite's ``PRAGMA data_version`` on one connection kept open changes whenever another
connection commits; it is polled every ``POLL_MS`` while the window is visible (a
poll costs microseconds and takes no lock). The window's own jobs write through
other connections too: their commits are taken as seen when the job ends
(``rebase``), so only a change made elsewhere asks for a reload.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from timeline_app.services import Store
from timeline_app.store.db import DataVersionWatch, StoreError
from timeline_app.ui.workers import JobRunner

POLL_MS = 2000


class DatabaseWatch(QObject):
    changed_elsewhere = Signal()

    def __init__(self, window: QWidget, jobs: JobRunner, poll_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self._window = window
        self._jobs = jobs
        jobs.busy_changed.connect(self._jobs_changed)
        self._watch: DataVersionWatch | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)

    def watch(self, store: Store | None) -> None:
        """Watch ``store``'s file from now on (None: stop)."""
        self.stop()
        if store is None:
            return
        try:
            self._watch = store.watch()
        except (StoreError, OSError):  # a watch is a convenience, never a failure
            self._watch = None
            return
        self.timer.start()

    def poll(self) -> None:
        if self._watch is None or not self._window.isVisible():
            return
        if self._jobs.busy:  # the window's own job is writing or reading: ask after it
            return
        if self._watch.changed():
            self.changed_elsewhere.emit()

    def _jobs_changed(self, busy: bool, _label: str) -> None:
        if not busy:
            self.rebase()

    def rebase(self) -> None:
        """The window's own writes are done: take the file as it is now as seen."""
        if self._watch is not None:
            self._watch.rebase()

    def stop(self) -> None:
        self.timer.stop()
        if self._watch is not None:
            self._watch.close()
            self._watch = None
