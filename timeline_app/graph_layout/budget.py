"""How many ties a panel of a given size can draw legibly.

Every drawn node takes its disc, its label and the room around them; a panel has room
for so many. Measured on synthetic bulk data: at 410x280 px (the panel of a 1366x768
window) 51 nodes (60 ties) draw with no overlap, no tie over a node and every tie
clickable; at 410x207 (1024x600) 37 nodes left labels overlapping in half the data sets
and 33 in none. Room grows with the width but not quite with the height: the band of
the legend at the bottom is mostly lost (a node beside it has no room for its label).
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline_app.graph_layout.geometry import Box

NODE_AREA = 1650.0  # px² of panel per drawn node
LOST_BAND = 40.0  # px at the bottom of the panel that hold few nodes (the legend's band)


def node_budget(area: Box) -> int:
    """How many nodes fit in ``area`` with their labels and room to route ties."""
    return max(2, int(area.width * max(area.height - LOST_BAND, 0.0) / NODE_AREA))


def ties_that_fit(ranked: Sequence[tuple[str, str]], limit: int, budget: int) -> int:
    """How many of ``ranked`` (strongest first) to draw: at most ``limit``, and only as
    many as bring no more than ``budget`` nodes (the strongest ties are always the ones
    drawn, so the caption's "the N strongest" stays true)."""
    nodes: set[str] = set()
    for count, (a, b) in enumerate(ranked[:limit]):
        if len(nodes | {a, b}) > budget:
            return count
        nodes.update((a, b))
    return min(limit, len(ranked))
