"""Where a drawn tie can be clicked: a point on it that no node, label, other tie or
keep-out box claims."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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


_PIECE = 8.0  # px: ties are cut into pieces no longer than this for the index below
_GAP_MAX = CLICK_GAP + 1.0  # px: the widest gap the index answers for
_CELL = _PIECE / 2 + _GAP_MAX + 0.5  # px: a cell side; a piece near a point is a neighbour's


@dataclass(frozen=True, slots=True)
class Pieces:
    """A tie's polyline cut into short pieces (from ``a`` to ``b``), each filed under the
    grid cell of its middle (``keys``)."""

    a: FloatArray
    b: FloatArray
    keys: npt.NDArray[np.int64]

    @classmethod
    def of(cls, line: FloatArray) -> Pieces:
        starts, ends = line[:-1], line[1:]
        length = np.hypot(*(ends - starts).T)
        cuts = np.maximum(np.ceil(length / _PIECE), 1).astype(np.intp)
        segment = np.repeat(np.arange(len(starts)), cuts)
        step = np.arange(len(segment)) - np.repeat(np.cumsum(cuts) - cuts, cuts)
        span = (ends - starts)[segment] / cuts[segment, None]
        a = starts[segment] + span * step[:, None]
        b = a + span
        return cls(a, b, _cell_keys((a + b) / 2))


class TieIndex:
    """Which points some other tie passes within the click gap of, in time linear in the
    points: a piece within the gap of a point has its middle in the point's grid cell or
    a neighbouring one, so only those pairs are measured."""

    def __init__(self, ties: Sequence[Pieces]) -> None:
        empty = np.empty((0, 2))
        self.a = np.concatenate([t.a for t in ties] or [empty])
        self.b = np.concatenate([t.b for t in ties] or [empty])
        keys = np.concatenate([t.keys for t in ties] or [np.empty(0, np.int64)])
        self.owner = np.repeat(np.arange(len(ties)), [len(t.keys) for t in ties])
        self.order = np.argsort(keys, kind="stable")
        self.sorted_keys = keys[self.order]

    def near(
        self, points: FloatArray, owners: npt.NDArray[np.intp], gap: float = CLICK_GAP
    ) -> npt.NDArray[np.bool_]:
        """Per point (n, 2), whether a tie other than its owner (an index into the ties
        given) passes within ``gap`` (at most the click gap and a pixel) of it."""
        assert gap <= _GAP_MAX
        near = np.zeros(len(points), dtype=bool)
        if not len(points) or not len(self.sorted_keys):
            return near
        cell = np.floor(points / _CELL).astype(np.int64)
        pairs_q, pairs_p = [], []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                wanted = _key(cell[:, 0] + dx, cell[:, 1] + dy)
                lo = np.searchsorted(self.sorted_keys, wanted, "left")
                counts = np.searchsorted(self.sorted_keys, wanted, "right") - lo
                total = int(counts.sum())
                if total:
                    offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
                    pairs_q.append(np.repeat(np.arange(len(points)), counts))
                    pairs_p.append(self.order[np.repeat(lo, counts) + offset])
        if not pairs_q:
            return near
        q, p = np.concatenate(pairs_q), np.concatenate(pairs_p)
        other = self.owner[p] != owners[q]
        q, p = q[other], p[other]
        a, b = self.a[p], self.b[p]
        d = segment_distance(points[q, 0], points[q, 1], a[:, 0], a[:, 1], b[:, 0], b[:, 1])
        near[q[d < gap]] = True
        return near


def near_other_ties(
    points: FloatArray, owners: npt.NDArray[np.intp], lines: Sequence[FloatArray]
) -> npt.NDArray[np.bool_]:
    """Per point (n, 2), whether a tie other than its owner (an index into ``lines``, the
    ties' polylines) passes within the click gap of it."""
    return TieIndex([Pieces.of(line) for line in lines]).near(points, owners)


def _key(cx: npt.NDArray[np.int64], cy: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    return (cx + 1_000) * 100_000 + (cy + 1_000)


def _cell_keys(points: FloatArray) -> npt.NDArray[np.int64]:
    cell = np.floor(points / _CELL).astype(np.int64)
    return _key(cell[:, 0], cell[:, 1])
