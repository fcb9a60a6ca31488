"""Bending a tie that no click could reach through the nearest spot where one can."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from timeline_app.graph_layout.clicks import CLICK_GAP, Segments
from timeline_app.graph_layout.detours import GRID, detour
from timeline_app.graph_layout.geometry import (
    EDGE_CLEARANCE,
    Box,
    Edge,
    FloatArray,
    Point,
    polyline_distances,
)
from timeline_app.graph_layout.paths import Disc, Room, Route, crossings

_MAX_DETOUR = 160.0  # px a tie may grow to reach a spot where it can be clicked
_SPOTS = 240  # free spots tried per unclickable tie, nearest first (time is bounded)
_PATH_SPOTS = 6  # of which the nearest are tried with paths around nodes


def bend_to_click(
    edge: Edge,
    routes: Mapping[str, Route],
    others: Sequence[Disc],
    kept: FloatArray,
    claimed: FloatArray,
    room: Room,
) -> tuple[Route, Point] | None:
    """The tie ``edge`` bent through the nearest spot a click would give to it alone (and
    that spot), clear of the discs ``others`` and of the other ties' click points ``kept``;
    None when no such bend is found. ``routes`` are every drawn tie's routes, ``claimed``
    the boxes (left, top, right, bottom) that take clicks before a tie."""
    ties = Segments(routes)
    start, end = routes[edge.key].start, routes[edge.key].end
    spots = list(
        itertools.islice(_free_spots(start, end, claimed, ties, edge.key, room.area), _SPOTS)
    )
    # Smooth curves through the nearest spots first; else a path around the nodes
    # through one of the few nearest.
    shapes = ((via, c) for via in spots for c in _through(start, end, via))
    # A path keeps off the other ties' click points as it keeps off nodes.
    avoid = list(others) + [
        ((float(x), float(y)), CLICK_GAP - EDGE_CLEARANCE + 0.5) for x, y in kept
    ]
    paths = ((v, _path_through(start, end, v, avoid, room)) for v in spots[:_PATH_SPOTS])
    for via, curve in itertools.chain(shapes, paths):
        if curve is not None and fits(curve, others, kept, room):
            return curve, via
    return None


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


def fits(route: Route, others: Sequence[Disc], kept: FloatArray, room: Room) -> bool:
    """In the room, clear of every other node and of the other ties' click points."""
    line = route.polyline()
    if not room.allows(line) or crossings(line, others) > 0:
        return False
    return not len(kept) or polyline_distances(kept, np.array(line)).min() >= CLICK_GAP


def _free_spots(
    start: Point, end: Point, claimed: FloatArray, ties: Segments, key: str, area: Box
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
            points = points[ties.clear_of_others(points, key, CLICK_GAP + 1)]
        for x, y in points:
            yield float(x), float(y)
