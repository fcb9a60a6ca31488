"""Drawing the bulk-event layer: per-pixel-column aggregates, or single ticks up close.

Aggregates are rasterised with numpy into one small image per lane and drawn with a
single ``drawImage`` call: a frame costs the same at 1,000 or 1,000,000 events.
When a lane holds few enough events in view (fewer than a quarter of the pixel
columns), each event is drawn as its own tick, coloured by category.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QImage, QPainter, QPen

from timeline_app.bulk_layout import BulkIndex, LaneBins
from timeline_app.domain import Category
from timeline_app.layout import score_ramp_rgb
from timeline_app.ui.theme import Theme

COLUMN_PX = 2  # one aggregate column every 2 device pixels
SINGLE_EVENTS_FRACTION = 0.25  # draw single ticks below this many events per column
BAR_ALPHA = 170
BAR_LEVELS = 12  # vertical resolution of aggregate bars (stretched to the lane)
CATEGORIES = list(Category)


@dataclass(frozen=True)
class BulkLayer:
    """The bulk events and which timeline lane shows which bulk lane."""

    index: BulkIndex
    lane_map: dict[int, int]  # timeline lane -> bulk index lane


def columns_for(width_px: float) -> int:
    return max(1, int(width_px // COLUMN_PX))


def strip_image(
    bins: LaneBins, levels: int = BAR_LEVELS, top_count: int | None = None
) -> np.ndarray:
    """A (levels, columns) array of packed RGBA pixels (uint32, byte order R, G, B, A):
    bars of height ~ sqrt(count / top_count) in ``levels`` steps, colour = mean score.

    ``top_count`` is shared by all lanes in view, so busier relationships draw taller
    bars. The image is small and is stretched to the lane when drawn: one frame costs
    the same for any number of events.
    """
    columns = len(bins.counts)
    top = top_count if top_count else bins.counts.max(initial=0)
    if top <= 0 or columns == 0:
        return np.zeros((levels, columns), dtype=np.uint32)
    heights = np.ceil(np.sqrt(np.minimum(bins.counts / top, 1.0)) * levels).astype(np.int64)
    heights[bins.counts > 0] = np.maximum(heights[bins.counts > 0], 1)
    rgb = score_ramp_rgb(bins.mean_scores).astype(np.uint32)
    packed = rgb[:, 0] | (rgb[:, 1] << 8) | (rgb[:, 2] << 16) | np.uint32(BAR_ALPHA << 24)
    filled = np.arange(levels)[:, None] >= (levels - heights)[None, :]
    return np.where(filled, packed[None, :], np.uint32(0))


def _to_qimage(array: np.ndarray) -> QImage:
    height, width = array.shape
    data = np.ascontiguousarray(array, dtype="<u4")
    image = QImage(data.data, width, height, width * 4, QImage.Format.Format_RGBA8888)
    return image.copy()  # own the pixels: the numpy buffer goes away


def paint_bulk_layer(
    painter: QPainter,
    layer: BulkLayer,
    lane_rects: dict[int, QRectF],
    visible: tuple[float, float],
    x_of_day: tuple[float, float],
    theme: Theme,
) -> None:
    """Draw the bulk events of the lanes in ``lane_rects`` (timeline lane -> device rect).

    ``visible`` is the day range shown; ``x_of_day`` = (scale, offset) maps a day
    number to a device x coordinate.
    """
    lo, hi = visible
    aggregated: dict[int, LaneBins] = {}
    for lane, rect in lane_rects.items():
        bulk_lane = layer.lane_map.get(lane)
        if bulk_lane is None:
            continue
        columns = columns_for(rect.width())
        count = layer.index.count_in(bulk_lane, lo, hi)
        if count == 0:
            continue
        if count <= columns * SINGLE_EVENTS_FRACTION:
            _paint_single_events(painter, layer, bulk_lane, visible, rect, x_of_day, theme)
        else:
            aggregated[lane] = layer.index.bins(bulk_lane, lo, hi, columns)
    top = max((int(b.counts.max(initial=0)) for b in aggregated.values()), default=0)
    for lane, bins in aggregated.items():
        rect = lane_rects[lane]
        painter.drawImage(rect, _to_qimage(strip_image(bins, BAR_LEVELS, top)))


def _paint_single_events(
    painter: QPainter,
    layer: BulkLayer,
    bulk_lane: int,
    visible: tuple[float, float],
    rect: QRectF,
    x_of_day: tuple[float, float],
    theme: Theme,
) -> None:
    """Up close: one tick per event, coloured by category."""
    scale, offset = x_of_day
    days, _scores, categories, _rows = layer.index.events_in(bulk_lane, *visible)
    painter.save()
    tick_top = rect.bottom() - min(rect.height(), 9.0)
    for category_id in np.unique(categories):
        pen = QPen(theme.category_colour(CATEGORIES[int(category_id)]), 1.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        xs = (days[categories == category_id] + 0.5) * scale + offset
        painter.drawLines([QLineF(QPointF(x, tick_top), QPointF(x, rect.bottom())) for x in xs])
    painter.restore()


def bin_summary(
    layer: BulkLayer, lane: int, lo: float, hi: float
) -> tuple[int, list[tuple[str, int]], float | None]:
    """(count, top categories, mean score) of a lane's bulk events in [lo, hi): tooltips."""
    bulk_lane = layer.lane_map.get(lane)
    if bulk_lane is None:
        return 0, [], None
    count = layer.index.count_in(bulk_lane, lo, hi)
    if count == 0:
        return 0, [], None
    _days, scores, _cats, _rows = layer.index.events_in(bulk_lane, lo, hi)
    top = [(CATEGORIES[c].value, n) for c, n in layer.index.top_categories(bulk_lane, lo, hi)]
    return count, top, float(np.mean(scores))
