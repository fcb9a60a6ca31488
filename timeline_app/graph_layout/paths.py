"""A drawn tie's shape (``Route``), what it crosses, and the room ties may run in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from timeline_app.graph_layout.geometry import (
    EDGE_CLEARANCE,
    Box,
    FloatArray,
    Point,
    polyline_distances,
    segment_distance,
)

_CURVE_SAMPLES = 24  # points along a single curve
_PIECE_SAMPLES = 12  # points along each piece of a path around nodes

Disc = tuple[Point, float]  # centre, radius


@dataclass(frozen=True, slots=True)
class Route:
    """A drawn tie from ``start`` to ``end``: straight without ``controls``; else a chain of
    quadratic pieces, one per control point, joined halfway between consecutive controls
    (one control is a single quadratic curve; a control given twice makes a sharp corner)."""

    start: Point
    end: Point
    controls: tuple[Point, ...] = ()

    def pieces(self) -> list[tuple[Point, Point, Point]]:
        """The quadratic pieces (from, control, to)."""
        c = self.controls
        knots = [self.start]
        knots += [
            ((c[i][0] + c[i + 1][0]) / 2, (c[i][1] + c[i + 1][1]) / 2) for i in range(len(c) - 1)
        ]
        knots.append(self.end)
        return [(knots[i], c[i], knots[i + 1]) for i in range(len(c))]

    def point_at(self, t: float) -> Point:
        x, y = self.points_at(np.array([t], dtype=np.float64))[0]
        return float(x), float(y)

    def points_at(self, ts: FloatArray) -> FloatArray:
        """Points (n, 2) at parameters ``ts`` in 0..1, each piece taking an equal share."""
        (x0, y0), (x2, y2) = self.start, self.end
        if not self.controls:
            return np.column_stack([x0 + (x2 - x0) * ts, y0 + (y2 - y0) * ts])
        pieces = np.array(self.pieces(), dtype=np.float64)  # (n, 3, 2)
        n = len(pieces)
        index = np.minimum((ts * n).astype(np.intp), n - 1)
        u = (ts * n - index)[:, None]
        p0, p1, p2 = pieces[index, 0], pieces[index, 1], pieces[index, 2]
        points: FloatArray = (1 - u) ** 2 * p0 + 2 * (1 - u) * u * p1 + u * u * p2
        return points

    def polyline(self) -> list[Point]:
        n = len(self.controls)
        if n == 0:
            return [self.start, self.end]
        samples = _CURVE_SAMPLES if n == 1 else _PIECE_SAMPLES * n
        points = self.points_at(np.linspace(0.0, 1.0, samples + 1))
        return [(float(x), float(y)) for x, y in points]


def distance_to_polyline(point: Point, line: Sequence[Point]) -> float:
    points = np.array([point], dtype=np.float64)
    return float(polyline_distances(points, np.array(line, dtype=np.float64))[0])


def crossings(line: Sequence[Point], discs: Sequence[Disc], extra: float = 0.0) -> int:
    """How many discs the polyline passes within their radius plus the clearance of."""
    if not discs:
        return 0
    xs = np.array([p[0] for p in line], dtype=np.float64)
    ys = np.array([p[1] for p in line], dtype=np.float64)
    centres = np.array([c for c, _ in discs], dtype=np.float64)
    radii = np.array([r for _, r in discs], dtype=np.float64)
    d = segment_distance(
        centres[:, 0:1], centres[:, 1:2], xs[None, :-1], ys[None, :-1], xs[None, 1:], ys[None, 1:]
    )
    return int((d.min(axis=1) < radii + EDGE_CLEARANCE + extra).sum())


@dataclass(frozen=True, slots=True)
class Room:
    """Where ties may run: inside ``area``, and outside ``keep_out`` (the legend, drawn
    over the panel) wherever they can."""

    area: Box
    keep_out: tuple[Box, ...] = ()

    def allows(self, line: Sequence[Point]) -> bool:
        if not all(self.area.contains(p) for p in line):
            return False
        if not self.keep_out:
            return True
        points = np.array(line, dtype=np.float64)
        return not any(_enters(points[:-1], points[1:], box) for box in self.keep_out)

    def free_cells(self, cells: FloatArray) -> npt.NDArray[np.bool_]:
        """Per grid cell, whether it lies outside every keep-out box."""
        out = np.ones(len(cells), dtype=bool)
        for box in self.keep_out:
            out &= ~_in_box(cells, box)
        return out


def _slab(
    start: FloatArray, step: FloatArray, lo: float, hi: float
) -> tuple[FloatArray, FloatArray]:
    """Per segment, the span of t (start + t * step) between lo and hi on one axis."""
    flat = step == 0
    safe = np.where(flat, 1.0, step)
    t1, t2 = (lo - start) / safe, (hi - start) / safe
    between = (start > lo) & (start < hi)
    enter = np.where(flat, np.where(between, -np.inf, np.inf), np.minimum(t1, t2))
    leave = np.where(flat, np.where(between, np.inf, -np.inf), np.maximum(t1, t2))
    return enter, leave


def enters_each(starts: FloatArray, ends: FloatArray, box: Box) -> npt.NDArray[np.bool_]:
    """Per segment, whether it passes through the inside of ``box`` (clipping, Liang-Barsky)."""
    step = ends - starts
    x_in, x_out = _slab(starts[:, 0], step[:, 0], box.left, box.right)
    y_in, y_out = _slab(starts[:, 1], step[:, 1], box.top, box.bottom)
    enter = np.maximum(np.maximum(x_in, y_in), 0.0)
    leave = np.minimum(np.minimum(x_out, y_out), 1.0)
    return np.asarray(enter < leave)


def _enters(starts: FloatArray, ends: FloatArray, box: Box) -> bool:
    """Whether any segment passes through the inside of ``box``."""
    return bool(enters_each(starts, ends, box).any())


def _in_box(points: FloatArray, box: Box) -> npt.NDArray[np.bool_]:
    x, y = points[:, 0], points[:, 1]
    inside = (x > box.left) & (x < box.right) & (y > box.top) & (y < box.bottom)
    return np.asarray(inside)
