"""What the main window does when data arrives or changes: a database opened (or not),
seeds loaded, another process's commits, a change on the one change channel (which
queries again), and the snapshot or bulk layer a query read, handed to the views.

Kept apart from the window's construction so the path of data (``DataJobs`` reads,
``ShownData`` holds, the views show) reads in one place.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from timeline_app import APP_NAME
from timeline_app.filters import build_filter
from timeline_app.services import BulkData, Changes
from timeline_app.ui.window.snapshot import Snapshot, empty_message
from timeline_app.view_state import ViewState

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow


class DataReactions:
    """Connects itself to the window's data jobs, change channel and view state."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.remember_database = True  # an opened file becomes the next start's database
        window.view.subscribe(self._on_view_changed)
        window.changed.connect(self._on_changes)
        window.database.jobs.busy_changed.connect(self._on_busy)

    def connect_database(self) -> None:
        """Listen to the data jobs (after the window's own failure report is connected)."""
        database = self.window.database
        database.opened.connect(self._on_opened)
        database.open_failed.connect(self._open_failed)
        database.seeds_read.connect(self._show_seeds)
        database.snapshot_read.connect(self._apply_snapshot)
        database.bulk_read.connect(self._apply_bulk)
        database.seeds_loaded.connect(self._on_seeds_loaded)

    # -- the database ------------------------------------------------------------------
    def _on_opened(self, path: Path) -> None:
        w = self.window
        if self.remember_database:
            w.settings.last_db = str(path)
            w.settings.save()
        read_only = " (read-only)" if w.store is not None and w.store.read_only else ""
        w.setWindowTitle(f"{APP_NAME} — {path.name}{read_only}")
        w.views_panel.set_store(w.store)
        w.db_watch.watch(w.store)
        w.changed.emit(Changes(database=True))

    def on_changed_elsewhere(self) -> None:
        w = self.window
        w.status.note("The database was changed by another process; reloaded")
        w.views_panel.set_store(w.store)
        w.changed.emit(Changes(events=True, documents=True, actors=True))

    def _open_failed(self, exc: BaseException) -> None:
        w = self.window
        if w.store is None:
            w.timeline.set_empty_message(
                "No database is open.\n\nChoose one with File › Open database… (Ctrl+O)."
            )
        w._show_error("Could not open the database", exc)

    def _on_seeds_loaded(self, summary: str) -> None:
        self.window.statusBar().showMessage(f"Loaded: {summary}", 8000)
        self.window.changed.emit(Changes(events=True, documents=True, actors=True))

    def _on_busy(self, busy: bool, label: str) -> None:
        w = self.window
        w.progress.setVisible(busy)
        if busy:
            w.statusBar().showMessage(label)
        elif w.snapshot is not None:
            w.status.show_counts()

    # -- the change channel --------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        w = self.window
        if changes.events or changes.database:
            w.bulk.invalidate()
        w.database.query(
            changes,
            w.current_filter(),
            w.snapshot,
            w.bulk.full,
            w.view.state.bulk_layer,
        )

    def _on_view_changed(self, old: ViewState, new: ViewState, changed: frozenset[str]) -> None:
        w = self.window
        if (
            "filter" in changed
            and build_filter(old.filter).filter != build_filter(new.filter).filter
        ):
            w.changed.emit(Changes(filter=True))
        if "bulk_layer" in changed:
            w.bulk_action.setChecked(new.bulk_layer)
            w.changed.emit(Changes(filter=True))
        w.update_history_actions()

    # -- what a query read ---------------------------------------------------------------
    def _show_seeds(self, seeds: Snapshot) -> None:
        """A first start: the seeds while they are written, unless data came first."""
        if self.window.snapshot is None:
            self._apply_snapshot(seeds)

    def _apply_snapshot(self, snapshot: Snapshot, ranking: list[str] | None = None) -> None:
        w = self.window
        if snapshot.filter != w.current_filter():
            return  # the filter changed again while this was read; its own query follows
        w.data.show(snapshot, ranking)
        w.timeline.set_empty_message(empty_message(snapshot))
        start, end = w.settings.view_start, w.settings.view_end
        saved = (start, end) if start is not None and end is not None and end > start else None
        w.views.show_snapshot(snapshot, saved)
        w.status.show_counts()
        w.data_shown.emit()

    def _apply_bulk(self, full: BulkData | None, data: BulkData | None) -> None:
        w = self.window
        had_bulk = w.bulk.data is not None
        with w.binding.programmatic():
            w.bulk.apply(full, data)
            shown = w.snapshot
            if not had_bulk and w.bulk.data is not None and shown and not shown.events:
                w.timeline.fit_all()  # a database of bulk events only
        w.views.update_relations()
        if w.snapshot is not None:
            w.status.show_counts()
        w.bulk_shown.emit()
