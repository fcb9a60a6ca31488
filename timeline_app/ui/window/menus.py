"""The main window's menus, actions and keys. Help > Keyboard shortcuts lists them
from the actions themselves (``keys.shortcut_entries``), so give each a status tip."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from timeline_app.ui.articles.menu import add_article_actions
from timeline_app.ui.editor.editing_actions import add_editing_actions
from timeline_app.ui.window import dialogs
from timeline_app.ui.window.keys import widget_action
from timeline_app.ui.window.log_folder import open_log_folder

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow


def add_action(
    window: MainWindow,
    menu: QMenu | QWidget,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, QKeySequence.StandardKey):
        # Every binding of the platform's key (Redo is both Ctrl+Shift+Z and Ctrl+Y on
        # Linux); QKeySequence(standard_key) keeps only the first.
        action.setShortcuts(shortcut)
    elif shortcut is not None:
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
    add_action(w, file_menu, "&Restore backup…", w.restore_backup, tip="Put a backup back")
    add_article_actions(w, file_menu)
    file_menu.addSeparator()
    add_action(w, file_menu, "Export &events (JSON or CSV)…", w.export_events, "Ctrl+Shift+E")
    add_action(w, file_menu, "Export &timeline…", w.export_timeline, "Ctrl+E")
    add_action(w, file_menu, "&Copy timeline image", w.copy_timeline_image, "Ctrl+Shift+C")
    add_action(w, file_menu, "Export &briefing…", w.export_briefing, "Ctrl+Shift+B",
               "A deck (PowerPoint or PDF) of the saved views, with their sources")  # fmt: skip
    file_menu.addSeparator()
    add_action(w, file_menu, "&Quit", w.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    w.undo_action = add_action(
        w,
        edit,
        "&Undo view change",
        w.undo,
        QKeySequence.StandardKey.Undo,
        "Undo a change of filter, focus, selection, zoom or pan",
    )
    w.redo_action = add_action(
        w, edit, "&Redo view change", w.redo, QKeySequence.StandardKey.Redo, "Redo it"
    )
    add_editing_actions(w, edit, w.editing)
    w.update_history_actions()

    view = bar.addMenu("&View")
    add_action(w, view, "&Fit all", w.timeline.fit_all, "Ctrl+0", "Fit all events")
    view.addActions(timeline_actions(w))
    view.addSeparator()
    w.dark_action = add_action(w, view, "&Dark theme", w.toggle_dark, "Ctrl+Shift+D")
    w.dark_action.setCheckable(True)
    w.bulk_action = add_action(w, view, "Show &bulk events layer", w.toggle_bulk_layer, "Ctrl+B")
    w.bulk_action.setCheckable(True)
    w.bulk_action.setChecked(True)
    add_action(
        w,
        view,
        "&Save view…",
        w.save_view,
        "Ctrl+Shift+S",
        "Save this view (window, filter, focus)",
    )
    view.addSeparator()
    for dock in (w.relations_dock, w.source_dock, w.table_dock, w.views_dock):
        view.addAction(dock.toggleViewAction())
    add_action(w, view, "&Reset layout", w.reset_layout)

    help_menu = bar.addMenu("&Help")
    add_action(w, help_menu, "&Keyboard shortcuts", w.show_shortcuts, "F1", "List every key")
    add_action(w, help_menu, "Open &log folder", open_log_folder, tip="Where errors are logged")
    add_action(
        w,
        help_menu,
        "&About",
        lambda: dialogs.show_about(w, w.store.path if w.store else None),
    )

    # Window-wide keys (they work wherever focus is).
    add_action(
        w, w, "Search", w.focus_search, QKeySequence.StandardKey.Find, "Search events and articles"
    )
    add_action(
        w,
        w,
        "Clear",
        w.escape,
        "Esc",
        "Clear one thing: the selection, then the lane focus, the search, the dates, "
        "the categories, the modalities, the actors",
    )


def timeline_actions(w: MainWindow) -> list[QAction]:
    """Keys that act while the timeline has focus (listed in the View menu and F1)."""
    t = w.timeline
    return [
        widget_action(t, "Previous event on the lane", lambda: w.step_selection(-1), "Left", "Up"),
        widget_action(t, "Next event on the lane", lambda: w.step_selection(+1), "Right", "Down"),
        widget_action(
            t,
            "Show the selected event's source",
            lambda: w.show_source(w.selected or ""),
            "Return",
            "Enter",
        ),
        widget_action(t, "&Zoom to the selected event", w.zoom_to_selection, "Z"),
        widget_action(t, "Zoom in", lambda: w.zoom_by(0.7), "+", "="),
        widget_action(t, "Zoom out", lambda: w.zoom_by(1 / 0.7), "-"),
        widget_action(t, "Fit all (timeline)", t.fit_all, "Home", "F"),
    ]
