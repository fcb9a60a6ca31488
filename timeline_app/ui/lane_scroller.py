"""Scrolling the timeline's lanes vertically: how many fit, keeping one in view, and
the scroll bar beside the plot (in tenths of a lane, so it moves smoothly)."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtWidgets import QScrollBar

MIN_LANE_PX = 34.0  # below this a lane's marks and label no longer read: scroll instead


class LaneScroller:
    def __init__(
        self, view_box: pg.ViewBox, scrollbar: QScrollBar, lane_count: Callable[[], int]
    ) -> None:
        self._view_box, self._scrollbar, self._lane_count = view_box, scrollbar, lane_count
        scrollbar.valueChanged.connect(self._on_scrollbar)

    def lanes_that_fit(self) -> float:
        height = max(self._view_box.height(), MIN_LANE_PX)
        return max(1.0, min(float(self._lane_count() or 1), height / MIN_LANE_PX))

    def show(self, top: float, count: float | None = None) -> None:
        """Show ``count`` lanes (as many as fit, by default) from lane ``top``, kept in range."""
        n = float(self._lane_count() or 1)
        count = min(count if count is not None else self.lanes_that_fit(), n)
        top = min(max(top, 0.0), n - count)
        self._view_box.setYRange(top, top + count, padding=0)

    def clamp(self) -> None:
        """After a resize or a new set of lanes: as many lanes as fit, from the same top."""
        self.show(self._top_bottom()[0])

    def ensure_visible(self, lane: int) -> None:
        top, bottom = self._top_bottom()
        if top - 1e-6 <= lane and lane + 1 <= bottom + 1e-6:
            return
        self.show(lane - (bottom - top) / 2 + 0.5, bottom - top)

    def scroll_by(self, lanes: float) -> None:
        top, bottom = self._top_bottom()
        self.show(top + lanes, bottom - top)

    def sync(self) -> None:
        """Bring the scroll bar in line with the lanes in view (after any range change)."""
        top, bottom = self._top_bottom()
        n, visible = self._lane_count(), bottom - top
        bar = self._scrollbar
        bar.blockSignals(True)
        bar.setRange(0, max(0, round((n - visible) * 10)))
        bar.setPageStep(max(1, int(visible * 10)))
        bar.setValue(round(top * 10))
        bar.setVisible(n - visible > 0.05)
        bar.blockSignals(False)

    def _top_bottom(self) -> tuple[float, float]:
        _, (top, bottom) = self._view_box.viewRange()
        return float(top), float(bottom)

    def _on_scrollbar(self, value: int) -> None:
        top, bottom = self._top_bottom()
        self.show(value / 10.0, bottom - top)
