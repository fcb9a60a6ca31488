"""How many ties a panel of a given size can draw legibly.

Every drawn node takes its disc, its label and the room around them; a panel has room
for so many. Measured on synthetic bulk data: at 410x280 px (the panel of a 1366x768
window) 51 nodes (60 ties) draw with no overlap, no tie over a node and every tie
clickable; at 305x237 (a 1024x600 window) 30 nodes left a label on a node in a quarter
of the data sets, 27 in none. The rim of the panel holds less than its share (a label
needs its width beside the node, a disc half its size inside the edge), and the legend
holds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from timeline_app.graph_layout.geometry import Box

NODE_AREA = 1480.0  # px² of the panel's inner room per drawn node
RIM = (30.0, 20.0)  # px of width and height that hold few nodes


def node_budget(area: Box, obstacles: Sequence[Box] = ()) -> int:
    """How many nodes fit in ``area`` (less ``obstacles``) with their labels and room
    to route ties between them."""
    room = max(area.width - RIM[0], 0.0) * max(area.height - RIM[1], 0.0)
    for box in obstacles:
        w = min(box.right, area.right) - max(box.left, area.left)
        h = min(box.bottom, area.bottom) - max(box.top, area.top)
        room -= max(w, 0.0) * max(h, 0.0)
    return max(2, int(room / NODE_AREA))


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
