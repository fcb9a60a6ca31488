"""Drawing the bulk-event layer: per-pixel-column aggregates, or single ticks up close.

Aggregates are rasterised with numpy into one small image per lane and drawn with a
single ``drawImage`` call: a frame costs the same at 1,000 or 1,000,000 events.
When a lane holds few enough events in view (fewer than a quarter of the pixel
columns), each event is drawn as its own tick, coloured by category.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from timeline_app.bulk_layout import BulkIndex
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
    # The last frame drawn: a repaint over the same lanes and days (hover, selection,
    # a dock resized elsewhere) reuses its image instead of binning again.
    last_frame: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def columns_for(width_px: float) -> int:
    return max(1, int(width_px // COLUMN_PX))


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
    theme: Theme,
) -> None:
    """Draw the bulk events of the lanes in ``lane_rects`` (timeline lane -> device rect).

    ``visible`` is the day range shown across each rect. All lanes are binned with one
    query and rasterised into one image; each lane then draws its rows of it.
    """
    lo, hi = visible
    lanes = [lane for lane in lane_rects if lane in layer.lane_map]
    if not lanes:
        return
    columns = columns_for(max(r.width() for r in lane_rects.values()))
    key = (tuple(lanes), lo, hi, columns, theme.name)
    if layer.last_frame.get("key") != key:
        layer.last_frame.clear()
        layer.last_frame.update(key=key, frame=_frame(layer, lanes, lo, hi, columns, theme))
    frame = layer.last_frame["frame"]
    if frame is None:
        return
    image, shown = frame
    # Columns map to whole device pixels already: no smoothing or antialiasing to pay
    # for on each lane's blit.
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    for k, row in enumerate(shown):
        source = QRectF(0, k * BAR_LEVELS, columns, BAR_LEVELS)
        painter.drawImage(lane_rects[lanes[int(row)]], image, source)
    painter.restore()


def _frame(
    layer: BulkLayer, lanes: list[int], lo: float, hi: float, columns: int, theme: Theme
) -> tuple[QImage, np.ndarray] | None:
    """The image of every lane's strip (one row band per lane) and which of ``lanes``
    it shows, in order; ``None`` when no lane has events in [lo, hi)."""
    counts, means = layer.index.bins_many([layer.lane_map[lane] for lane in lanes], lo, hi, columns)
    totals = counts.sum(axis=1)
    shown = np.flatnonzero(totals > 0)
    if len(shown) == 0:
        return None
    # Lanes with few events in view show each event as its own tick (category colour);
    # busier lanes show per-column aggregates. Both go into one image, one row band
    # per lane.
    strips = strips_image(counts[shown], means[shown], BAR_LEVELS)
    palette = _category_palette(theme)
    for k, row in enumerate(shown):
        if totals[row] <= columns * SINGLE_EVENTS_FRACTION:
            days, _s, categories, _r = layer.index.events_in(
                layer.lane_map[lanes[int(row)]], lo, hi
            )
            cols = np.clip(
                ((days + 0.5 - lo) / (hi - lo) * columns).astype(np.int64), 0, columns - 1
            )
            band = strips[k * BAR_LEVELS : (k + 1) * BAR_LEVELS]
            band[:] = 0
            band[BAR_LEVELS // 3 :, cols] = palette[categories]
    return _to_qimage(strips), shown


def _category_palette(theme: Theme) -> np.ndarray:
    """Packed RGBA (byte order R, G, B, A) of each category, in ``CATEGORIES`` order."""
    packed = []
    for category in CATEGORIES:
        colour = theme.category_colour(category)
        packed.append(colour.red() | colour.green() << 8 | colour.blue() << 16 | 255 << 24)
    return np.array(packed, dtype=np.uint32)


def strips_image(counts: np.ndarray, means: np.ndarray, levels: int = BAR_LEVELS) -> np.ndarray:
    """Stacked strips for several lanes: a (lanes * levels, columns) packed-RGBA array.

    Bar heights are ~ sqrt(count / the largest count in view), shared by all lanes,
    so busier relationships draw taller bars; colour = mean score.
    """
    n_lanes, columns = counts.shape
    top = counts.max(initial=0)
    if top <= 0:
        return np.zeros((n_lanes * levels, columns), dtype=np.uint32)
    heights = np.ceil(np.sqrt(counts / top) * levels).astype(np.int64)
    heights[counts > 0] = np.maximum(heights[counts > 0], 1)
    rgb = score_ramp_rgb(means.ravel()).astype(np.uint32).reshape(n_lanes, columns, 3)
    packed = rgb[..., 0] | (rgb[..., 1] << 8) | (rgb[..., 2] << 16) | np.uint32(BAR_ALPHA << 24)
    filled = np.arange(levels)[None, :, None] >= (levels - heights)[:, None, :]
    image = np.where(filled, packed[:, None, :], np.uint32(0))
    return image.reshape(n_lanes * levels, columns)


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
