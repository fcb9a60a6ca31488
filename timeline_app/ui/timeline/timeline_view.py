"""The zoomable bilateral-ties timeline: one lane per pair of actors.

Wheel zooms time around the cursor, drag pans, Shift+wheel (or the scrollbar)
scrolls lanes, double-click fits all. Where marks and titles go (rows, clusters, lane
heights, hit testing) is computed by ``timeline_app.mark_layout`` (the screen's own
rules in ``mark_layout/screen.py``); this module wires it to pyqtgraph. What the pointer
hovers and clicks is in ``timeline_pointer.py``, how the time window moves in
``timeline_window.py``, tooltips and the cluster menu in ``timeline_text.py``, the
lanes' order and emphasis in ``lane_order.py``, the message shown without data in
``empty_label.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QMenu, QScrollBar, QVBoxLayout, QWidget

from timeline_app.bulk_layout import BulkIndex
from timeline_app.domain import Actor, Event, Pair
from timeline_app.mark_layout import MarksLayout, PlacedMark, titles_inside_view
from timeline_app.mark_layout.screen import layout_for_zoom, mark_of_event
from timeline_app.ui.bulk.bulk_painter import BulkLayer
from timeline_app.ui.theme import LIGHT, Theme
from timeline_app.ui.timeline.axes import DateAxis, LaneAxis, style_axis
from timeline_app.ui.timeline.empty_label import EmptyLabel
from timeline_app.ui.timeline.lane_order import LaneOrder
from timeline_app.ui.timeline.lane_scroller import LaneScroller
from timeline_app.ui.timeline.marks_item import (
    STATE_LABEL_PX,
    MarksItem,
    TimelineScene,
    label_font,
    measure_for,
)
from timeline_app.ui.timeline.overview import OverviewStrip
from timeline_app.ui.timeline.timeline_pointer import TimelinePointer
from timeline_app.ui.timeline.timeline_text import cluster_menu
from timeline_app.ui.timeline.timeline_viewbox import TimelineViewBox
from timeline_app.ui.timeline.timeline_window import TimeWindow, days_covered
from timeline_app.view_rules import step_target

LANE_AXIS_WIDTH = 170


class TimelineView(QWidget):
    event_selected = Signal(str)  # event id, "" when the selection is cleared
    bulk_event_selected = Signal(int)  # key of a bulk event clicked up close
    source_requested = Signal(str)  # Enter on the selected event
    range_changed = Signal(float, float)  # visible days [lo, hi)
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._theme = LIGHT
        self._events: list[Event] = []
        self._actors: dict[str, Actor] = {}
        self._lane_order = LaneOrder()
        self._selected: str | None = None
        self._selected_lane: int | None = None
        self._label_font = label_font()
        self._small_font = label_font(STATE_LABEL_PX)
        self._days_per_pixel = 1.0
        self._bulk: BulkIndex | None = None
        self._base_layout = self._compute_layout()  # for the zoom, whatever the pan
        self._layout = self._base_layout  # the same, titles kept inside the view

        self.date_axis = DateAxis()
        self.lane_axis = LaneAxis()
        self.lane_axis.setWidth(LANE_AXIS_WIDTH)
        self.view_box = TimelineViewBox(self)
        self.time_window = TimeWindow(self.view_box)
        self.plot = pg.PlotWidget(
            viewBox=self.view_box, axisItems={"bottom": self.date_axis, "left": self.lane_axis}
        )
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getPlotItem().layout.setContentsMargins(4, 6, 10, 4)
        self.marks = MarksItem(self._scene())
        self.view_box.addItem(self.marks)
        self.pointer = TimelinePointer(self)
        self.lane_scroll = QScrollBar(Qt.Orientation.Vertical)
        self.lanes_scroller = LaneScroller(
            self.view_box, self.lane_scroll, lambda: self._layout.height, self._lane_span
        )
        self.overview = OverviewStrip()
        self.overview.region_changed.connect(self._on_overview_region)
        self.empty_label = EmptyLabel(self.plot, LANE_AXIS_WIDTH)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.plot, 1)
        row.addWidget(self.lane_scroll)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row, 1)
        column.addWidget(self.overview)

        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._relayout)
        self.view_box.sigRangeChanged.connect(self._on_range_changed)
        self.view_box.sigResized.connect(self._on_resized)
        self.plot.scene().sigMouseMoved.connect(self.pointer.moved_to)
        self.set_theme(LIGHT)
        self._update_empty_state()

    # -- data -------------------------------------------------------------------
    def set_events(
        self, events: Sequence[Event], actors: Mapping[str, Actor], *, keep_range: bool = True
    ) -> None:
        self._events = list(events)
        self._actors = dict(actors)
        self._order_lanes()
        if self._selected and not any(e.id == self._selected for e in self._events):
            self._selected = None
        self.overview.set_events(self._events)
        # Only when asked: a result after an empty one (a filter that matched nothing)
        # keeps the window the view state holds, never jumps to fit-all.
        if not keep_range:
            self.fit_all()  # first, so the titles are laid out once, for the new zoom
        self._relayout()
        self.lanes_scroller.clamp()
        self._update_empty_state()

    def set_bulk(self, index: BulkIndex | None) -> None:
        """Show (or hide, with None) a layer of bulk events drawn as aggregates."""
        self._bulk = index if index is not None and len(index) else None
        self._order_lanes()
        self._relayout()
        self._apply_limits()
        self.lanes_scroller.clamp()
        self._update_empty_state()

    def bulk_layer(self) -> BulkLayer | None:
        return self._lane_order.bulk_layer

    def _order_lanes(self) -> None:
        self._lane_order.order(self._events, self._actors, self._bulk)

    def events(self) -> list[Event]:
        return list(self._events)

    def lanes(self) -> tuple[Pair, ...]:
        return self._lane_order.lanes

    def actors(self) -> Mapping[str, Actor]:
        return self._actors

    def marks_layout(self) -> MarksLayout:
        return self._layout

    def label_font(self) -> QFont:
        """The font of the titles beside the marks (the layout measures with it)."""
        return QFont(self._label_font)

    # -- view state -----------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.plot.setBackground(theme.background)
        style_axis(self.date_axis, theme.text, theme.grid)
        style_axis(self.lane_axis, theme.text, theme.grid, font_px=12)
        self.empty_label.setStyleSheet(f"color: {theme.muted_text}; font-size: 15px;")
        self.overview.set_theme(theme)
        self._refresh()

    def visible_range(self) -> tuple[float, float]:
        return self.time_window.visible()

    def set_visible_range(self, lo: float, hi: float) -> None:
        self.time_window.show(lo, hi)

    def fit_all(self) -> None:
        self.time_window.fit(days_covered(self._events, self._bulk))
        self.lanes_scroller.show(0.0)

    def zoom_to_event(self, event_id: str) -> None:
        event = self._event(event_id)
        if event is None:
            return
        self.time_window.frame_event(event)
        lanes = self._lane_order.lanes_of(event)
        if lanes:
            self.lanes_scroller.ensure_visible(lanes[0])

    def set_highlighted_pairs(self, pairs: set[Pair]) -> None:
        self._lane_order.highlight(pairs)
        highlighted = self._lane_order.highlighted
        self.lane_axis.set_highlighted(highlighted)
        if highlighted:
            self.lanes_scroller.ensure_visible(min(highlighted))
        self._refresh()

    def set_gathered_pairs(self, pairs: Sequence[Pair]) -> None:
        """Draw these lanes first, in this order (a focus gathers its lanes at the top);
        an empty sequence restores the busiest-first order."""
        order = self._lane_order
        if tuple(pairs) == order.gathered:
            return
        order.gathered = tuple(pairs)
        highlighted = order.highlighted_pairs()
        self._order_lanes()
        self._relayout()
        order.highlight(highlighted)
        self.lane_axis.set_highlighted(order.highlighted)
        self.lanes_scroller.show(0.0)
        self._refresh()

    def highlighted_lanes(self) -> set[int]:
        return set(self._lane_order.highlighted)

    # -- selection --------------------------------------------------------------------
    def selected_event(self) -> str | None:
        return self._selected

    def select_event(
        self, event_id: str | None, lane: int | None = None, *, emit: bool = False
    ) -> None:
        self._selected = event_id or None
        if event_id is None:
            self._selected_lane = None
        else:
            lanes = self._lanes_of(event_id)
            self._selected_lane = lane if lane in lanes else (lanes[0] if lanes else None)
            event = self._event(event_id)
            if event is not None:
                self.time_window.bring_into_view(event)
        # The selection is labelled first: its title may take another event's place.
        self._relayout()
        if self._selected_lane is not None:
            self.lanes_scroller.ensure_visible(self._selected_lane)
        if emit:
            self.event_selected.emit(self._selected or "")

    def _lanes_of(self, event_id: str) -> list[int]:
        return self._lane_order.lanes_of(self._event(event_id))

    def _event(self, event_id: str | None) -> Event | None:
        return next((e for e in self._events if e.id == event_id), None)

    def step(self, direction: int) -> None:
        """Select the previous (-1) or next (+1) event in time on the selected lane."""
        lanes = self._lane_order.lanes
        if not lanes or not self._events:
            return
        lane = self._selected_lane if self._selected_lane is not None else 0
        found = step_target(self._events, lanes[lane], self._selected, direction)
        if found is not None:
            self.select_event(found, lane, emit=True)

    def mark_of(self, event_id: str, lane: int | None = None) -> PlacedMark:
        """The mark that draws an event (its cluster's, when it is in one)."""
        index = next(i for i, e in enumerate(self._events) if e.id == event_id)
        mark = mark_of_event(self._layout, index, lane)
        if mark is None:
            raise KeyError(event_id)
        return mark

    def mark_position(self, event_id: str, lane: int | None = None) -> QPointF:
        """Widget coordinates (of ``self.plot``) of an event's mark, for tests and tooling."""
        try:
            mark = self.mark_of(event_id, lane)
        except (KeyError, StopIteration):
            raise KeyError(event_id) from None
        return self.position_of(mark)

    def position_of(self, mark: PlacedMark) -> QPointF:
        lo, hi = self.visible_range()
        # A point's centre; a bar's visible middle.
        x = mark.start + 0.5 if mark.is_point else (max(mark.start, lo) + min(mark.end, hi)) / 2
        scene_point = self.view_box.mapViewToScene(QPointF(x, mark.y))
        return QPointF(self.plot.mapFromScene(scene_point).toPointF())

    # -- interaction ------------------------------------------------------------------
    def bin_at(self, point: QPointF) -> tuple[int, float, float] | None:
        """(lane, lo, hi) of the bulk aggregate column under a point, if any."""
        return self.pointer.bin_at(point)

    def bulk_event_at(self, point: QPointF, slack_px: float = 4.0) -> int | None:
        """Key of the single bulk event drawn under a point (only when drawn one by one)."""
        return self.pointer.bulk_event_at(point, slack_px)

    def click_at(self, point: QPointF) -> None:
        self.pointer.click(point)

    def cluster_menu(self, mark: PlacedMark) -> QMenu:
        """The events of a cluster, to pick one; and a way to zoom until they separate."""
        return cluster_menu(
            self,
            [self._events[i] for i in mark.members],
            lambda event_id: self.select_event(event_id, mark.lane, emit=True),
            self.time_window.frame_days,
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Keys are QActions on this widget (ui/window/keys.py, ui/window/menus.py), so Help lists them.
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        else:
            super().keyPressEvent(event)

    def scroll_lanes(self, pixels: float) -> None:
        self.lanes_scroller.scroll_by(pixels)

    # -- internals ----------------------------------------------------------------------
    def _scene(self) -> TimelineScene:
        return TimelineScene(
            self._layout,
            self._events,
            self._theme,
            self._selected,
            self._lane_order.highlighted,
            self._lane_order.bulk_layer,
            self._label_font,
            self._small_font,
        )

    def _refresh(self) -> None:
        self.marks.set_scene(self._scene())

    def _compute_layout(self) -> MarksLayout:
        bulk_layer = self._lane_order.bulk_layer
        return layout_for_zoom(
            self._events,
            self._lane_order.lanes,
            self._days_per_pixel,
            measure_for(self._label_font),
            measure_for(self._small_font),
            self._selected,
            bulk_layer.lane_map if bulk_layer is not None else (),
        )

    def _relayout(self) -> None:
        """Lay the marks out again for the current zoom, keeping the lane at the top of
        the view where it was (lanes change height as their rows change)."""
        width = max(self.view_box.width(), 1.0)
        lo, hi = self.visible_range()
        self._days_per_pixel = max((hi - lo) / width, 1e-6)
        old, top = self._layout, self.lanes_scroller.top()
        anchor = old.lane_at(top)
        self._base_layout = self._compute_layout()
        self._layout = titles_inside_view(
            self._base_layout, (lo, hi), measure_for(self._label_font)
        )
        self._apply_limits()
        self.lane_axis.set_labels(
            self._lane_order.labels,
            [self._layout.label_y(i) for i in range(len(self._lane_order.lanes))],
        )
        if anchor is not None and old.lanes == self._layout.lanes:
            offset = min(top - old.boxes[anchor].top, self._layout.boxes[anchor].height)
            self.lanes_scroller.show(self._layout.boxes[anchor].top + offset)
        else:
            self.lanes_scroller.clamp()
        self._refresh()

    def _lane_span(self, lane: int) -> tuple[float, float] | None:
        boxes = self._layout.boxes
        return (boxes[lane].top, boxes[lane].bottom) if 0 <= lane < len(boxes) else None

    def _on_range_changed(self, *_args: object) -> None:
        lo, hi = self.visible_range()
        self.overview.set_region(lo, hi)
        self.lanes_scroller.sync()
        # The layout depends on the zoom only: a pan, or a scroll through the lanes,
        # draws the same layout elsewhere.
        dpp = (hi - lo) / max(self.view_box.width(), 1.0)
        if abs(dpp - self._days_per_pixel) > 1e-9 * max(dpp, 1e-9):
            self._relayout_timer.start()
        else:
            kept = titles_inside_view(self._base_layout, (lo, hi), measure_for(self._label_font))
            if kept != self._layout:
                self._layout = kept
                self._refresh()
        self.range_changed.emit(lo, hi)

    def _on_resized(self, *_args: object) -> None:
        self.lanes_scroller.clamp()  # one layout pixel per screen pixel again
        self._relayout_timer.start()

    def _on_overview_region(self, lo: float, hi: float) -> None:
        current = self.visible_range()
        if abs(current[0] - lo) > 1e-6 or abs(current[1] - hi) > 1e-6:
            self.set_visible_range(lo, hi)

    def _apply_limits(self) -> None:
        height = max(self._layout.height, self.lanes_scroller.viewport_height(), 1.0)
        self.time_window.apply_limits(height)

    def set_empty_message(self, text: str) -> None:
        """What the timeline says when it has nothing to draw (loading, no match ...)."""
        self.empty_label.message = text
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        empty = not self._events and self._bulk is None
        self.empty_label.show_if(empty)
        self.marks.setVisible(not empty)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.empty_label.place()
        if self._events:
            QTimer.singleShot(0, self.lanes_scroller.clamp)
