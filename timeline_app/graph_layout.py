"""Where the relationship panel draws its nodes, labels and edges, in viewport pixels.

Pure geometry, with text measuring passed in, so it is tested with plain rectangles.

* Every actor has a geographic anchor (``geo_anchor``); the anchors of the data set are
  spread over the panel by a monotone stretch (``spread_targets``): west stays west of
  east and north above south, but a crowded region (Europe, Central Asia) is given room.
* ``PanelLayout`` places nodes one at a time, most important first, at the free spot
  nearest to their target: no disc or label over another disc or label, nothing outside
  the panel, and preferably no edge through a node. A placed node never moves when the
  time window changes (the analyst's mental map); only a resize lays it out anew.
* ``route_edges`` draws each tie straight, or as a gentle curve where the straight line
  would cross a node that is not its own; ``click_points`` finds on each drawn edge a
  point that hits it and nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from timeline_app.countries import place_of
from timeline_app.domain import Actor

Point = tuple[float, float]
Measure = Callable[[str], tuple[float, float]]  # text -> (width, height) in pixels
FloatArray = npt.NDArray[np.float64]

SIDES = ("right", "below", "left", "above")  # label sides, most natural first
_SIDE_COST = {"right": 0.0, "below": 6.0, "left": 9.0, "above": 12.0}  # px of distance
LABEL_GAP = 2.0  # between a node's disc and its label
PAD = 2.0  # kept free around every disc and label
EDGE_CLEARANCE = 2.0  # between an edge and a disc that is not its own
GRID_STEP = 4.0  # candidate spots for a node
_SOFT = 60.0  # px of detour worth taking to keep a drawn tie off a node
_CURVE_BENDS = (0.18, 0.3, 0.42, 0.56, 0.72, 0.9)  # control-point offset / chord length
_CURVE_SAMPLES = 24
_LABEL_ON_TIE = 25.0  # px of distance worth a label off the node's own ties


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def intersects(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def within(self, other: Box) -> bool:
        return (
            self.left >= other.left
            and self.right <= other.right
            and self.top >= other.top
            and self.bottom <= other.bottom
        )

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.left, self.top, self.right, self.bottom)


# -- anchors ------------------------------------------------------------------------------


def geo_anchor(actor: Actor) -> Point:
    """(east, north) in degrees: the table's centroid, else the actor's schematic x, y.

    The schematic frame of resources/actors.yaml (x 0-100 east, y 0-64 north) maps onto
    longitude -20..150 and latitude -10..60, the stretch of the world the curated data
    is about; organisations and blocs are placed there by hand.
    """
    place = place_of(actor.code)
    if place is not None:
        return place.lon, place.lat
    return schematic_to_geo(actor.x, actor.y)


def schematic_to_geo(x: float, y: float) -> Point:
    return -20.0 + 1.7 * x, -10.0 + 1.1 * y


def _stretch(values: FloatArray, spread: float) -> FloatArray:
    """0..1, blending the linear position with the rank: order kept, clusters opened."""
    if len(values) == 1:
        return np.array([0.5])
    lo, hi = float(values.min()), float(values.max())
    linear = (values - lo) / (hi - lo) if hi > lo else np.full(len(values), 0.5)
    order = np.argsort(values, kind="stable")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    # Equal values share their mean rank, so two codes at one centroid stay together.
    for value in np.unique(values):
        same = values == value
        ranks[same] = ranks[same].mean()
    return (1 - spread) * linear + spread * ranks / (len(values) - 1)


def spread_targets(
    anchors: Mapping[str, Point], area: Box, spread: float = 0.8
) -> dict[str, Point]:
    """Each anchor's target point in ``area`` (y grows downward, north at the top)."""
    if not anchors:
        return {}
    codes = list(anchors)
    east = _stretch(np.array([anchors[c][0] for c in codes], dtype=np.float64), spread)
    north = _stretch(np.array([anchors[c][1] for c in codes], dtype=np.float64), spread)
    return {
        code: (area.left + e * area.width, area.bottom - n * area.height)
        for code, e, n in zip(codes, east, north, strict=True)
    }


# -- nodes --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Glyph:
    """A placed node: its centre, the radius reserved for it and its label box."""

    code: str
    centre: Point
    radius: float
    side: str
    label: Box

    @property
    def disc(self) -> Box:
        (x, y), r = self.centre, self.radius
        return Box(x - r, y - r, x + r, y + r)


def label_box(centre: Point, radius: float, size: tuple[float, float], side: str) -> Box:
    (x, y), (w, h), gap = centre, size, radius + LABEL_GAP
    if side == "right":
        return Box(x + gap, y - h / 2, x + gap + w, y + h / 2)
    if side == "left":
        return Box(x - gap - w, y - h / 2, x - gap, y + h / 2)
    if side == "below":
        return Box(x - w / 2, y + gap, x + w / 2, y + gap + h)
    return Box(x - w / 2, y - gap - h, x + w / 2, y - gap)


@dataclass(frozen=True, slots=True)
class Edge:
    key: str
    a: str
    b: str


class PanelLayout:
    """Node places for one panel size; nodes are added as windows show them, never moved."""

    def __init__(
        self,
        area: Box,
        targets: Mapping[str, Point],
        radius: float,
        label_size: Callable[[str], tuple[float, float]],
        obstacles: Sequence[Box] = (),
    ) -> None:
        self.area, self.targets, self.radius = area, dict(targets), radius
        self.label_size, self.obstacles = label_size, list(obstacles)
        self.glyphs: dict[str, Glyph] = {}
        self.order: list[str] = []  # placing order, kept for a relayout at another size
        self.size: tuple[int, int] = (0, 0)  # the panel size it was made for (its owner's note)

    def place(self, codes: Sequence[str], edges: Sequence[Edge], shown: Iterable[str]) -> None:
        """Place every code in ``codes`` not yet placed, in that order (most important first).

        ``edges`` are the ties to be drawn now: a spot where one of them would cross the
        node is avoided where possible. A node hidden in this window (not in ``shown``)
        gives up its place when a shown one finds no other room; it is placed again
        when it next appears.
        """
        shown_set = set(shown)
        for code in codes:
            if code in self.glyphs:
                continue
            glyph = self._best_spot(code, edges, strict=True)
            if glyph is None:
                for hidden in [c for c in self.glyphs if c not in shown_set]:
                    del self.glyphs[hidden]
                    self.order.remove(hidden)
                glyph = self._best_spot(code, edges, strict=True) or self._best_spot(
                    code, edges, strict=False
                )
            assert glyph is not None  # the lenient search always finds a spot
            self.glyphs[code] = glyph
            self.order.append(code)

    def move(self, code: str, centre: Point) -> None:
        """A node dragged by the analyst keeps its new place (and its label side)."""
        old = self.glyphs[code]
        size = (old.label.width, old.label.height)
        label = label_box(centre, old.radius, size, old.side)
        self.glyphs[code] = Glyph(code, centre, old.radius, old.side, label)

    def _best_spot(self, code: str, edges: Sequence[Edge], strict: bool) -> Glyph | None:
        """The cheapest free spot: distance to the target, plus the label side's cost, plus
        a detour's worth for each tie through a node. Spots are tried nearest first, in
        growing rings, and the search stops once no farther spot can be cheaper."""
        r, area, size = self.radius, self.area, self.label_size(code)
        target = self.targets.get(code, ((area.left + area.right) / 2, area.top + area.height / 2))
        xs = np.arange(area.left + r, area.right - r + 0.01, GRID_STEP)
        ys = np.arange(area.top + r, area.bottom - r + 0.01, GRID_STEP)
        gx, gy = np.meshgrid(xs, ys)
        distance = np.hypot(gx.ravel() - target[0], gy.ravel() - target[1])
        nearest_first = np.argsort(distance, kind="stable")
        cx, cy, distance = (
            gx.ravel()[nearest_first],
            gy.ravel()[nearest_first],
            distance[nearest_first],
        )
        blocked = [g.disc.grown(PAD) for g in self.glyphs.values()]
        blocked += [g.label.grown(PAD) for g in self.glyphs.values()] + self.obstacles
        obstacles = np.array([b.as_tuple() for b in blocked], dtype=np.float64).reshape(-1, 4)
        best: tuple[float, int, str] | None = None
        start, chunk = 0, 256
        while start < len(cx):
            if best is not None and best[0] <= distance[start]:
                break  # every spot left is farther than the best one's whole cost
            part = slice(start, start + chunk)
            found = self._cheapest(
                code, cx[part], cy[part], distance[part], obstacles, edges, strict
            )
            if found is not None and (best is None or found[0] < best[0]):
                best = (found[0], found[1] + start, found[2])
            start, chunk = start + chunk, chunk * 4
        if best is None:
            return None
        _, i, side = best
        centre = (float(cx[i]), float(cy[i]))
        return Glyph(code, centre, r, side, label_box(centre, r, size, side))

    def _cheapest(
        self,
        code: str,
        cx: FloatArray,
        cy: FloatArray,
        distance: FloatArray,
        obstacles: FloatArray,
        edges: Sequence[Edge],
        strict: bool,
    ) -> tuple[float, int, str] | None:
        """Among candidate centres, the cheapest (cost, index, label side)."""
        r, area, size = self.radius, self.area, self.label_size(code)
        disc_hit = _hits(cx - r, cy - r, cx + r, cy + r, obstacles)
        side_costs: list[tuple[str, FloatArray]] = []
        for side in SIDES:
            lb = label_box((0.0, 0.0), r, size, side)
            left, top, right, bottom = cx + lb.left, cy + lb.top, cx + lb.right, cy + lb.bottom
            inside = (left >= area.left) & (right <= area.right)
            inside &= (top >= area.top) & (bottom <= area.bottom)
            overlaps = disc_hit + _hits(left, top, right, bottom, obstacles)
            cost = distance + _SIDE_COST[side]
            if strict:
                cost = np.where(inside & (overlaps == 0), cost, np.inf)
            else:
                cost = cost + np.where(inside, 0.0, 1e9) + 10 * _SOFT * overlaps
            side_costs.append((side, cost))
        # Ties through nodes are counted only where a spot is free (the costly part).
        free = np.flatnonzero(np.isfinite(np.min([c for _, c in side_costs], axis=0)))
        if len(free) == 0:
            return None
        soft = _SOFT * self._edge_conflicts(code, cx[free], cy[free], edges)
        ends = self._placed_neighbours(code, edges)
        best: tuple[float, int, str] | None = None
        for side, cost in side_costs:
            total = cost[free] + soft
            if ends:  # a label lying on the node's own tie would leave it no place to click
                lb = label_box((0.0, 0.0), r, size, side)
                total = total + _LABEL_ON_TIE * _label_on_ties(lb, cx[free], cy[free], ends)
            i = int(np.argmin(total))
            if np.isfinite(total[i]) and (best is None or total[i] < best[0]):
                best = (float(total[i]), int(free[i]), side)
        return best

    def _placed_neighbours(self, code: str, edges: Sequence[Edge]) -> list[Point]:
        ends = [e.b if e.a == code else e.a for e in edges if code in (e.a, e.b)]
        return [self.glyphs[c].centre for c in ends if c in self.glyphs]

    def _edge_conflicts(
        self, code: str, cx: FloatArray, cy: FloatArray, edges: Sequence[Edge]
    ) -> FloatArray:
        """Per candidate spot: drawn ties through it, and its own ties through other nodes."""
        placed, clear = self.glyphs, self.radius + EDGE_CLEARANCE
        conflicts = np.zeros(len(cx))
        others: list[tuple[Point, Point]] = []  # drawn ties between two placed nodes
        for edge in edges:
            if code in (edge.a, edge.b):
                other = edge.b if edge.a == code else edge.a
                if other in placed:
                    qx, qy = placed[other].centre
                    centres = [g.centre for name, g in placed.items() if name != other]
                    if centres:
                        px = np.array([c[0] for c in centres])[None, :]
                        py = np.array([c[1] for c in centres])[None, :]
                        d = _segment_distance(px, py, cx[:, None], cy[:, None], qx, qy)
                        conflicts += (d < clear).sum(axis=1)
            elif edge.a in placed and edge.b in placed:
                others.append((placed[edge.a].centre, placed[edge.b].centre))
        if others:
            ends = np.array(others, dtype=np.float64).reshape(-1, 4)
            d = _segment_distance(
                cx[:, None],
                cy[:, None],
                ends[None, :, 0],
                ends[None, :, 1],
                ends[None, :, 2],
                ends[None, :, 3],
            )
            conflicts += (d < clear).sum(axis=1)
        return conflicts


def _label_on_ties(label: Box, cx: FloatArray, cy: FloatArray, ends: Sequence[Point]) -> FloatArray:
    """Per candidate centre, how many ties to ``ends`` pass through its label box."""
    count = np.zeros(len(cx))
    for qx, qy in ends:
        dx, dy = qx - cx, qy - cy
        length = np.maximum(np.hypot(dx, dy), 1e-9)
        hit = np.zeros(len(cx), dtype=bool)
        for step in (6.0, 12.0, 20.0, 30.0, 42.0):  # px from the centre, where labels sit
            t = np.minimum(step / length, 1.0)
            x, y = dx * t, dy * t
            hit |= (x > label.left) & (x < label.right) & (y > label.top) & (y < label.bottom)
        count += hit
    return count


def _hits(
    left: FloatArray, top: FloatArray, right: FloatArray, bottom: FloatArray, boxes: FloatArray
) -> FloatArray:
    """Per candidate box, how many of ``boxes`` (n, 4) it overlaps."""
    if len(boxes) == 0:
        return np.zeros(len(left))
    overlap = (left[:, None] < boxes[None, :, 2]) & (boxes[None, :, 0] < right[:, None])
    overlap &= (top[:, None] < boxes[None, :, 3]) & (boxes[None, :, 1] < bottom[:, None])
    counts: FloatArray = overlap.sum(axis=1).astype(np.float64)
    return counts


def _segment_distance(
    px: FloatArray | float,
    py: FloatArray | float,
    ax: FloatArray | float,
    ay: FloatArray | float,
    bx: FloatArray | float,
    by: FloatArray | float,
) -> FloatArray:
    """Distance from points p to segments a-b (numpy broadcasting)."""
    dx, dy = np.subtract(bx, ax), np.subtract(by, ay)
    length2 = dx * dx + dy * dy
    t = np.where(length2 > 0, ((np.subtract(px, ax)) * dx + np.subtract(py, ay) * dy), 0.0)
    t = np.clip(t / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
    return np.asarray(np.hypot(np.add(ax, t * dx) - px, np.add(ay, t * dy) - py), dtype=np.float64)


# -- edges --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Route:
    """A drawn tie: straight from ``start`` to ``end``, or a quadratic curve via ``control``."""

    start: Point
    end: Point
    control: Point | None = None

    def point_at(self, t: float) -> Point:
        (x0, y0), (x2, y2) = self.start, self.end
        if self.control is None:
            return x0 + (x2 - x0) * t, y0 + (y2 - y0) * t
        x1, y1 = self.control
        u = 1 - t
        return u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2

    def polyline(self, samples: int = _CURVE_SAMPLES) -> list[Point]:
        if self.control is None:
            return [self.start, self.end]
        return [self.point_at(i / samples) for i in range(samples + 1)]


def distance_to_polyline(point: Point, line: Sequence[Point]) -> float:
    xs = np.array([p[0] for p in line], dtype=np.float64)
    ys = np.array([p[1] for p in line], dtype=np.float64)
    d = _segment_distance(point[0], point[1], xs[:-1], ys[:-1], xs[1:], ys[1:])
    return float(d.min())


def _crossings(line: Sequence[Point], discs: Sequence[tuple[Point, float]]) -> int:
    if not discs:
        return 0
    xs = np.array([p[0] for p in line], dtype=np.float64)
    ys = np.array([p[1] for p in line], dtype=np.float64)
    centres = np.array([c for c, _ in discs], dtype=np.float64)
    radii = np.array([r for _, r in discs], dtype=np.float64)
    d = _segment_distance(
        centres[:, 0:1], centres[:, 1:2], xs[None, :-1], ys[None, :-1], xs[None, 1:], ys[None, 1:]
    )
    return int((d.min(axis=1) < radii + EDGE_CLEARANCE).sum())


def route_edges(glyphs: Mapping[str, Glyph], edges: Sequence[Edge], area: Box) -> dict[str, Route]:
    """Each edge straight if that crosses no other node, else the gentlest clear curve."""
    routes: dict[str, Route] = {}
    for edge in edges:
        start, end = glyphs[edge.a].centre, glyphs[edge.b].centre
        others = [(g.centre, g.radius) for c, g in glyphs.items() if c not in (edge.a, edge.b)]
        straight = Route(start, end)
        if _crossings(straight.polyline(), others) == 0:
            routes[edge.key] = straight
            continue
        (x0, y0), (x2, y2) = start, end
        length = math.hypot(x2 - x0, y2 - y0) or 1.0
        nx, ny = -(y2 - y0) / length, (x2 - x0) / length
        best: tuple[int, int, Route] = (_crossings(straight.polyline(), others), 0, straight)
        shapes = [(bend, sign, at) for bend in _CURVE_BENDS for at in (0.5, 0.3, 0.7)
                  for sign in (1.0, -1.0)]  # fmt: skip
        for rank, (bend, sign, at) in enumerate(shapes, start=1):
            offset = sign * bend * length
            base = (x0 + (x2 - x0) * at, y0 + (y2 - y0) * at)
            control = (base[0] + nx * offset, base[1] + ny * offset)
            curve = Route(start, end, control)
            line = curve.polyline()
            if not all(area.left <= x <= area.right and area.top <= y <= area.bottom
                       for x, y in line):  # fmt: skip
                continue
            score = (_crossings(line, others), rank, curve)
            if score[:2] < best[:2]:
                best = score
            if best[0] == 0:
                break
        routes[edge.key] = best[2]
    return routes


def click_points(glyphs: Mapping[str, Glyph], routes: Mapping[str, Route]) -> dict[str, Point]:
    """On each route, the point nearest its middle that no node, label or other edge claims."""
    keys = list(routes)
    lines = [routes[k].polyline() for k in keys]
    owner = np.array([i for i, line in enumerate(lines) for _ in line[1:]], dtype=np.intp)
    starts = np.array([p for line in lines for p in line[:-1]], dtype=np.float64).reshape(-1, 2)
    ends = np.array([p for line in lines for p in line[1:]], dtype=np.float64).reshape(-1, 2)
    claimed = [g.disc.grown(PAD + 1) for g in glyphs.values()]
    claimed += [g.label.grown(PAD) for g in glyphs.values()]
    points: dict[str, Point] = {}
    steps = [0.5 + s * k / 40 for k in range(20) for s in (1, -1)]
    for i, key in enumerate(keys):
        route = routes[key]
        points[key] = route.point_at(0.5)  # when no point is free, the middle
        for t in steps:
            x, y = route.point_at(t)
            if any(b.left <= x <= b.right and b.top <= y <= b.bottom for b in claimed):
                continue
            d = _segment_distance(x, y, starts[:, 0], starts[:, 1], ends[:, 0], ends[:, 1])
            if np.all(d[owner != i] >= 3.0):
                points[key] = (x, y)
                break
    return points


# -- measuring ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Overlaps:
    """What a drawn panel gets wrong; all zero is the goal."""

    node_on_node: int
    edge_through_node: int  # an edge over a disc that is not one of its two ends
    label_on_node: int
    label_on_label: int
    label_cut: int  # not wholly inside the viewport

    def total(self) -> int:
        return (
            self.node_on_node
            + self.edge_through_node
            + self.label_on_node
            + self.label_on_label
            + self.label_cut
        )


def measure_overlaps(
    discs: Mapping[str, tuple[Point, float]],
    labels: Mapping[str, Box],
    edges: Mapping[tuple[str, str], Sequence[Point]],
    viewport: Box,
) -> Overlaps:
    """Count the faults of a drawing: discs (centre, radius), label boxes, edge polylines."""
    codes = list(discs)
    node_on_node = label_on_node = label_on_label = 0
    for i, a in enumerate(codes):
        (ax, ay), ar = discs[a]
        for b in codes[i + 1 :]:
            (bx, by), br = discs[b]
            node_on_node += math.hypot(ax - bx, ay - by) < ar + br
    for code, box in labels.items():
        for other, ((x, y), r) in discs.items():
            nearest_x, nearest_y = (
                min(max(x, box.left), box.right),
                min(max(y, box.top), box.bottom),
            )
            label_on_node += other != code and math.hypot(x - nearest_x, y - nearest_y) < r
    boxes = list(labels.values())
    for i, box in enumerate(boxes):
        label_on_label += sum(box.intersects(other) for other in boxes[i + 1 :])
    label_cut = sum(not box.within(viewport) for box in boxes)
    through = 0
    for (a, b), line in edges.items():
        others = [(centre, r) for code, (centre, r) in discs.items() if code not in (a, b)]
        xs = np.array([p[0] for p in line], dtype=np.float64)
        ys = np.array([p[1] for p in line], dtype=np.float64)
        for (x, y), r in others:
            d = _segment_distance(x, y, xs[:-1], ys[:-1], xs[1:], ys[1:])
            through += bool(d.min() < r)
    return Overlaps(node_on_node, through, label_on_node, label_on_label, label_cut)
