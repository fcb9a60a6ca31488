"""The timeline's pyqtgraph ViewBox: wheel zooms time only, Shift+wheel scrolls lanes,
double-click fits all, a left click goes to the view's hit testing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsSceneWheelEvent

from timeline_app.ui.timeline.lane_scroller import WHEEL_STEP_PX

if TYPE_CHECKING:
    from timeline_app.ui.timeline.timeline_view import TimelineView


class TimelineViewBox(pg.ViewBox):
    """Wheel zooms time only; Shift+wheel scrolls lanes; double-click fits all."""

    def __init__(self, owner: TimelineView) -> None:
        super().__init__(enableMenu=False)
        self._owner = owner
        self.setMouseEnabled(x=True, y=True)
        self.invertY(True)

    def wheelEvent(self, ev: QGraphicsSceneWheelEvent, axis: int | None = None) -> None:
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._owner.scroll_lanes(-WHEEL_STEP_PX if ev.delta() > 0 else WHEEL_STEP_PX)
            ev.accept()
            return
        super().wheelEvent(ev, axis=0)

    def mouseDoubleClickEvent(self, ev: MouseClickEvent) -> None:
        self._owner.fit_all()
        ev.accept()

    def mouseClickEvent(self, ev: MouseClickEvent) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            self._owner.click_at(self.mapSceneToView(ev.scenePos()))
            ev.accept()
        else:
            super().mouseClickEvent(ev)
