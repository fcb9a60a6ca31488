"""The country-relationship panel: actors as nodes, per-window ties as edges.

Plain QGraphicsScene items (``ui/relation_items.py``), made once per actor and once
per pair and afterwards only updated,
because ``set_weights`` runs on every pan and zoom of the timeline.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from timeline_app.domain import Actor, Pair
from timeline_app.layout import EdgeWeight, strongest_ties
from timeline_app.ui.relation_items import (
    MAX_RADIUS,
    MIN_RADIUS,
    EdgeItem,
    NodeItem,
    plural,
    rich_lines,
)
from timeline_app.ui.theme import LIGHT, Theme, score_colour

EMPTY_MESSAGE = "No ties in this time window"
MAX_TIES = 60  # more is a hairball (bulk data can hold hundreds of pairs in a window)
LEGEND_TITLE = "width = events \u00b7 colour = mean score"
_DIM = 0.3  # opacity outside the highlight: still there, clearly secondary
# Viewport margins (px) kept free of node centres: room for labels and the overlays.
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 36.0, 48.0, 84.0
_SIDES = ("below", "right", "left", "above")  # label positions, most natural first


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
        self._nodes: dict[str, NodeItem] = {}
        self._edges: dict[str, EdgeItem] = {}
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
            node = NodeItem(actor, self)
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
                    MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(n / max(top, 1)), node.side
                )
                where = f"{actor.kind.value.capitalize()} \u00b7 {actor.region}"
                stats = f"{plural(n, 'event')} in view, {plural(ties[code], 'tie')}"
                node.setToolTip(rich_lines([actor.name, f"{actor.code} \u00b7 {where}", stats]))
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

    def _new_edge(self, pair: Pair) -> EdgeItem:
        edge = EdgeItem(pair, self._nodes[pair.a], self._nodes[pair.b], self)
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

            def cost(side: str, node: NodeItem = node) -> int:
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
        ties = plural(len(self._ties), "tie")
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
        nodes = [i for i in items if isinstance(i, NodeItem)]
        if nodes:
            return nodes[0]
        edges = [i for i in items if isinstance(i, EdgeItem)]
        if not edges:
            return items[0] if items else None
        where = self.mapToScene(point)

        def distance(edge: EdgeItem) -> float:
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
        if isinstance(item, NodeItem) and item.pos() != start:
            self._place_labels()  # a drag: labels may now sit better on another side
        elif not still:
            return
        elif isinstance(item, NodeItem):
            self.actor_clicked.emit(item.actor.code)
        elif isinstance(item, EdgeItem):
            self.pair_clicked.emit(item.pair.key)
        else:
            self.background_clicked.emit()
