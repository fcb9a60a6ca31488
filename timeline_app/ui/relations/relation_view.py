"""The country-relationship panel: actors as nodes, per-window ties as edges.

Plain QGraphicsScene items (``ui/relations/relation_items.py``), made once per actor and once
per pair and afterwards only updated, because ``set_weights`` runs on every pan and
zoom of the timeline. The scene is in viewport pixels. Where nodes, labels and edges
go is computed by ``timeline_app/graph_layout/``: a node keeps its place from one
window to the next (only a resize lays the panel out anew), so the analyst's mental
map holds while the timeline moves, and a tie is routed once per layout around every
placed node (``TieRouter``) and keeps its shape while it still clears them: a window
change routes only ties never drawn before and finds click points by lookup. A small panel draws fewer ties (as many of the strongest as it has room
for). On screen the work runs after the events of the turn that asked for it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from timeline_app.countries import actor_region
from timeline_app.domain import Actor, Pair
from timeline_app.graph_layout import (
    Box,
    Edge,
    PanelLayout,
    Point,
    TieRouter,
    distance_to_polyline,
    geo_anchor,
    node_budget,
    spread_targets,
    ties_that_fit,
)
from timeline_app.layout import EdgeWeight, strongest_ties
from timeline_app.ui.relations.relation_items import (
    MAX_RADIUS,
    MIN_RADIUS,
    EdgeItem,
    NodeItem,
    label_font,
    plural,
    rich_lines,
)
from timeline_app.ui.relations.relation_overlay import (
    CAPTION_HEIGHT,
    draw_caption,
    draw_legend,
    legend_box,
    overlay_font,
)
from timeline_app.ui.theme import LIGHT, Theme

FOLLOW_AT_ONCE_MS = 25.0  # a window drawn faster than this follows the timeline at once
PAUSE_MS = 180  # else it waits for the pan or zoom to pause this long
FIRST_DRAW_MS = 40  # the first window of a data set waits for the timeline to paint first
EMPTY_MESSAGE = "No ties in this time window"
MAX_TIES = 60  # more is a hairball (bulk data can hold hundreds of pairs in a window)
_DIM = 0.3  # opacity outside the highlight: still there, clearly secondary
_EDGE_MARGIN = 4.0  # px between the viewport's edge and any node or label


def reserved_radius(nodes: int, budget: int) -> float:
    """The largest node the layout makes room for: smaller as the panel fills up (of the
    ``budget`` nodes it has room for, 51 at the size it has in a 1366x768 window)."""
    share = nodes / max(budget, 1)
    return MAX_RADIUS if share <= 0.4 else (10.0 if share <= 0.7 else 8.0)


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
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The overlays are drawn in viewport pixels: partial updates would smear them.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self._label_metrics = QFontMetricsF(label_font())
        self._nodes: dict[str, NodeItem] = {}
        self._edges: dict[str, EdgeItem] = {}
        self._anchors: dict[str, Point] = {}
        self._layout: PanelLayout | None = None
        self._drawn: dict[Pair, EdgeWeight] = {}
        self._routed: tuple[frozenset[str], frozenset[str]] | None = None
        self._click_points: dict[str, Point] = {}
        self._router: TieRouter | None = None  # routes kept across windows, per layout
        self._ties: dict[Pair, EdgeWeight] = {}  # every tie of the window
        self._actor_counts: Mapping[str, int] | None = None
        self._label = ""
        self._highlight: tuple[str | None, str | None] = (None, None)
        self._press: tuple[QPointF, QGraphicsItem | None, QPointF] | None = None
        # Laying out and routing a crowded window (bulk data) can take a hundred ms or
        # more: on screen it runs after the events of this turn (the timeline paints
        # first), and when the last window was that costly, only once the pan or zoom
        # pauses (each new window restarts the wait), so dragging the timeline stays
        # smooth; cheap windows (the seeds: about 1 ms) follow at once. Every query of
        # the drawing runs what is pending first.
        self._pending = False
        self._last_cost_ms = 0.0
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        self.set_theme(LIGHT)

    # -- public API -------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setBackgroundBrush(QColor(theme.background))
        self.scene().update()
        self.viewport().update()

    def set_actors(self, actors: Sequence[Actor]) -> None:
        """A new data set: nodes are laid out anew as windows show them."""
        self.scene().clear()
        self._pending = False
        self._nodes, self._edges, self._ties, self._drawn = {}, {}, {}, {}
        self._anchors = {a.code: geo_anchor(a) for a in actors}
        self._layout, self._routed, self._click_points, self._router = None, None, {}, None
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
        if self.isVisible() and not self.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
            self._pending = True
            costly = self._last_cost_ms > FOLLOW_AT_ONCE_MS
            first = self._layout is None  # placing every node: after the timeline's paint
            self._flush_timer.start(PAUSE_MS if costly else FIRST_DRAW_MS if first else 0)
        else:  # off screen (a figure export) it is rendered at once, without an event loop
            self._show_ties()

    def _flush(self) -> None:
        """Lay out and draw the window given last, if not done yet."""
        if self._pending:
            self._pending = False
            started = time.perf_counter()
            self._show_ties()
            self._last_cost_ms = (time.perf_counter() - started) * 1000

    def set_highlight(self, pair_key: str | None = None, actor: str | None = None) -> None:
        self._highlight = (pair_key, actor)
        if self._pending:
            return  # drawn with this highlight when the pending window is
        if len(self._ties) > MAX_TIES:
            self._show_ties()  # a focused tie is drawn even when it is not among the strongest
        else:
            self._apply_highlight()

    def edge_items(self) -> dict[str, QGraphicsItem]:
        self._flush()
        return {k: e for k, e in self._edges.items() if e.isVisible()}

    def node_items(self) -> dict[str, QGraphicsItem]:
        self._flush()
        return {k: n for k, n in self._nodes.items() if n.isVisible()}

    def scene_pos_of_edge(self, pair_key: str) -> QPointF:
        """A point on the drawn edge that hits it: on no node, label or other edge."""
        self._flush()
        point = self._click_points.get(pair_key)
        return QPointF(*point) if point else self._edges[pair_key].path.pointAtPercent(0.5)

    def scene_pos_of_node(self, code: str) -> QPointF:
        self._flush()
        return self._nodes[code].pos()

    def empty(self) -> bool:
        self._flush()
        return not any(e.isVisible() for e in self._edges.values())

    def message(self) -> str:
        """The centred overlay text: empty when there are ties to show."""
        return EMPTY_MESSAGE if self.empty() else ""

    def pixel_scale(self) -> float:
        """Pixels per scene unit; edges use it to keep their hit area a fixed pixel width."""
        return max(self.transform().m11(), 1e-6)

    # -- showing a window -------------------------------------------------------

    def _show_ties(self) -> None:
        """Draw the strongest ties (and the focused ones), their nodes sized by events."""
        pair_key, actor = self._highlight
        focused = [p for p in self._ties if p.key == pair_key or actor in (p.a, p.b)]
        weights = self._ties
        ranked = sorted(weights, key=lambda p: (-weights[p].count, p.key))
        # A small panel draws fewer ties: as many of the strongest as its room has nodes for.
        fit = ties_that_fit([(p.a, p.b) for p in ranked], MAX_TIES, self._node_budget())
        self._drawn = drawn = strongest_ties(weights, fit, keep=focused)
        summed: dict[str, int] = {}
        ties: dict[str, int] = {}  # every tie in the window, drawn or not, for tooltips
        for pair, weight in self._ties.items():
            for code in (pair.a, pair.b):
                summed[code] = summed.get(code, 0) + weight.count
                ties[code] = ties.get(code, 0) + 1
        max_count = max((w.count for w in drawn.values()), default=0)
        for pair, weight in drawn.items():
            (self._edges.get(pair.key) or self._new_edge(pair)).set_weight(weight, max_count)
        for edge in self._edges.values():
            edge.setVisible(edge.pair in drawn)
        shown = {code for pair in drawn for code in (pair.a, pair.b)}
        self._place(shown)
        counts = summed if self._actor_counts is None else self._actor_counts
        top = max((counts.get(c, 0) for c in shown), default=0)
        for code, node in self._nodes.items():
            node.setVisible(code in shown)
            if code in shown:
                n, who = counts.get(code, 0), node.actor
                self._size_node(node, math.sqrt(n / max(top, 1)))
                where = f"{who.kind.value.capitalize()} \u00b7 {actor_region(who)}"
                stats = f"{plural(n, 'event')} in view, {plural(ties[code], 'tie')}"
                node.setToolTip(rich_lines([who.name, f"{who.code} \u00b7 {where}", stats]))
        self._route(shown)
        self._apply_highlight()
        self.viewport().update()

    def _edge_list(self) -> list[Edge]:
        return [Edge(p.key, p.a, p.b) for p in self._drawn]

    def _place(self, shown: set[str]) -> None:
        """Give every shown node a place; nodes placed before keep theirs."""
        importance: dict[str, int] = {}
        for pair, weight in self._drawn.items():
            for code in (pair.a, pair.b):
                importance[code] = importance.get(code, 0) + weight.count
        order = sorted(shown, key=lambda c: (-importance.get(c, 0), c))
        layout = self._layout
        previous = layout.order if layout is not None else []
        crowded = reserved_radius(len(set(previous) | shown), self._node_budget())
        if layout is None or layout.size != self._viewport_size() or crowded < layout.radius:
            # A new size, or many more nodes (bulk data arrived): lay out anew, the
            # shown nodes first by importance; the anchors keep the picture alike.
            order += [c for c in previous if c not in shown]
            layout = self._layout = self._new_layout(len(order))
            self._router = TieRouter(layout.area, layout.obstacles)
        layout.place(order, self._edge_list(), shown)
        for code in shown:
            centre = QPointF(*layout.glyphs[code].centre)
            if self._nodes[code].pos() != centre:  # a move straightens its edges till routed
                self._nodes[code].setPos(centre)

    def _size_node(self, node: NodeItem, share: float) -> None:
        assert self._layout is not None
        glyph = self._layout.glyphs[node.actor.code]
        smallest = min(MIN_RADIUS, glyph.radius)
        label = glyph.label.moved(-glyph.centre[0], -glyph.centre[1])
        node.update_geometry(
            smallest + (glyph.radius - smallest) * share,
            QRectF(label.left, label.top, label.width, label.height),
        )

    def _new_layout(self, nodes: int) -> PanelLayout:
        vw, vh = self._viewport_size()
        area = self._area()
        obstacle = self._legend_obstacle()
        radius = reserved_radius(nodes, self._node_budget())
        # Targets leave room for a label on the right of the easternmost node.
        room = Box(
            area.left + radius,
            area.top + radius,
            area.right - radius - 30,
            area.bottom - radius - 8,
        )
        layout = PanelLayout(
            area, spread_targets(self._anchors, room), radius, self._label_size, [obstacle]
        )
        layout.size = (vw, vh)
        return layout

    def _node_budget(self) -> int:
        return node_budget(self._area(), [self._legend_obstacle()])

    def _legend_obstacle(self) -> Box:
        legend = legend_box(QFontMetricsF(overlay_font(self.font())), self._viewport_size()[1])
        return Box(legend.left(), legend.top(), legend.right(), legend.bottom()).grown(2)

    def _area(self) -> Box:
        """Where nodes and labels may go: the viewport less its margins and the caption."""
        vw, vh = self._viewport_size()
        return Box(_EDGE_MARGIN, CAPTION_HEIGHT, vw - _EDGE_MARGIN, vh - _EDGE_MARGIN)

    def _label_size(self, code: str) -> tuple[float, float]:
        fm = self._label_metrics
        return fm.horizontalAdvance(code) + 8, fm.height() + 2

    def _viewport_size(self) -> tuple[int, int]:
        return max(self.viewport().width(), 1), max(self.viewport().height(), 1)

    def _route(self, shown: set[str], force: bool = False) -> None:
        """Edges straight, or curved around nodes not their own; only when the drawing changed."""
        key = (frozenset(p.key for p in self._drawn), frozenset(shown))
        if self._layout is None or (key == self._routed and not force):
            return
        self._routed = key
        assert self._router is not None  # made with the layout
        # Ties keep out from under the legend where they can (the router's keep-out):
        # hidden there, they could be neither followed nor clicked.
        routes, self._click_points = self._router.draw(
            self._layout.glyphs, shown, self._edge_list()
        )
        for pair_key, route in routes.items():
            edge = self._edges[pair_key]
            if edge.route != route:
                edge.set_route(route)

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

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._flush_timer.isActive():  # else the last drawing stays until it fires
            self._flush()
        super().paintEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        vw, vh = self._viewport_size()
        self.setSceneRect(QRectF(0, 0, vw, vh))  # scene units are viewport pixels
        if self._drawn and not self._pending:
            self._routed = None
            self._show_ties()  # a new size: a new layout, same anchors, same order

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        painter.save()
        painter.resetTransform()  # overlays live in viewport pixels, not scene units
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = overlay_font(self.font())
        painter.setFont(font)
        vw, vh = self.viewport().width(), self.viewport().height()
        shown = sum(e.isVisible() for e in self._edges.values())
        ties = plural(len(self._ties), "tie")
        if shown < len(self._ties):
            ties += f", the {shown} strongest shown"
        draw_caption(
            painter, self.theme, vw, f"{self._label} \u00b7 {ties}" if self._label else ties
        )
        # As drawn now, without laying out a pending window (that waits for its timer).
        if shown:
            draw_legend(painter, self.theme, QFontMetricsF(font), vh)
        elif not self._pending:
            painter.setFont(overlay_font(self.font(), 10.0))
            painter.drawText(QRectF(0, 0, vw, vh), Qt.AlignmentFlag.AlignCenter, EMPTY_MESSAGE)
        painter.restore()

    # Clicks: the scene moves nodes; on release the view decides whether it was a click.

    def _item_at(self, point: QPoint) -> QGraphicsItem | None:
        """A node if one is under the cursor, else the nearest edge: edges can cross,
        and the one the user aimed at is the one whose path passes closest."""
        items = self.items(point)
        nodes = [i for i in items if isinstance(i, NodeItem)]
        if nodes:
            return nodes[0]
        edges = [i for i in items if isinstance(i, EdgeItem)]
        if not edges:
            return items[0] if items else None
        where = self.mapToScene(point)
        return min(
            edges, key=lambda e: distance_to_polyline((where.x(), where.y()), e.route.polyline())
        )

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
            self._dropped(item)
        elif not still:
            return
        elif isinstance(item, NodeItem):
            self.actor_clicked.emit(item.actor.code)
        elif isinstance(item, EdgeItem):
            self.pair_clicked.emit(item.pair.key)
        else:
            self.background_clicked.emit()

    def _dropped(self, node: NodeItem) -> None:
        """A dragged node keeps its new place; its ties are routed again."""
        if self._layout is not None and node.actor.code in self._layout.glyphs:
            self._layout.move(node.actor.code, (node.pos().x(), node.pos().y()))
            self._route({c for c, n in self._nodes.items() if n.isVisible()}, force=True)
