"""Paths around the nodes: the shortest way on a grid of the panel, pulled taut and its
corners rounded where that still clears every node."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from timeline_app.graph_layout.geometry import (
    EDGE_CLEARANCE,
    FloatArray,
    Point,
    segment_distance,
)
from timeline_app.graph_layout.paths import Disc, Room, Route, crossings

GRID = 4.0  # px between the cells a path around nodes is searched on
_SLACK = 3.0  # px kept beyond the clearance by a path, so rounding its corners stays clear
_ENTRY = 14.0  # px around a node within which a path may join the grid


def detour(start: Point, end: Point, others: Sequence[Disc], room: Room) -> Route | None:
    """The shortest path on a grid from ``start`` to ``end`` that keeps clear of
    ``others``, pulled taut and its corners rounded; None when the nodes wall it off."""
    area = room.area
    xs = np.arange(area.left, area.right + 0.01, GRID)
    ys = np.arange(area.top, area.bottom + 0.01, GRID)
    gx, gy = np.meshgrid(xs, ys)
    cells = np.column_stack([gx.ravel(), gy.ravel()])
    width = len(xs)
    free = _clear_of(others, xs, ys).ravel() & room.free_cells(cells)
    centres = np.array([c for c, _ in others], dtype=np.float64).reshape(-1, 2)
    reach = np.array([r for _, r in others], dtype=np.float64) + EDGE_CLEARANCE

    def entries(point: Point) -> list[int]:
        """Free cells close to a node that a straight stub from its centre reaches."""
        d = np.hypot(cells[:, 0] - point[0], cells[:, 1] - point[1])
        close = np.flatnonzero(free & (d <= _ENTRY))
        if not len(others) or not len(close):
            return [int(i) for i in close]
        stub = segment_distance(
            centres[None, :, 0],
            centres[None, :, 1],
            point[0],
            point[1],
            cells[close, 0:1],
            cells[close, 1:2],
        )  # (close cells, discs)
        return [int(i) for i in close[~(stub < reach[None, :]).any(axis=1)]]

    sources, targets = entries(start), set(entries(end))
    if not sources or not targets:
        return None
    path = _search(cells, free, width, start, end, sources, targets)
    if path is None:
        return None
    points = [start] + [(cells[i, 0], cells[i, 1]) for i in path] + [end]
    corners = _pull_taut(points, others, room)
    inner = tuple(corners[1:-1])
    for route in (
        Route(start, end, inner),
        Route(start, end, tuple(p for p in inner for _ in (0, 1))),
    ):
        if crossings(route.polyline(), others) == 0 and room.allows(route.polyline()):
            return route
    return None


def _clear_of(others: Sequence[Disc], xs: FloatArray, ys: FloatArray) -> npt.NDArray[np.bool_]:
    """Per grid cell (rows ys, columns xs), whether it keeps a path's distance from every
    disc; each disc is tested only against the cells of its own bounding box."""
    free = np.ones((len(ys), len(xs)), dtype=bool)
    for (x, y), r in others:
        reach = r + EDGE_CLEARANCE + _SLACK
        c0, c1 = np.searchsorted(xs, [x - reach, x + reach])
        r0, r1 = np.searchsorted(ys, [y - reach, y + reach])
        if c0 < c1 and r0 < r1:
            near = np.hypot(xs[None, c0:c1] - x, ys[r0:r1, None] - y) < reach
            free[r0:r1, c0:c1] &= ~near
    return free


def _search(
    cells: FloatArray,
    free: npt.NDArray[np.bool_],
    width: int,
    start: Point,
    end: Point,
    sources: Sequence[int],
    targets: set[int],
) -> list[int] | None:
    """A* over the free cells (8 neighbours), from any source to any target."""
    height = len(cells) // width
    gone = np.hypot(cells[:, 0] - end[0], cells[:, 1] - end[1])  # the heuristic
    cost: dict[int, float] = {}
    came: dict[int, int] = {}
    queue: list[tuple[float, int]] = []
    for s in sources:
        cost[s] = math.hypot(cells[s, 0] - start[0], cells[s, 1] - start[1])
        heapq.heappush(queue, (cost[s] + gone[s], s))
    steps = [(dx, dy, GRID * math.hypot(dx, dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    while queue:
        _, here = heapq.heappop(queue)
        if here in targets:
            path = [here]
            while path[-1] in came:
                path.append(came[path[-1]])
            return path[::-1]
        row, col = divmod(here, width)
        for dx, dy, step in steps:
            r, c = row + dy, col + dx
            if (dx, dy) == (0, 0) or not (0 <= r < height and 0 <= c < width):
                continue
            there = r * width + c
            if not free[there]:
                continue
            total = cost[here] + step
            if total < cost.get(there, math.inf):
                cost[there], came[there] = total, here
                heapq.heappush(queue, (total + gone[there], there))
    return None


def _pull_taut(points: Sequence[Point], others: Sequence[Disc], room: Room) -> list[Point]:
    """Fewest corners: from each corner, straight on to the farthest point still in clear view."""

    def blocked(a: Point, b: Point) -> bool:
        return crossings([a, b], others, _SLACK / 2) > 0 or not room.allows([a, b])

    taut, i = [points[0]], 0
    while i < len(points) - 1:
        j = len(points) - 1
        while j > i + 1 and blocked(points[i], points[j]):
            j -= 1
        taut.append(points[j])
        i = j
    return taut
