"""The relationship panel's scene items: an actor's node and a tie's edge.

The panel's scene is in viewport pixels; where each node, label and edge goes is
decided by ``timeline_app/graph_layout.py``, and these items only draw it. Nodes
ignore the view transform and edges use cosmetic pens, so both keep their pixel size
whatever transform a figure export paints them with. Both ask their panel only for its
theme and its scale (``Panel``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from timeline_app.countries import actor_colour
from timeline_app.domain import Actor, ActorKind, Pair
from timeline_app.graph_layout import Route
from timeline_app.layout import EdgeWeight, edge_width
from timeline_app.ui.theme import Theme, score_colour

MIN_RADIUS, MAX_RADIUS = 6.0, 13.0  # node radius grows with events in view (at most)
_Flag = QGraphicsItem.GraphicsItemFlag


class Panel(Protocol):
    theme: Theme

    def pixel_scale(self) -> float: ...


def rich_lines(lines: Sequence[str]) -> str:
    """Tooltip markup with every piece escaped: Qt would otherwise render names as HTML."""
    return "<p style='white-space:pre'>" + "<br>".join(html.escape(s) for s in lines) + "</p>"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _mix(a: str, b: str, t: float) -> QColor:
    ca, cb = QColor(a), QColor(b)
    return QColor.fromRgbF(
        *(
            x + (y - x) * t
            for x, y in zip(
                (ca.redF(), ca.greenF(), ca.blueF()),
                (cb.redF(), cb.greenF(), cb.blueF()),
                strict=True,
            )
        )
    )


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setCosmetic(True)  # width in pixels, whatever the fit scale
    return pen


def label_font() -> QFont:
    font = QFont()
    font.setBold(True)
    font.setPointSizeF(8.5)
    return font


class NodeItem(QGraphicsItem):
    def __init__(self, actor: Actor, view: Panel) -> None:
        super().__init__()
        self.actor, self._view = actor, view
        self.colour = actor_colour(actor)
        self.edges: list[EdgeItem] = []
        self.radius, self.ringed, self.dimmed = MIN_RADIUS, False, False
        self.setFlags(_Flag.ItemIsMovable | _Flag.ItemSendsGeometryChanges)
        self.setFlag(_Flag.ItemIgnoresTransformations)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(10)
        self.font = label_font()
        fm = QFontMetricsF(self.font)
        self._label = QRectF(0, 0, fm.horizontalAdvance(actor.code) + 8, fm.height() + 2)
        self._label.moveCenter(QPointF(0, MIN_RADIUS + 3 + self._label.height() / 2))

    def label_rect(self) -> QRectF:
        """The label's box around the node centre, as the layout placed it."""
        return QRectF(self._label)

    def disc_rect(self) -> QRectF:
        return QRectF(-self.radius, -self.radius, 2 * self.radius, 2 * self.radius)

    def boundingRect(self) -> QRectF:
        return self.disc_rect().adjusted(-4, -4, 4, 4).united(self.label_rect())

    def shape(self) -> QPainterPath:
        path = self._symbol()
        path.addRect(self.label_rect())  # grabbing the label grabs the node
        return path

    def _symbol(self) -> QPainterPath:
        r, path = self.radius, QPainterPath()
        if self.actor.kind is ActorKind.BLOC:  # diamond: a grouping, not a state
            r *= 1.1
            path.moveTo(0, -r)
            for x, y in ((r, 0), (0, r), (-r, 0)):
                path.lineTo(x, y)
            path.closeSubpath()
        elif self.actor.kind is ActorKind.ORGANISATION:
            path.addRoundedRect(self.disc_rect().adjusted(2, 2, -2, -2), 4, 4)
        else:
            path.addEllipse(QPointF(0, 0), r, r)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self._view.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QColor(theme.selection if self.ringed else theme.text)
        outline.setAlpha(255 if self.ringed else 150)
        painter.setPen(QPen(outline, 3.0 if self.ringed else 1.2))
        # Dimmed nodes fade towards the background but stay opaque, hiding the edges below.
        painter.setBrush(_mix(self.colour, theme.background, 0.65 if self.dimmed else 0.0))
        painter.drawPath(self._symbol())
        # A subtle plate under the code keeps it readable where edges pass below it.
        plate = QColor(theme.background)
        plate.setAlpha(215)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(plate)
        painter.drawRoundedRect(self.label_rect(), 4, 4)
        painter.setFont(self.font)
        painter.setPen(QColor(theme.muted_text if self.dimmed else theme.text))
        painter.drawText(self.label_rect(), Qt.AlignmentFlag.AlignCenter, self.actor.code)

    def update_geometry(self, radius: float, label: QRectF) -> None:
        if (radius, label) != (self.radius, self._label):
            self.prepareGeometryChange()
            self.radius, self._label = radius, QRectF(label)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:  # edges follow a dragged node
                edge.adjust()
        return super().itemChange(change, value)


class EdgeItem(QGraphicsItem):
    """A tie: straight, or curved around nodes that are not its own (``Route``)."""

    def __init__(self, pair: Pair, a: NodeItem, b: NodeItem, view: Panel) -> None:
        super().__init__()
        self.pair, self.a, self.b, self._view = pair, a, b, view
        self.width, self.colour, self.highlighted, self.hovered = 1.5, QColor("grey"), False, False
        self.route = Route((0.0, 0.0), (0.0, 0.0))
        self.path = QPainterPath()
        self._strokes: dict[tuple[float, float], QPainterPath] = {}
        self._told: tuple[int, float] | None = None  # what the tooltip says
        self._score: float | None = None  # the mean score the colour is for
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        a.edges.append(self)
        b.edges.append(self)
        self.adjust()

    @property
    def line(self) -> QLineF:
        """The chord from one node to the other."""
        return QLineF(self.a.pos(), self.b.pos())

    def set_weight(self, weight: EdgeWeight, max_count: int) -> None:
        # Runs for every drawn tie on every pan: only what changed is redone.
        width = edge_width(weight.count, max_count)
        if width != self.width:
            self.prepareGeometryChange()  # the hit area follows the width
            self.width, self._strokes = width, {}
        if weight.mean_score != self._score:
            self._score, self.colour = weight.mean_score, score_colour(weight.mean_score)
            self.update()
        if (weight.count, round(weight.mean_score, 1)) != self._told:
            self._told = (weight.count, round(weight.mean_score, 1))
            names = f"{self.a.actor.name} \u2013 {self.b.actor.name}"
            events = plural(weight.count, "event")
            self.setToolTip(rich_lines([f"{names}: {events}, mean score {weight.mean_score:+.1f}"]))
        self.setVisible(True)

    def set_route(self, route: Route) -> None:
        self.prepareGeometryChange()
        self._strokes = {}
        self.route = route
        self.path = QPainterPath(QPointF(*route.start))
        if not route.controls:
            self.path.lineTo(QPointF(*route.end))
        for _, control, end in route.pieces():
            self.path.quadTo(QPointF(*control), QPointF(*end))

    def adjust(self) -> None:
        """Straight between the nodes as they are now (while one is dragged)."""
        a, b = self.a.pos(), self.b.pos()
        self.set_route(Route((a.x(), a.y()), (b.x(), b.y())))

    def _stroke(self, pixels: float) -> QPainterPath:
        # Widths are in pixels; convert to scene units so hit-testing matches the drawing.
        # The scene asks often (every paint, every hover); the stroke is kept until the
        # route, the width or the scale changes.
        key = (pixels, self._view.pixel_scale())
        stroke = self._strokes.get(key)
        if stroke is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(pixels / key[1])
            stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
            stroke = self._strokes[key] = stroker.createStroke(self.path)
        return stroke

    def shape(self) -> QPainterPath:
        return self._stroke(max(10.0, self.width))

    def boundingRect(self) -> QRectF:
        return self._stroke(max(10.0, self.width) + 10).boundingRect()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.highlighted or self.hovered:
            halo = QColor(self._view.theme.selection)
            halo.setAlpha(255 if self.highlighted else 120)
            painter.setPen(_pen(halo, self.width + 6))
            painter.drawPath(self.path)
        painter.setPen(_pen(self.colour, self.width))
        painter.drawPath(self.path)

    # Hover events reach only the topmost edge (isUnderMouse() would light every overlapping one).
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.update()
