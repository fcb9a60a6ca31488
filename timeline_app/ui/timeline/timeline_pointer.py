"""What is under the pointer on the timeline: a mark or its title, a cluster, a bulk
aggregate column or a single bulk event; what its tooltip says, and what a click on it
does.

Works through the view's public methods only (its layout, events, lanes and bulk layer
to read; selecting, zooming and its signals to act), so the view keeps its own state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QToolTip

from timeline_app.mark_layout import MarkKind, PlacedMark
from timeline_app.ui.bulk.bulk_hits import bin_tooltip, bin_under, single_event_under
from timeline_app.ui.timeline.timeline_text import cluster_tooltip, event_tooltip, lane_label
from timeline_app.ui.timeline.timeline_window import MIN_VISIBLE_DAYS

if TYPE_CHECKING:
    from timeline_app.ui.timeline.timeline_view import TimelineView


class TimelinePointer:
    def __init__(self, view: TimelineView) -> None:
        self._view = view

    def mark_at(self, point: QPointF) -> PlacedMark | None:
        """The mark, or the title beside it, under ``point`` (day, layout pixels)."""
        return self._view.marks_layout().mark_at(point.x(), point.y())

    def _lane_point(self, point: QPointF) -> QPointF | None:
        """``point`` as (day, lane + 0.5), the form the bulk hit tests take."""
        layout = self._view.marks_layout()
        lane = layout.lane_at(point.y())
        if lane is None:
            return None
        top, bottom = layout.bulk_band(lane)
        # Only the strip of bulk events: a click among the titles never zooms.
        return QPointF(point.x(), lane + 0.5) if top <= point.y() <= bottom else None

    def bin_at(self, point: QPointF) -> tuple[int, float, float] | None:
        """(lane, lo, hi) of the bulk aggregate column under ``point``, if any."""
        layer, lane_point = self._view.bulk_layer(), self._lane_point(point)
        if layer is None or lane_point is None:
            return None
        return bin_under(layer, lane_point, self._view.visible_range(), self._width())

    def bulk_event_at(self, point: QPointF, slack_px: float = 4.0) -> int | None:
        """Key of the single bulk event drawn under ``point`` (when drawn one by one)."""
        layer, lane_point = self._view.bulk_layer(), self._lane_point(point)
        if layer is None or lane_point is None:
            return None
        lo, hi = self._view.visible_range()
        slack_days = slack_px * (hi - lo) / self._width()
        return single_event_under(layer, lane_point, (lo, hi), self._width(), slack_days)

    def hover(self, point: QPointF) -> tuple[str, Qt.CursorShape]:
        """The tooltip (rich text, every piece escaped; "" for none) and the cursor."""
        mark = self.mark_at(point)
        events = self._view.events()
        if mark is not None:
            if mark.kind is MarkKind.CLUSTER:
                members = [events[i] for i in mark.members]
                text = cluster_tooltip(members, mark.label or f"{len(members)} events")
            else:
                text = event_tooltip(events[mark.event_index], self._view.actors())
            return text, Qt.CursorShape.PointingHandCursor
        found, layer = self.bin_at(point), self._view.bulk_layer()
        if found is None or layer is None:
            return "", Qt.CursorShape.ArrowCursor
        lane, lo, hi = found
        name = lane_label(self._view.lanes()[lane], self._view.actors())
        return bin_tooltip(layer, lane, lo, hi, name), Qt.CursorShape.CrossCursor

    def moved_to(self, scene_pos: QPointF) -> None:
        """The pointer moved (scene coordinates): its cursor and tooltip follow."""
        view = self._view
        if not view.view_box.sceneBoundingRect().contains(scene_pos):
            return
        text, cursor = self.hover(view.view_box.mapSceneToView(scene_pos))
        view.plot.setCursor(cursor)
        if text:
            global_pos = view.plot.mapToGlobal(view.plot.mapFromScene(scene_pos))
            QToolTip.showText(global_pos, text, view.plot)
        else:
            QToolTip.hideText()

    def click(self, point: QPointF) -> None:
        """Select the event under ``point`` (or clear the selection on empty ground), open
        a cluster's menu, select a single bulk event, or zoom into a bulk column."""
        view = self._view
        mark = self.mark_at(point)
        view.setFocus(Qt.FocusReason.MouseFocusReason)
        if mark is None:
            single = self.bulk_event_at(point)
            if single is not None:
                view.bulk_event_selected.emit(single)
                return
            found = self.bin_at(point)
            if found is not None:
                _lane, lo, hi = found
                centre, half = (lo + hi) / 2, max((hi - lo) * 5, MIN_VISIBLE_DAYS / 2)
                view.set_visible_range(centre - half, centre + half)
                return
            if view.selected_event() is not None:
                view.select_event(None, emit=True)
            return
        if mark.kind is MarkKind.CLUSTER:
            view.cluster_menu(mark).popup(view.plot.mapToGlobal(view.position_of(mark).toPoint()))
            return
        view.select_event(view.events()[mark.event_index].id, mark.lane, emit=True)

    def _width(self) -> float:
        return max(float(self._view.view_box.width()), 1.0)
