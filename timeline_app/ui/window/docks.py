"""The main window's docks: relationships and source on the right, the event lists
below, saved views as a hidden tab behind the source pane; and their first sizes, which
leave a laptop's timeline most of the room (``window_geometry.DockSizer``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from timeline_app.ui.window.window_geometry import DockSizer, DockSizes

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow


def _dock(
    window: MainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    window.addDockWidget(area, dock)
    return dock


def build_docks(w: MainWindow) -> DockSizer:
    """Sets the window's ``relations_dock``, ``source_dock``, ``table_dock`` and
    ``views_dock``; the sizer that gives them their first sizes."""
    w.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    w.relations_dock = _dock(w, "Relationships", "relations-dock", w.relations, right)
    w.source_dock = _dock(w, "Source", "source-dock", w.source, right)
    w.table_dock = _dock(w, "Events", "events-dock", w.event_tabs, bottom)
    # Saved views open as a tab behind the source pane when asked for (View menu,
    # Ctrl+Shift+S): hidden at first, they take no room from a laptop's timeline.
    w.views_dock = _dock(w, "Saved views", "views-dock", w.views_panel, right)
    w.tabifyDockWidget(w.source_dock, w.views_dock)
    w.views_dock.hide()

    def fit(sizes: DockSizes) -> None:  # a laptop's timeline keeps most of the room
        w.resizeDocks(
            [w.relations_dock, w.source_dock],
            [sizes.relations_height, sizes.source_height],
            Qt.Orientation.Vertical,
        )
        w.resizeDocks([w.relations_dock], [sizes.side_width], Qt.Orientation.Horizontal)
        w.resizeDocks([w.table_dock], [sizes.table_height], Qt.Orientation.Vertical)

    return DockSizer(w, fit)
