"""pyqtgraph axes for the timeline: calendar dates and lane labels.

The date axis asks ``layout.date_ticks`` for its ticks, so labels are readable
from centuries down to days for any year 1-9999 (no timestamps involved).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont

from timeline_app.layout import date_ticks


class DateAxis(pg.AxisItem):
    """Bottom axis in day numbers, labelled with calendar dates."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self.enableAutoSIPrefix(False)

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        # Roughly one label per 90 px keeps month names and years apart.
        max_ticks = max(2, int(size / 90))
        ticks = date_ticks(minVal, maxVal, max_ticks=max_ticks)
        major = [float(t.day) for t in ticks if t.major]
        minor = [float(t.day) for t in ticks if not t.major]
        self._labels = {float(t.day): t.label for t in ticks}
        return [(1.0, major), (0.5, minor)]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        labels = getattr(self, "_labels", {})
        return [labels.get(float(v), "") for v in values]


class LaneAxis(pg.AxisItem):
    """Left axis: one label per lane, beside the lane's first row of marks (lanes are
    as tall as their rows, so the positions come from the layout)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(orientation="left", **kwargs)
        self._labels: list[str] = []
        self._positions: list[float] = []
        self._highlighted: set[int] = set()
        self.setWidth(150)
        self.setStyle(tickLength=0, autoExpandTextSpace=False, hideOverlappingLabels=False)

    def set_labels(self, labels: Sequence[str], positions: Sequence[float] | None = None) -> None:
        self._labels = list(labels)
        self._positions = list(positions) if positions is not None else []
        self.picture = None
        self.update()

    def set_highlighted(self, lanes: set[int]) -> None:
        self._highlighted = set(lanes)
        self.picture = None
        self.update()

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        lo, hi = sorted((minVal, maxVal))
        return [(1.0, [y for y in self._positions if lo <= y <= hi])]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        index = {y: i for i, y in enumerate(self._positions)}
        out = []
        for v in values:
            i = index.get(v, -1)
            label = self._labels[i] if 0 <= i < len(self._labels) else ""
            out.append(("▶ " + label) if i in self._highlighted else label)
        return out


def style_axis(
    axis: pg.AxisItem, text: str, grid: str, font_px: int = 11, bold: bool = False
) -> None:
    font = QFont()
    font.setPixelSize(font_px)
    font.setBold(bold)
    axis.setTickFont(font)
    axis.setTextPen(pg.mkPen(QColor(text)))
    axis.setPen(pg.mkPen(QColor(grid)))
    axis.picture = None
    axis.update()
