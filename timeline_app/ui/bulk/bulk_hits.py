"""What is under the pointer on the bulk layer: an aggregate column or, when a lane's
events are drawn one by one, a single event; and the aggregate's tooltip."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QPointF

from timeline_app.dates import from_day
from timeline_app.ui.bulk.bulk_painter import (
    SINGLE_EVENTS_FRACTION,
    BulkLayer,
    bin_summary,
    columns_for,
)


def bin_under(
    layer: BulkLayer, point: QPointF, visible: tuple[float, float], width_px: float
) -> tuple[int, float, float] | None:
    """(lane, lo, hi) of the non-empty aggregate column under ``point`` (x in days,
    y in lanes), as drawn for the ``visible`` range on ``width_px`` pixels."""
    lane = int(np.floor(point.y()))
    if lane not in layer.lane_map:
        return None
    lo, hi = visible
    width = (hi - lo) / columns_for(width_px)
    start = lo + int((point.x() - lo) // width) * width
    if layer.index.count_in(layer.lane_map[lane], start, start + width) == 0:
        return None
    return lane, start, start + width


def single_event_under(
    layer: BulkLayer,
    point: QPointF,
    visible: tuple[float, float],
    width_px: float,
    slack_days: float,
) -> int | None:
    """Key of the bulk event nearest ``point`` within ``slack_days``, when its lane is
    drawn one event at a time (over aggregates a click zooms instead)."""
    lane = int(np.floor(point.y()))
    if lane not in layer.lane_map:
        return None
    bulk_lane = layer.lane_map[lane]
    if layer.index.count_in(bulk_lane, *visible) > columns_for(width_px) * SINGLE_EVENTS_FRACTION:
        return None
    days, _scores, _cats, rows = layer.index.events_in(
        bulk_lane, point.x() - 0.5 - slack_days, point.x() + slack_days
    )
    if len(days) == 0:
        return None
    nearest = int(np.argmin(np.abs(days + 0.5 - point.x())))
    return int(rows[nearest])


def bin_tooltip(layer: BulkLayer, lane: int, lo: float, hi: float, pair_label: str) -> str:
    """Rich-text tooltip of an aggregate column: count, dates, top categories, mean score."""
    count, top, mean = bin_summary(layer, lane, lo, hi)
    first, last = from_day(lo), from_day(max(hi - 1, lo))
    when = first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
    cats = ", ".join(f"{html.escape(name)} {n:,}" for name, n in top)
    mean_text = f"{mean:+.1f}" if mean is not None else "–"
    return (
        f"<qt><b>{count:,} bulk events</b> · {html.escape(pair_label)}<br>{when}<br>"
        f"top: {cats}<br>mean score {mean_text}<br><i>click to zoom in</i></qt>"
    )
