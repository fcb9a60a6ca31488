"""The database behind the window: opening it (with the start-up read-ahead), loading
the seeds, and the queries each change asks for, all as jobs off the GUI thread
(``ui/workers.JobRunner``). Results come back as signals; nothing here touches a view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from timeline_app.domain import EventFilter
from timeline_app.services import BulkData, Changes, Store, fetch_bulk
from timeline_app.ui.prefetch import Prefetch
from timeline_app.ui.window.snapshot import Snapshot, fetch_snapshot, seeds_snapshot
from timeline_app.ui.workers import JobRunner

if TYPE_CHECKING:
    from timeline_app.ingest.corpus import Corpus


class DataJobs(QObject):
    seeds_read = Signal(object)  # Snapshot of the seeds being written (a first start)
    snapshot_read = Signal(object, object)  # Snapshot, the search ranking (list[str])
    bulk_read = Signal(object, object)  # every bulk event, those passing the filter
    opened = Signal(object)  # Path: the database is open; Changes(database) follows
    open_failed = Signal(object)  # the exception
    seeds_loaded = Signal(str)  # the load report's summary
    failed = Signal(str, object)  # what failed, the exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = JobRunner(self)
        self.store: Store | None = None
        self.jobs.failed.connect(self.failed.emit)
        # Set while a read-ahead of every bulk event is pending (``open``).
        self._bulk_ahead: Callable[[], BulkData | None] | None = None

    def open(self, path: Path, prefetch: Prefetch | None = None) -> None:
        """Open (or create and seed) the database at ``path``. ``prefetch``: the same
        database already being read in the background; on a first start its validated
        seeds are shown (``snapshot_read``) before they are written."""
        ahead = prefetch if prefetch is not None and prefetch.path == path else None
        if ahead is not None:

            def seeds_read(seeds: Corpus | None) -> None:
                if seeds is not None:
                    self.seeds_read.emit(seeds_snapshot(seeds))
                # Let the write start once the seeds are painted (a zero timer runs
                # after the paint already posted): a thread holding the GIL would
                # slow that first paint several times over.
                QTimer.singleShot(0, ahead.go_on)

            self.jobs.submit(
                "Reading the curated seeds…",
                ahead.seeds,
                seeds_read,
                lambda _exc: ahead.go_on(),
            )

        def work() -> Store:
            if ahead is not None:
                return ahead.store()
            store = Store.open(path)
            store.ensure_seeded()
            return store

        def done(store: Store) -> None:
            if self.store is not None:
                self.store.close()
            self.store = store
            if ahead is not None:
                self._bulk_ahead = ahead.bulk
            self.opened.emit(path)

        self.jobs.submit(f"Opening {path.name}…", work, done, self.open_failed.emit)

    def reload_seeds(self) -> None:
        store = self.store
        if store is None:
            return
        self.jobs.submit(
            "Loading curated seeds…",
            store.load,
            lambda report: self.seeds_loaded.emit(report.summary()),
            lambda exc: self.failed.emit(
                "The seeds were not loaded; the database is unchanged", exc
            ),
        )

    def query(
        self,
        changes: Changes,
        flt: EventFilter,
        shown: Snapshot | None,
        bulk_cached: BulkData | None,
        with_bulk: bool,
    ) -> None:
        """Read what ``changes`` asks for under ``flt``: the curated events first, the
        bulk layer in a second job. ``shown``: the snapshot on screen (its articles are
        reused unless they changed); ``bulk_cached``: every bulk event, if still valid."""
        store = self.store
        if store is None or not changes.anything:
            return
        reuse = shown is not None and not (changes.documents or changes.database)
        documents = shown.documents if reuse and shown is not None else None
        self.jobs.submit(
            "Querying…",
            lambda: (
                fetch_snapshot(store, flt, documents),
                store.rank_matches(flt.text) if flt.text else [],
            ),
            lambda found: self.snapshot_read.emit(*found),
            key="snapshot",
        )
        ahead, self._bulk_ahead = self._bulk_ahead, None
        if with_bulk:
            self.jobs.submit(
                "Reading bulk events…",
                lambda: fetch_bulk(store, flt, ahead() if ahead else bulk_cached),
                lambda result: self.bulk_read.emit(*result),
                key="bulk",
            )
        else:
            self.bulk_read.emit(bulk_cached, None)

    def close(self) -> None:
        self.jobs.wait(10000)
        if self.store is not None:
            self.store.close()
