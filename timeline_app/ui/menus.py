"""The main window's menus, actions and window-wide keys (listed in Help > Keyboard
shortcuts, ``dialogs.SHORTCUTS``: keep the two in step)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from timeline_app.services import Changes
from timeline_app.ui import dialogs

if TYPE_CHECKING:
    from timeline_app.ui.main_window import MainWindow


def add_action(
    window: MainWindow,
    menu: QMenu | QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(w: MainWindow) -> None:
    """File, Edit, View and Help; sets ``undo_action``, ``redo_action``, ``dark_action``
    and ``bulk_action`` on the window."""
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    add_action(w, file_menu, "&Open database…", w.choose_database, QKeySequence.StandardKey.Open)
    add_action(
        w,
        file_menu,
        "&Load / refresh curated seeds",
        w.reload_seeds,
        "F5",
        "Validate and load the bundled seeds",
    )
    add_action(w, file_menu, "&Import GDELT events…", w.bulk.import_files, "Ctrl+I")
    file_menu.addSeparator()
    add_action(w, file_menu, "Export &events (JSON or CSV)…", w.export_events, "Ctrl+Shift+E")
    add_action(w, file_menu, "Export &timeline…", w.export_timeline, "Ctrl+E")
    add_action(w, file_menu, "&Copy timeline image", w.copy_timeline_image, "Ctrl+Shift+C")
    file_menu.addSeparator()
    add_action(w, file_menu, "&Quit", w.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    w.undo_action = add_action(w, edit, "&Undo view change", w.undo, QKeySequence.StandardKey.Undo)
    w.redo_action = add_action(w, edit, "&Redo view change", w.redo, QKeySequence.StandardKey.Redo)
    w.update_history_actions()

    view = bar.addMenu("&View")
    add_action(w, view, "&Fit all", w.timeline.fit_all, "Ctrl+0")
    add_action(w, view, "&Zoom to selection", w.zoom_to_selection, "Z")
    view.addSeparator()
    w.dark_action = add_action(w, view, "&Dark theme", w.toggle_dark, "Ctrl+Shift+D")
    w.dark_action.setCheckable(True)
    w.bulk_action = add_action(
        w, view, "Show &bulk events layer", lambda: w.changed.emit(Changes(filter=True)), "Ctrl+B"
    )
    w.bulk_action.setCheckable(True)
    w.bulk_action.setChecked(True)
    view.addSeparator()
    for dock in (w.relations_dock, w.source_dock, w.table_dock):
        view.addAction(dock.toggleViewAction())
    add_action(w, view, "&Reset layout", w.reset_layout)

    help_menu = bar.addMenu("&Help")
    add_action(w, help_menu, "&Keyboard shortcuts", lambda: dialogs.show_shortcuts(w), "F1")
    add_action(
        w,
        help_menu,
        "&About",
        lambda: dialogs.show_about(w, w.store.path if w.store else None),
    )

    # Window-wide keys (they work wherever focus is).
    add_action(w, w, "Search", w.focus_search, QKeySequence.StandardKey.Find)
    add_action(w, w, "Clear", w.escape, "Esc")
