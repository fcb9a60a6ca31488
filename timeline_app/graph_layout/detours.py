"""Paths around the nodes: the shortest way on a grid of the panel, pulled taut and its
corners rounded where that still clears every node."""

from __future__ import annotations

import functools
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
from timeline_app.graph_layout.paths import Disc, Room, Route, crossings, enters_each

GRID = 4.0  # px between the cells a path around nodes is searched on
_SLACK = 3.0  # px kept beyond the clearance by a path, so rounding its corners stays clear
_ENTRY = 14.0  # px around a node within which a path may join the grid


def detour(start: Point, end: Point, others: Sequence[Disc], room: Room) -> Route | None:
    """The shortest path on a grid from ``start`` to ``end`` that keeps clear of
    ``others``, pulled taut and its corners rounded; None when the nodes wall it off."""
    cells, free, width = _free_grid(tuple(others), room)
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


@functools.lru_cache(maxsize=8)
def _free_grid(
    others: tuple[Disc, ...], room: Room
) -> tuple[FloatArray, npt.NDArray[np.bool_], int]:
    """The grid's cells (centres), which of them a path may use, and its width.

    Kept for the last few sets of discs: a tie bent through a spot searches two paths
    (there and on), and tries several spots, all among the same discs. Read only."""
    area = room.area
    xs = np.arange(area.left, area.right + 0.01, GRID)
    ys = np.arange(area.top, area.bottom + 0.01, GRID)
    gx, gy = np.meshgrid(xs, ys)
    cells = np.column_stack([gx.ravel(), gy.ravel()])
    free = _clear_of(others, xs, ys).ravel() & room.free_cells(cells)
    cells.flags.writeable = False
    free.flags.writeable = False
    return cells, free, len(xs)


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
    gone = np.hypot(cells[:, 0] - end[0], cells[:, 1] - end[1]).tolist()  # the heuristic
    open_ = free.tolist()
    cost = [math.inf] * len(cells)
    came: dict[int, int] = {}
    queue: list[tuple[float, int]] = []
    for s in sources:
        cost[s] = math.hypot(cells[s, 0] - start[0], cells[s, 1] - start[1])
        heapq.heappush(queue, (cost[s] + gone[s], s))
    steps = [
        (dx, dy, dy * width + dx, GRID * math.hypot(dx, dy))
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
        if (dx, dy) != (0, 0)
    ]
    push, pop = heapq.heappush, heapq.heappop
    while queue:
        _, here = pop(queue)
        if here in targets:
            path = [here]
            while path[-1] in came:
                path.append(came[path[-1]])
            return path[::-1]
        row, col = divmod(here, width)
        base = cost[here]
        for dx, dy, offset, step in steps:
            if not (0 <= row + dy < height and 0 <= col + dx < width):
                continue
            there = here + offset
            if not open_[there]:
                continue
            total = base + step
            if total < cost[there]:
                cost[there], came[there] = total, here
                push(queue, (total + gone[there], there))
    return None


def _pull_taut(points: Sequence[Point], others: Sequence[Disc], room: Room) -> list[Point]:
    """Fewest corners: from each corner, straight on to the farthest point still in clear view.

    From one corner every later point is measured at once (segments against discs)."""
    line = np.array(points, dtype=np.float64)
    centres = np.array([c for c, _ in others], dtype=np.float64).reshape(-1, 2)
    reach = np.array([r for _, r in others], dtype=np.float64) + EDGE_CLEARANCE + _SLACK / 2
    inside = _in_area(line, room)
    taut, i, last = [points[0]], 0, len(points) - 1
    while i < last:
        ahead = line[i + 2 :]  # the next point is always in view (a grid step away)
        clear = inside[i] & inside[i + 2 :]
        if len(ahead) and len(centres):
            d = segment_distance(
                centres[None, :, 0],
                centres[None, :, 1],
                line[i, 0],
                line[i, 1],
                ahead[:, 0:1],
                ahead[:, 1:2],
            )  # (points ahead, discs)
            clear &= ~(d < reach[None, :]).any(axis=1)
        for box in room.keep_out:
            starts = np.broadcast_to(line[i], ahead.shape)
            clear &= ~enters_each(starts, ahead, box)
        seen = np.flatnonzero(clear)
        j = i + 2 + int(seen[-1]) if len(seen) else i + 1
        taut.append(points[j])
        i = j
    return taut


def _in_area(line: FloatArray, room: Room) -> npt.NDArray[np.bool_]:
    area = room.area
    x, y = line[:, 0], line[:, 1]
    return np.asarray((x >= area.left) & (x <= area.right) & (y >= area.top) & (y <= area.bottom))
