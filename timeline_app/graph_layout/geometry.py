"""The panel's plain geometry: boxes, placed nodes (glyphs), ties and distances, in pixels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Point = tuple[float, float]
Measure = Callable[[str], tuple[float, float]]  # text -> (width, height) in pixels
FloatArray = npt.NDArray[np.float64]

SIDES = ("right", "below", "left", "above")  # label sides, most natural first
LABEL_GAP = 2.0  # between a node's disc and its label
PAD = 2.0  # kept free around every disc and label
EDGE_CLEARANCE = 2.0  # between an edge and a disc that is not its own


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

    def contains(self, point: Point) -> bool:
        return self.left <= point[0] <= self.right and self.top <= point[1] <= self.bottom

    def grown(self, by: float) -> Box:
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.left, self.top, self.right, self.bottom)


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


def hits(
    left: FloatArray, top: FloatArray, right: FloatArray, bottom: FloatArray, boxes: FloatArray
) -> FloatArray:
    """Per candidate box, how many of ``boxes`` (n, 4) it overlaps."""
    if len(boxes) == 0:
        return np.zeros(len(left))
    overlap = (left[:, None] < boxes[None, :, 2]) & (boxes[None, :, 0] < right[:, None])
    overlap &= (top[:, None] < boxes[None, :, 3]) & (boxes[None, :, 1] < bottom[:, None])
    counts: FloatArray = overlap.sum(axis=1).astype(np.float64)
    return counts


def segment_distance(
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


def polyline_distances(points: FloatArray, line: FloatArray) -> FloatArray:
    """Per point (n, 2), its distance to the polyline ``line`` (m, 2)."""
    if len(line) == 1:
        return np.asarray(np.hypot(points[:, 0] - line[0, 0], points[:, 1] - line[0, 1]))
    d = segment_distance(
        points[:, 0:1],
        points[:, 1:2],
        line[None, :-1, 0],
        line[None, :-1, 1],
        line[None, 1:, 0],
        line[None, 1:, 1],
    )
    return np.asarray(d.min(axis=1), dtype=np.float64)
