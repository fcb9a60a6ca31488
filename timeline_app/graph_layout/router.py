"""Ties routed once and kept across time windows, with their click points found by lookup.

The panel is drawn again on every pan and zoom of the timeline, and nodes keep their
places from one window to the next. So a tie's route is made to depend only on what
holds still: its two nodes, every PLACED node (shown in this window or not) and the
legend. It is then routed once, when it is first drawn, and kept until a node is placed,
moved or given up where it matters (``_sync``).

Where a tie can be clicked does depend on the window: a click point must be off the
shown nodes and labels and off the other drawn ties. Each tie keeps a few dozen points
where a click may go (``click_candidates``, best first) and, per obstacle (a node, another
tie, the legend), a bit mask of the points it covers, computed once per obstacle. A
window then costs a few integer ORs per tie. Only a tie left with no free point is bent
(``bend_to_click``), and its new route is kept like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from timeline_app.graph_layout.bends import bend_to_click
from timeline_app.graph_layout.clicks import CLICK_GAP, claimed_boxes, click_candidates
from timeline_app.graph_layout.geometry import (
    EDGE_CLEARANCE,
    PAD,
    Box,
    Edge,
    FloatArray,
    Glyph,
    Point,
    segment_distance,
)
from timeline_app.graph_layout.paths import Disc, Room, Route
from timeline_app.graph_layout.routes import route_one

LEGEND = "legend"  # the obstacle id of the keep-out boxes
_KEEP = 600  # ties remembered; beyond, the longest unused are forgotten


def _node_id(code: str) -> str:
    return "n:" + code


def _tie_id(key: str) -> str:
    return "t:" + key


def _bits(flags: npt.ArrayLike) -> int:
    """A boolean per candidate as an integer, candidate i at bit i."""
    packed = np.packbits(np.asarray(flags, dtype=bool), bitorder="little")
    return int.from_bytes(packed.tobytes(), "little")


def tie_point(tie: _Tie, index: int | None) -> Point | None:
    if index is None:
        return None
    return float(tie.candidates[index, 0]), float(tie.candidates[index, 1])


def _inside(points: FloatArray, boxes: FloatArray) -> npt.NDArray[np.bool_]:
    """(points, boxes): whether each point lies in each box (edges included)."""
    return np.asarray(
        (points[:, None, 0] >= boxes[None, :, 0])
        & (points[:, None, 0] <= boxes[None, :, 2])
        & (points[:, None, 1] >= boxes[None, :, 1])
        & (points[:, None, 1] <= boxes[None, :, 3])
    )


@dataclass(slots=True)
class _Tie:
    """One routed tie: its shape, where it may be clicked and what covers those points."""

    edge: Edge
    route: Route
    candidates: FloatArray  # (k, 2), best first
    segments: FloatArray  # (m, 4): x0, y0, x1, y1 of its polyline
    reach: Box  # the polyline's bounding box, grown by the click gap
    covered: dict[str, int] = field(default_factory=dict)  # obstacle id -> candidate bits
    compared: set[str] = field(default_factory=set)  # ties whose cover is known
    used: int = 0  # the window it was last drawn in

    @classmethod
    def of(cls, edge: Edge, route: Route) -> _Tie:
        line = np.array(route.polyline(), dtype=np.float64)
        reach = Box(*line.min(axis=0), *line.max(axis=0)).grown(CLICK_GAP)
        segments = np.column_stack([line[:-1], line[1:]])
        return cls(edge, route, click_candidates(route), segments, reach)

    @property
    def everything(self) -> int:
        return (1 << len(self.candidates)) - 1

    def cover_by(self, code: str, glyph: Glyph) -> None:
        """Note which candidates the node ``glyph`` (its disc or its label) covers."""
        boxes = np.array(
            [glyph.disc.grown(PAD + 1).as_tuple(), glyph.label.grown(PAD).as_tuple()],
            dtype=np.float64,
        )
        bits = _bits(_inside(self.candidates, boxes).any(axis=1))
        if bits:
            self.covered[_node_id(code)] = bits
        else:
            self.covered.pop(_node_id(code), None)

    def cover_by_ties(self, others: Sequence[_Tie]) -> None:
        """Note which candidates each of ``others`` passes within the click gap of."""
        self.compared.update(o.edge.key for o in others)
        near = [o for o in others if o.reach.intersects(self.reach)]
        if not near:
            return
        segments = np.concatenate([o.segments for o in near])
        d = segment_distance(
            self.candidates[:, 0:1],
            self.candidates[:, 1:2],
            segments[None, :, 0],
            segments[None, :, 1],
            segments[None, :, 2],
            segments[None, :, 3],
        )
        starts = np.cumsum([0] + [len(o.segments) for o in near[:-1]])
        blocked = np.logical_or.reduceat(d < CLICK_GAP, starts, axis=1)
        for column, other in enumerate(near):
            bits = _bits(blocked[:, column])
            if bits:
                self.covered[_tie_id(other.edge.key)] = bits

    def forget(self, key: str) -> None:
        self.compared.discard(key)
        self.covered.pop(_tie_id(key), None)

    def crosses(self, disc: Disc) -> bool:
        (x, y), r = disc
        s = self.segments
        d = segment_distance(x, y, s[:, 0], s[:, 1], s[:, 2], s[:, 3])
        return bool(d.min() < r + EDGE_CLEARANCE)


class TieRouter:
    """Routes and click points of the ties drawn in one panel layout, window after window.

    Made anew with its layout (a resize or a re-fit); ``draw`` is given the layout's
    placed nodes as they are now and finds out itself which ones changed.
    """

    def __init__(self, area: Box, keep_out: Sequence[Box] = ()) -> None:
        self.room = Room(area, tuple(keep_out))
        self._ties: dict[str, _Tie] = {}
        self._placed: dict[str, Glyph] = {}
        self._window = 0
        self._unbendable: dict[str, frozenset[str]] = {}  # tie -> what covered it then
        self.routed = 0  # ties routed so far (a measure of the work done)

    def draw(
        self, placed: Mapping[str, Glyph], shown: Iterable[str], edges: Sequence[Edge]
    ) -> tuple[dict[str, Route], dict[str, Point]]:
        """The route and the click point of every edge in ``edges`` (their nodes shown)."""
        self._window += 1
        self._sync(placed)
        drawn = [self._tie(edge) for edge in edges]
        for tie in drawn:
            tie.used = self._window
            tie.cover_by_ties([o for o in drawn if o.edge.key not in tie.compared and o is not tie])
        shown = set(shown)
        active = {_node_id(c) for c in shown} | {_tie_id(t.edge.key) for t in drawn}
        free = {t.edge.key: self._free(t, active | {LEGEND}) for t in drawn}
        for edge in edges:
            if free[edge.key] is None:
                self._bend(edge.key, edges, free, shown, active)
        points = {}
        for edge in edges:
            tie, index = self._ties[edge.key], free[edge.key]
            if index is None:  # under the legend (drawn over ties, it takes no clicks)
                index = self._free(tie, active)
            points[edge.key] = tie_point(tie, index) or tie.route.point_at(0.5)
        routes = {e.key: self._ties[e.key].route for e in edges}
        self._prune()
        return routes, points

    def _tie(self, edge: Edge) -> _Tie:
        tie = self._ties.get(edge.key)
        if tie is None:
            route = route_one(self._placed, edge, self.room)
            tie = self._ties[edge.key] = self._make(edge, route)
        return tie

    def _make(self, edge: Edge, route: Route) -> _Tie:
        self.routed += 1
        tie = _Tie.of(edge, route)
        for code, glyph in self._placed.items():
            tie.cover_by(code, glyph)
        keep_out = self.room.keep_out
        if keep_out:
            boxes = np.array([b.as_tuple() for b in keep_out], dtype=np.float64)
            bits = _bits(_inside(tie.candidates, boxes).any(axis=1))
            if bits:
                tie.covered[LEGEND] = bits
        return tie

    @staticmethod
    def _free(tie: _Tie, active: set[str]) -> int | None:
        """The best candidate no active obstacle covers."""
        blocked = 0
        for obstacle, bits in tie.covered.items():
            if obstacle in active and obstacle != _tie_id(tie.edge.key):
                blocked |= bits
        open_ = tie.everything & ~blocked
        return (open_ & -open_).bit_length() - 1 if open_ else None

    def _bend(
        self,
        key: str,
        edges: Sequence[Edge],
        free: dict[str, int | None],
        shown: set[str],
        active: set[str],
    ) -> None:
        """Bend a tie with no free point through a spot where it can be clicked, keeping
        every other tie's click point free; a tie that could not be bent is tried again
        only when what covers it changes."""
        tie = self._ties[key]
        blockers = frozenset(o for o in tie.covered if o in active or o == LEGEND)
        if self._unbendable.get(key) == blockers:
            return
        drawn = [self._ties[e.key] for e in edges]
        kept = [tie_point(other, free[other.edge.key]) for other in drawn if other.edge.key != key]
        bent = bend_to_click(
            tie.edge,
            {t.edge.key: t.route for t in drawn},
            self._discs(tie.edge),
            np.array([p for p in kept if p is not None], dtype=np.float64).reshape(-1, 2),
            claimed_boxes({c: self._placed[c] for c in shown}, self.room.keep_out),
            self.room,
        )
        if bent is None:
            self._unbendable[key] = blockers
            return
        self._unbendable.pop(key, None)
        self._drop(key)
        new = self._ties[key] = self._make(tie.edge, bent[0])
        new.used = self._window
        others = [t for t in drawn if t.edge.key != key]
        new.cover_by_ties(others)
        for other in others:
            other.cover_by_ties([new])
        free[key] = self._free(new, active | {LEGEND})

    def _discs(self, edge: Edge) -> list[Disc]:
        return [(g.centre, g.radius) for c, g in self._placed.items() if c not in (edge.a, edge.b)]

    def _sync(self, placed: Mapping[str, Glyph]) -> None:
        """Forget what a node placed, moved or given up since the last window spoils: the
        ties of that node, the ties through its new disc, and what it covers."""
        changed = {
            c for c in placed.keys() | self._placed.keys() if placed.get(c) != self._placed.get(c)
        }
        if not changed:
            return
        self._placed = dict(placed)
        for key in [k for k, t in self._ties.items() if {t.edge.a, t.edge.b} & changed]:
            self._drop(key)
        for code in changed:
            glyph = placed.get(code)
            if glyph is None:
                for tie in self._ties.values():
                    tie.covered.pop(_node_id(code), None)
                continue
            for key in [
                k for k, t in self._ties.items() if t.crosses((glyph.centre, glyph.radius))
            ]:
                self._drop(key)
            for tie in self._ties.values():
                tie.cover_by(code, glyph)

    def _drop(self, key: str) -> None:
        if self._ties.pop(key, None) is not None:
            for tie in self._ties.values():
                tie.forget(key)

    def _prune(self) -> None:
        if len(self._ties) > _KEEP:
            for key in sorted(self._ties, key=lambda k: self._ties[k].used)[
                : len(self._ties) - _KEEP
            ]:
                self._drop(key)
