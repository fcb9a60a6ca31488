"""The event list: a thin table model over the filtered events, sortable by column."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from timeline_app.domain import Actor, Event, Pair, Role
from timeline_app.ui.events.table_columns import ColumnFitter, ColumnLimits
from timeline_app.ui.theme import CATEGORY_LABELS, LIGHT, MODALITY_LABELS, Theme

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Date", "Pair", "Title", "Category", "Modality", "Sources")
# Column sizing: the title (column 2) takes the room the short columns leave, never
# less than about 35 characters; the short columns shrink towards these minimums first.
TITLE_MIN_WIDTH = 320
COLUMN_LIMITS = {
    0: ColumnLimits(minimum=96, maximum=150),  # "c. 1960 to 2021"; longer spans elide
    1: ColumnLimits(minimum=64, maximum=120),  # "IND-VNM"; multilateral events list more
    3: ColumnLimits(minimum=48, maximum=130),  # swatch + the label's first letters
    4: ColumnLimits(minimum=64, maximum=125),
    5: ColumnLimits(minimum=58, maximum=64),
}
_Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._events: list[Event] = []
        self._actors: dict[str, Actor] = {}
        self._theme = LIGHT

    def set_events(self, events: Sequence[Event], actors: Mapping[str, Actor]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self._actors = dict(actors)
        self.endResetModel()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self._events:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._events) - 1, 3))

    def event_at(self, row: int) -> Event:
        return self._events[row]

    def row_of(self, event_id: str) -> int | None:
        return next((i for i, e in enumerate(self._events) if e.id == event_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _pairs_text(self, event: Event) -> str:
        """The event's lanes, then what it is about (subjects draw no lane)."""
        lanes = " · ".join(f"{pair.a}–{pair.b}" for pair in event.pairs)
        about = [p.code for p in event.actors if p.role is Role.SUBJECT]
        return f"{lanes} · about {', '.join(about)}" if about else lanes

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        event = self._events[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return event.id
        if role == SORT_ROLE:
            return (
                event.when.start_day,
                self._pairs_text(event),
                event.title.casefold(),
                event.category.value,
                event.modality.value,
                len(event.citations),
            )[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                event.when.describe(),
                self._pairs_text(event),
                event.title,
                CATEGORY_LABELS[event.category],
                MODALITY_LABELS[event.modality],
                str(len(event.citations)),
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            return self._theme.category_colour(event.category)
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            # The full title (the column may elide it) over the summary. Tooltips
            # auto-detect rich text: escape the (untrusted) text explicitly.
            return f"<qt><b>{html.escape(event.title)}</b><br>{html.escape(event.summary)}</qt>"
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1, 3, 4):
            # The short columns may be elided on a small screen.
            return "<qt>" + html.escape(self.data(index, Qt.ItemDataRole.DisplayRole)) + "</qt>"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 5:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and event.when.approximate and column == 0:
            return QColor(self._theme.muted_text)
        return None


class EventFilterProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; with ``set_pairs`` keeps only the events on those lanes
    (a focus the list follows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pairs: frozenset[Pair] | None = None

    def set_pairs(self, pairs: Iterable[Pair] | None) -> None:
        wanted = None if pairs is None else frozenset(pairs)
        if wanted != self._pairs:
            # Qt 6.10 replaced invalidateRowsFilter by a begin/end pair.
            modern = hasattr(self, "beginFilterChange")
            if modern:
                self.beginFilterChange()
            self._pairs = wanted
            if modern:
                self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            else:
                self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._pairs is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, EventTableModel)
        return not self._pairs.isdisjoint(model.event_at(source_row).pairs)


class EventTable(QTableView):
    """Sortable list of events; row selection is reported as an event id. During a
    search the rows come best match first (until a column header is clicked)."""

    event_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_model = EventTableModel(self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.source_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(22)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.column_fitter = ColumnFitter(self, 2, TITLE_MIN_WIDTH, COLUMN_LIMITS)
        self.selectionModel().selectionChanged.connect(self._on_selection)
        self._muted = False

    def set_events(
        self,
        events: Sequence[Event],
        actors: Mapping[str, Actor],
        ranking: Sequence[str] = (),
    ) -> None:
        """``ranking``: event ids best first (a search); those rows come first, in that
        order, and the list is sorted by relevance rather than by a column."""
        selected = self.selected_event()
        rank = {event_id: i for i, event_id in enumerate(ranking)}
        if rank:
            events = sorted(events, key=lambda e: rank.get(e.id, len(rank)))
        self._muted = True
        self.source_model.set_events(events, actors)
        if rank:
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.proxy.sort(-1)  # the model's own order: relevance
        elif self.proxy.sortColumn() < 0:
            self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._muted = False
        if selected:
            self.select_event(selected)

    def set_pair_filter(self, pairs: Iterable[Pair] | None) -> None:
        """Show only the events on these lanes (None: every event)."""
        self._muted = True
        self.proxy.set_pairs(pairs)
        self._muted = False

    def visible_ids(self) -> list[str]:
        """Event ids in the order the list shows them."""
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def selected_event(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select_event(self, event_id: str | None) -> None:
        """Select quietly (no signal): the selection came from elsewhere."""
        self._muted = True
        try:
            row = self.source_model.row_of(event_id) if event_id else None
            if row is None:
                self.clearSelection()
                return
            index = self.proxy.mapFromSource(self.source_model.index(row, 0))
            self.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._muted = False

    def _on_selection(self, *_args: object) -> None:
        if not self._muted:
            self.event_selected.emit(self.selected_event() or "")
