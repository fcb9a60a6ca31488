"""What the analyst is looking at, in one Qt-free object: the time window, the filter as
typed, the lane focus, the selection and the visible layers.

Widgets bind to a ``ViewModel``: they write to it and redraw from its notifications,
never from each other. Undo records snapshots of it (``ViewState`` is frozen), so
"undo brings back exactly what was on screen" holds by construction. A burst of
changes of one kind (wheel steps, a drag, typing) is one undo step; the clock is
injected so that rule is testable without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from timeline_app.filters import FilterInput
from timeline_app.framing import Window
from timeline_app.history import History

# Changes of one kind closer together than this (seconds) make one undo step.
BURST_GAP_S = 0.8


@dataclass(frozen=True)
class Focus:
    """A lane focus: one tie (``pair``, key "IND-VNM") or every tie of an actor."""

    kind: str  # "pair" or "actor"
    key: str


@dataclass(frozen=True)
class ViewState:
    window: Window
    filter: FilterInput = field(default_factory=FilterInput)
    focus: Focus | None = None
    list_follows_focus: bool = False  # the event list shows only the focused lanes
    selection: str | None = None  # a curated event id
    bulk_layer: bool = True

    def changed_fields(self, other: ViewState) -> frozenset[str]:
        return frozenset(
            f.name for f in fields(self) if getattr(self, f.name) != getattr(other, f.name)
        )


Listener = Callable[[ViewState, ViewState, frozenset[str]], None]  # old, new, changed fields


class ViewModel:
    """The one view state, its change notifications and its undo history."""

    def __init__(
        self,
        state: ViewState,
        clock: Callable[[], float] = time.monotonic,
        limit: int = 200,
    ) -> None:
        self._state = state
        self._clock = clock
        self._history: History[ViewState] = History(limit)
        self._listeners: list[Listener] = []
        self._burst: str | None = None
        self._burst_at = float("-inf")

    @property
    def state(self) -> ViewState:
        return self._state

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def update(self, *, record: bool = True, burst: str | None = None, **changes: Any) -> bool:
        """Change some fields; True if anything changed.

        ``record``: make it an undo step (the state being left is remembered);
        unrecorded changes join the current step (a frame that follows a filter).
        ``burst``: a kind of change ("window", "text" ...) that coalesces with the
        previous step of the same kind if it came less than ``BURST_GAP_S`` ago."""
        new = replace(self._state, **changes)
        if new == self._state:
            return False
        if record:
            self._record(burst)
        self._set(new)
        return True

    def _record(self, burst: str | None) -> None:
        now = self._clock()
        ongoing = burst is not None and burst == self._burst and now - self._burst_at < BURST_GAP_S
        if not ongoing:
            self._history.record(self._state)
        self._burst, self._burst_at = burst, now

    def _set(self, new: ViewState) -> None:
        old, self._state = self._state, new
        changed = new.changed_fields(old)
        for listener in list(self._listeners):
            listener(old, new, changed)

    def undo(self) -> bool:
        return self._walk(self._history.undo(self._state))

    def redo(self) -> bool:
        return self._walk(self._history.redo(self._state))

    def _walk(self, target: ViewState | None) -> bool:
        self._burst = None  # the next change is a new step, whatever its kind
        if target is None:
            return False
        self._set(target)
        return True

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo
