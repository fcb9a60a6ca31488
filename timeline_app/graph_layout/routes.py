"""How each tie is drawn, and where a click hits it.

A tie is drawn straight where that passes no node but its own two; else as the gentlest
single curve that clears every other node; else along a path found around the nodes on
a grid of the panel (``detours.detour``), its corners rounded where that still clears them. A
tie that no click could reach (every point of it under a node, a label or another tie)
is then bent until one point of it is free (``_make_clickable``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from timeline_app.graph_layout.detours import GRID, detour
from timeline_app.graph_layout.geometry import (
    EDGE_CLEARANCE,
    PAD,
    Box,
    Edge,
    FloatArray,
    Glyph,
    Point,
    polyline_distances,
    segment_distance,
)
from timeline_app.graph_layout.paths import Disc, Room, Route, crossings

_CURVE_BENDS = (0.18, 0.3, 0.42, 0.56, 0.72, 0.9)  # control-point offset / chord length
_CLICK_GAP = 3.0  # px between a click point and any other tie
_MAX_DETOUR = 160.0  # px a tie may grow to reach a spot where it can be clicked
_SPOTS = 240  # free spots tried per unclickable tie, nearest first (time is bounded)
_PATH_SPOTS = 6  # of which the nearest are tried with paths around nodes


def _curves(start: Point, end: Point, offsets: Sequence[float]) -> Iterator[Route]:
    """Single curves bulging by each offset (px from the chord), both sides, middle first."""
    (x0, y0), (x2, y2) = start, end
    length = math.hypot(x2 - x0, y2 - y0) or 1.0
    nx, ny = -(y2 - y0) / length, (x2 - x0) / length
    for offset in offsets:
        for at in (0.5, 0.3, 0.7):
            for sign in (1.0, -1.0):
                base = (x0 + (x2 - x0) * at, y0 + (y2 - y0) * at)
                yield Route(
                    start, end, ((base[0] + nx * sign * offset, base[1] + ny * sign * offset),)
                )


def _others(glyphs: Mapping[str, Glyph], edge: Edge) -> list[Disc]:
    return [(g.centre, g.radius) for c, g in glyphs.items() if c not in (edge.a, edge.b)]


def route_edges(
    glyphs: Mapping[str, Glyph],
    edges: Sequence[Edge],
    area: Box,
    previous: Mapping[str, Route] | None = None,
    keep_out: Sequence[Box] = (),
) -> dict[str, Route]:
    """Each edge straight if that crosses no other node, else the gentlest clear curve,
    else a path around the nodes; then the unclickable ones bent until they are not.

    A route in ``previous`` (an earlier window's, between the same two points) is kept
    while it still clears every node: a tie keeps its shape as the window moves (bent
    to be clickable among other ties, say), and its search is not made again.
    """
    room = Room(area, tuple(keep_out))
    routes: dict[str, Route] = {}
    for edge in edges:
        before = previous.get(edge.key) if previous else None
        routes[edge.key] = _route_one(glyphs, edge, room, before)
    return _make_clickable(glyphs, edges, routes, room)


def _route_one(
    glyphs: Mapping[str, Glyph], edge: Edge, room: Room, before: Route | None = None
) -> Route:
    start, end = glyphs[edge.a].centre, glyphs[edge.b].centre
    others = _others(glyphs, edge)
    same_ends = before is not None and (before.start, before.end) == (start, end)
    if before is not None and same_ends and _fits(before, others, np.empty((0, 2)), room):
        return before
    straight = Route(start, end)
    best: tuple[int, Route] = (crossings(straight.polyline(), others), straight)
    if best[0] == 0 and room.allows(straight.polyline()):
        return straight
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    for curve in _curves(start, end, [bend * length for bend in _CURVE_BENDS]):
        line = curve.polyline()
        if not room.allows(line):
            continue
        crossed = crossings(line, others)
        if crossed == 0:
            return curve
        if crossed < best[0]:
            best = (crossed, curve)
    if best[0] == 0:  # clear of nodes, under the legend: better than any detour's search
        return detour(start, end, others, room) or straight
    # Clear of the nodes matters more than clear of the legend.
    return (
        detour(start, end, others, room) or detour(start, end, others, Room(room.area)) or best[1]
    )


# -- clicking -----------------------------------------------------------------------------

_CLICK_TS = np.array([0.5 + s * k / 40 for k in range(20) for s in (1, -1)])  # middle first


def _claimed(glyphs: Mapping[str, Glyph], keep_out: Sequence[Box] = ()) -> FloatArray:
    """Boxes a click would hit before any tie, or not see it under: discs (and a
    margin), labels and the keep-out boxes (the legend)."""
    boxes = [g.disc.grown(PAD + 1).as_tuple() for g in glyphs.values()]
    boxes += [g.label.grown(PAD).as_tuple() for g in glyphs.values()]
    boxes += [b.as_tuple() for b in keep_out]
    return np.array(boxes, dtype=np.float64).reshape(-1, 4)


class _Segments:
    """Every drawn tie's polyline as one array of segments, each knowing its tie."""

    def __init__(self, routes: Mapping[str, Route]) -> None:
        lines = {k: np.array(r.polyline(), dtype=np.float64) for k, r in routes.items()}
        self.owner = np.array(
            [k for k, line in lines.items() for _ in range(len(line) - 1)], dtype=object
        )
        self.starts = np.concatenate([ln[:-1] for ln in lines.values()] or [np.empty((0, 2))])
        self.ends = np.concatenate([ln[1:] for ln in lines.values()] or [np.empty((0, 2))])

    def clear_of_others(
        self, points: FloatArray, key: str, gap: float = _CLICK_GAP
    ) -> npt.NDArray[np.bool_]:
        """Per point, whether every tie but ``key`` keeps ``gap`` from it."""
        other = self.owner != key
        if not other.any():
            return np.ones(len(points), dtype=bool)
        s, e = self.starts[other], self.ends[other]
        d = segment_distance(
            points[:, 0:1],
            points[:, 1:2],
            s[None, :, 0],
            s[None, :, 1],
            e[None, :, 0],
            e[None, :, 1],
        )
        return np.asarray(d.min(axis=1) >= gap)


def _free_point(route: Route, key: str, claimed: FloatArray, ties: _Segments) -> Point | None:
    """The point of ``route`` nearest its middle that is in no box and clear of other ties."""
    knots = np.arange(1, len(route.controls)) / max(len(route.controls), 1)  # corners, too
    points = route.points_at(np.concatenate([_CLICK_TS, knots]))
    inside = (
        (points[:, None, 0] >= claimed[None, :, 0])
        & (points[:, None, 0] <= claimed[None, :, 2])
        & (points[:, None, 1] >= claimed[None, :, 1])
        & (points[:, None, 1] <= claimed[None, :, 3])
    ).any(axis=1)
    found = np.flatnonzero(~inside)
    if len(found):
        found = found[ties.clear_of_others(points[found], key)]
    return None if len(found) == 0 else (float(points[found[0], 0]), float(points[found[0], 1]))


def _free_points(
    glyphs: Mapping[str, Glyph], routes: Mapping[str, Route], keep_out: Sequence[Box] = ()
) -> dict[str, Point | None]:
    claimed, ties = _claimed(glyphs, keep_out), _Segments(routes)
    return {key: _free_point(route, key, claimed, ties) for key, route in routes.items()}


def click_points(
    glyphs: Mapping[str, Glyph], routes: Mapping[str, Route], keep_out: Sequence[Box] = ()
) -> dict[str, Point]:
    """On each route, the point nearest its middle that no node, label, other edge or
    keep-out box claims; else one under a keep-out box (the legend is drawn over the
    ties but takes no clicks); else the middle."""
    points = _free_points(glyphs, routes, keep_out)
    if keep_out and None in points.values():
        points = {k: p or _free_points(glyphs, routes)[k] for k, p in points.items()}
    return {key: point or routes[key].point_at(0.5) for key, point in points.items()}


def _make_clickable(
    glyphs: Mapping[str, Glyph], edges: Sequence[Edge], routes: dict[str, Route], room: Room
) -> dict[str, Route]:
    """Bend each tie without a free point through the nearest free spot it can reach
    without crossing a node, and away from the other ties' click points (so no tie is made
    clickable at another's expense)."""
    free = _free_points(glyphs, routes, room.keep_out)
    stuck = [e for e in edges if free[e.key] is None]
    if not stuck:
        return routes
    claimed = _claimed(glyphs, room.keep_out)
    for edge in stuck:
        others = _others(glyphs, edge)
        kept = np.array([p for k, p in free.items() if p is not None and k != edge.key])
        ties = _Segments(routes)
        start, end = routes[edge.key].start, routes[edge.key].end
        spots = list(
            itertools.islice(_free_spots(start, end, claimed, ties, edge.key, room.area), _SPOTS)
        )
        # Smooth curves through the nearest spots first; else a path around the nodes
        # through one of the few nearest.
        shapes = ((via, c) for via in spots for c in _through(start, end, via))
        # A path keeps off the other ties' click points as it keeps off nodes.
        avoid = others + [
            ((float(x), float(y)), _CLICK_GAP - EDGE_CLEARANCE + 0.5) for x, y in kept
        ]
        paths = ((v, _path_through(start, end, v, avoid, room)) for v in spots[:_PATH_SPOTS])
        for via, curve in itertools.chain(shapes, paths):
            if curve is not None and _fits(curve, others, kept, room):
                routes[edge.key], free[edge.key] = curve, via
                break
    return routes


def _path_through(
    start: Point, end: Point, via: Point, others: Sequence[Disc], room: Room
) -> Route | None:
    """Paths around the nodes from ``start`` to ``via`` and on to ``end``, with a corner at
    ``via`` (where the route is at its middle)."""
    first, second = detour(start, via, others, room), detour(via, end, others, room)
    if first is None or second is None:
        return None
    return Route(start, end, (*first.controls, via, via, *second.controls))


def _through(start: Point, end: Point, via: Point) -> Iterator[Route]:
    """Curves from ``start`` to ``end`` through ``via`` at their middle: one quadratic, then
    two pieces meeting at ``via`` (flatter there, so they bend sooner near the ends)."""
    yield Route(
        start, end, ((2 * via[0] - (start[0] + end[0]) / 2, 2 * via[1] - (start[1] + end[1]) / 2),)
    )
    for k in (0.25, 0.5):
        dx, dy = k * (end[0] - start[0]), k * (end[1] - start[1])
        yield Route(start, end, ((via[0] - dx, via[1] - dy), (via[0] + dx, via[1] + dy)))


def _fits(route: Route, others: Sequence[Disc], kept: FloatArray, room: Room) -> bool:
    """In the room, clear of every other node and of the other ties' click points."""
    line = route.polyline()
    if not room.allows(line) or crossings(line, others) > 0:
        return False
    return not len(kept) or polyline_distances(kept, np.array(line)).min() >= _CLICK_GAP


def _free_spots(
    start: Point, end: Point, claimed: FloatArray, ties: _Segments, key: str, area: Box
) -> Iterator[Point]:
    """Points a click would give to the tie ``key`` alone, the shortest detour first."""
    xs = np.arange(area.left, area.right + 0.01, GRID)
    ys = np.arange(area.top, area.bottom + 0.01, GRID)
    gx, gy = np.meshgrid(xs, ys)
    cells = np.column_stack([gx.ravel(), gy.ravel()])
    detour = np.hypot(cells[:, 0] - start[0], cells[:, 1] - start[1])
    detour += np.hypot(cells[:, 0] - end[0], cells[:, 1] - end[1])
    chord = math.hypot(end[0] - start[0], end[1] - start[1])
    near = np.flatnonzero(detour <= chord + _MAX_DETOUR)
    near = near[np.argsort(detour[near], kind="stable")]
    boxes = claimed[None, :, :]
    for chunk in range(0, len(near), 128):
        points = cells[near[chunk : chunk + 128]]
        inside = (
            (points[:, None, 0] >= boxes[..., 0] - 1)
            & (points[:, None, 0] <= boxes[..., 2] + 1)
            & (points[:, None, 1] >= boxes[..., 1] - 1)
            & (points[:, None, 1] <= boxes[..., 3] + 1)
        ).any(axis=1)
        points = points[~inside]
        if len(points):
            points = points[ties.clear_of_others(points, key, _CLICK_GAP + 1)]
        for x, y in points:
            yield float(x), float(y)
