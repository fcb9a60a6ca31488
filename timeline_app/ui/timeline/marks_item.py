"""The graphics item that draws lanes, score bands, event marks and their titles.

Geometry comes from ``mark_layout.MarksLayout`` (pure, tested without Qt): rows,
titles, clusters and lane heights. This item only paints it, in device pixels (after
mapping day numbers), so points stay round and text crisp at every zoom, and the same
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
  thin band         a long-running state (five years or more), in a row of its own
  ring in a point   multilateral (the event is on several lanes)
  grey pill         a cluster of events too close to tell apart at this zoom
  pin above a mark  an event the analyst pinned (a briefing numbers it first)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTransform

from timeline_app.domain import Event, Modality
from timeline_app.mark_layout import MarkKind, MarksLayout, PlacedMark, Style
from timeline_app.ui.bulk.bulk_painter import BulkLayer, paint_bulk_layer
from timeline_app.ui.theme import Theme, score_colour

ALL_TIME = (-719162.0, 2932897.0)  # day numbers of 0001-01-01 and 9999-12-31 + 1
BAND_HEIGHT = 3.0
LABEL_PX = 11  # event titles
STATE_LABEL_PX = 10  # titles of long-running states, inside their thin bands


def label_font(px: int = LABEL_PX, family: str | None = None) -> QFont:
    font = QFont(family) if family else QFont()
    font.setPixelSize(px)
    return font


@cache
def _measurer(family: str, px: int) -> Callable[[str], float]:
    metrics = QFontMetricsF(label_font(px, family or None))
    widths: dict[str, float] = {}

    def measure(text: str) -> float:
        width = widths.get(text)
        if width is None:
            width = widths[text] = metrics.horizontalAdvance(text)
        return width

    return measure


def measure_for(font: QFont) -> Callable[[str], float]:
    """A cached text-width function for the layout, in the font the painter will use."""
    return _measurer(font.family(), font.pixelSize())


@dataclass
class TimelineScene:
    """Everything one frame needs: the layout, its events and the view state."""

    layout: MarksLayout
    events: Sequence[Event]
    theme: Theme
    selected: str | None = None
    highlighted_lanes: set[int] = field(default_factory=set)
    bulk: BulkLayer | None = None  # bulk events, drawn as aggregates behind the marks
    font: QFont = field(default_factory=label_font)
    small_font: QFont = field(default_factory=lambda: label_font(STATE_LABEL_PX))
    pinned: frozenset[str] = frozenset()  # event ids with a pin drawn above their mark


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


def _ink_on(fill: QColor, background: QColor | None = None) -> QColor:
    """Black or white text, whichever reads on ``fill`` (seen over ``background`` when
    the fill is translucent)."""
    a = fill.alphaF() if background is not None else 1.0
    back = background or fill
    r, g, b = (
        a * f + (1 - a) * k
        for f, k in zip(
            (fill.redF(), fill.greenF(), fill.blueF()),
            (back.redF(), back.greenF(), back.blueF()),
            strict=True,
        )
    )
    luminance = 0.299 * r + 0.587 * g + 0.114 * b
    return QColor("#111111") if luminance > 0.6 else QColor("#ffffff")


class _Painter:
    """One frame of ``paint_timeline``: the painter, the mapping and the clip."""

    def __init__(
        self, painter: QPainter, to_device: QTransform, scene: TimelineScene, clip: QRectF
    ) -> None:
        self.p, self.scene, self.clip = painter, scene, clip
        self.layout, self.theme = scene.layout, scene.theme
        self.style: Style = scene.layout.style
        self.background = QColor(self.theme.background)
        self._sx, self._dx = to_device.m11(), to_device.dx()
        self._sy, self._dy = to_device.m22(), to_device.dy()
        self.selected_rects: list[QRectF] = []
        self.pinned_rects: list[QRectF] = []
        # Once a frame, not once a title.
        self.metrics = QFontMetricsF(scene.font)
        self.small_metrics = QFontMetricsF(scene.small_font)

    def x(self, day: float) -> float:
        return day * self._sx + self._dx

    def y(self, value: float) -> float:
        return value * self._sy + self._dy

    def visible_lanes(self) -> list[int]:
        top, bottom = self.clip.top(), self.clip.bottom()
        return [
            i
            for i, box in enumerate(self.layout.boxes)
            if self.y(box.bottom) >= top and self.y(box.top) <= bottom
        ]

    # -- the layers, back to front ------------------------------------------------------
    def lanes(self, lanes: list[int]) -> None:
        left, right = self.clip.left(), self.clip.right()
        for lane in lanes:
            box = self.layout.boxes[lane]
            top, bottom = self.y(box.top), self.y(box.bottom)
            fill = self.theme.lane_alt_fill if lane % 2 else self.theme.lane_fill
            if lane in self.scene.highlighted_lanes:
                fill = self.theme.highlight_fill
            self.p.fillRect(QRectF(left, top, right - left, bottom - top), QColor(fill))
            self.p.setPen(QPen(QColor(self.theme.grid), 1))
            self.p.drawLine(QPointF(left, bottom), QPointF(right, bottom))

    def bulk(self, lanes: list[int]) -> None:
        layer = self.scene.bulk
        if layer is None:
            return
        left, right = self.clip.left(), self.clip.right()
        visible = ((left - self._dx) / self._sx, (right - self._dx) / self._sx)
        lane_rects = {}
        for lane in lanes:
            if lane in layer.lane_map:
                top, bottom = (self.y(v) for v in self.layout.bulk_band(lane))
                lane_rects[lane] = QRectF(left, top, right - left, bottom - top)
        if lane_rects:
            paint_bulk_layer(self.p, layer, lane_rects, visible, self.theme)

    def score_bands(self, marks: list[PlacedMark]) -> None:
        for mark in marks:
            x0, x1 = self.x(mark.start), self.x(mark.end)
            if x1 < self.clip.left() or x0 > self.clip.right():
                continue
            top = self.y(self.layout.score_band_y(mark.lane))
            for index in mark.members:
                event = self.scene.events[index]
                e0, e1 = self.x(event.when.start_day), self.x(event.when.end_day)
                self.p.fillRect(
                    QRectF(e0, top, max(e1 - e0, 2.0), BAND_HEIGHT), score_colour(event.score, 200)
                )

    def mark(self, mark: PlacedMark) -> None:
        if mark.kind is MarkKind.CLUSTER:
            self._cluster(mark)
            return
        event = self.scene.events[mark.event_index]
        colour = self.theme.category_colour(event.category)
        if event.when.approximate:
            colour.setAlphaF(0.55)
        cy = self.y(mark.y)
        if mark.is_point:
            r = self.style.point_radius
            cx = self.x(mark.start + 0.5)
            rect = QRectF(cx - r, cy - r, 2 * r, 2 * r)
            if rect.right() < self.clip.left() - 400 or rect.left() > self.clip.right():
                return
            self.p.setPen(modality_pen(colour, event.modality))
            self.p.setBrush(modality_brush(colour, event.modality, self.background))
            self.p.drawEllipse(rect)
            if mark.multilateral:
                self.p.setPen(QPen(self.background, 1.2))
                self.p.setBrush(Qt.BrushStyle.NoBrush)
                self.p.drawEllipse(rect.adjusted(2.5, 2.5, -2.5, -2.5))
        else:
            x0, x1 = self.x(mark.start), self.x(mark.end)
            if x1 < self.clip.left() - 400 or x0 > self.clip.right():
                return
            h = self.layout.mark_height(mark)
            if mark.kind is MarkKind.STATE:
                colour.setAlphaF(colour.alphaF() * 0.45)
            rect = QRectF(x0, cy - h / 2, max(x1 - x0, 4.0), h)
            self.p.setPen(modality_pen(colour, event.modality, 1.2))
            self.p.setBrush(modality_brush(colour, event.modality, self.background))
            self.p.drawRoundedRect(rect, 3, 3)
            if mark.multilateral:
                self.p.setPen(QPen(self.background, 1.2))
                self.p.drawLine(
                    QPointF(rect.left() + 2, rect.bottom() - 2.5),
                    QPointF(rect.left() + min(10.0, rect.width() - 2), rect.bottom() - 2.5),
                )
        if event.id == self.scene.selected:
            self.selected_rects.append(rect)
        if event.id in self.scene.pinned:
            self.pinned_rects.append(rect)
        self._label(mark, rect, colour, event.modality)

    def _cluster(self, mark: PlacedMark) -> None:
        cx, cy = self.x(mark.start + 0.5), self.y(mark.y)
        w, h = mark.width_px, self.style.bar_height
        rect = QRectF(cx - w / 2, cy - h / 2, w, h)
        if rect.right() < self.clip.left() - 400 or rect.left() > self.clip.right():
            return
        fill = QColor(self.theme.muted_text)
        self.p.setPen(QPen(QColor(self.theme.text), 1.0))
        self.p.setBrush(fill)
        self.p.drawRoundedRect(rect, h / 2, h / 2)
        self.p.setFont(self.scene.font)
        self.p.setPen(_ink_on(fill))
        self.p.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(len(mark.members)))
        ids = {self.scene.events[i].id for i in mark.members}
        if self.scene.selected in ids:
            self.selected_rects.append(rect)
        self._label(mark, rect, fill, Modality.HAPPENED)

    def _label(self, mark: PlacedMark, rect: QRectF, colour: QColor, modality: Modality) -> None:
        if not mark.label:
            return
        state = mark.kind is MarkKind.STATE
        font = self.scene.small_font if state else self.scene.font
        metrics = self.small_metrics if state else self.metrics
        self.p.setFont(font)
        if mark.label_inside:
            pad = self.style.inside_pad
            left = max(rect.left(), self.clip.left()) + pad
            room = min(rect.right(), self.clip.right()) - pad - left
            if room < 12:
                return
            text = mark.label
            if metrics.horizontalAdvance(text) > room:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            box = QRectF(left, rect.top(), room, rect.height())
            if modality is Modality.HAPPENED and not state:
                ink = _ink_on(colour, self.background)
            else:
                ink = QColor(self.theme.text)
                if modality is Modality.THREATENED:  # a plate keeps text off the hatching
                    plate = QColor(self.theme.background)
                    plate.setAlpha(220)
                    width = metrics.horizontalAdvance(text) + 4
                    self.p.fillRect(
                        QRectF(left - 2, rect.top() + 2, width, rect.height() - 4), plate
                    )
            self.p.setPen(ink)
            self.p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            return
        if mark.label_left:  # moved left of its mark, away from the view's right edge
            left = rect.left() - self.style.label_gap - mark.label_width
        else:
            left = rect.right() + self.style.label_gap
        box = QRectF(
            left, rect.center().y() - self.style.row / 2, mark.label_width + 2, self.style.row
        )
        if box.left() > self.clip.right() or box.left() < self.clip.left() - 1:
            return  # a title whose start is out of view would read as a stray fragment
        text = mark.label
        room = self.clip.right() - 2 - left
        if box.right() > self.clip.right() and room < mark.label_width:
            # Cut at the edge of the view with an ellipsis, never in the middle of a letter.
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            if len(text) < 4:
                return
        self.p.setPen(QColor(self.theme.muted_text if state else self.theme.text))
        self.p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def pins(self) -> None:
        """A pin over the left end of each pinned mark: a round head on a short needle."""
        head = QColor(self.theme.selection)
        for rect in self.pinned_rects:
            x, top = rect.left() + min(rect.width() / 2, 6.0), rect.top()
            self.p.setPen(QPen(QColor(self.theme.text), 1.4))
            self.p.drawLine(QPointF(x, top - 1), QPointF(x, top - 6))
            self.p.setPen(QPen(QColor(self.theme.background), 1.0))
            self.p.setBrush(head)
            self.p.drawEllipse(QPointF(x, top - 8.5), 3.6, 3.6)

    def selection(self) -> None:
        if not self.selected_rects:
            return
        self.p.setPen(QPen(QColor(self.theme.selection), 2.6))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        for rect in self.selected_rects:
            self.p.drawRoundedRect(rect.adjusted(-3.5, -3.5, 3.5, 3.5), 4, 4)


def paint_timeline(
    painter: QPainter, to_device: QTransform, scene: TimelineScene, clip: QRectF
) -> None:
    """Paint lanes, bands, marks and titles; ``to_device`` maps (day, layout px) to pixels."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    frame = _Painter(painter, to_device, scene, clip)
    lanes = frame.visible_lanes()
    shown = set(lanes)
    marks = [m for m in scene.layout.marks if m.lane in shown]
    frame.lanes(lanes)
    frame.bulk(lanes)
    frame.score_bands(marks)
    for mark in marks:
        frame.mark(mark)
    frame.pins()
    frame.selection()  # last, on top of everything
    painter.restore()


class MarksItem(pg.GraphicsObject):
    """Replays ``paint_timeline`` in device pixels inside a pyqtgraph ViewBox."""

    def __init__(self, scene: TimelineScene) -> None:
        super().__init__()
        self.scene_state = scene
        self._bounds = QRectF()
        self._pinned: frozenset[str] = frozenset()
        self.set_scene(scene)

    def set_pinned(self, event_ids: frozenset[str]) -> None:
        """Pins survive every new scene the view hands over (they are not its state)."""
        self._pinned = frozenset(event_ids)
        self.update()

    def set_scene(self, scene: TimelineScene) -> None:
        self.prepareGeometryChange()
        self.scene_state = scene
        # The item covers all of time: what is visible is clipped in paint(), and a
        # tight rect would let Qt cull the item when only bulk events are in view.
        self._bounds = QRectF(
            ALL_TIME[0], 0.0, ALL_TIME[1] - ALL_TIME[0], max(scene.layout.height, 1.0)
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
        scene = self.scene_state
        if self._pinned:
            scene = replace(scene, pinned=self._pinned)
        paint_timeline(painter, transform, scene, clip)
        painter.restore()
