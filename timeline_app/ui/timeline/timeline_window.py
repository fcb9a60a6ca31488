"""The timeline's time window: which days the view shows, and every way it moves.

Fitting everything, framing an event or a span with room around it, recentring on an
event out of view, and the limits the view may not zoom or pan past. pyqtgraph's view
box holds the range; this is the one place that sets it, so every move pads alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyqtgraph as pg

from timeline_app.bulk_layout import BulkIndex
from timeline_app.dates import to_day
from timeline_app.domain import Event

MIN_VISIBLE_DAYS = 14.0
MAX_VISIBLE_DAYS = 366.0 * 400


def days_covered(events: Sequence[Event], bulk: BulkIndex | None) -> tuple[float, float] | None:
    """First and last day (half-open) of the events and the bulk layer; None when empty."""
    spans = []
    if events:
        spans.append(
            (
                float(min(e.when.start_day for e in events)),
                float(max(e.when.end_day for e in events)),
            )
        )
    if bulk is not None:
        spans.append(bulk.day_span())
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


class TimeWindow:
    def __init__(self, view_box: pg.ViewBox) -> None:
        self._view_box = view_box

    def visible(self) -> tuple[float, float]:
        (lo, hi), _ = self._view_box.viewRange()
        return float(lo), float(hi)

    def show(self, lo: float, hi: float) -> None:
        self._view_box.setXRange(lo, hi, padding=0)

    def fit(self, span: tuple[float, float] | None) -> None:
        """Everything in ``span`` with a little room (without data: 1960 to 2030)."""
        if span is None:
            self.show(to_day(date(1960, 1, 1)), to_day(date(2030, 1, 1)))
            return
        lo, hi = span
        pad = max((hi - lo) * 0.03, 60.0)
        self.show(lo - pad, hi + pad)

    def frame_event(self, event: Event) -> None:
        """One event in the middle, with months of context either side."""
        lo, hi = event.when.start_day, event.when.end_day
        pad = max((hi - lo) * 0.6, 120.0)
        self.show(lo - pad, hi + pad)

    def frame_days(self, lo: float, hi: float) -> None:
        """Days ``lo`` to ``hi`` with room either side (a cluster's, until it separates)."""
        pad = max((hi - lo) * 0.5, MIN_VISIBLE_DAYS / 2)
        self.show(lo - pad, hi + pad)

    def bring_into_view(self, event: Event) -> None:
        """Recentre on the event, at the same zoom, unless some of it already shows."""
        lo, hi = self.visible()
        if event.when.end_day > lo and event.when.start_day < hi:
            return
        width = hi - lo
        centre = (event.when.start_day + event.when.end_day) / 2
        self.show(centre - width / 2, centre + width / 2)

    def apply_limits(self, height: float) -> None:
        """Days 1 to 9999 at most, zoom between two weeks and four centuries, and the
        lanes' ``height`` in layout pixels."""
        self._view_box.setLimits(
            xMin=to_day(date(1, 1, 1)), xMax=to_day(date(9999, 12, 31)),
            minXRange=MIN_VISIBLE_DAYS, maxXRange=MAX_VISIBLE_DAYS,
            yMin=0, yMax=height,
        )  # fmt: skip
