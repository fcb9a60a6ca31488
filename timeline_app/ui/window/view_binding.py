"""Binds the views to the one view state (``timeline_app.view_state.ViewModel``).

User changes in a widget are written to the model (a wheel burst or a drag as one
undo step); every model change, whoever made it (a rule, undo, Esc), is drawn by the
widgets from the new state. Widgets never set each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from timeline_app.domain import Event, Pair
from timeline_app.framing import Window
from timeline_app.ui.events.event_table import EventTable
from timeline_app.ui.relations.relation_view import RelationView
from timeline_app.ui.source.source_view import SourceView
from timeline_app.ui.timeline.timeline_view import TimelineView
from timeline_app.ui.window.filter_bar import FilterBar
from timeline_app.view_rules import focus_pairs
from timeline_app.view_state import Focus, ViewModel, ViewState

# Windows closer than this (days) are the same window: pyqtgraph's ranges round-trip
# through floats and limits.
SAME_WINDOW_DAYS = 1e-3


def same_window(a: Window, b: Window) -> bool:
    return abs(a[0] - b[0]) < SAME_WINDOW_DAYS and abs(a[1] - b[1]) < SAME_WINDOW_DAYS


class ViewBinding:
    def __init__(
        self,
        model: ViewModel,
        timeline: TimelineView,
        table: EventTable,
        filter_bar: FilterBar,
        relations: RelationView,
        source: SourceView,
        lookup_event: Callable[[str | None], Event | None],
        name_focus: Callable[[Focus], str],
    ) -> None:
        self.model = model
        self.timeline = timeline
        self.table = table
        self.filter_bar = filter_bar
        self.relations = relations
        self.source = source
        self._lookup_event = lookup_event
        self._name_focus = name_focus
        # Until the first data is shown, range changes are the views settling in.
        self._applying = True
        self._started = False
        self._timeline_selection: str | None = None  # what the timeline last showed
        self.step_lane: Pair | None = None  # the lane ← → walk, once stepped on
        model.subscribe(self._on_change)
        timeline.range_changed.connect(self._on_range)
        timeline.event_selected.connect(self._on_timeline_selected)
        table.event_selected.connect(self._on_table_selected)
        filter_bar.list_follow_toggled.connect(lambda on: model.update(list_follows_focus=bool(on)))

    def start(self) -> None:
        """The first view is drawn: from now on the user's changes are undo steps."""
        self._applying = False
        self._started = True

    @property
    def started(self) -> bool:
        return self._started

    @contextmanager
    def programmatic(self) -> Iterator[None]:
        """Range changes inside are the views adjusting to new data, not user steps."""
        was, self._applying = self._applying, True
        try:
            yield
        finally:
            self._applying = was

    # -- widgets -> model ------------------------------------------------------------
    def _on_range(self, lo: float, hi: float) -> None:
        if same_window(self.model.state.window, (lo, hi)):
            return
        if self._applying:  # the timeline adjusting a window we set (limits, a refit)
            self.model.update(record=False, window=(lo, hi))
        else:  # the user's wheel, drag, overview strip or fit
            self.model.update(window=(lo, hi), burst="window")

    def _on_timeline_selected(self, event_id: str) -> None:
        self._timeline_selection = event_id or None
        self.step_lane = None
        self.select(event_id or None)

    def _on_table_selected(self, event_id: str) -> None:
        self.step_lane = None
        self.select(event_id or None)

    def select(self, event_id: str | None, lane: Pair | None = None) -> None:
        """Select an event (an undo step; quick successive selections make one)."""
        if lane is not None:
            self.step_lane = lane
        self.model.update(selection=event_id, burst="selection")

    # -- model -> widgets -----------------------------------------------------------------
    def _on_change(self, _old: ViewState, new: ViewState, changed: frozenset[str]) -> None:
        was, self._applying = self._applying, True
        try:
            if "filter" in changed:
                self.filter_bar.show_inputs(new.filter)
            if changed & {"focus", "list_follows_focus"}:
                self.apply_focus()
            if "window" in changed and not same_window(self.timeline.visible_range(), new.window):
                self.timeline.set_visible_range(*new.window)
            if "selection" in changed:
                self.apply_selection()
        finally:
            self._applying = was

    def focused_pairs(self) -> list[Pair]:
        return focus_pairs(self.model.state.focus, self.timeline.lanes())

    def apply_focus(self) -> None:
        """Gather the focused lanes at the top, highlight them everywhere, and let the
        list follow them when asked to."""
        state = self.model.state
        pairs = self.focused_pairs()
        self.timeline.set_gathered_pairs(pairs)
        self.timeline.set_highlighted_pairs(set(pairs))
        focus = state.focus
        self.relations.set_highlight(
            pair_key=focus.key if focus and focus.kind == "pair" else None,
            actor=focus.key if focus and focus.kind == "actor" else None,
        )
        self.filter_bar.set_lane_focus(
            self._name_focus(focus) if focus else None, state.list_follows_focus
        )
        self.table.set_pair_filter(pairs if focus and state.list_follows_focus else None)

    def apply_selection(self, *, redraw: bool = False) -> None:
        """Show the selection in the timeline, the list and the source pane.
        ``redraw``: the views got new events, so select again even if unchanged."""
        was = self._applying
        self._applying = True  # the timeline may pan to show the event: not a user step
        try:
            event_id = self.model.state.selection
            if redraw or event_id != self._timeline_selection:
                lane = self.step_lane
                if lane is not None and lane in self.timeline.lanes():
                    self.timeline.select_event(event_id, self.timeline.lanes().index(lane))
                else:
                    self.timeline.select_event(event_id)
                self._timeline_selection = event_id
            if self.table.selected_event() != event_id:
                self.table.select_event(event_id)
            self.source.show_event(self._lookup_event(event_id))
        finally:
            self._applying = was
