"""What a drawn panel gets wrong, counted from discs, label boxes and edge polylines."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from timeline_app.graph_layout.geometry import Box, Point, segment_distance


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
            d = segment_distance(x, y, xs[:-1], ys[:-1], xs[1:], ys[1:])
            through += bool(d.min() < r)
    return Overlaps(node_on_node, through, label_on_node, label_on_label, label_cut)
