"""Undo and redo of view changes in the main window: the filter as typed, the lane
focus and the visible window (data is never edited, so there is nothing else to undo).

A mixin, so the window keeps one flat API (``undo``, ``redo``) while this logic
lives apart; it uses the window's filter bar, timeline, focus and actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from timeline_app.domain import EventFilter
from timeline_app.filters import FilterInput
from timeline_app.history import History
from timeline_app.services import Changes

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from timeline_app.ui.filter_bar import FilterBar
    from timeline_app.ui.timeline_view import TimelineView


@dataclass(frozen=True)
class ViewState:
    """What undo/redo restores: the filter as typed, the lane focus and the window."""

    filter_input: FilterInput
    focus: tuple[str, str] | None  # ("pair", "IND-VNM") or ("actor", "IND")
    view_range: tuple[float, float]


class ViewHistoryMixin:
    """Mixed into ``MainWindow`` (before ``QMainWindow``)."""

    filter_bar: FilterBar
    timeline: TimelineView
    focus_key: tuple[str, str] | None
    undo_action: QAction
    redo_action: QAction
    changed: Any  # the window's Signal

    def init_view_history(self) -> None:
        self.history: History[ViewState] = History()
        self._restoring = False
        self._state: ViewState | None = None

    if TYPE_CHECKING:  # provided by the window

        def focus_pair(self, key: str) -> None: ...
        def focus_actor(self, code: str) -> None: ...
        def _set_focus(self, pairs: set[Any], label: str) -> None: ...

    def _current_state(self) -> ViewState:
        return ViewState(self.filter_bar.inputs(), self.focus_key, self.timeline.visible_range())

    def _record(self) -> None:
        """Remember the view being left (called just before a focus change)."""
        if self._restoring:
            return
        self.history.record(self._state or self._current_state())
        self.update_history_actions()

    def _on_filter_changed(self, _flt: EventFilter) -> None:
        if self._state is not None and not self._restoring:
            self.history.record(self._state)
            self.update_history_actions()
        self._state = self._current_state()
        self.changed.emit(Changes(filter=True))

    def undo(self) -> None:
        self._restore(self.history.undo(self._current_state()))

    def redo(self) -> None:
        self._restore(self.history.redo(self._current_state()))

    def _restore(self, state: ViewState | None) -> None:
        if state is None:
            return
        self._restoring = True
        try:
            self.filter_bar.set_inputs(state.filter_input)
            kind, key = state.focus if state.focus else ("", "")
            if kind == "pair":
                self.focus_pair(key)
            elif kind == "actor":
                self.focus_actor(key)
            else:
                self._set_focus(set(), "")
                self.filter_bar.set_lane_focus(None)
            self.timeline.set_visible_range(*state.view_range)
        finally:
            self._restoring = False
        self._state = self._current_state()
        self.update_history_actions()

    def update_history_actions(self) -> None:
        self.undo_action.setEnabled(self.history.can_undo)
        self.redo_action.setEnabled(self.history.can_redo)
