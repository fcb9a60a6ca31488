"""Scrolling the timeline's lanes vertically.

The lanes' y axis is in layout pixels (lanes are as tall as their rows of marks), and
the view always shows exactly as many layout pixels as the plot is tall: one pixel is
one pixel, so marks and titles keep their size, and scrolling moves through lanes of
any height. The scroll bar beside the plot works in the same pixels.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtWidgets import QScrollBar

from timeline_app.mark_layout import Style

_STYLE = Style()
MIN_LANE_PX = _STYLE.pad_top + _STYLE.row + _STYLE.pad_bottom  # one row and the score band
WHEEL_STEP_PX = 60.0


class LaneScroller:
    def __init__(
        self,
        view_box: pg.ViewBox,
        scrollbar: QScrollBar,
        content_height: Callable[[], float],
        lane_span: Callable[[int], tuple[float, float] | None],
    ) -> None:
        """``content_height``: the height of every lane together; ``lane_span``: a lane's
        top and bottom (None for no such lane)."""
        self._view_box, self._scrollbar = view_box, scrollbar
        self._content_height, self._lane_span = content_height, lane_span
        scrollbar.valueChanged.connect(self._on_scrollbar)

    def viewport_height(self) -> float:
        return max(float(self._view_box.height()), 1.0)

    def top(self) -> float:
        _, (top, _bottom) = self._view_box.viewRange()
        return float(top)

    def max_top(self) -> float:
        return max(0.0, self._content_height() - self.viewport_height())

    def show(self, top: float) -> None:
        """Show the lanes from ``top`` (layout pixels), kept in range, one pixel per pixel."""
        top = min(max(top, 0.0), self.max_top())
        self._view_box.setYRange(top, top + self.viewport_height(), padding=0)

    def clamp(self) -> None:
        """After a resize or a new layout: the same top, one pixel per pixel, in range."""
        self.show(self.top())

    def ensure_visible(self, lane: int) -> None:
        span = self._lane_span(lane)
        if span is None:
            return
        top, height = self.top(), self.viewport_height()
        lane_top, lane_bottom = span
        if top - 0.5 <= lane_top and lane_bottom <= top + height + 0.5:
            return
        if lane_bottom - lane_top >= height or lane_top < top:
            self.show(lane_top)
        else:
            self.show(lane_bottom - height)

    def lanes_in_view(self, lane_count: int) -> list[int]:
        """Lanes wholly in view."""
        top, bottom = self.top(), self.top() + self.viewport_height()
        spans = (self._lane_span(i) for i in range(lane_count))
        return [
            i
            for i, s in enumerate(spans)
            if s is not None and s[0] >= top - 0.5 and s[1] <= bottom + 0.5
        ]

    def scroll_by(self, pixels: float) -> None:
        self.show(self.top() + pixels)

    def sync(self) -> None:
        """Bring the scroll bar in line with the lanes in view (after any range change)."""
        total, visible = self._content_height(), self.viewport_height()
        bar = self._scrollbar
        bar.blockSignals(True)
        bar.setRange(0, max(0, round(total - visible)))
        bar.setPageStep(max(1, int(visible)))
        bar.setSingleStep(int(WHEEL_STEP_PX / 2))
        bar.setValue(round(self.top()))
        bar.setVisible(total - visible > 1.0)
        bar.blockSignals(False)

    def _on_scrollbar(self, value: int) -> None:
        self.show(float(value))
