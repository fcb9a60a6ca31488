"""Where a drawn tie can be clicked: a point on it that no node, label, other tie or
keep-out box claims."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from timeline_app.graph_layout.geometry import (
    PAD,
    Box,
    FloatArray,
    Glyph,
    Point,
    segment_distance,
)
from timeline_app.graph_layout.paths import Route

CLICK_GAP = 3.0  # px between a click point and any other tie
_CLICK_TS = np.array([0.5 + s * k / 80 for k in range(40) for s in (1, -1)])  # middle first


def claimed_boxes(glyphs: Mapping[str, Glyph], keep_out: Sequence[Box] = ()) -> FloatArray:
    """Boxes a click would hit before any tie, or not see it under: discs (and a
    margin), labels and the keep-out boxes (the legend)."""
    boxes = [g.disc.grown(PAD + 1).as_tuple() for g in glyphs.values()]
    boxes += [g.label.grown(PAD).as_tuple() for g in glyphs.values()]
    boxes += [b.as_tuple() for b in keep_out]
    return np.array(boxes, dtype=np.float64).reshape(-1, 4)


class Segments:
    """Every drawn tie's polyline as one array of segments, each knowing its tie."""

    def __init__(self, routes: Mapping[str, Route]) -> None:
        lines = {k: np.array(r.polyline(), dtype=np.float64) for k, r in routes.items()}
        self.owner = np.array(
            [k for k, line in lines.items() for _ in range(len(line) - 1)], dtype=object
        )
        self.starts = np.concatenate([ln[:-1] for ln in lines.values()] or [np.empty((0, 2))])
        self.ends = np.concatenate([ln[1:] for ln in lines.values()] or [np.empty((0, 2))])

    def clear_of_others(
        self, points: FloatArray, key: str, gap: float = CLICK_GAP
    ) -> npt.NDArray[np.bool_]:
        """Per point, whether every tie but ``key`` keeps ``gap`` from it."""
        other = self.owner != key
        if not other.any():
            return np.ones(len(points), dtype=bool)
        s, e = self.starts[other], self.ends[other]
        d = segment_distance(
            points[:, 0:1],
            points[:, 1:2],
            s[None, :, 0],
            s[None, :, 1],
            e[None, :, 0],
            e[None, :, 1],
        )
        return np.asarray(d.min(axis=1) >= gap)


def click_candidates(route: Route) -> FloatArray:
    """The points of ``route`` a click may be aimed at, best first: from its middle
    outwards, then the corners between its pieces."""
    knots = np.arange(1, len(route.controls)) / max(len(route.controls), 1)
    return route.points_at(np.concatenate([_CLICK_TS, knots]))


def _free_point(route: Route, key: str, claimed: FloatArray, ties: Segments) -> Point | None:
    """The point of ``route`` nearest its middle that is in no box and clear of other ties."""
    points = click_candidates(route)
    inside = (
        (points[:, None, 0] >= claimed[None, :, 0])
        & (points[:, None, 0] <= claimed[None, :, 2])
        & (points[:, None, 1] >= claimed[None, :, 1])
        & (points[:, None, 1] <= claimed[None, :, 3])
    ).any(axis=1)
    found = np.flatnonzero(~inside)
    if len(found):
        found = found[ties.clear_of_others(points[found], key)]
    return None if len(found) == 0 else (float(points[found[0], 0]), float(points[found[0], 1]))


def free_points(
    glyphs: Mapping[str, Glyph], routes: Mapping[str, Route], keep_out: Sequence[Box] = ()
) -> dict[str, Point | None]:
    claimed, ties = claimed_boxes(glyphs, keep_out), Segments(routes)
    return {key: _free_point(route, key, claimed, ties) for key, route in routes.items()}


def click_points(
    glyphs: Mapping[str, Glyph], routes: Mapping[str, Route], keep_out: Sequence[Box] = ()
) -> dict[str, Point]:
    """On each route, the point nearest its middle that no node, label, other edge or
    keep-out box claims; else one under a keep-out box (the legend is drawn over the
    ties but takes no clicks); else the middle."""
    points = free_points(glyphs, routes, keep_out)
    if keep_out and None in points.values():
        points = {k: p or free_points(glyphs, routes)[k] for k, p in points.items()}
    return {key: point or routes[key].point_at(0.5) for key, point in points.items()}
