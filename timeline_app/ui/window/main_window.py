"""The main window: wiring only. It builds the views and docks, and connects them:

* ``ui/window/view_controller.ViewController`` owns the one view state (``ViewModel``, bound to
  the views by ``ui/window/view_binding.py``, recorded by undo) and applies the view rules;
* ``ui/window/data_jobs.DataJobs`` runs the database work off the GUI thread; what it reads
  goes to ``ui/window/shown_data.ShownData`` and on to the views;
* data changes travel on one channel (``changed``); ``ui/window/data_reactions.DataReactions``
  answers them (and the data jobs' results), so the path of data reads in one place;
* the docks are built by ``ui/window/docks.py``, Undo/Redo over the two histories is
  ``ui/window/undo_redo.UndoRedo``, the status bar's counts ``ui/window/counts_text.py``."""

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
from timeline_app.layout import WindowIndex
from timeline_app.paths import user_dir
from timeline_app.saved_views import SavedView
from timeline_app.services import Store
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
from timeline_app.ui.window.counts_text import counts_text
from timeline_app.ui.window.data_jobs import DataJobs
from timeline_app.ui.window.data_reactions import DataReactions
from timeline_app.ui.window.db_watch import DatabaseWatch
from timeline_app.ui.window.docks import build_docks
from timeline_app.ui.window.filter_bar import FilterBar
from timeline_app.ui.window.keys import ActionsWinInTextBoxes, shortcut_entries, shortcuts_text
from timeline_app.ui.window.menus import build_menus
from timeline_app.ui.window.outside_notice import OutsideNotice
from timeline_app.ui.window.pins import install_pins
from timeline_app.ui.window.shown_data import ShownData
from timeline_app.ui.window.snapshot import Snapshot
from timeline_app.ui.window.status_line import StatusLine
from timeline_app.ui.window.undo_redo import UndoRedo
from timeline_app.ui.window.view_controller import ViewController
from timeline_app.ui.window.window_geometry import place_on_screen, restore_on_screen
from timeline_app.ui.workers import JobRunner
from timeline_app.view_snapshot import to_state


class MainWindow(UndoRedo, QMainWindow):
    changed = Signal(object)  # Changes: the one change channel every view listens to
    data_shown = Signal()  # a query's result has been handed to every view
    bulk_shown = Signal()  # the bulk layer for the current filter is drawn
    # Set by ``build_menus`` (and ``undo_action``, ``redo_action``: see ``UndoRedo``).
    dark_action: QAction
    bulk_action: QAction
    # Set by ``build_docks``.
    relations_dock: QDockWidget
    source_dock: QDockWidget
    table_dock: QDockWidget
    views_dock: QDockWidget

    def __init__(self, db_path: Path | None = None, prefetch: Prefetch | None = None) -> None:
        """``prefetch``: the database already being read in the background
        (``run_gui``); used when it is the database this window opens."""
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.settings = Settings.load()
        self.qt_settings = window_settings()
        self._build_views()
        self.timeline.set_empty_message("Opening the database…")
        self._dock_sizer = build_docks(self)
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
        self.source = SourceView(
            lambda name: self.data.document(name),
            actor_name=lambda code: a.name if (a := self.data.actors.get(code)) else code,
        )
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

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress)
        self.status = StatusLine(self.statusBar(), self._counts_text)

    def _counts_text(self) -> str:
        return counts_text(self)

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
        self.reactions = DataReactions(self)
        self.views_panel.view_chosen.connect(self.show_saved_view)
        # Another process's commits reload the data; the window's own are taken as seen.
        self.db_watch = DatabaseWatch(self, self.jobs)
        self.db_watch.changed_elsewhere.connect(self.reactions.on_changed_elsewhere)
        self.views_panel.wrote.connect(self.db_watch.rebase)
        self.database.failed.connect(self._show_error)
        self.reactions.connect_database()
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
        self.reactions.remember_database = remember
        self.database.open(path, prefetch)

    def restore_backup(self) -> None:
        from timeline_app.ui.window.restore_dialog import restore_backup

        restore_backup(self)

    def choose_database(self) -> None:
        start = str(self.store.path.parent if self.store else user_dir())
        name, _ = QFileDialog.getOpenFileName(
            self, "Open database", start, "Databases (*.sqlite3 *.sqlite *.db);;All files (*)"
        )
        if name:
            self.open_database(Path(name))

    def reload_seeds(self) -> None:
        self.database.reload_seeds()

    def export_events(self) -> None:
        if self.snapshot is None:
            return
        events = self.snapshot.events
        opened = [self.store.path] if self.store else []
        written = dialogs.export_events(self, events, self._show_error, opened)
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

    # -- the view state ------------------------------------------------------------------
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
