"""The main window: wiring only. Views own their behaviour; the window connects
them, runs database jobs off the GUI thread and routes every change through one
channel (``changed``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QProgressBar,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from timeline_app import APP_NAME
from timeline_app.dates import from_day
from timeline_app.domain import Actor, Document, Event, Pair, Paragraph
from timeline_app.layout import actor_index, pair_index
from timeline_app.paths import user_dir
from timeline_app.services import BulkData, Changes, Store, fetch_bulk
from timeline_app.settings import Settings
from timeline_app.ui import dialogs
from timeline_app.ui.app import window_settings
from timeline_app.ui.bulk_controller import BulkController, merge_actor_counts, merge_weights
from timeline_app.ui.event_table import EventTable
from timeline_app.ui.filter_bar import FilterBar, describe_actors
from timeline_app.ui.legend import LegendBar
from timeline_app.ui.menus import build_menus
from timeline_app.ui.prefetch import Prefetch
from timeline_app.ui.relation_view import RelationView
from timeline_app.ui.snapshot import (
    Snapshot,
    describe_counts,
    empty_message,
    fetch_snapshot,
    seeds_snapshot,
)
from timeline_app.ui.source_view import SourceView
from timeline_app.ui.theme import THEMES, Theme, apply_palette
from timeline_app.ui.timeline_view import TimelineView, lane_label
from timeline_app.ui.view_history import ViewHistoryMixin
from timeline_app.ui.window_geometry import (
    DockSizer,
    DockSizes,
    place_on_screen,
    restore_on_screen,
)
from timeline_app.ui.workers import JobRunner

if TYPE_CHECKING:
    from timeline_app.ingest.corpus import Corpus


class MainWindow(ViewHistoryMixin, QMainWindow):
    changed = Signal(object)  # Changes: the one change channel every view listens to
    data_shown = Signal()  # a query's result has been handed to every view
    bulk_shown = Signal()  # the bulk layer for the current filter is drawn
    # Set by ``build_menus``.
    undo_action: QAction
    redo_action: QAction
    dark_action: QAction
    bulk_action: QAction

    def __init__(self, db_path: Path | None = None, prefetch: Prefetch | None = None) -> None:
        """``prefetch``: the database already being read in the background
        (``run_gui``); used when it is the database this window opens."""
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.settings = Settings.load()
        self.qt_settings = window_settings()
        self.jobs = JobRunner(self)
        self.store: Store | None = None
        self.snapshot: Snapshot | None = None
        self.pair_index = pair_index([])
        self.actor_index = actor_index([])
        self.actors: dict[str, Actor] = {}
        self.selected: str | None = None
        self.focus_pairs: set[Pair] = set()
        self.focus_label = ""
        self.focus_key: tuple[str, str] | None = None
        self.init_view_history()
        self._restored_range = False

        self._build_views()
        self.timeline.set_empty_message("Opening the database…")
        self._build_docks()
        build_menus(self)
        self._build_status_bar()
        self._connect()
        self._default_state = self.saveState()
        place_on_screen(self)
        self._restore_window()
        self.set_theme(THEMES.get(self.settings.theme, THEMES["light"]))
        self.open_database(
            db_path or self.settings.database_path(),
            remember=db_path is None,
            prefetch=prefetch,
        )

    # -- construction -------------------------------------------------------------------
    def _build_views(self) -> None:
        self.filter_bar = FilterBar()
        self.legend = LegendBar()
        self.timeline = TimelineView()
        self.relations = RelationView()
        self.source = SourceView(self._lookup_document)
        self.table = EventTable()
        self.bulk = BulkController(self)
        self.event_tabs = QTabWidget()
        self.event_tabs.setDocumentMode(True)
        self.event_tabs.addTab(self.table, "Curated events")
        self.event_tabs.addTab(self.bulk.table, "Bulk events")
        self.event_tabs.setTabVisible(1, False)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.legend)
        column.addWidget(self.timeline, 1)
        self.setCentralWidget(central)
        toolbar = QToolBar("Filter")
        toolbar.setObjectName("filter-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.filter_bar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.relations_dock = self._dock(
            "Relationships", "relations-dock", self.relations, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.source_dock = self._dock(
            "Source", "source-dock", self.source, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.table_dock = self._dock(
            "Events", "events-dock", self.event_tabs, Qt.DockWidgetArea.BottomDockWidgetArea
        )

        def fit(sizes: DockSizes) -> None:  # a laptop's timeline keeps most of the room
            self.resizeDocks(
                [self.relations_dock, self.source_dock],
                [sizes.relations_height, sizes.source_height],
                Qt.Orientation.Vertical,
            )
            self.resizeDocks([self.relations_dock], [sizes.side_width], Qt.Orientation.Horizontal)
            self.resizeDocks([self.table_dock], [sizes.table_height], Qt.Orientation.Vertical)

        self._dock_sizer = DockSizer(self, fit)

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress)

    def _connect(self) -> None:
        self.changed.connect(self._on_changes)
        self.jobs.busy_changed.connect(self._on_busy)
        self.jobs.failed.connect(lambda label, exc: self._show_error(label, exc))
        self.filter_bar.filter_changed.connect(self._on_filter_changed)
        self.filter_bar.lane_focus_cleared.connect(self.clear_focus)
        self.filter_bar.search.returnPressed.connect(self.filter_bar.flush)
        self.timeline.event_selected.connect(lambda eid: self.select_event(eid or None))
        self.timeline.source_requested.connect(self.show_source)
        self.timeline.bulk_event_selected.connect(self.bulk.show_event)
        self.timeline.range_changed.connect(self._on_range_changed)
        self.timeline.escape_pressed.connect(self.escape)
        self.table.event_selected.connect(lambda eid: self.select_event(eid or None))
        self.table.doubleClicked.connect(lambda _i: self.show_source(self.selected or ""))
        self.relations.pair_clicked.connect(self.focus_pair)
        self.relations.actor_clicked.connect(self.focus_actor)
        self.relations.background_clicked.connect(self.clear_focus)

    # -- database ----------------------------------------------------------------------
    def open_database(
        self, path: Path, *, remember: bool = True, prefetch: Prefetch | None = None
    ) -> None:
        """Open (or create and seed) the database at ``path``, off the GUI thread."""

        ahead = prefetch if prefetch is not None and prefetch.path == path else None
        if ahead is not None:
            # A first start: show the seeds as soon as they are validated, while they
            # are written (the write and the ORM's import take most of a second).
            self.jobs.submit(
                "Reading the curated seeds…",
                ahead.seeds,
                # Let the write start once the seeds are painted (a zero timer runs
                # after the paint already posted): a thread holding the GIL would
                # slow that first paint several times over.
                lambda seeds: (self._show_seeds(seeds), QTimer.singleShot(0, ahead.go_on)),
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
                self.bulk.read_ahead(ahead.bulk)
            if remember:
                self.settings.last_db = str(path)
                self.settings.save()
            self.setWindowTitle(f"{APP_NAME} — {path.name}")
            self.changed.emit(Changes(database=True))

        self.jobs.submit(
            f"Opening {path.name}…",
            work,
            done,
            self._open_failed,
        )

    def _show_seeds(self, seeds: Corpus | None) -> None:
        if seeds is not None and self.snapshot is None:
            self._apply_snapshot(seeds_snapshot(seeds))

    def _open_failed(self, exc: BaseException) -> None:
        if self.store is None:
            self.timeline.set_empty_message(
                "No database is open.\n\nChoose one with File › Open database… (Ctrl+O)."
            )
        self._show_error("Could not open the database", exc)

    def choose_database(self) -> None:
        start = str(self.store.path.parent if self.store else user_dir())
        name, _ = QFileDialog.getOpenFileName(
            self, "Open database", start, "Databases (*.sqlite3 *.sqlite *.db);;All files (*)"
        )
        if name:
            self.open_database(Path(name))

    def reload_seeds(self) -> None:
        store = self.store
        if store is None:
            return
        self.jobs.submit(
            "Loading curated seeds…",
            store.load,
            lambda report: (
                self.statusBar().showMessage(f"Loaded: {report.summary()}", 8000),
                self.changed.emit(Changes(events=True, documents=True, actors=True)),
            ),
            lambda exc: self._show_error(
                "The seeds were not loaded; the database is unchanged", exc
            ),
        )

    def export_events(self) -> None:
        if self.snapshot is None:
            return
        from timeline_app.export.events_io import to_csv, to_json

        name, chosen = QFileDialog.getSaveFileName(
            self, "Export events", str(Path.home() / "events.json"), "JSON (*.json);;CSV (*.csv)"
        )
        if not name:
            return
        as_csv = name.lower().endswith(".csv") or "CSV" in chosen
        text = to_csv(self.snapshot.events) if as_csv else to_json(self.snapshot.events)
        try:
            Path(name).write_text(text, encoding="utf-8")
        except OSError as exc:
            self._show_error("Could not write the file", exc)
            return
        self.statusBar().showMessage(f"Exported {len(self.snapshot.events)} events to {name}", 8000)

    def export_timeline(self) -> None:
        """PNG, SVG or PDF of the visible window, filter and lane focus (ui/export_dialog)."""
        from timeline_app.ui.export_dialog import open_export_dialog

        open_export_dialog(self)

    def copy_timeline_image(self) -> None:
        from timeline_app.ui.export_dialog import copy_timeline_image

        copy_timeline_image(self)

    # -- the change channel --------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        store = self.store
        if store is None or not changes.anything:
            return
        flt = self.filter_bar.current()
        with_bulk = self.bulk_action.isChecked()
        if changes.events or changes.database:
            self.bulk.invalidate()
        reuse = self.snapshot is not None and not (changes.documents or changes.database)
        documents = self.snapshot.documents if reuse and self.snapshot else None
        self.jobs.submit(
            "Querying…",
            lambda: fetch_snapshot(store, flt, documents),
            self._apply_snapshot,
            key="snapshot",
        )
        # Bulk events come in a second job: the curated timeline is drawn first.
        cached = self.bulk.full
        ahead = self.bulk.take_read_ahead()
        if with_bulk:
            self.jobs.submit(
                "Reading bulk events…",
                lambda: fetch_bulk(store, flt, ahead() if ahead else cached),
                self._apply_bulk,
                key="bulk",
            )
        else:
            self._apply_bulk((cached, None))

    def _apply_snapshot(self, snapshot: Snapshot) -> None:
        first = self.snapshot is None
        self.snapshot = snapshot
        self.timeline.set_empty_message(empty_message(snapshot))
        self.actors = {a.code: a for a in snapshot.actors}
        self.filter_bar.set_actors(snapshot.actors)
        self.pair_index = pair_index(snapshot.events)
        self.actor_index = actor_index(snapshot.events)
        self.relations.set_actors(snapshot.actors)
        self.table.set_events(snapshot.events, self.actors)
        self.timeline.set_events(snapshot.events, self.actors, keep_range=not first)
        if first:
            self._restore_range()
            self._state = self._current_state()
        self._update_relations()
        if self.selected and not any(e.id == self.selected for e in snapshot.events):
            self.select_event(None)
        elif self.selected:
            self.select_event(self.selected)
        self.statusBar().showMessage(self._counts_text())
        self.data_shown.emit()

    def _apply_bulk(self, result: tuple[BulkData | None, BulkData | None]) -> None:
        full, data = result
        had_bulk = self.bulk.data is not None
        self.bulk.apply(full, data)
        if (
            not had_bulk
            and self.bulk.data is not None
            and self.snapshot
            and not self.snapshot.events
        ):
            self.timeline.fit_all()  # a database of bulk events only
        self._update_relations()
        if self.snapshot is not None:
            self.statusBar().showMessage(self._counts_text())
        self.bulk_shown.emit()

    # -- selection and focus ------------------------------------------------------------------
    def select_event(self, event_id: str | None) -> None:
        self.selected = event_id
        event = self._event(event_id)
        if self.timeline.selected_event() != event_id:
            self.timeline.select_event(event_id)
        if self.table.selected_event() != event_id:
            self.table.select_event(event_id)
        self.source.show_event(event)

    def show_source(self, event_id: str) -> None:
        if event_id:
            self.select_event(event_id)
            self.source_dock.show()
            self.source_dock.raise_()
            self.source.setFocus()

    def zoom_to_selection(self) -> None:
        if self.selected:
            self.timeline.zoom_to_event(self.selected)

    def focus_pair(self, key: str) -> None:
        pair = Pair.parse(key)
        self._record()
        self._set_focus({pair}, lane_label(pair, self.actors), pair_key=pair.key)

    def focus_actor(self, code: str) -> None:
        pairs = {p for p in self.timeline.lanes() if code in (p.a, p.b)}
        self._record()
        self._set_focus(pairs, f"{describe_actors([code], self.actors)} (all lanes)", actor=code)

    def _set_focus(
        self, pairs: set[Pair], label: str, pair_key: str | None = None, actor: str | None = None
    ) -> None:
        self.focus_pairs, self.focus_label = pairs, label
        self.focus_key = ("pair", pair_key) if pair_key else (("actor", actor) if actor else None)
        self._state = self._current_state()
        self.timeline.set_highlighted_pairs(pairs)
        self.relations.set_highlight(pair_key=pair_key, actor=actor)
        self.filter_bar.set_lane_focus(label)

    def clear_focus(self) -> None:
        if self.focus_pairs or self.focus_label:
            self._record()
            self._set_focus(set(), "")
            self.filter_bar.set_lane_focus(None)

    def escape(self) -> None:
        """Esc clears one thing at a time: selection, then lane focus, then filters."""
        if self.selected:
            self.select_event(None)
        elif self.focus_pairs:
            self.clear_focus()
        elif self.filter_bar.is_active():
            self.filter_bar.clear()

    # -- helpers ---------------------------------------------------------------------------------
    def _event(self, event_id: str | None) -> Event | None:
        if not event_id or self.snapshot is None:
            return None
        return next((e for e in self.snapshot.events if e.id == event_id), None)

    def _lookup_document(self, file_name: str) -> tuple[Document, list[Paragraph]] | None:
        return self.snapshot.documents.get(file_name) if self.snapshot else None

    def _on_range_changed(self, lo: float, hi: float) -> None:
        self._update_relations()
        if self._state is not None:  # the window is part of the state undo goes back to
            self._state = dataclasses.replace(self._state, view_range=(lo, hi))

    def _update_relations(self) -> None:
        lo, hi = self.timeline.visible_range()
        label = f"{from_day(max(lo, -719162)).year} – {from_day(min(hi, 2932896)).year}"
        actor_counts = {code: w.count for code, w in self.actor_index.window(lo, hi).items()}
        weights = self.pair_index.window(lo, hi)
        bulk = self.bulk.window_weights(lo, hi)
        if bulk:
            weights = merge_weights(weights, bulk)
            actor_counts = merge_actor_counts(actor_counts, bulk)
        self.relations.set_weights(weights, label, actor_counts)

    def _counts_text(self) -> str:
        if self.snapshot is None:
            return ""
        curated = describe_counts(self.snapshot.events, self.snapshot.total_events)
        return curated + self.bulk.describe()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def _on_busy(self, busy: bool, label: str) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.statusBar().showMessage(label)
        elif self.snapshot is not None:
            self.statusBar().showMessage(self._counts_text())

    def _show_error(self, title: str, exc: BaseException) -> None:
        self._last_error = dialogs.show_error(self, title, exc)

    # -- theme, layout and persistence ---------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_palette(app, theme)
        self.theme = theme
        self.dark_action.setChecked(theme.is_dark)
        for view in (self.timeline, self.relations, self.source, self.legend):
            view.set_theme(theme)
        self.table.source_model.set_theme(theme)
        self.settings.theme = theme.name
        self.settings.save()

    def toggle_dark(self) -> None:
        self.set_theme(THEMES["dark" if self.dark_action.isChecked() else "light"])

    def reset_layout(self) -> None:
        self.restoreState(self._default_state)
        for dock in (self.relations_dock, self.source_dock, self.table_dock):
            dock.show()
        self.timeline.fit_all()

    def _restore_window(self) -> None:
        geometry = self.qt_settings.value("geometry")
        state = self.qt_settings.value("state")
        if isinstance(geometry, QByteArray):
            restore_on_screen(self, geometry)
        if isinstance(state, QByteArray) and self.restoreState(state):
            self._dock_sizer.cancel()  # the analyst's own layout wins

    def _restore_range(self) -> None:
        start, end = self.settings.view_start, self.settings.view_end
        if start is not None and end is not None and end > start:
            self.timeline.set_visible_range(start, end)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.qt_settings.setValue("geometry", self.saveGeometry())
        self.qt_settings.setValue("state", self.saveState())
        self.qt_settings.sync()
        if self.snapshot is not None and self.snapshot.events:
            self.settings.view_start, self.settings.view_end = self.timeline.visible_range()
        self.settings.save()
        self.jobs.wait(10000)
        if self.store is not None:
            self.store.close()
        super().closeEvent(event)
