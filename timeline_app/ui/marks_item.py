"""The graphics item that draws lanes, score bands and event marks.

Geometry comes from ``layout.TimelineLayout`` (pure, tested without Qt); this
item only paints it. Marks are drawn in device pixels (after mapping their
data coordinates), so points stay round and crisp at every zoom, and the same
``paint_timeline`` function draws the screen and the image exports.

Encoding (also shown in the legend):
  colour            category
  filled            happened
  hollow, solid     agreed / announced
  hollow, dashed    planned
  hollow, dotted    under discussion
  hatched           reported threat
  faded             approximate date
  point / bar       a day / a month, a year or a span over its whole extent
  ring in a point   multilateral (the event is on several lanes)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QTransform

from timeline_app.domain import Event, Modality
from timeline_app.layout import ROW_BAND, ROW_MARGIN, TimelineLayout, row_centre
from timeline_app.ui.bulk_painter import BulkLayer, paint_bulk_layer
from timeline_app.ui.theme import Theme, score_colour

ALL_TIME = (-719162.0, 2932897.0)  # day numbers of 0001-01-01 and 9999-12-31 + 1
POINT_RADIUS = 5.5
BAR_HEIGHT = 9.0
BAND_HEIGHT = 3.0


@dataclass
class TimelineScene:
    """Everything one frame needs: the layout, its events and the view state."""

    layout: TimelineLayout
    events: Sequence[Event]
    theme: Theme
    selected: str | None = None
    highlighted_lanes: set[int] = field(default_factory=set)
    bulk: BulkLayer | None = None  # bulk events, drawn as aggregates behind the marks


def modality_pen(colour: QColor, modality: Modality, width: float = 1.6) -> QPen:
    # Not cosmetic: on screen the painter works in device pixels anyway, and an export
    # that scales the painter (2x, A4) must scale outlines with the marks.
    pen = QPen(colour, width)
    if modality is Modality.PLANNED:
        pen.setStyle(Qt.PenStyle.DashLine)
    elif modality is Modality.DISCUSSED:
        pen.setStyle(Qt.PenStyle.DotLine)
    return pen


def modality_brush(colour: QColor, modality: Modality, background: QColor) -> QBrush:
    if modality is Modality.HAPPENED:
        return QBrush(colour)
    if modality is Modality.THREATENED:
        return QBrush(colour, Qt.BrushStyle.BDiagPattern)
    return QBrush(background)


def paint_timeline(
    painter: QPainter, to_device: QTransform, scene: TimelineScene, clip: QRectF
) -> None:
    """Paint lanes, bands and marks; ``to_device`` maps (day, lane) to pixels."""
    layout, theme = scene.layout, scene.theme
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    left, right = clip.left(), clip.right()
    background = QColor(theme.background)

    def y_px(value: float) -> float:
        return to_device.map(QPointF(0.0, value)).y()

    def x_px(day: float) -> float:
        return to_device.map(QPointF(day, 0.0)).x()

    # Lane backgrounds: alternate fills, highlighted lanes tinted.
    for lane in range(len(layout.lanes)):
        top, bottom = y_px(lane), y_px(lane + 1)
        if bottom < clip.top() or top > clip.bottom():
            continue
        fill = theme.lane_alt_fill if lane % 2 else theme.lane_fill
        if lane in scene.highlighted_lanes:
            fill = theme.highlight_fill
        painter.fillRect(QRectF(left, top, right - left, bottom - top), QColor(fill))
        painter.setPen(QPen(QColor(theme.grid), 1))
        painter.drawLine(QPointF(left, bottom), QPointF(right, bottom))

    # Bulk events behind the curated marks: aggregates, or single ticks up close.
    if scene.bulk is not None:
        scale, offset = to_device.m11(), to_device.dx()
        visible = ((left - offset) / scale, (right - offset) / scale) if scale else (0.0, 0.0)
        lane_rects = {}
        for lane in scene.bulk.lane_map:
            top, bottom = y_px(lane + ROW_MARGIN), y_px(lane + ROW_MARGIN + ROW_BAND)
            if bottom >= clip.top() and top <= clip.bottom():
                lane_rects[lane] = QRectF(left, top, right - left, bottom - top)
        paint_bulk_layer(painter, scene.bulk, lane_rects, visible, theme)

    # Score band: a thin strip under each lane, coloured by each event's score.
    for mark in layout.marks:
        event = scene.events[mark.event_index]
        band_top = y_px(mark.lane + ROW_MARGIN + ROW_BAND) + 2
        x0, x1 = x_px(mark.start), x_px(mark.end)
        if x1 < left or x0 > right:
            continue
        painter.fillRect(
            QRectF(x0, band_top, max(x1 - x0, 2.0), BAND_HEIGHT), score_colour(event.score, 200)
        )

    selected_rects: list[QRectF] = []
    for mark in layout.marks:
        event = scene.events[mark.event_index]
        rows = layout.rows_per_lane[mark.lane]
        cy = y_px(row_centre(mark.lane, mark.row, rows))
        row_px = abs(y_px(ROW_BAND / max(rows, 1)) - y_px(0.0))
        size_scale = min(1.0, max(0.55, row_px / (2 * POINT_RADIUS + 3)))
        colour = theme.category_colour(event.category)
        if event.when.approximate:
            colour.setAlphaF(0.55)
        pen = modality_pen(colour, event.modality)
        brush = modality_brush(colour, event.modality, background)
        painter.setPen(pen)
        painter.setBrush(brush)
        if mark.is_point:
            cx = x_px(mark.start + 0.5)
            r = POINT_RADIUS * size_scale
            rect = QRectF(cx - r, cy - r, 2 * r, 2 * r)
            if rect.right() < left or rect.left() > right:
                continue
            painter.drawEllipse(rect)
            if mark.multilateral:
                painter.setPen(QPen(background, 1.2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(
                    rect.adjusted(
                        2.5 * size_scale, 2.5 * size_scale, -2.5 * size_scale, -2.5 * size_scale
                    )
                )
        else:
            x0, x1 = x_px(mark.start), x_px(mark.end)
            if x1 < left or x0 > right:
                continue
            h = BAR_HEIGHT * size_scale
            rect = QRectF(x0, cy - h / 2, max(x1 - x0, 4.0), h)
            painter.drawRoundedRect(rect, 2.5, 2.5)
            if mark.multilateral:
                painter.setPen(QPen(background, 1.2))
                painter.drawLine(
                    QPointF(rect.left() + 2, cy),
                    QPointF(rect.left() + min(10.0, rect.width() - 2), cy),
                )
        if event.id == scene.selected:
            selected_rects.append(rect)

    # Selection last, on top of everything: a thick outline in the selection colour.
    if selected_rects:
        pen = QPen(QColor(theme.selection), 2.6)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in selected_rects:
            painter.drawRoundedRect(rect.adjusted(-3.5, -3.5, 3.5, 3.5), 4, 4)
    painter.restore()


class MarksItem(pg.GraphicsObject):
    """Replays ``paint_timeline`` in device pixels inside a pyqtgraph ViewBox."""

    def __init__(self, scene: TimelineScene) -> None:
        super().__init__()
        self.scene_state = scene
        self._bounds = QRectF()
        self.set_scene(scene)

    def set_scene(self, scene: TimelineScene) -> None:
        self.prepareGeometryChange()
        self.scene_state = scene
        # The item covers all of time: what is visible is clipped in paint(), and a
        # tight rect would let Qt cull the item when only bulk events are in view.
        self._bounds = QRectF(
            ALL_TIME[0], 0.0, ALL_TIME[1] - ALL_TIME[0], max(len(scene.layout.lanes), 1)
        )
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: object, widget: object = None) -> None:
        transform = painter.transform()
        view_box = self.getViewBox()
        clip_data = view_box.viewRect() if view_box is not None else self._bounds
        painter.save()
        painter.resetTransform()
        clip = transform.mapRect(clip_data)
        paint_timeline(painter, transform, self.scene_state, clip)
        painter.restore()
