"""The bulk-event layer in the main window: fetch, show or hide, list, select, import.

Bulk (GDELT) events live in their own table and never mix with the curated set; here
they become a layer on the timeline (aggregates), extra weight on the relationship
panel, a second tab in the event list, and a reference in the source pane.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from timeline_app import import_outcome
from timeline_app.domain import Pair
from timeline_app.layout import EdgeWeight
from timeline_app.services import BulkData, Changes
from timeline_app.store.bulk import ImportReport
from timeline_app.ui.bulk.bulk_table import BulkTable
from timeline_app.ui.bulk.import_report import ImportReportDialog

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow


def merge_weights(
    curated: dict[Pair, EdgeWeight], bulk: dict[Pair, tuple[int, float]]
) -> dict[Pair, EdgeWeight]:
    merged = dict(curated)
    for pair, (count, total) in bulk.items():
        before = merged.get(pair, EdgeWeight(0, 0.0))
        merged[pair] = EdgeWeight(before.count + count, before.score_sum + total)
    return merged


def merge_actor_counts(
    curated: dict[str, int], bulk: dict[Pair, tuple[int, float]]
) -> dict[str, int]:
    merged = dict(curated)
    for pair, (count, _total) in bulk.items():
        for code in (pair.a, pair.b):
            merged[code] = merged.get(code, 0) + count
    return merged


class _Progress(QObject):
    """Carries progress from the import thread to the dialog (queued signal)."""

    moved = Signal(int, int, int)  # rows, bytes done, bytes total


class BulkController(QObject):
    failed = Signal(str, object)  # what failed, the exception

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.table = BulkTable()
        self.data: BulkData | None = None
        self.full: BulkData | None = None  # every bulk event, read once per database change
        self.report: ImportReportDialog | None = None  # the last import's, until dismissed
        self.table.bulk_event_selected.connect(self.show_event)

    def invalidate(self) -> None:
        """The database changed (import, another file): read the bulk events again."""
        self.full = None

    @property
    def visible(self) -> bool:
        return self.window.view.state.bulk_layer

    def apply(self, full: BulkData | None, data: BulkData | None) -> None:
        self.full = full
        self.data = data if self.visible else None
        self.window.timeline.set_bulk(self.data.index if self.data else None)
        if self.data is None:
            self.table.set_columns(None)
        else:
            self.table.set_columns(self.data.columns, self.data.rows)
        tabs = self.window.event_tabs
        count = len(self.data) if self.data else 0
        tabs.setTabText(1, f"Bulk events ({count:,})")
        tabs.setTabVisible(1, count > 0)

    def window_weights(self, lo: float, hi: float) -> dict[Pair, tuple[int, float]]:
        return self.data.index.window(lo, hi) if self.data else {}

    def describe(self) -> str:
        return f" · {len(self.data):,} bulk events" if self.data else ""

    def show_event(self, pk: int) -> None:
        store = self.window.store
        if store is None:
            return

        def shown(details: object) -> None:
            if details:
                self.window.source.show_bulk_event(details)  # type: ignore[arg-type]
                self.window.source_dock.raise_()

        self.window.jobs.submit(
            "Reading event…", lambda: store.bulk_event(pk), shown, key="bulk-event"
        )

    def import_files(self) -> None:
        window, store = self.window, self.window.store
        if store is None:
            return
        names, _ = QFileDialog.getOpenFileNames(
            window,
            "Import GDELT 2.0 event exports",
            str(Path.home()),
            "GDELT exports (*.CSV *.csv *.zip *.tsv *.txt);;All files (*)",
        )
        if not names:
            return
        dialog = QProgressDialog("Importing bulk events…", "Cancel", 0, 1000, window)
        dialog.setWindowTitle("Import GDELT")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        cancelled = threading.Event()
        dialog.canceled.connect(cancelled.set)
        progress = _Progress()

        def moved(rows: int, done: int, total: int) -> None:
            dialog.setValue(int(1000 * done / total) if total else 0)
            dialog.setLabelText(f"Importing bulk events… {rows:,} rows read")

        progress.moved.connect(moved)

        def on_progress(rows: int, done: int, total: int) -> bool:
            progress.moved.emit(rows, done, total)  # called on the worker thread
            return not cancelled.is_set()  # False: stop, and nothing is written

        def work() -> ImportReport:
            return store.import_gdelt([Path(n) for n in names], on_progress=on_progress)

        def finish_progress() -> None:
            # Closing a QProgressDialog emits ``canceled`` (its closeEvent does): cut
            # the wire first, or every failure would read as the user's cancel.
            dialog.canceled.disconnect(cancelled.set)
            dialog.close()

        def done(report: ImportReport) -> None:
            finish_progress()
            window.statusBar().showMessage(f"Imported: {report.summary()}", 10000)
            self._show_report(import_outcome.finished(report))
            window.changed.emit(Changes(events=True, actors=True))

        def failed(exc: BaseException) -> None:
            finish_progress()
            outcome = import_outcome.failed(exc)
            window.statusBar().showMessage(outcome.title, 8000)
            self._show_report(outcome)

        window.jobs.submit("Importing bulk events…", work, done, failed)
        dialog.show()

    def _show_report(self, outcome: import_outcome.ImportOutcome) -> None:
        """The import's report, window-modal, until the user closes it."""
        if self.report is not None:
            self.report.close()
        self.report = ImportReportDialog(outcome, self.window)
        self.report.finished.connect(self._report_closed)
        self.report.open()

    def _report_closed(self) -> None:
        self.report = None
