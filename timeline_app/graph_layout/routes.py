"""How each tie is drawn, and where a click hits it.

A tie is drawn straight where that passes no node but its own two; else as the gentlest
single curve that clears every other node; else along a path found around the nodes on
a grid of the panel (``detours.detour``), its corners rounded where that still clears them. A
tie that no click could reach (every point of it under a node, a label or another tie)
is then bent until one point of it is free (``bends.bend_to_click``); where a click hits
each tie is ``clicks.click_points``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from timeline_app.graph_layout.bends import bend_to_click, fits, fitting
from timeline_app.graph_layout.clicks import claimed_boxes, click_points, free_points
from timeline_app.graph_layout.detours import detour
from timeline_app.graph_layout.geometry import (
    Box,
    Edge,
    Glyph,
    Point,
)
from timeline_app.graph_layout.paths import Disc, Room, Route, crossings

_CURVE_BENDS = (0.18, 0.3, 0.42, 0.56, 0.72, 0.9)  # control-point offset / chord length


def _curves(start: Point, end: Point, offsets: Sequence[float]) -> Iterator[Route]:
    """Single curves bulging by each offset (px from the chord), both sides, middle first."""
    (x0, y0), (x2, y2) = start, end
    length = math.hypot(x2 - x0, y2 - y0) or 1.0
    nx, ny = -(y2 - y0) / length, (x2 - x0) / length
    for offset in offsets:
        for at in (0.5, 0.3, 0.7):
            for sign in (1.0, -1.0):
                base = (x0 + (x2 - x0) * at, y0 + (y2 - y0) * at)
                yield Route(
                    start, end, ((base[0] + nx * sign * offset, base[1] + ny * sign * offset),)
                )


def _others(glyphs: Mapping[str, Glyph], edge: Edge) -> list[Disc]:
    return [(g.centre, g.radius) for c, g in glyphs.items() if c not in (edge.a, edge.b)]


def route_edges(
    glyphs: Mapping[str, Glyph],
    edges: Sequence[Edge],
    area: Box,
    previous: Mapping[str, Route] | None = None,
    keep_out: Sequence[Box] = (),
) -> dict[str, Route]:
    """Each edge straight if that crosses no other node, else the gentlest clear curve,
    else a path around the nodes; then the unclickable ones bent until they are not.

    A route in ``previous`` (an earlier window's, between the same two points) is kept
    while it still clears every node: a tie keeps its shape as the window moves (bent
    to be clickable among other ties, say), and its search is not made again.
    """
    room = Room(area, tuple(keep_out))
    routes: dict[str, Route] = {}
    for edge in edges:
        before = previous.get(edge.key) if previous else None
        routes[edge.key] = route_one(glyphs, edge, room, before)
    return _make_clickable(glyphs, edges, routes, room)


def route_one(
    glyphs: Mapping[str, Glyph], edge: Edge, room: Room, before: Route | None = None
) -> Route:
    start, end = glyphs[edge.a].centre, glyphs[edge.b].centre
    others = _others(glyphs, edge)
    same_ends = before is not None and (before.start, before.end) == (start, end)
    if before is not None and same_ends and fits(before, others, np.empty((0, 2)), room):
        return before
    straight = Route(start, end)
    best: tuple[int, Route] = (crossings(straight.polyline(), others), straight)
    if best[0] == 0 and room.allows(straight.polyline()):
        return straight
    length = math.hypot(end[0] - start[0], end[1] - start[1])
    curves = list(_curves(start, end, [bend * length for bend in _CURVE_BENDS]))
    for i in fitting(curves, others, np.empty((0, 2)), room):  # all tested at once
        return curves[i]  # the gentlest clear curve
    for curve in curves:  # none is clear: the one crossing fewest nodes
        line = curve.polyline()
        if not room.allows(line):
            continue
        crossed = crossings(line, others)
        if crossed == 0:
            return curve
        if crossed < best[0]:
            best = (crossed, curve)
    if best[0] == 0:  # clear of nodes, under the legend: better than any detour's search
        return detour(start, end, others, room) or straight
    # Clear of the nodes matters more than clear of the legend.
    return (
        detour(start, end, others, room) or detour(start, end, others, Room(room.area)) or best[1]
    )


def _make_clickable(
    glyphs: Mapping[str, Glyph], edges: Sequence[Edge], routes: dict[str, Route], room: Room
) -> dict[str, Route]:
    """Bend each tie without a free point through the nearest free spot it can reach
    without crossing a node, and away from the other ties' click points (so no tie is made
    clickable at another's expense)."""
    free = free_points(glyphs, routes, room.keep_out)
    stuck = [e for e in edges if free[e.key] is None]
    if not stuck:
        return routes
    claimed = claimed_boxes(glyphs, room.keep_out)
    for edge in stuck:
        kept = np.array([p for k, p in free.items() if p is not None and k != edge.key])
        bent = bend_to_click(edge, routes, _others(glyphs, edge), kept, claimed, room)
        if bent is not None:
            routes[edge.key], free[edge.key] = bent
    return routes


__all__ = ["click_points", "route_edges", "route_one"]
