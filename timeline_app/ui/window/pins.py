"""Pinned events: the analyst marks the events a briefing must number first.

P (timeline), or the context menu of a mark or of an event row, pins or unpins an
event; the timeline draws a pin above its mark. A view saved from the window stores
the pins, and showing a saved view brings its pins back. Pins are a briefing's
choice, not a change of view, so they are not undo steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu

from timeline_app.saved_views import MAX_IDS, SavedView
from timeline_app.ui.window.keys import widget_action

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow


class Pins(QObject):
    changed = Signal(tuple)  # the pinned event ids, in the order pinned

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.ids: tuple[str, ...] = ()

    def set(self, ids: tuple[str, ...]) -> None:
        self.ids = tuple(dict.fromkeys(ids))[:MAX_IDS]
        self._window.timeline.marks.set_pinned(frozenset(self.ids))
        self.changed.emit(self.ids)

    def toggle(self, event_id: str | None) -> None:
        if not event_id:
            self._window.statusBar().showMessage("Select an event to pin it", 4000)
            return
        pinned = event_id not in self.ids
        self.set((*self.ids, event_id) if pinned else tuple(i for i in self.ids if i != event_id))
        word = "Pinned" if pinned else "Unpinned"
        self._window.statusBar().showMessage(
            f"{word} the event ({len(self.ids)} pinned; a saved view keeps them)", 6000
        )

    def menu_for(self, event_id: str) -> QMenu:
        """A context menu with one action: pin or unpin ``event_id``."""
        menu = QMenu(self._window)
        text = "Unpin this event" if event_id in self.ids else "Pin this event (P)"
        menu.addAction(text, lambda: self.toggle(event_id))
        return menu


def _on_timeline_menu(window: MainWindow, pins: Pins, pos: QPoint) -> QMenu | None:
    timeline = window.timeline
    point = timeline.view_box.mapSceneToView(timeline.plot.mapToScene(pos))
    mark = timeline.pointer.mark_at(point)
    if mark is None or len(mark.members) > 1:
        return None
    event_id = timeline.events()[mark.event_index].id
    menu = pins.menu_for(event_id)
    menu.popup(timeline.plot.mapToGlobal(pos))
    return menu


def _on_table_menu(window: MainWindow, pins: Pins, pos: QPoint) -> QMenu | None:
    table = window.table
    index = table.indexAt(pos)
    if not index.isValid():
        return None
    source = table.model().mapToSource(index)  # type: ignore[attr-defined]
    event_id = table.source_model.event_at(source.row()).id
    menu = pins.menu_for(event_id)
    menu.popup(table.viewport().mapToGlobal(pos))
    return menu


def install_pins(window: MainWindow) -> Pins:
    """Pins for ``window``: the P key, the context menus and the saved views' pins."""
    pins = Pins(window)
    widget_action(
        window.timeline,
        "Pin or unpin the selected event",
        lambda: pins.toggle(window.selected),
        "P",
    )
    window.timeline.plot.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.timeline.plot.customContextMenuRequested.connect(
        lambda pos: _on_timeline_menu(window, pins, pos)
    )
    window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.table.customContextMenuRequested.connect(lambda pos: _on_table_menu(window, pins, pos))
    window.views_panel.current_pins = lambda: pins.ids
    window.views_panel.view_chosen.connect(lambda view: _show_pins(pins, view))
    return pins


def _show_pins(pins: Pins, view: object) -> None:
    if isinstance(view, SavedView):
        pins.set(view.pins)
