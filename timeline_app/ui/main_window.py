"""The main window: wiring only. Views own their behaviour; what the analyst looks at
(window, filter, focus, selection, layers) lives in one Qt-free ``ViewModel`` that the
views are bound to (``ui/view_binding.py``) and that undo records. The window runs
database jobs off the GUI thread, routes data changes through one channel
(``changed``) and applies the view rules (``timeline_app.view_rules``)."""

from __future__ import annotations

import dataclasses
import time
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
from timeline_app.domain import Actor, Document, Event, EventFilter, Pair, Paragraph
from timeline_app.filters import FilterInput, build_filter
from timeline_app.framing import EMPTY_WINDOW, dense_period, fit_window, outside, spans_of
from timeline_app.layout import actor_index, pair_index
from timeline_app.paths import user_dir
from timeline_app.services import BulkData, Changes, Store, fetch_bulk
from timeline_app.settings import Settings
from timeline_app.ui import dialogs
from timeline_app.ui.app import window_settings
from timeline_app.ui.bulk_controller import BulkController, merge_actor_counts, merge_weights
from timeline_app.ui.event_table import EventTable
from timeline_app.ui.filter_bar import FilterBar, describe_actors
from timeline_app.ui.keys import ActionsWinInTextBoxes, shortcut_entries, shortcuts_text
from timeline_app.ui.legend import LegendBar
from timeline_app.ui.menus import build_menus
from timeline_app.ui.outside_notice import OutsideNotice
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
from timeline_app.ui.view_binding import ViewBinding
from timeline_app.ui.window_geometry import (
    DockSizer,
    DockSizes,
    place_on_screen,
    restore_on_screen,
)
from timeline_app.ui.workers import JobRunner
from timeline_app.view_rules import escape_message, escape_step, frame_for_filter, step_target
from timeline_app.view_state import Focus, ViewModel, ViewState

if TYPE_CHECKING:
    from timeline_app.ingest.corpus import Corpus


# How long the status bar keeps saying what Esc cleared, over the counts.
NOTE_SECONDS = 8.0


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
        self.jobs = JobRunner(self)
        self.store: Store | None = None
        self.snapshot: Snapshot | None = None
        self.pair_index = pair_index([])
        self.actor_index = actor_index([])
        self.actors: dict[str, Actor] = {}
        self.view = ViewModel(ViewState(window=EMPTY_WINDOW))
        self.ranking: list[str] = []  # the search's matches, best first
        # The filter whose matches are framed once they are read: set by the user's
        # filter edit, kept while the data is still loading (even through an undo that
        # comes back to that filter), used up by the first result for it.
        self._frame_for: EventFilter | None = None
        self._note: tuple[str, float] | None = None  # a status message and when it was set

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
        self.outside_notice = OutsideNotice()
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
        self.binding = ViewBinding(
            self.view,
            self.timeline,
            self.table,
            self.filter_bar,
            self.relations,
            self.source,
            self._event,
            self._name_focus,
        )
        self.view.subscribe(self._on_view_changed)
        self.changed.connect(self._on_changes)
        self.jobs.busy_changed.connect(self._on_busy)
        self.jobs.failed.connect(lambda label, exc: self._show_error(label, exc))
        self.filter_bar.inputs_edited.connect(self._on_filter_edited)
        self.filter_bar.lane_focus_cleared.connect(self.clear_focus)
        self.filter_bar.search.returnPressed.connect(self.filter_bar.flush)
        self.timeline.source_requested.connect(self.show_source)
        self.timeline.bulk_event_selected.connect(self.bulk.show_event)
        self.timeline.escape_pressed.connect(self.escape)
        self.table.doubleClicked.connect(lambda _i: self.show_source(self.selected or ""))
        self.relations.pair_clicked.connect(lambda key: self.focus_pair(key, frame=True))
        self.relations.actor_clicked.connect(self.focus_actor)
        self.relations.background_clicked.connect(self.clear_focus)
        self.outside_notice.show_requested.connect(self.show_all_matches)
        # Window shortcuts win over a text box's own claims (Ctrl+E in the search box).
        text_boxes = ActionsWinInTextBoxes(self.window_actions, self)
        for box in (self.filter_bar.search, self.filter_bar.date_from, self.filter_bar.date_to):
            box.installEventFilter(text_boxes)

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
        flt = self.current_filter()
        with_bulk = self.view.state.bulk_layer
        if changes.events or changes.database:
            self.bulk.invalidate()
        reuse = self.snapshot is not None and not (changes.documents or changes.database)
        documents = self.snapshot.documents if reuse and self.snapshot else None
        self.jobs.submit(
            "Querying…",
            lambda: (
                fetch_snapshot(store, flt, documents),
                store.rank_matches(flt.text) if flt.text else [],
            ),
            lambda found: self._apply_snapshot(*found),
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

    def _apply_snapshot(self, snapshot: Snapshot, ranking: list[str] | None = None) -> None:
        if snapshot.filter != self.current_filter():
            return  # the filter changed again while this was read; its own query follows
        first = self.snapshot is None
        self.snapshot = snapshot
        self.ranking = list(ranking or [])
        self.timeline.set_empty_message(empty_message(snapshot))
        self.actors = {a.code: a for a in snapshot.actors}
        # Not show_inputs: the analyst may be typing while this was read.
        self.filter_bar.set_actors(snapshot.actors)
        self.pair_index = pair_index(snapshot.events)
        self.actor_index = actor_index(snapshot.events)
        self.relations.set_actors(snapshot.actors)
        self.table.set_events(snapshot.events, self.actors, self.ranking)
        with self.binding.programmatic():
            self.timeline.set_events(snapshot.events, self.actors, keep_range=not first)
            if first:
                self._first_view(snapshot)
        if first:
            self.binding.start()
        self.binding.apply_focus()  # the lanes may have changed
        if self._frame_for is not None and self._frame_for == snapshot.filter:
            self._frame_for = None
            self._frame_matches(snapshot)
        if self.selected and self._event(self.selected) is None:
            self.view.update(record=False, selection=None)
        self.binding.apply_selection(redraw=True)
        self._update_relations()
        self._update_outside_notice()
        self._show_counts()
        self.data_shown.emit()

    def _first_view(self, snapshot: Snapshot) -> None:
        """The saved window, else the events' dense period in whole years."""
        start, end = self.settings.view_start, self.settings.view_end
        if start is not None and end is not None and end > start:
            window = (start, end)
        else:
            window = dense_period(spans_of(snapshot.events)) or EMPTY_WINDOW
        self.view.update(record=False, window=window)
        self.timeline.set_visible_range(*window)

    def _frame_matches(self, snapshot: Snapshot) -> None:
        """After a filter the user made: frame its matches and select the best one,
        in the same undo step as the filter."""
        best = self._event(self.ranking[0]) if self.ranking else None
        window = frame_for_filter(
            snapshot.filter,
            spans_of(snapshot.events),
            spans_of([best])[0] if best else None,
        )
        changes: dict[str, object] = {}
        if window is not None:
            changes["window"] = window
        if best is not None:
            changes["selection"] = best.id
        self.view.update(record=False, **changes)

    def show_all_matches(self) -> None:
        """Frame every match of the filter (the notice's "Show them"): one undo step."""
        if self.snapshot is not None and self.snapshot.events:
            window = fit_window(spans_of(self.snapshot.events))
            if window is not None:
                self.view.update(window=window)

    def _apply_bulk(self, result: tuple[BulkData | None, BulkData | None]) -> None:
        full, data = result
        had_bulk = self.bulk.data is not None
        with self.binding.programmatic():
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
            self._show_counts()
        self.bulk_shown.emit()

    # -- the view state ------------------------------------------------------------------
    @property
    def selected(self) -> str | None:
        return self.view.state.selection

    def current_filter(self) -> EventFilter:
        return build_filter(self.view.state.filter).filter

    def focused_pairs(self) -> list[Pair]:
        return self.binding.focused_pairs()

    def _on_filter_edited(self, raw: FilterInput) -> None:
        """The user changed the filter bar: one undo step (typing makes one), and the
        result will frame its matches."""
        before = self.view.state.filter
        only_text = dataclasses.replace(raw, text="") == dataclasses.replace(before, text="")
        built = build_filter(raw).filter
        if built != build_filter(before).filter:
            self._frame_for = built
        self.view.update(filter=raw, burst="text" if only_text else None)

    def _on_view_changed(self, old: ViewState, new: ViewState, changed: frozenset[str]) -> None:
        if (
            "filter" in changed
            and build_filter(old.filter).filter != build_filter(new.filter).filter
        ):
            self.changed.emit(Changes(filter=True))
        if "bulk_layer" in changed:
            self.bulk_action.setChecked(new.bulk_layer)
            self.changed.emit(Changes(filter=True))
        if "window" in changed:
            self._update_relations()
            self._update_outside_notice()
        self.update_history_actions()

    def select_event(self, event_id: str | None) -> None:
        self.binding.select(event_id or None)

    def show_source(self, event_id: str) -> None:
        if event_id:
            self.select_event(event_id)
            self.source_dock.show()
            self.source_dock.raise_()
            self.source.setFocus()

    def zoom_to_selection(self) -> None:
        if self.selected:
            self.timeline.zoom_to_event(self.selected)

    def step_selection(self, direction: int) -> None:
        """← →: the previous or next event in time on the selected event's lane."""
        if self.snapshot is None or not self.timeline.lanes():
            return
        lane = self.binding.step_lane
        event = self._event(self.selected)
        if lane is None or (event is not None and lane not in event.pairs):
            lanes = self.timeline.lanes()
            lane = next((p for p in lanes if event and p in event.pairs), lanes[0])
        target = step_target(self.snapshot.events, lane, self.selected, direction)
        if target is not None:
            self.binding.select(target, lane)

    def zoom_by(self, factor: float) -> None:
        lo, hi = self.timeline.visible_range()
        centre, half = (lo + hi) / 2, (hi - lo) / 2 * factor
        self.timeline.set_visible_range(centre - half, centre + half)

    def focus_pair(self, key: str, *, frame: bool = False) -> None:
        """Focus one tie; ``frame``: also frame that tie's events (an edge click)."""
        pair = Pair.parse(key)
        changes: dict[str, object] = {"focus": Focus("pair", pair.key)}
        if frame and self.snapshot is not None:
            window = dense_period(spans_of(e for e in self.snapshot.events if pair in e.pairs))
            if window is not None:
                changes["window"] = window
        self.view.update(**changes)

    def focus_actor(self, code: str) -> None:
        self.view.update(focus=Focus("actor", code))

    def clear_focus(self) -> None:
        self.view.update(focus=None)

    def set_list_follows_focus(self, on: bool) -> None:
        self.view.update(list_follows_focus=on)

    def _name_focus(self, focus: Focus) -> str:
        if focus.kind == "pair":
            return lane_label(Pair.parse(focus.key), self.actors)
        return f"{describe_actors([focus.key], self.actors)} (all lanes)"

    def escape(self) -> None:
        """Esc clears exactly one thing (``view_rules.ESCAPE_ORDER``) and says which."""
        before = self.view.state
        step = escape_step(before)
        if step is None:
            self._set_note("Nothing to clear")
            return
        part, after = step
        label = self._name_focus(before.focus) if before.focus else ""
        self._set_note(escape_message(part, before, label))
        self.view.update(filter=after.filter, focus=after.focus, selection=after.selection)

    def undo(self) -> None:
        self.view.undo()
        self._keep_pending_frame()

    def redo(self) -> None:
        self.view.redo()
        self._keep_pending_frame()

    def _keep_pending_frame(self) -> None:
        """After undo or redo: a frame still waiting for its data stays only if the
        view came back to its filter (the window restored is otherwise exact)."""
        if self._frame_for != self.current_filter():
            self._frame_for = None

    def update_history_actions(self) -> None:
        if hasattr(self, "undo_action"):
            self.undo_action.setEnabled(self.view.can_undo)
            self.redo_action.setEnabled(self.view.can_redo)

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

    # -- helpers ---------------------------------------------------------------------------------
    def _event(self, event_id: str | None) -> Event | None:
        if not event_id or self.snapshot is None:
            return None
        return next((e for e in self.snapshot.events if e.id == event_id), None)

    def _lookup_document(self, file_name: str) -> tuple[Document, list[Paragraph]] | None:
        return self.snapshot.documents.get(file_name) if self.snapshot else None

    def _update_outside_notice(self) -> None:
        """Say so when matches of a filter lie outside the window."""
        snapshot = self.snapshot
        if snapshot is None or snapshot.filter.is_empty or not snapshot.events:
            self.outside_notice.set_counts(0, 0)
            return
        spans = spans_of(snapshot.events)
        self.outside_notice.set_counts(outside(spans, self.view.state.window), len(spans))

    def _set_note(self, text: str) -> None:
        self._note = (text, time.monotonic())
        self._show_counts()

    def _show_counts(self) -> None:
        """The counts, after a recent note (what Esc cleared) while it is fresh."""
        counts = self._counts_text()
        note = self._note
        if note is not None and time.monotonic() - note[1] < NOTE_SECONDS:
            counts = f"{note[0]}   ·   {counts}" if counts else note[0]
        self.statusBar().showMessage(counts)

    def _update_relations(self) -> None:
        lo, hi = self.timeline.visible_range()
        # hi is the first day past the window: name the year of its last day.
        label = f"{from_day(max(lo, -719162)).year} – {from_day(min(hi - 1, 2932896)).year}"
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
            self._show_counts()

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
        self.jobs.wait(10000)
        if self.store is not None:
            self.store.close()
        super().closeEvent(event)
