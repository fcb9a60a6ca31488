"""Which lanes the timeline draws, in what order and under which labels, and which of
them are emphasised: the busiest first (curated and bulk events together), a focus's
lanes gathered at the top, the highlighted lanes of a focused tie or actor.

The lanes are the keys of everything else the timeline draws (rows, bulk aggregates,
the lane axis), so they change in one place; the view lays out again after a change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from timeline_app.bulk_layout import BulkIndex
from timeline_app.domain import Actor, Event, Pair
from timeline_app.layout import order_lanes
from timeline_app.mark_layout.screen import lanes_gathered_first
from timeline_app.ui.bulk.bulk_painter import BulkLayer
from timeline_app.ui.timeline.timeline_text import lane_label


class LaneOrder:
    """The timeline's lanes, their labels, the gathered and the highlighted ones."""

    def __init__(self) -> None:
        self.lanes: tuple[Pair, ...] = ()
        self.gathered: tuple[Pair, ...] = ()  # focused lanes, drawn first
        self.highlighted: set[int] = set()  # lane indexes
        self.labels: list[str] = []
        self.bulk_layer: BulkLayer | None = None  # the bulk index mapped onto these lanes

    def order(
        self, events: Sequence[Event], actors: Mapping[str, Actor], bulk: BulkIndex | None
    ) -> None:
        """Order the lanes again for these events and bulk index (busiest first, the
        gathered lanes before them)."""
        extra = {}
        if bulk is not None:
            extra = {pair: bulk.lane_size(i) for i, pair in enumerate(bulk.pairs)}
        busiest = order_lanes(events, extra)
        self.lanes = lanes_gathered_first(busiest, self.gathered)
        self.labels = [lane_label(p, actors) for p in self.lanes]
        if bulk is None:
            self.bulk_layer = None
        else:
            bulk_lanes = {pair: i for i, pair in enumerate(bulk.pairs)}
            lane_map = {lane: bulk_lanes[p] for lane, p in enumerate(self.lanes) if p in bulk_lanes}
            self.bulk_layer = BulkLayer(bulk, lane_map)

    def highlight(self, pairs: set[Pair]) -> None:
        self.highlighted = {i for i, p in enumerate(self.lanes) if p in pairs}

    def highlighted_pairs(self) -> set[Pair]:
        return {self.lanes[i] for i in self.highlighted if i < len(self.lanes)}

    def lanes_of(self, event: Event | None) -> list[int]:
        """The lanes an event is drawn on (none for None)."""
        return [i for i, p in enumerate(self.lanes) if event is not None and p in event.pairs]
