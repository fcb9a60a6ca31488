"""Where the relationship panel draws its nodes, labels and edges, in viewport pixels.

Pure geometry, with text measuring passed in, so it is tested with plain rectangles.

* Every actor has a geographic anchor (``geo_anchor``); the anchors of the data set are
  spread over the panel by a monotone stretch (``spread_targets``): west stays west of
  east and north above south, but a crowded region (Europe, Central Asia) is given room.
* ``PanelLayout`` places nodes one at a time, most important first, at the free spot
  nearest to their target: no disc or label over another disc or label, nothing outside
  the panel, and preferably no edge through a node. A placed node never moves when the
  time window changes (the analyst's mental map); only a resize lays it out anew.
* ``route_edges`` draws each tie straight, as a gentle curve, or along a path around the
  nodes in its way, so that no tie crosses a node that is not its own; ``click_points``
  finds on each drawn edge a point that hits it and nothing else. ``TieRouter`` does both
  window after window, routing each tie once (against every placed node) and finding its
  click point by lookup.
* ``node_budget`` and ``ties_that_fit``: a small panel draws fewer of the strongest ties.
* ``measure_overlaps`` counts what a drawing gets wrong.
"""

from timeline_app.graph_layout.anchors import geo_anchor, spread_targets
from timeline_app.graph_layout.budget import NODE_AREA, node_budget, ties_that_fit
from timeline_app.graph_layout.faults import Overlaps, measure_overlaps
from timeline_app.graph_layout.geometry import (
    EDGE_CLEARANCE,
    LABEL_GAP,
    PAD,
    SIDES,
    Box,
    Edge,
    Glyph,
    Measure,
    Point,
    label_box,
)
from timeline_app.graph_layout.nodes import GRID_STEP, PanelLayout
from timeline_app.graph_layout.paths import Route, distance_to_polyline
from timeline_app.graph_layout.router import TieRouter
from timeline_app.graph_layout.routes import click_points, route_edges

__all__ = [
    "EDGE_CLEARANCE",
    "GRID_STEP",
    "LABEL_GAP",
    "NODE_AREA",
    "PAD",
    "SIDES",
    "Box",
    "Edge",
    "Glyph",
    "Measure",
    "Overlaps",
    "PanelLayout",
    "Point",
    "Route",
    "TieRouter",
    "click_points",
    "distance_to_polyline",
    "geo_anchor",
    "label_box",
    "measure_overlaps",
    "node_budget",
    "route_edges",
    "spread_targets",
    "ties_that_fit",
]
