"""The main window: wiring only. It builds the views and docks, and connects them:

* ``ui/window/view_controller.ViewController`` owns the one view state (``ViewModel``, bound to
  the views by ``ui/window/view_binding.py``, recorded by undo) and applies the view rules;
* ``ui/window/data_jobs.DataJobs`` runs the database work off the GUI thread; what it reads
  goes to ``ui/window/shown_data.ShownData`` and on to the views;
* data changes travel on one channel (``changed``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, Signal
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
from timeline_app.domain import Actor, EventFilter, Pair
from timeline_app.filters import build_filter
from timeline_app.layout import WindowIndex
from timeline_app.paths import user_dir
from timeline_app.saved_views import SavedView
from timeline_app.services import BulkData, Changes, Store
from timeline_app.settings import Settings
from timeline_app.ui.app import window_settings
from timeline_app.ui.articles.import_articles import ArticleImporter
from timeline_app.ui.articles.share_collection import CollectionSharing
from timeline_app.ui.bulk.bulk_controller import BulkController
from timeline_app.ui.editor.editing_actions import EditingActions
from timeline_app.ui.events.event_table import EventTable
from timeline_app.ui.prefetch import Prefetch
from timeline_app.ui.relations.relation_view import RelationView
from timeline_app.ui.source.source_view import SourceView
from timeline_app.ui.theme import THEMES, Theme, apply_palette
from timeline_app.ui.timeline.legend import LegendBar
from timeline_app.ui.timeline.timeline_view import TimelineView
from timeline_app.ui.views.panel import ViewsPanel
from timeline_app.ui.window import dialogs
from timeline_app.ui.window.data_jobs import DataJobs
from timeline_app.ui.window.db_watch import DatabaseWatch
from timeline_app.ui.window.filter_bar import FilterBar
from timeline_app.ui.window.keys import ActionsWinInTextBoxes, shortcut_entries, shortcuts_text
from timeline_app.ui.window.menus import build_menus
from timeline_app.ui.window.outside_notice import OutsideNotice
from timeline_app.ui.window.pins import install_pins
from timeline_app.ui.window.shown_data import ShownData
from timeline_app.ui.window.snapshot import Snapshot, describe_counts, empty_message
from timeline_app.ui.window.status_line import StatusLine
from timeline_app.ui.window.view_controller import ViewController
from timeline_app.ui.window.window_geometry import (
    DockSizer,
    DockSizes,
    place_on_screen,
    restore_on_screen,
)
from timeline_app.ui.workers import JobRunner
from timeline_app.view_snapshot import to_state
from timeline_app.view_state import ViewState


class MainWindow(QMainWindow):
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
        self._remember_database = True
        self._build_views()
        self.timeline.set_empty_message("Opening the database…")
        self._build_docks()
        self._build_status_bar()
        self._connect()
        self.editing = EditingActions(self)
        build_menus(self)
        self.pins = install_pins(self)
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
        self.source = SourceView(lambda name: self.data.document(name))
        self.table = EventTable()
        self.outside_notice = OutsideNotice()
        self.views_panel = ViewsPanel(None, lambda: self.view.state)
        self.bulk = BulkController(self)
        self.articles, self.collection = ArticleImporter(self), CollectionSharing(self)
        self.event_tabs = QTabWidget()
        self.event_tabs.setDocumentMode(True)
        self.event_tabs.addTab(self.table, "Events")
        self.event_tabs.addTab(self.bulk.table, "Bulk events")
        self.event_tabs.setTabVisible(1, False)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.legend)
        column.addWidget(self.outside_notice)
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
        # Saved views open as a tab behind the source pane when asked for (View menu,
        # Ctrl+Shift+S): hidden at first, they take no room from a laptop's timeline.
        self.views_dock = self._dock(
            "Saved views", "views-dock", self.views_panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.source_dock, self.views_dock)
        self.views_dock.hide()

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
        self.status = StatusLine(self.statusBar(), self._counts_text)

    def _connect(self) -> None:
        self.data = ShownData()
        self.database = DataJobs(self)
        self.views = ViewController(
            self.data,
            self.timeline,
            self.table,
            self.filter_bar,
            self.relations,
            self.source,
            self.outside_notice,
            self.bulk.window_weights,
            self.status.note,
        )
        self.view, self.binding = self.views.view, self.views.binding
        self.view.subscribe(self._on_view_changed)
        self.views_panel.view_chosen.connect(self.show_saved_view)
        self.changed.connect(self._on_changes)
        self.database.jobs.busy_changed.connect(self._on_busy)
        # Another process's commits reload the data; the window's own are taken as seen.
        self.db_watch = DatabaseWatch(self, self.jobs)
        self.db_watch.changed_elsewhere.connect(self._on_changed_elsewhere)
        self.database.failed.connect(self._show_error)
        self.database.opened.connect(self._on_opened)
        self.database.open_failed.connect(self._open_failed)
        self.database.seeds_read.connect(self._show_seeds)
        self.database.snapshot_read.connect(self._apply_snapshot)
        self.database.bulk_read.connect(self._apply_bulk)
        self.database.seeds_loaded.connect(self._on_seeds_loaded)
        self.bulk.failed.connect(self._show_error)
        self.filter_bar.inputs_edited.connect(self.views.filter_edited)
        self.filter_bar.lane_focus_cleared.connect(self.clear_focus)
        self.filter_bar.search.returnPressed.connect(self.filter_bar.flush)
        self.timeline.source_requested.connect(self.show_source)
        self.timeline.bulk_event_selected.connect(self.bulk.show_event)
        self.timeline.escape_pressed.connect(self.escape)
        self.table.doubleClicked.connect(lambda _i: self.show_source(self.selected or ""))
        self.relations.pair_clicked.connect(lambda key: self.focus_pair(key, frame=True))
        self.relations.actor_clicked.connect(self.focus_actor)
        self.relations.background_clicked.connect(self.clear_focus)
        self.outside_notice.show_requested.connect(self.views.show_all_matches)
        # Window shortcuts win over a text box's own claims (Ctrl+E in the search box).
        text_boxes = ActionsWinInTextBoxes(self.window_actions, self)
        for box in (self.filter_bar.search, self.filter_bar.date_from, self.filter_bar.date_to):
            box.installEventFilter(text_boxes)

    # -- what the window shows, for the dialogs and the tests ----------------------------------
    @property
    def jobs(self) -> JobRunner:
        return self.database.jobs

    @property
    def store(self) -> Store | None:
        return self.database.store

    @property
    def snapshot(self) -> Snapshot | None:
        return self.data.snapshot

    @property
    def actors(self) -> dict[str, Actor]:
        return self.data.actors

    @property
    def pair_index(self) -> WindowIndex[Pair]:
        return self.data.pair_index

    @property
    def selected(self) -> str | None:
        return self.views.selected

    def current_filter(self) -> EventFilter:
        return self.views.current_filter()

    def focused_pairs(self) -> list[Pair]:
        return self.views.focused_pairs()

    # -- database ----------------------------------------------------------------------
    def open_database(
        self, path: Path, *, remember: bool = True, prefetch: Prefetch | None = None
    ) -> None:
        """Open (or create and seed) the database at ``path``, off the GUI thread."""
        self._remember_database = remember
        self.database.open(path, prefetch)

    def _on_opened(self, path: Path) -> None:
        if self._remember_database:
            self.settings.last_db = str(path)
            self.settings.save()
        read_only = " (read-only)" if self.store is not None and self.store.read_only else ""
        self.setWindowTitle(f"{APP_NAME} — {path.name}{read_only}")
        self.views_panel.set_store(self.store)
        self.db_watch.watch(self.store)
        self.changed.emit(Changes(database=True))

    def _on_changed_elsewhere(self) -> None:
        self.status.note("The database was changed by another process; reloaded")
        self.views_panel.set_store(self.store)
        self.changed.emit(Changes(events=True, documents=True, actors=True))

    def restore_backup(self) -> None:
        from timeline_app.ui.window.restore_dialog import restore_backup

        restore_backup(self)

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
        self.database.reload_seeds()

    def _on_seeds_loaded(self, summary: str) -> None:
        self.statusBar().showMessage(f"Loaded: {summary}", 8000)
        self.changed.emit(Changes(events=True, documents=True, actors=True))

    def export_events(self) -> None:
        if self.snapshot is None:
            return
        events = self.snapshot.events
        written = dialogs.export_events(self, events, self._show_error)
        if written is not None:
            self.statusBar().showMessage(f"Exported {len(events)} events to {written}", 8000)

    def export_timeline(self) -> None:
        """PNG, SVG or PDF of the visible window, filter and lane focus (ui/figures/export_dialog)."""
        from timeline_app.ui.figures.export_dialog import open_export_dialog

        open_export_dialog(self)

    def export_briefing(self) -> None:
        """A deck of the saved views (ui/figures/deck_dialog)."""
        from timeline_app.ui.figures.deck_dialog import open_deck_dialog

        open_deck_dialog(self)

    def copy_timeline_image(self) -> None:
        from timeline_app.ui.figures.export_dialog import copy_timeline_image

        copy_timeline_image(self)

    # -- the change channel --------------------------------------------------------------
    def _on_changes(self, changes: Changes) -> None:
        if changes.events or changes.database:
            self.bulk.invalidate()
        self.database.query(
            changes,
            self.current_filter(),
            self.snapshot,
            self.bulk.full,
            self.view.state.bulk_layer,
        )

    def _show_seeds(self, seeds: Snapshot) -> None:
        """A first start: the seeds while they are written, unless data came first."""
        if self.snapshot is None:
            self._apply_snapshot(seeds)

    def _apply_snapshot(self, snapshot: Snapshot, ranking: list[str] | None = None) -> None:
        if snapshot.filter != self.current_filter():
            return  # the filter changed again while this was read; its own query follows
        self.data.show(snapshot, ranking)
        self.timeline.set_empty_message(empty_message(snapshot))
        start, end = self.settings.view_start, self.settings.view_end
        saved = (start, end) if start is not None and end is not None and end > start else None
        self.views.show_snapshot(snapshot, saved)
        self.status.show_counts()
        self.data_shown.emit()

    def _apply_bulk(self, full: BulkData | None, data: BulkData | None) -> None:
        had_bulk = self.bulk.data is not None
        with self.binding.programmatic():
            self.bulk.apply(full, data)
            shown = self.snapshot
            if not had_bulk and self.bulk.data is not None and shown and not shown.events:
                self.timeline.fit_all()  # a database of bulk events only
        self.views.update_relations()
        if self.snapshot is not None:
            self.status.show_counts()
        self.bulk_shown.emit()

    def _counts_text(self) -> str:
        if self.snapshot is None:
            return ""
        curated = describe_counts(self.snapshot.events, self.snapshot.total_events)
        read_only = (
            "Read-only (the file cannot be written) · "
            if self.store and self.store.read_only
            else ""
        )
        # A search covers curated events and articles only (filters.FilterRules): say
        # so, or an empty bulk layer looks like an empty database.
        searching = self.view.state.bulk_layer and bool(self.current_filter().text)
        bulk = " · bulk events hidden while searching" if searching else self.bulk.describe()
        return read_only + curated + bulk

    # -- the view state ------------------------------------------------------------------
    def _on_view_changed(self, old: ViewState, new: ViewState, changed: frozenset[str]) -> None:
        if (
            "filter" in changed
            and build_filter(old.filter).filter != build_filter(new.filter).filter
        ):
            self.changed.emit(Changes(filter=True))
        if "bulk_layer" in changed:
            self.bulk_action.setChecked(new.bulk_layer)
            self.changed.emit(Changes(filter=True))
        self.update_history_actions()

    def show_saved_view(self, saved: SavedView) -> None:
        """Show a saved view (one undo step): its window, filter, focus and selection."""
        state = to_state(saved, self.view.state)
        self.view.update(
            window=state.window, filter=state.filter, focus=state.focus, selection=state.selection
        )
        self.timeline.set_visible_range(*state.window)

    def save_view(self) -> None:
        """Save what the window shows now, under a name the analyst gives."""
        self.views_dock.show()
        self.views_dock.raise_()
        self.views_panel.ask_and_save()

    def select_event(self, event_id: str | None) -> None:
        self.views.select(event_id)

    def show_source(self, event_id: str) -> None:
        if event_id:
            self.select_event(event_id)
            self.source_dock.show()
            self.source_dock.raise_()
            self.source.setFocus()

    def zoom_to_selection(self) -> None:
        self.views.zoom_to_selection()

    def step_selection(self, direction: int) -> None:
        self.views.step_selection(direction)

    def zoom_by(self, factor: float) -> None:
        self.views.zoom_by(factor)

    def show_all_matches(self) -> None:
        self.views.show_all_matches()

    def focus_pair(self, key: str, *, frame: bool = False) -> None:
        self.views.focus_pair(key, frame=frame)

    def focus_actor(self, code: str) -> None:
        self.views.focus_actor(code)

    def clear_focus(self) -> None:
        self.views.clear_focus()

    def set_list_follows_focus(self, on: bool) -> None:
        self.views.set_list_follows_focus(on)

    def escape(self) -> None:
        self.views.escape()

    def undo(self) -> None:
        self.status.clear_note()  # "Ctrl+Z brings it back" is done
        self.editing.undo() if self.editing.owns_undo() else self.views.undo()

    def redo(self) -> None:
        self.status.clear_note()
        self.editing.redo() if self.editing.owns_redo() else self.views.redo()

    def update_history_actions(self) -> None:
        if hasattr(self, "undo_action"):
            edits = self.editing.stack
            self.undo_action.setEnabled(self.view.can_undo or edits.canUndo())
            self.redo_action.setEnabled(self.view.can_redo or edits.canRedo())
            undo_edit, redo_edit = self.editing.owns_undo(), self.editing.owns_redo()
            self.undo_action.setText(
                f"&Undo {edits.undoText()}" if undo_edit else "&Undo view change"
            )
            self.redo_action.setText(
                f"&Redo {edits.redoText()}" if redo_edit else "&Redo view change"
            )

    def toggle_bulk_layer(self) -> None:
        self.view.update(bulk_layer=self.bulk_action.isChecked())

    def window_actions(self) -> list[QAction]:
        """Every window-wide action with a shortcut (menus and window keys)."""
        return [a for a in self.findChildren(QAction) if a.shortcuts() and a.parent() is self]

    def shortcuts_help(self) -> str:
        """The Help > Keyboard shortcuts text, built from the actions themselves."""
        return shortcuts_text(shortcut_entries([*self.window_actions(), *self.timeline.actions()]))

    def show_shortcuts(self) -> None:
        self._shortcuts_box = dialogs.show_shortcuts(self, self.shortcuts_help())

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def _on_busy(self, busy: bool, label: str) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.statusBar().showMessage(label)
        elif self.snapshot is not None:
            self.status.show_counts()

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

    def closeEvent(self, event: QCloseEvent) -> None:
        self.qt_settings.setValue("geometry", self.saveGeometry())
        self.qt_settings.setValue("state", self.saveState())
        self.qt_settings.sync()
        if self.snapshot is not None and self.snapshot.events:
            self.settings.view_start, self.settings.view_end = self.view.state.window
        self.settings.save()
        self.db_watch.stop()
        self.database.close()
        super().closeEvent(event)
