"""The bulk event list: a table over numpy columns, responsive at a million rows.

Qt asks only for the rows on screen, and each cell is an O(1) array lookup, so the
model never builds a Python object per event. Rows are revealed in pages
(``canFetchMore``/``fetchMore``) so the view's bookkeeping grows as the user
scrolls, and sorting is a numpy ``argsort`` of one column, not a proxy model
comparing rows one pair at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from timeline_app.dates import from_day
from timeline_app.domain import Category, Pair
from timeline_app.ui.theme import CATEGORY_LABELS, LIGHT, Theme

PAGE = 5000
COLUMNS = ("Date", "Pair", "Category", "Score")
CATEGORIES = list(Category)
_Index = QModelIndex | QPersistentModelIndex


class BulkColumnsLike(Protocol):
    # Read-only members: a frozen dataclass of columns fits.
    @property
    def pairs(self) -> Sequence[Pair]: ...
    @property
    def day(self) -> npt.NDArray[Any]: ...
    @property
    def pair_id(self) -> npt.NDArray[Any]: ...
    @property
    def category_id(self) -> npt.NDArray[Any]: ...
    @property
    def score(self) -> npt.NDArray[Any]: ...
    @property
    def pk(self) -> npt.NDArray[Any]: ...


class BulkTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns: BulkColumnsLike | None = None
        self._rows: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)  # those in the filter
        self._order: npt.NDArray[np.int64] = self._rows  # the same, in the shown order
        self._shown = 0
        self._theme = LIGHT

    def set_columns(
        self, columns: BulkColumnsLike | None, rows: npt.NDArray[np.int64] | None = None
    ) -> None:
        """Show ``rows`` (positions in ``columns``, ascending; ``None``: every row).
        The columns are shared, never copied: a filter only changes ``rows``."""
        self.beginResetModel()
        self._columns = columns
        n = 0 if columns is None else len(columns.day)
        self._rows = np.arange(n, dtype=np.int64) if rows is None else rows
        self._order = self._rows
        self._shown = min(len(self._order), PAGE)
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def total(self) -> int:
        return len(self._order)

    def pk_at(self, row: int) -> int:
        assert self._columns is not None
        return int(self._columns.pk[self._order[row]])

    def row_of_pk(self, pk: int) -> int | None:
        if self._columns is None:
            return None
        hits = np.flatnonzero(self._columns.pk[self._order] == pk)
        return int(hits[0]) if len(hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._shown < len(self._order)

    def fetchMore(self, parent: _Index) -> None:
        more = min(PAGE, len(self._order) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        columns = self._columns
        if columns is None or not index.isValid():
            return None
        i = self._order[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return from_day(int(columns.day[i])).isoformat()
            if column == 1:
                return columns.pairs[int(columns.pair_id[i])].key
            if column == 2:
                return CATEGORY_LABELS[CATEGORIES[int(columns.category_id[i])]]
            return f"{float(columns.score[i]):+.1f}"
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return self._theme.category_colour(CATEGORIES[int(columns.category_id[i])])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        columns = self._columns
        if columns is None:
            return
        keys = {
            0: columns.day,
            1: columns.pair_id,
            2: columns.category_id,
            3: columns.score,
        }[column]
        self.layoutAboutToBeChanged.emit()
        # Stable sort, day as the tie-breaker (the columns arrive sorted by day).
        self._order = self._rows[np.argsort(keys[self._rows], kind="stable")]
        if order == Qt.SortOrder.DescendingOrder:
            self._order = self._order[::-1].copy()
        self.layoutChanged.emit()


class BulkTable(QTableView):
    """Bulk events in the filter; selecting a row reports the event's database key."""

    bulk_event_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bulk_model = BulkTableModel(self)
        self.setModel(self.bulk_model)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vertical.setDefaultSectionSize(22)
        self.horizontalHeader().setStretchLastSection(True)
        for column, width in ((0, 110), (1, 110), (2, 150)):
            self.setColumnWidth(column, width)
        self.selectionModel().selectionChanged.connect(self._on_selection)

    def set_columns(
        self, columns: BulkColumnsLike | None, rows: npt.NDArray[np.int64] | None = None
    ) -> None:
        self.bulk_model.set_columns(columns, rows)

    def _on_selection(self, *_args: object) -> None:
        rows = self.selectionModel().selectedRows()
        if rows:
            self.bulk_event_selected.emit(self.bulk_model.pk_at(rows[0].row()))
