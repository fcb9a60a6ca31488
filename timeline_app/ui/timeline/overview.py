"""The overview strip: the whole span at a glance, the visible window as a draggable region."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from timeline_app.dates import from_day, to_day
from timeline_app.domain import Event
from timeline_app.ui.theme import LIGHT, Theme
from timeline_app.ui.timeline.axes import DateAxis, style_axis

STRIP_HEIGHT = 64


def yearly_counts(events: Sequence[Event]) -> tuple[np.ndarray, np.ndarray]:
    """Events per calendar year (a span counts in each year it covers)."""
    if not events:
        return np.array([]), np.array([])
    first = min(e.when.first_day.year for e in events)
    last = max(e.when.last_day.year for e in events)
    counts = np.zeros(last - first + 1)
    for event in events:
        counts[event.when.first_day.year - first : event.when.last_day.year - first + 1] += 1
    starts = np.array([to_day(date(y, 1, 1)) for y in range(first, last + 2)], dtype=float)
    return starts, counts


class OverviewStrip(QWidget):
    region_changed = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(STRIP_HEIGHT)
        self.axis = DateAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideAxis("left")
        self.plot.getPlotItem().layout.setContentsMargins(0, 0, 10, 0)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0)
        self.plot.addItem(self.histogram)
        self.region = pg.LinearRegionItem(orientation="vertical")
        self.region.setZValue(10)
        self.plot.addItem(self.region)
        self.region.sigRegionChanged.connect(self._on_region)
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.set_theme(LIGHT)

    def set_theme(self, theme: Theme) -> None:
        self.plot.setBackground(theme.panel)
        style_axis(self.axis, theme.muted_text, theme.grid, font_px=10)
        fill = QColor(theme.muted_text)
        fill.setAlpha(110)
        self.histogram.setPen(pg.mkPen(QColor(theme.muted_text), width=1))
        self.histogram.setBrush(fill)
        region_fill = QColor(theme.selection)
        region_fill.setAlpha(45)
        self.region.setBrush(region_fill)
        hover = QColor(theme.selection)
        hover.setAlpha(80)
        self.region.setHoverBrush(hover)
        for line in self.region.lines:
            line.setPen(pg.mkPen(QColor(theme.selection), width=2))

    def set_events(self, events: Sequence[Event]) -> None:
        starts, counts = yearly_counts(events)
        if len(counts) == 0:
            self.histogram.setData([], [])
            self.plot.setXRange(to_day(date(1960, 1, 1)), to_day(date(2030, 1, 1)), padding=0)
            return
        self.histogram.setData(starts, counts)
        pad = max((starts[-1] - starts[0]) * 0.02, 60.0)
        self.plot.setXRange(starts[0] - pad, starts[-1] + pad, padding=0)
        self.plot.setYRange(0, max(counts.max(), 1) * 1.1, padding=0)

    def set_region(self, lo: float, hi: float) -> None:
        self._updating = True
        self.region.setRegion((lo, hi))
        self._updating = False

    def region_text(self) -> str:
        lo, hi = self.region.getRegion()
        return f"{from_day(lo).isoformat()} – {from_day(hi).isoformat()}"

    def _on_region(self) -> None:
        if not self._updating:
            lo, hi = self.region.getRegion()
            self.region_changed.emit(float(lo), float(hi))
