"""Bending a tie that no click could reach through the nearest spot where one can."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from timeline_app.graph_layout.clicks import CLICK_GAP, Pieces, TieIndex
from timeline_app.graph_layout.detours import GRID, detour
from timeline_app.graph_layout.geometry import (
    EDGE_CLEARANCE,
    Box,
    Edge,
    FloatArray,
    Point,
    polyline_distances,
    segment_distance,
)
from timeline_app.graph_layout.paths import Disc, Room, Route, crossings, enters_each

_MAX_DETOUR = 160.0  # px a tie may grow to reach a spot where it can be clicked
_SPOTS = 240  # free spots tried per unclickable tie, nearest first (time is bounded)
_PATH_SPOTS = 6  # of which the nearest are tried with paths around nodes
_SPOTS_AT_ONCE = 24  # spots whose curves are tested in one go (most bends need few)


def bend_to_click(
    edge: Edge,
    routes: Mapping[str, Route],
    others: Sequence[Disc],
    kept: FloatArray,
    claimed: FloatArray,
    room: Room,
    pieces: Mapping[str, Pieces] | None = None,
) -> tuple[Route, Point] | None:
    """The tie ``edge`` bent through the nearest spot a click would give to it alone (and
        that spot), clear of the discs ``others`` and of the other ties' click points ``kept``;
        None when no such bend is found. ``routes`` are every drawn tie's routes, ``claimed``
        the boxes (left, top, right, bottom) that take clicks before a tie; ``pieces`` those
    routes already cut for a ``TieIndex``, where known."""
    keys = list(routes)
    cut = pieces or {}
    ties = (
        TieIndex([cut.get(k) or Pieces.of(np.array(routes[k].polyline())) for k in keys]),
        keys.index(edge.key),
    )
    start, end = routes[edge.key].start, routes[edge.key].end
    spots = list(itertools.islice(_free_spots(start, end, claimed, ties, room.area), _SPOTS))
    # Smooth curves through the nearest spots first (tried many at a time); else a path
    # around the nodes through one of the few nearest.
    for chunk in range(0, len(spots), _SPOTS_AT_ONCE):
        vias = spots[chunk : chunk + _SPOTS_AT_ONCE]
        shapes = [(via, c) for via in vias for c in _through(start, end, via)]
        for i in fitting([c for _, c in shapes], others, kept, room):
            if fits(shapes[i][1], others, kept, room):  # the exact test, on the route drawn
                return shapes[i][1], shapes[i][0]
    # A path keeps off the other ties' click points as it keeps off nodes.
    avoid = list(others) + [
        ((float(x), float(y)), CLICK_GAP - EDGE_CLEARANCE + 0.5) for x, y in kept
    ]
    for via in spots[:_PATH_SPOTS]:
        path = _path_through(start, end, via, avoid, room)
        if path is not None and fits(path, others, kept, room):
            return path, via
    return None


def fitting(
    routes: Sequence[Route], others: Sequence[Disc], kept: FloatArray, room: Room
) -> Iterator[int]:
    """The indices of ``routes`` that pass ``fits``, in order, tested all at once: every
    route here has as many polyline points (one curve, or two pieces)."""
    if not routes:
        return
    lines = _polylines(routes)  # (routes, points, 2)
    area = room.area
    x, y = lines[..., 0], lines[..., 1]
    inside = (x >= area.left) & (x <= area.right) & (y >= area.top) & (y <= area.bottom)
    good: npt.NDArray[np.bool_] = np.asarray(inside.all(axis=1))
    starts, ends = lines[:, :-1], lines[:, 1:]
    for box in room.keep_out:
        entered = enters_each(starts.reshape(-1, 2), ends.reshape(-1, 2), box)
        good &= ~entered.reshape(len(routes), -1).any(axis=1)
    for points, reach in (
        (
            np.array([c for c, _ in others], dtype=np.float64).reshape(-1, 2),
            np.array([r for _, r in others], dtype=np.float64) + EDGE_CLEARANCE,
        ),
        (kept.reshape(-1, 2), np.full(len(kept), CLICK_GAP - 1e-9)),
    ):
        alive = np.flatnonzero(good)  # only the routes that passed so far are measured
        if not len(points) or not len(alive):
            continue
        s, e = starts[alive], ends[alive]
        # Only what lies within reach of these routes' bounding box can touch them.
        lo, hi = lines[alive].min(axis=(0, 1)), lines[alive].max(axis=(0, 1))
        close = ((points >= lo - reach[:, None]) & (points <= hi + reach[:, None])).all(axis=1)
        points, reach = points[close], reach[close]
        if not len(points):
            continue
        d = segment_distance(
            points[None, None, :, 0],
            points[None, None, :, 1],
            s[:, :, None, 0],
            s[:, :, None, 1],
            e[:, :, None, 0],
            e[:, :, None, 1],
        )
        good[alive] = ~(d.min(axis=1) < reach[None, :]).any(axis=1)
    yield from (int(i) for i in np.flatnonzero(good))


def _polylines(routes: Sequence[Route]) -> FloatArray:
    """``Route.polyline`` of many routes at once (each of one curve or of two pieces)."""
    lines = np.empty((len(routes), 25, 2))
    for n in (1, 2):
        which = [i for i, r in enumerate(routes) if len(r.controls) == n]
        if not which:
            continue
        pieces = np.array([routes[i].pieces() for i in which], dtype=np.float64)  # (k, n, 3, 2)
        ts = np.linspace(0.0, 1.0, 24 + 1)
        index = np.minimum((ts * n).astype(np.intp), n - 1)
        u = (ts * n - index)[None, :, None]
        p0, p1, p2 = pieces[:, index, 0], pieces[:, index, 1], pieces[:, index, 2]
        lines[which] = (1 - u) ** 2 * p0 + 2 * (1 - u) * u * p1 + u * u * p2
    return lines


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
    start: Point, end: Point, claimed: FloatArray, ties: tuple[TieIndex, int], area: Box
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
    for chunk in range(0, len(near), 512):
        points = cells[near[chunk : chunk + 512]]
        inside = (
            (points[:, None, 0] >= boxes[..., 0] - 1)
            & (points[:, None, 0] <= boxes[..., 2] + 1)
            & (points[:, None, 1] >= boxes[..., 1] - 1)
            & (points[:, None, 1] <= boxes[..., 3] + 1)
        ).any(axis=1)
        points = points[~inside]
        if len(points):
            owner = np.full(len(points), ties[1], dtype=np.intp)
            points = points[~ties[0].near(points, owner, CLICK_GAP + 1)]
        for x, y in points:
            yield float(x), float(y)
