"""What the on-screen timeline asks of the layout beyond placing marks.

The window's order of lanes (a focus gathers its lanes at the top, the rest busiest
first), the layout for a zoom that titles the selection without reshuffling marks
whose titles already show, and the mark that draws an event. Pure rules over events
and layouts, so the widget (``ui/timeline/timeline_view.py``) only wires them to the
screen.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from timeline_app.domain import Event, Pair
from timeline_app.mark_layout.lanes import layout_timeline
from timeline_app.mark_layout.marks import MarksLayout, PlacedMark
from timeline_app.mark_layout.titles import Measure


def lanes_gathered_first(busiest: Sequence[Pair], gathered: Sequence[Pair]) -> tuple[Pair, ...]:
    """The lanes ``busiest`` first (``layout.order_lanes``), except that the ``gathered``
    lanes that exist come first, in their own order."""
    first = [p for p in gathered if p in busiest]
    return (*first, *(p for p in busiest if p not in first))


def layout_for_zoom(
    events: Sequence[Event],
    lanes: Sequence[Pair],
    days_per_pixel: float,
    measure: Measure,
    measure_small: Measure,
    selected: str | None,
    bulk_lanes: Collection[int] = (),
) -> MarksLayout:
    """The layout for this zoom. The selection is titled first only when it would
    otherwise go untitled: a click never shuffles marks whose titles already show."""

    def laid(selected: str | None) -> MarksLayout:
        return layout_timeline(
            events,
            lanes,
            days_per_pixel,
            measure,
            selected=selected,
            measure_small=measure_small,
            bulk_lanes=bulk_lanes,
        )

    plain = laid(None)
    if selected is None:
        return plain
    index = next((i for i, e in enumerate(events) if e.id == selected), None)
    titled = any(m.members == (index,) and m.label == m.title for m in plain.marks)
    return plain if index is None or titled else laid(selected)


def mark_of_event(layout: MarksLayout, index: int, lane: int | None = None) -> PlacedMark | None:
    """The mark that draws the event at ``index`` (its cluster's, when it is in one), on
    ``lane`` or on its first lane."""
    for mark in layout.marks:
        if index in mark.members and (lane is None or mark.lane == lane):
            return mark
    return None
