"""Where the nodes go: one at a time, most important first, at the free spot nearest
to their target; a placed node never moves when the time window changes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from timeline_app.graph_layout.geometry import (
    EDGE_CLEARANCE,
    LABEL_GAP,
    PAD,
    SIDES,
    Box,
    Edge,
    FloatArray,
    Glyph,
    Point,
    hits,
    label_box,
    segment_distance,
)

GRID_STEP = 4.0  # candidate spots for a node
_SIDE_COST = {"right": 0.0, "below": 6.0, "left": 9.0, "above": 12.0}  # px of distance
_SOFT = 60.0  # px of detour worth taking to keep a drawn tie off a node
_LABEL_ON_TIE = 25.0  # px of distance worth a label off the node's own ties
_EVICTION_REACH = (50.0, 100.0, 200.0, float("inf"))  # px around a target, growing


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
        # Where nodes given up were: one that returns takes its spot again if it is free.
        self._former: dict[str, Glyph] = {}

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
            former = self._former.pop(code, None)
            glyph = former if former is not None and self._free(former) else None
            glyph = glyph or self._best_spot(code, edges, strict=True)
            # Hidden nodes near the target give up their places first, then farther
            # ones: the others keep theirs (and the ties routed around them stay valid).
            for reach in _EVICTION_REACH:
                if glyph is not None:
                    break
                if self._give_up_hidden(code, shown_set, reach):
                    glyph = self._best_spot(code, edges, strict=True)
            glyph = glyph or self._best_spot(code, edges, strict=False)
            assert glyph is not None  # the lenient search always finds a spot
            self.glyphs[code] = glyph
            self.order.append(code)

    def _free(self, glyph: Glyph) -> bool:
        """Whether ``glyph`` fits where it is: inside the area, clear of every node, label
        and obstacle."""
        if not (glyph.disc.within(self.area) and glyph.label.within(self.area)):
            return False
        blocked = [g.disc.grown(PAD) for g in self.glyphs.values()]
        blocked += [g.label.grown(PAD) for g in self.glyphs.values()] + self.obstacles
        return not any(glyph.disc.intersects(b) or glyph.label.intersects(b) for b in blocked)

    def _give_up_hidden(self, code: str, shown: set[str], reach: float) -> bool:
        """Remove the hidden nodes within ``reach`` px of the target of ``code``; whether
        any was removed."""
        area = self.area
        tx, ty = self.targets.get(
            code, ((area.left + area.right) / 2, (area.top + area.bottom) / 2)
        )
        near = [
            c
            for c, g in self.glyphs.items()
            if c not in shown and np.hypot(g.centre[0] - tx, g.centre[1] - ty) <= reach
        ]
        for hidden in near:
            self._former[hidden] = self.glyphs.pop(hidden)
            self.order.remove(hidden)
        return bool(near)

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
        # Only obstacles within a label's reach of these spots can touch them.
        reach = r + LABEL_GAP + max(size)
        nearby = (
            (obstacles[:, 0] < cx.max() + reach)
            & (obstacles[:, 2] > cx.min() - reach)
            & (obstacles[:, 1] < cy.max() + reach)
            & (obstacles[:, 3] > cy.min() - reach)
        )
        obstacles = obstacles[nearby]
        disc_hit = hits(cx - r, cy - r, cx + r, cy + r, obstacles)
        side_costs: list[tuple[str, FloatArray]] = []
        for side in SIDES:
            lb = label_box((0.0, 0.0), r, size, side)
            left, top, right, bottom = cx + lb.left, cy + lb.top, cx + lb.right, cy + lb.bottom
            inside = (left >= area.left) & (right <= area.right)
            inside &= (top >= area.top) & (bottom <= area.bottom)
            cost = distance + _SIDE_COST[side]
            if strict:  # labels measured only where the disc and the label could fit
                open_ = np.flatnonzero(inside & (disc_hit == 0))
                label_hit = hits(left[open_], top[open_], right[open_], bottom[open_], obstacles)
                fits = np.zeros(len(cx), dtype=bool)
                fits[open_[label_hit == 0]] = True
                cost = np.where(fits, cost, np.inf)
            else:
                overlaps = disc_hit + hits(left, top, right, bottom, obstacles)
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
                        d = segment_distance(px, py, cx[:, None], cy[:, None], qx, qy)
                        conflicts += (d < clear).sum(axis=1)
            elif edge.a in placed and edge.b in placed:
                others.append((placed[edge.a].centre, placed[edge.b].centre))
        if others:
            ends = np.array(others, dtype=np.float64).reshape(-1, 4)
            d = segment_distance(
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
