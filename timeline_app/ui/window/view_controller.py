"""The view rules (``timeline_app.view_rules``, ``timeline_app.framing``) applied to the
window's views: a filter frames its matches once they are read, Esc clears one thing,
"Show them" widens the window, focus gathers lanes, ← → step along a lane, and the
relationship panel and the outside notice follow the window.

It owns the one ``ViewModel`` and its ``ViewBinding``; it reads the data shown from
``ShownData``. The main window only wires it to menus, keys and signals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from timeline_app.domain import EventFilter, Pair
from timeline_app.filters import FilterInput, build_filter
from timeline_app.framing import (
    EMPTY_WINDOW,
    Window,
    dense_period,
    fit_window,
    outside,
    spans_of,
    window_label,
)
from timeline_app.ui.bulk.bulk_controller import merge_actor_counts, merge_weights
from timeline_app.ui.events.event_table import EventTable
from timeline_app.ui.relations.relation_view import RelationView
from timeline_app.ui.source.source_view import SourceView
from timeline_app.ui.timeline.timeline_text import lane_label
from timeline_app.ui.timeline.timeline_view import TimelineView
from timeline_app.ui.window.filter_bar import FilterBar, describe_actors
from timeline_app.ui.window.outside_notice import OutsideNotice
from timeline_app.ui.window.shown_data import ShownData
from timeline_app.ui.window.snapshot import Snapshot
from timeline_app.ui.window.view_binding import ViewBinding
from timeline_app.view_rules import escape_message, escape_step, frame_for_filter, step_target
from timeline_app.view_state import Focus, ViewModel, ViewState

BulkWeights = Callable[[float, float], dict[Pair, tuple[int, float]]]


class ViewController:
    def __init__(
        self,
        data: ShownData,
        timeline: TimelineView,
        table: EventTable,
        filter_bar: FilterBar,
        relations: RelationView,
        source: SourceView,
        outside_notice: OutsideNotice,
        bulk_weights: BulkWeights,
        note: Callable[[str], None],
    ) -> None:
        """``bulk_weights``: the bulk layer's ties in a window; ``note``: says something
        in the status bar (what Esc cleared)."""
        self.data = data
        self.timeline, self.table, self.filter_bar = timeline, table, filter_bar
        self.relations, self.outside_notice = relations, outside_notice
        self._bulk_weights, self._note = bulk_weights, note
        self.view = ViewModel(ViewState(window=EMPTY_WINDOW))
        self.binding = ViewBinding(
            self.view, timeline, table, filter_bar, relations, source, data.event, self.name_focus
        )
        # The filter whose matches are framed once they are read: set by the user's
        # filter edit, kept while the data is still loading (even through an undo that
        # comes back to that filter), used up by the first result for it.
        self._frame_for: EventFilter | None = None
        self.view.subscribe(self._on_view_changed)

    # -- state ----------------------------------------------------------------------
    @property
    def selected(self) -> str | None:
        return self.view.state.selection

    def current_filter(self) -> EventFilter:
        return build_filter(self.view.state.filter).filter

    def focused_pairs(self) -> list[Pair]:
        return self.binding.focused_pairs()

    def _on_view_changed(self, _old: ViewState, _new: ViewState, changed: frozenset[str]) -> None:
        if "window" in changed:
            self.update_relations()
            self.update_outside_notice()

    # -- data arriving -----------------------------------------------------------------
    def show_snapshot(self, snapshot: Snapshot, saved_window: Window | None) -> None:
        """Hand a query's result (already in ``data``) to every view; the first one opens
        on ``saved_window``, else on the events' dense period in whole years."""
        first = not self.binding.started
        actors = self.data.actors
        # Not show_inputs: the analyst may be typing while this was read.
        self.filter_bar.set_actors(snapshot.actors)
        self.relations.set_actors(snapshot.actors)
        self.table.set_events(snapshot.events, actors, self.data.ranking)
        with self.binding.programmatic():
            self.timeline.set_events(snapshot.events, actors, keep_range=not first)
            if first:
                window = saved_window or dense_period(spans_of(snapshot.events)) or EMPTY_WINDOW
                self.view.update(record=False, window=window)
                self.timeline.set_visible_range(*window)
        if first:
            self.binding.start()
        self.binding.apply_focus()  # the lanes may have changed
        if self._frame_for is not None and self._frame_for == snapshot.filter:
            self._frame_for = None
            self._frame_matches(snapshot)
        if self.selected and self.data.event(self.selected) is None:
            self.view.update(record=False, selection=None)
        self.binding.apply_selection(redraw=True)
        self.update_relations()
        self.update_outside_notice()

    def _frame_matches(self, snapshot: Snapshot) -> None:
        """After a filter the user made: frame its matches and select the best one,
        in the same undo step as the filter."""
        best = self.data.best_match()
        window = frame_for_filter(
            snapshot.filter, spans_of(snapshot.events), spans_of([best])[0] if best else None
        )
        changes: dict[str, Any] = {}
        if window is not None:
            changes["window"] = window
        if best is not None:
            changes["selection"] = best.id
        self.view.update(record=False, **changes)

    # -- the analyst's changes -----------------------------------------------------------
    def filter_edited(self, raw: FilterInput) -> None:
        """The user changed the filter bar: one undo step (typing makes one), and the
        result will frame its matches."""
        before = self.view.state.filter
        only_text = dataclasses.replace(raw, text="") == dataclasses.replace(before, text="")
        built = build_filter(raw).filter
        if built != build_filter(before).filter:
            self._frame_for = built
        self.view.update(filter=raw, burst="text" if only_text else None)

    def show_all_matches(self) -> None:
        """Frame every match of the filter (the notice's "Show them"): one undo step."""
        window = fit_window(spans_of(self.data.events))
        if window is not None:
            self.view.update(window=window)

    def select(self, event_id: str | None) -> None:
        self.binding.select(event_id or None)

    def step_selection(self, direction: int) -> None:
        """← →: the previous or next event in time on the selected event's lane."""
        lanes = self.timeline.lanes()
        if self.data.snapshot is None or not lanes:
            return
        lane = self.binding.step_lane
        event = self.data.event(self.selected)
        if lane is None or (event is not None and lane not in event.pairs):
            lane = next((p for p in lanes if event and p in event.pairs), lanes[0])
        target = step_target(self.data.events, lane, self.selected, direction)
        if target is not None:
            self.binding.select(target, lane)

    def zoom_to_selection(self) -> None:
        if self.selected:
            self.timeline.zoom_to_event(self.selected)

    def zoom_by(self, factor: float) -> None:
        lo, hi = self.timeline.visible_range()
        centre, half = (lo + hi) / 2, (hi - lo) / 2 * factor
        self.timeline.set_visible_range(centre - half, centre + half)

    def focus_pair(self, key: str, *, frame: bool = False) -> None:
        """Focus one tie; ``frame``: also frame that tie's events (an edge click)."""
        pair = Pair.parse(key)
        changes: dict[str, Any] = {"focus": Focus("pair", pair.key)}
        if frame:
            window = dense_period(spans_of(e for e in self.data.events if pair in e.pairs))
            if window is not None:
                changes["window"] = window
        self.view.update(**changes)

    def focus_actor(self, code: str) -> None:
        self.view.update(focus=Focus("actor", code))

    def clear_focus(self) -> None:
        self.view.update(focus=None)

    def set_list_follows_focus(self, on: bool) -> None:
        self.view.update(list_follows_focus=on)

    def name_focus(self, focus: Focus) -> str:
        if focus.kind == "pair":
            return lane_label(Pair.parse(focus.key), self.data.actors)
        return f"{describe_actors([focus.key], self.data.actors)} (all lanes)"

    def escape(self) -> None:
        """Esc clears exactly one thing (``view_rules.ESCAPE_ORDER``) and says which."""
        before = self.view.state
        step = escape_step(before)
        if step is None:
            self._note("Nothing to clear")
            return
        part, after = step
        label = self.name_focus(before.focus) if before.focus else ""
        self._note(escape_message(part, before, label))
        self.view.update(filter=after.filter, focus=after.focus, selection=after.selection)

    def undo(self) -> None:
        self.view.undo()
        self._keep_pending_frame()

    def redo(self) -> None:
        self.view.redo()
        self._keep_pending_frame()

    def _keep_pending_frame(self) -> None:
        """After undo or redo: a frame still waiting for its data stays only if the
        view came back to its filter (the window restored is otherwise exact)."""
        if self._frame_for != self.current_filter():
            self._frame_for = None

    # -- views that follow the window -------------------------------------------------------
    def update_outside_notice(self) -> None:
        """Say so when matches of a filter lie outside the window."""
        snapshot = self.data.snapshot
        if snapshot is None or snapshot.filter.is_empty or not snapshot.events:
            self.outside_notice.set_counts(0, 0)
            return
        spans = spans_of(snapshot.events)
        self.outside_notice.set_counts(outside(spans, self.view.state.window), len(spans))

    def update_relations(self) -> None:
        """The relationship panel shows the ties of the visible window, bulk included."""
        lo, hi = self.timeline.visible_range()
        label = window_label((lo, hi))
        actor_counts = {code: w.count for code, w in self.data.actor_index.window(lo, hi).items()}
        weights = self.data.pair_index.window(lo, hi)
        bulk = self._bulk_weights(lo, hi)
        if bulk:
            weights = merge_weights(weights, bulk)
            actor_counts = merge_actor_counts(actor_counts, bulk)
        self.relations.set_weights(weights, label, actor_counts)
