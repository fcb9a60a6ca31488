"""Column widths for a table whose one long column must stay readable on a small screen.

The event list's title is what an analyst reads; the date, pair, category, modality and
source columns are short codes. ``ColumnFitter`` measures the short columns' content and
lets ``screen_fit.share_columns`` give the title all the rest, never less than a readable
minimum (the table scrolls sideways below that). It refits when the view is resized or
its rows change."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from timeline_app.screen_fit import share_columns

SAMPLE_ROWS = 120  # rows measured for a column's natural width (each cell costs a model call)
TYPICAL_SHARE = 0.9  # a column is as wide as this share of its rows need
SWATCH_ROOM = 22  # the decoration's width (the category swatch) and its gap


@dataclass(frozen=True)
class ColumnLimits:
    minimum: int  # what the column keeps when the room is short
    maximum: int  # never wider, however long its longest text


# Columns are fitted a moment after the data changes: the timeline paints first.
FIT_DELAY_MS = 30


class ColumnFitter(QObject):
    def __init__(
        self,
        view: QTableView,
        stretch: int,
        stretch_minimum: int,
        limits: Mapping[int, ColumnLimits],
    ) -> None:
        super().__init__(view)
        self._view = view
        self._stretch = stretch
        self._stretch_minimum = stretch_minimum
        self._limits = dict(limits)
        self._natural: list[int] | None = None
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(FIT_DELAY_MS)
        self._pending.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Kept apart from the view: a viewport still gets events while the view is
        # being destroyed, when the view itself may no longer be asked anything.
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._content_changed)

    def _content_changed(self, *_args: object) -> None:
        self._natural = None
        self._pending.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._viewport and event.type() == QEvent.Type.Resize:
            self._pending.start()
        return False

    def natural_widths(self) -> list[int]:
        if self._natural is None:
            self._natural = [self._measure(column) for column in range(self._column_count())]
        return self._natural

    def fit(self) -> None:
        count = self._column_count()
        if count == 0 or self._stretch >= count:
            return
        natural = self.natural_widths()
        minimum = [
            self._limits[c].minimum if c in self._limits else natural[c] for c in range(count)
        ]
        widths = share_columns(
            self._view.viewport().width(), natural, minimum, self._stretch, self._stretch_minimum
        )
        for column, width in enumerate(widths):
            if self._view.columnWidth(column) != width:
                self._view.setColumnWidth(column, width)

    def _column_count(self) -> int:
        return self._view.model().columnCount()

    def _measure(self, column: int) -> int:
        """The column's natural width: its header or the width nine rows in ten need
        (sampled), with the cell's padding and any decoration, within its maximum."""
        view, model = self._view, self._view.model()
        padding = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        cell = QFontMetrics(view.font())
        header_font = view.horizontalHeader().font()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        header = QFontMetrics(header_font).horizontalAdvance(title) + 20  # the sort arrow
        widths = []
        for row in range(min(model.rowCount(), SAMPLE_ROWS)):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            width = cell.horizontalAdvance(str(text or "")) + padding
            if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                width += SWATCH_ROOM
            widths.append(width)
        # A few outliers (a multilateral event's long list of actors) elide, with the
        # full text in the tooltip, rather than widen the column for every row.
        widths.sort()
        typical = widths[int(TYPICAL_SHARE * (len(widths) - 1))] if widths else 0
        widest = max(header, typical)
        limit = self._limits.get(column)
        return min(widest, limit.maximum) if limit else widest


def shown_text(view: QTableView, index: QModelIndex) -> str:
    """The text a cell shows: its display text, elided as the view elides it."""
    text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
    room = view.columnWidth(index.column())
    room -= 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        room -= SWATCH_ROOM
    return QFontMetrics(view.font()).elidedText(text, view.textElideMode(), max(room, 0))
