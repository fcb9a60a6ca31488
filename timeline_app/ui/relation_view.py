"""The country-relationship panel: actors as nodes, per-window ties as edges.

Plain QGraphicsScene items. Nodes ignore the view transform so symbols and labels
keep their pixel size whatever the fit; edges use cosmetic pens for the same reason.
Items are made once per actor and once per pair and afterwards only updated,
because ``set_weights`` runs on every pan and zoom of the timeline.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from timeline_app.domain import Actor, ActorKind, Pair
from timeline_app.layout import EdgeWeight, edge_width, strongest_ties
from timeline_app.ui.theme import LIGHT, Theme, score_colour

EMPTY_MESSAGE = "No ties in this time window"
MAX_TIES = 60  # more is a hairball (bulk data can hold hundreds of pairs in a window)
LEGEND_TITLE = "width = events \u00b7 colour = mean score"
_MIN_R, _MAX_R = 8.0, 16.0  # node radius grows with events in view
_DIM = 0.3  # opacity outside the highlight: still there, clearly secondary
# Viewport margins (px) kept free of node centres: room for labels and the overlays.
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 36.0, 48.0, 84.0
_SIDES = ("below", "right", "left", "above")  # label positions, most natural first
_Flag = QGraphicsItem.GraphicsItemFlag


def _rich_lines(lines: Sequence[str]) -> str:
    """Tooltip markup with every piece escaped: Qt would otherwise render names as HTML."""
    return "<p style='white-space:pre'>" + "<br>".join(html.escape(s) for s in lines) + "</p>"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _mix(a: str, b: str, t: float) -> QColor:
    ca, cb = QColor(a), QColor(b)
    return QColor.fromRgbF(
        *(x + (y - x) * t for x, y in zip(ca.getRgbF()[:3], cb.getRgbF()[:3], strict=True))
    )


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setCosmetic(True)  # width in pixels, whatever the fit scale
    return pen


class _NodeItem(QGraphicsItem):
    def __init__(self, actor: Actor, view: RelationView) -> None:
        super().__init__()
        self.actor, self._view = actor, view
        self.edges: list[_EdgeItem] = []
        self.radius, self.side, self.ringed, self.dimmed = _MIN_R, "below", False, False
        self.setFlags(_Flag.ItemIsMovable | _Flag.ItemSendsGeometryChanges)
        self.setFlag(_Flag.ItemIgnoresTransformations)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setZValue(10)
        self.setPos(actor.x * 6.0, (100.0 - actor.y) * 5.0)  # schematic y grows northward
        self.font = QFont()
        self.font.setBold(True)
        self.font.setPointSizeF(8.5)
        fm = QFontMetricsF(self.font)
        self._label_size = QRectF(0, 0, fm.horizontalAdvance(actor.code) + 8, fm.height() + 2)

    def label_rect(self, side: str | None = None) -> QRectF:
        r, gap = QRectF(self._label_size), self.radius + 3
        w, h = r.width() / 2, r.height() / 2
        offsets = {"below": (0, gap + h), "above": (0, -gap - h), "right": (gap + w, 0)}
        r.moveCenter(QPointF(*offsets.get(side or self.side, (-gap - w, 0))))
        return r

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
        painter.setBrush(_mix(self.actor.colour, theme.background, 0.65 if self.dimmed else 0.0))
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

    def update_geometry(self, radius: float, side: str) -> None:
        if (radius, side) != (self.radius, self.side):
            self.prepareGeometryChange()
            self.radius, self.side = radius, side

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:  # edges follow a dragged node
                edge.adjust()
        return super().itemChange(change, value)


class _EdgeItem(QGraphicsItem):
    def __init__(self, pair: Pair, a: _NodeItem, b: _NodeItem, view: RelationView) -> None:
        super().__init__()
        self.pair, self.a, self.b, self._view = pair, a, b, view
        self.width, self.colour, self.highlighted, self.hovered = 1.5, QColor("grey"), False, False
        self.line = QLineF()
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        a.edges.append(self)
        b.edges.append(self)
        self.adjust()

    def set_weight(self, weight: EdgeWeight, max_count: int) -> None:
        self.prepareGeometryChange()  # the hit area follows the width
        self.width = edge_width(weight.count, max_count)
        self.colour = score_colour(weight.mean_score)
        names = f"{self.a.actor.name} \u2013 {self.b.actor.name}"
        events = _plural(weight.count, "event")
        self.setToolTip(_rich_lines([f"{names}: {events}, mean score {weight.mean_score:+.1f}"]))
        self.setVisible(True)

    def adjust(self) -> None:
        self.prepareGeometryChange()
        self.line = QLineF(self.a.pos(), self.b.pos())

    def _stroke(self, pixels: float) -> QPainterPath:
        # Widths are in pixels; convert to scene units so hit-testing matches the drawing.
        path = QPainterPath(self.line.p1())
        path.lineTo(self.line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(pixels / self._view.pixel_scale())
        stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
        return stroker.createStroke(path)

    def shape(self) -> QPainterPath:
        return self._stroke(max(10.0, self.width))

    def boundingRect(self) -> QRectF:
        return self._stroke(max(10.0, self.width) + 10).boundingRect()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.highlighted or self.hovered:
            halo = QColor(self._view.theme.selection)
            halo.setAlpha(255 if self.highlighted else 120)
            painter.setPen(_pen(halo, self.width + 6))
            painter.drawLine(self.line)
        painter.setPen(_pen(self.colour, self.width))
        painter.drawLine(self.line)

    # Hover events reach only the topmost edge (isUnderMouse() would light every overlapping one).
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.update()


class RelationView(QGraphicsView):
    """Who deals with whom in the current time window; edges weighted by events and score."""

    pair_clicked = Signal(str)
    actor_clicked = Signal(str)
    background_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        # The overlays are drawn in viewport pixels: partial updates would smear them.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self._nodes: dict[str, _NodeItem] = {}
        self._edges: dict[str, _EdgeItem] = {}
        self._visible: frozenset[str] = frozenset()
        self._ties: dict[Pair, EdgeWeight] = {}  # every tie of the window
        self._actor_counts: Mapping[str, int] | None = None
        self._label = ""
        self._highlight: tuple[str | None, str | None] = (None, None)
        self._press: tuple[QPointF, QGraphicsItem | None, QPointF] | None = None
        self.set_theme(LIGHT)

    # -- public API -------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(QColor(theme.background))
        self.scene().update()
        self.viewport().update()

    def set_actors(self, actors: Sequence[Actor]) -> None:
        self.scene().clear()
        self._nodes, self._edges, self._visible, self._ties = {}, {}, frozenset(), {}
        for actor in actors:
            node = _NodeItem(actor, self)
            node.setVisible(False)
            self.scene().addItem(node)
            self._nodes[actor.code] = node

    def set_weights(
        self,
        weights: Mapping[Pair, EdgeWeight],
        window_label: str = "",
        actor_counts: Mapping[str, int] | None = None,
    ) -> None:
        """Show one window's ties; ``actor_counts`` optionally gives exact events per actor.

        Without it a node's count is summed over its ties, which counts an event with
        three or more actors once per tie of the node.
        """
        self._label = window_label
        known = self._nodes.keys()
        self._ties = {p: w for p, w in weights.items() if w.count > 0 and {p.a, p.b} <= known}
        self._actor_counts = actor_counts
        self._show_ties()

    def _show_ties(self) -> None:
        """Draw the strongest ties (and the focused ones), their nodes sized by events."""
        pair_key, actor = self._highlight
        focused = [p for p in self._ties if p.key == pair_key or actor in (p.a, p.b)]
        drawn = strongest_ties(self._ties, MAX_TIES, keep=focused)
        max_count = max((w.count for w in drawn.values()), default=0)
        summed: dict[str, int] = {}
        ties: dict[str, int] = {}  # every tie in the window, drawn or not, for tooltips
        for pair, weight in self._ties.items():
            for code in (pair.a, pair.b):
                summed[code] = summed.get(code, 0) + weight.count
                ties[code] = ties.get(code, 0) + 1
        for pair, weight in drawn.items():
            (self._edges.get(pair.key) or self._new_edge(pair)).set_weight(weight, max_count)
        for edge in self._edges.values():
            edge.setVisible(edge.pair in drawn)
        shown = {code for pair in drawn for code in (pair.a, pair.b)}
        counts = summed if self._actor_counts is None else self._actor_counts
        top = max((counts.get(c, 0) for c in shown), default=0)
        for code, node in self._nodes.items():
            node.setVisible(code in shown)
            if code in shown:
                n, actor = counts.get(code, 0), node.actor
                node.update_geometry(
                    _MIN_R + (_MAX_R - _MIN_R) * math.sqrt(n / max(top, 1)), node.side
                )
                where = f"{actor.kind.value.capitalize()} \u00b7 {actor.region}"
                stats = f"{_plural(n, 'event')} in view, {_plural(ties[code], 'tie')}"
                node.setToolTip(_rich_lines([actor.name, f"{actor.code} \u00b7 {where}", stats]))
        if frozenset(shown) != self._visible:
            self._visible = frozenset(shown)
            self._fit()  # only when the visible set changes, so timeline panning stays calm
        self._apply_highlight()
        self.viewport().update()

    def set_highlight(self, pair_key: str | None = None, actor: str | None = None) -> None:
        self._highlight = (pair_key, actor)
        if len(self._ties) > MAX_TIES:
            self._show_ties()  # a focused tie is drawn even when it is not among the strongest
        else:
            self._apply_highlight()

    def edge_items(self) -> dict[str, QGraphicsItem]:
        return {k: e for k, e in self._edges.items() if e.isVisible()}

    def node_items(self) -> dict[str, QGraphicsItem]:
        return {k: n for k, n in self._nodes.items() if n.isVisible()}

    def scene_pos_of_edge(self, pair_key: str) -> QPointF:
        return self._edges[pair_key].line.center()

    def scene_pos_of_node(self, code: str) -> QPointF:
        return self._nodes[code].pos()

    def empty(self) -> bool:
        return not any(e.isVisible() for e in self._edges.values())

    def message(self) -> str:
        """The centred overlay text: empty when there are ties to show."""
        return EMPTY_MESSAGE if self.empty() else ""

    def pixel_scale(self) -> float:
        """Pixels per scene unit; edges use it to keep their hit area a fixed pixel width."""
        return max(self.transform().m11(), 1e-6)

    # -- internals --------------------------------------------------------------

    def _new_edge(self, pair: Pair) -> _EdgeItem:
        edge = _EdgeItem(pair, self._nodes[pair.a], self._nodes[pair.b], self)
        self.scene().addItem(edge)
        self._edges[pair.key] = edge
        return edge

    def _apply_highlight(self) -> None:
        pair_key, actor = self._highlight
        active = pair_key is not None or actor is not None
        lit_nodes = {actor}
        for key, edge in self._edges.items():
            edge.highlighted = key == pair_key or actor in (edge.pair.a, edge.pair.b)
            if edge.highlighted:
                lit_nodes.update((edge.pair.a, edge.pair.b))
            edge.setZValue(5 if edge.highlighted else 0)
            edge.setOpacity(1.0 if edge.highlighted or not active else _DIM)
            edge.update()
        for code, node in self._nodes.items():
            node.ringed = code == actor
            node.dimmed = active and code not in lit_nodes
            node.update()

    def _fit(self) -> None:
        """Fit the visible nodes' centres into the viewport less pixel margins, aspect kept."""
        points = [self._nodes[c].pos() for c in self._visible] or [QPointF(0, 0), QPointF(600, 500)]
        xs, ys = [p.x() for p in points], [p.y() for p in points]
        rect = QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))
        vw, vh = max(self.viewport().width(), 1), max(self.viewport().height(), 1)
        avail = (max(vw - 2 * _MARGIN_X, 20.0), max(vh - _MARGIN_TOP - _MARGIN_BOTTOM, 20.0))
        scales = [a / d for a, d in zip(avail, (rect.width(), rect.height()), strict=True) if d > 0]
        scale = min([*scales, 4.0])  # cap: two close nodes need not fill the whole panel
        # Centre the nodes in the free band between the caption and the legend.
        centre = rect.center() + QPointF(0, (_MARGIN_BOTTOM - _MARGIN_TOP) / 2 / scale)
        view_rect = QRectF(0, 0, vw / scale, vh / scale)
        view_rect.moveCenter(centre)
        self.resetTransform()
        self.scale(scale, scale)
        self.setSceneRect(view_rect)  # exactly the viewport: nothing to scroll
        self.centerOn(centre)
        for edge in self._edges.values():
            edge.adjust()  # hit areas are pixel-sized, so they change with the scale
        self._place_labels()

    def _place_labels(self) -> None:
        """Put each code on the side of its node that covers the fewest nodes and labels."""
        nodes = [n for n in self._nodes.values() if n.isVisible()]
        origin = {n: QPointF(self.mapFromScene(n.pos())) for n in nodes}
        discs = {n: n.disc_rect().translated(origin[n]) for n in nodes}
        inside = QRectF(self.viewport().rect())
        placed: list[QRectF] = []
        for node in sorted(nodes, key=lambda n: (origin[n].y(), origin[n].x())):

            def cost(side: str, node: _NodeItem = node) -> int:
                r = node.label_rect(side).translated(origin[node])
                hits = sum(r.intersects(d) for n, d in discs.items() if n is not node)
                return (
                    2 * hits + sum(r.intersects(p) for p in placed) + 3 * (not inside.contains(r))
                )

            side = min(_SIDES, key=cost)
            node.update_geometry(node.radius, side)
            placed.append(node.label_rect(side).translated(origin[node]))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.resetTransform()  # overlays live in viewport pixels, not scene units
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(8.0)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.muted_text))
        vw, vh = self.viewport().width(), self.viewport().height()
        shown = sum(e.isVisible() for e in self._edges.values())
        ties = _plural(len(self._ties), "tie")
        if shown < len(self._ties):
            ties += f", the {shown} strongest shown"
        caption = f"{self._label} \u00b7 {ties}" if self._label else ties
        painter.drawText(QRectF(10, 8, vw - 20, 20), Qt.AlignmentFlag.AlignLeft, caption)
        if self.empty():
            font.setPointSizeF(10.0)
            painter.setFont(font)
            painter.drawText(QRectF(0, 0, vw, vh), Qt.AlignmentFlag.AlignCenter, EMPTY_MESSAGE)
        else:
            self._draw_legend(painter, QFontMetricsF(font), vh)
        painter.restore()

    def _draw_legend(self, painter: QPainter, fm: QFontMetricsF, vh: int) -> None:
        w, line = fm.horizontalAdvance(LEGEND_TITLE) + 16, fm.height()
        box = QRectF(8, vh - 14 - 2 * line - 8, w, 2 * line + 14)
        plate = QColor(self.theme.panel)
        plate.setAlpha(230)
        painter.setPen(QPen(QColor(self.theme.grid), 1))
        painter.setBrush(plate)
        painter.drawRoundedRect(box, 5, 5)
        text = box.adjusted(8, 4, -8, -4)
        painter.setPen(QColor(self.theme.muted_text))
        painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, LEGEND_TITLE)
        bottom = Qt.AlignmentFlag.AlignBottom
        painter.drawText(text, Qt.AlignmentFlag.AlignLeft | bottom, "conflict")
        painter.drawText(text, Qt.AlignmentFlag.AlignRight | bottom, "cooperation")
        # The ramp sits between the two words of the bottom line.
        left = text.left() + fm.horizontalAdvance("conflict") + 6
        right = text.right() - fm.horizontalAdvance("cooperation") - 6
        ramp = QRectF(left, text.bottom() - line / 2 - 3, right - left, 6)
        gradient = QLinearGradient(ramp.topLeft(), ramp.topRight())
        for stop in (0.0, 0.5, 1.0):
            gradient.setColorAt(stop, score_colour(-10.0 + 20.0 * stop))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawRoundedRect(ramp, 3, 3)

    # Clicks: the scene moves nodes; on release the view decides whether it was a click.

    def _item_at(self, point: QPoint) -> QGraphicsItem | None:
        """A node if one is under the cursor, else the nearest edge: edges can cross,
        and the one the user aimed at is the one whose line passes closest."""
        items = self.items(point)
        nodes = [i for i in items if isinstance(i, _NodeItem)]
        if nodes:
            return nodes[0]
        edges = [i for i in items if isinstance(i, _EdgeItem)]
        if not edges:
            return items[0] if items else None
        where = self.mapToScene(point)

        def distance(edge: _EdgeItem) -> float:
            line = edge.line
            if line.length() == 0:
                return math.hypot(where.x() - line.x1(), where.y() - line.y1())
            t = (
                (where.x() - line.x1()) * line.dx() + (where.y() - line.y1()) * line.dy()
            ) / line.length() ** 2
            t = min(max(t, 0.0), 1.0)
            nearest = line.pointAt(t)
            return math.hypot(where.x() - nearest.x(), where.y() - nearest.y())

        return min(edges, key=distance)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position().toPoint())
        self._press = (event.position(), item, item.pos() if item is not None else QPointF())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        where, item, start = press
        still = (event.position() - where).manhattanLength() < QApplication.startDragDistance()
        if isinstance(item, _NodeItem) and item.pos() != start:
            self._place_labels()  # a drag: labels may now sit better on another side
        elif not still:
            return
        elif isinstance(item, _NodeItem):
            self.actor_clicked.emit(item.actor.code)
        elif isinstance(item, _EdgeItem):
            self.pair_clicked.emit(item.pair.key)
        else:
            self.background_clicked.emit()
