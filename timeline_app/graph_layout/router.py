"""Ties routed once and kept across time windows, with their click points found by lookup.

The panel is drawn again on every pan and zoom of the timeline, and nodes keep their
places from one window to the next. So a tie's route is made to depend only on what
holds still: its two nodes, every PLACED node (shown in this window or not) and the
legend. It is then routed once, when it is first drawn, and kept until a node is placed,
moved or given up where it matters (``_sync``).

Where a tie can be clicked does depend on the window: a click point must be off the
shown nodes and labels and off the other drawn ties. Each tie keeps a few dozen points
where a click may go (``click_candidates``, best first) and, per node and for the legend,
a bit mask of the points it covers, computed once. The other drawn ties are looked up in
a grid index of short pieces (``clicks.TieIndex``), the best few candidates of every tie
first. Only a tie left with no free point is bent (``bend_to_click``), and its new route
is kept like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from timeline_app.graph_layout.bends import bend_to_click
from timeline_app.graph_layout.clicks import Pieces, TieIndex, claimed_boxes, click_candidates
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
_BATCHES = (4, 16, 1_000)  # candidates measured per tie in each round, best first
_KEEP = 600  # ties remembered; beyond, the longest unused are forgotten


def _node_id(code: str) -> str:
    return "n:" + code


def _bits(flags: npt.ArrayLike) -> int:
    """A boolean per candidate as an integer, candidate i at bit i."""
    packed = np.packbits(np.asarray(flags, dtype=bool), bitorder="little")
    return int.from_bytes(packed.tobytes(), "little")


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
    """One routed tie: its shape, where it may be clicked and which nodes cover those."""

    edge: Edge
    route: Route
    line: FloatArray  # (m, 2): its polyline
    pieces: Pieces  # the polyline cut for the index of ties
    candidates: FloatArray  # (k, 2), best first
    covered: dict[str, int] = field(default_factory=dict)  # obstacle id -> candidate bits
    used: int = 0  # the window it was last drawn in

    @classmethod
    def of(cls, edge: Edge, route: Route) -> _Tie:
        line = np.array(route.polyline(), dtype=np.float64)
        return cls(edge, route, line, Pieces.of(line), click_candidates(route))

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

    def crosses(self, disc: Disc) -> bool:
        (x, y), r = disc
        s, e = self.line[:-1], self.line[1:]
        d = segment_distance(x, y, s[:, 0], s[:, 1], e[:, 0], e[:, 1])
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
        # A tie that could not be bent, and the drawing (ties, nodes) it could not be bent in.
        self._unbendable: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.routed = 0  # ties routed so far (a measure of the work done)

    def draw(
        self, placed: Mapping[str, Glyph], shown: Iterable[str], edges: Sequence[Edge]
    ) -> tuple[dict[str, Route], dict[str, Point]]:
        """The route and the click point of every edge in ``edges`` (their nodes shown)."""
        self._window += 1
        self._sync(placed)
        for edge in edges:
            self._tie(edge).used = self._window
        shown = set(shown)
        active = {_node_id(c) for c in shown}
        clicks = self._free_points(edges, active | {LEGEND})
        stuck = [e.key for e in edges if clicks[e.key] is None]
        drawing = (frozenset(e.key for e in edges), frozenset(shown))
        for key in stuck:
            self._bend(key, edges, clicks, shown, drawing)
        if stuck:  # the bent ties' new shapes, measured like the others
            clicks = self._free_points(edges, active | {LEGEND})
        # Else a point under the legend (drawn over the ties, it takes no clicks).
        fallback = self._free_points(edges, active) if None in clicks.values() else clicks
        routes = {e.key: self._ties[e.key].route for e in edges}
        points = {
            key: clicks[key] or fallback[key] or route.point_at(0.5)
            for key, route in routes.items()
        }
        self._prune()
        return routes, points

    def _free_points(self, edges: Sequence[Edge], active: set[str]) -> dict[str, Point | None]:
        """Per tie, its best candidate that no active obstacle nor other tie covers.

        Candidates are measured against the other ties a few at a time, best first: most
        ties find a free point among their first few, so the rest are never measured.
        """
        drawn = [self._ties[e.key] for e in edges]
        index = TieIndex([t.pieces for t in drawn])
        untried: dict[int, list[int]] = {}  # per drawn tie, its open candidates not yet tried
        for i, tie in enumerate(drawn):
            blocked = 0
            for obstacle, bits in tie.covered.items():
                if obstacle in active:
                    blocked |= bits
            open_ = tie.everything & ~blocked
            untried[i] = [c for c in range(len(tie.candidates)) if open_ >> c & 1]
        free: dict[str, Point | None] = {t.edge.key: None for t in drawn}
        for batch in _BATCHES:
            tried = {i: c[:batch] for i, c in untried.items() if c}
            if not tried:
                break
            owners = np.repeat(
                np.array(list(tried), dtype=np.intp), [len(c) for c in tried.values()]
            )
            points = np.concatenate([drawn[i].candidates[c] for i, c in tried.items()])
            near = index.near(points, owners)
            start = 0
            for i, chosen in tried.items():
                clear = np.flatnonzero(~near[start : start + len(chosen)])
                start += len(chosen)
                if len(clear):
                    x, y = drawn[i].candidates[chosen[clear[0]]]
                    free[drawn[i].edge.key] = (float(x), float(y))
                    del untried[i]
                else:
                    untried[i] = untried[i][batch:]
        return free

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

    def _bend(
        self,
        key: str,
        edges: Sequence[Edge],
        clicks: dict[str, Point | None],
        shown: set[str],
        drawing: tuple[frozenset[str], frozenset[str]],
    ) -> None:
        """Bend a tie with no free point through a spot where it can be clicked, keeping
        every other tie's click point free; a tie that could not be bent is tried again
        only in another drawing (other ties or nodes shown)."""
        if self._unbendable.get(key) == drawing:
            return
        tie = self._ties[key]
        kept = [p for k, p in clicks.items() if p is not None and k != key]
        bent = bend_to_click(
            tie.edge,
            {e.key: self._ties[e.key].route for e in edges},
            self._discs(tie.edge),
            np.array(kept, dtype=np.float64).reshape(-1, 2),
            claimed_boxes({c: self._placed[c] for c in shown}, self.room.keep_out),
            self.room,
            {e.key: self._ties[e.key].pieces for e in edges},
        )
        if bent is None:
            self._unbendable[key] = drawing
            return
        self._unbendable.pop(key, None)
        new = self._ties[key] = self._make(tie.edge, bent[0])
        new.used = self._window
        clicks[key] = bent[1]

    def _discs(self, edge: Edge) -> list[Disc]:
        return [(g.centre, g.radius) for c, g in self._placed.items() if c not in (edge.a, edge.b)]

    def _sync(self, placed: Mapping[str, Glyph]) -> None:
        """Forget what a node placed or moved since the last window spoils: the ties that
        no longer end at their nodes' centres, the ties through its disc, and what it
        covers. A node given up keeps its ties: they hold again if it returns to its spot."""
        changed = {
            c for c in placed.keys() | self._placed.keys() if placed.get(c) != self._placed.get(c)
        }
        if not changed:
            return
        self._placed = dict(placed)
        for key in [k for k, t in self._ties.items() if not self._ends_hold(t, changed)]:
            self._drop(key)
        for code in changed:
            glyph = placed.get(code)
            if glyph is None:
                for tie in self._ties.values():
                    tie.covered.pop(_node_id(code), None)
                continue
            disc = (glyph.centre, glyph.radius)
            for key in [
                k
                for k, t in self._ties.items()
                if code not in (t.edge.a, t.edge.b) and t.crosses(disc)
            ]:
                self._drop(key)
            for tie in self._ties.values():
                tie.cover_by(code, glyph)

    def _ends_hold(self, tie: _Tie, changed: set[str]) -> bool:
        """Whether the tie still starts and ends at its nodes (those placed)."""
        for code, end in ((tie.edge.a, tie.route.start), (tie.edge.b, tie.route.end)):
            glyph = self._placed.get(code)
            if code in changed and glyph is not None and glyph.centre != end:
                return False
        return True

    def _drop(self, key: str) -> None:
        self._ties.pop(key, None)

    def _prune(self) -> None:
        if len(self._ties) > _KEEP:
            for key in sorted(self._ties, key=lambda k: self._ties[k].used)[
                : len(self._ties) - _KEEP
            ]:
                self._drop(key)
