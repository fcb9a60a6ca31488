"""Small rules over the view state: what Esc clears next, and how that is worded.

Esc clears exactly one thing, in this order (``ESCAPE_ORDER``): the selection, the lane
focus, the search text, the date range, the categories, the modalities, the actors.
A stray key so never throws away more than one part of a carefully built view, and
Ctrl+Z brings that part back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from timeline_app.domain import Event, EventFilter, Pair
from timeline_app.filters import FilterInput
from timeline_app.framing import Span, Window, including, matches_window, range_window
from timeline_app.view_state import Focus, ViewState

ESCAPE_ORDER = (
    "selection",
    "focus",
    "search",
    "dates",
    "categories",
    "modalities",
    "actors",
)


def _cleared(state: ViewState, part: str) -> ViewState | None:
    """``state`` without ``part``, or None when that part is already empty."""
    flt = state.filter
    if part == "selection":
        return replace(state, selection=None) if state.selection else None
    if part == "focus":
        return replace(state, focus=None) if state.focus else None
    if part == "search":
        return _with_filter(state, replace(flt, text="")) if flt.text.strip() else None
    if part == "dates":
        if flt.date_from.strip() or flt.date_to.strip():
            return _with_filter(state, replace(flt, date_from="", date_to=""))
        return None
    if part == "categories":
        return _with_filter(state, replace(flt, categories=frozenset())) if flt.categories else None
    if part == "modalities":
        return _with_filter(state, replace(flt, modalities=frozenset())) if flt.modalities else None
    if part == "actors":
        return _with_filter(state, replace(flt, actors=frozenset())) if flt.actors else None
    raise ValueError(part)


def _with_filter(state: ViewState, flt: FilterInput) -> ViewState:
    return replace(state, filter=flt)


def escape_step(state: ViewState) -> tuple[str, ViewState] | None:
    """The first part of ``state`` in ``ESCAPE_ORDER`` that is set, and the state
    without it; None when there is nothing left to clear."""
    for part in ESCAPE_ORDER:
        cleared = _cleared(state, part)
        if cleared is not None:
            return part, cleared
    return None


def describe_part(part: str, state: ViewState, focus_label: str = "") -> str:
    """How the status bar names a part of ``state`` ("the search “2+2”")."""
    flt = state.filter
    if part == "selection":
        return "the selection"
    if part == "focus":
        return f"the lane focus ({focus_label})" if focus_label else "the lane focus"
    if part == "search":
        return f"the search “{flt.text.strip()}”"
    if part == "dates":
        return f"the date range {flt.date_from.strip() or '…'} – {flt.date_to.strip() or '…'}"
    if part in ("categories", "modalities", "actors"):
        values = sorted(getattr(flt, part))
        noun = {"categories": "category", "modalities": "modality", "actors": "actor"}[part]
        return f"the {noun} filter ({', '.join(values)})"
    raise ValueError(part)


def escape_message(part: str, before: ViewState, focus_label: str = "") -> str:
    return f"Esc cleared {describe_part(part, before, focus_label)} · Ctrl+Z brings it back"


def frame_for_filter(
    flt: EventFilter, matches: Sequence[Span], best: Span | None = None
) -> Window | None:
    """Where a new filter moves the window (None: stay). A date range frames exactly
    the range; a search or any other filter frames its matches' dense stretch with a
    margin, widened to show the best match; no filter or no match leaves the window
    alone."""
    if flt.is_empty:
        return None
    if flt.start is not None or flt.end is not None:
        return range_window(flt.start, flt.end, matches)
    dense = matches_window(matches)
    return None if dense is None else including(dense, best)


def step_target(
    events: Sequence[Event], lane: Pair, selected: str | None, direction: int
) -> str | None:
    """The previous (-1) or next (+1) event in time on ``lane`` from ``selected``; the
    first (or last) of the lane when the selection is elsewhere; None on an empty lane."""
    on_lane = sorted(
        (e for e in events if lane in e.pairs),
        key=lambda e: (e.when.start_day, e.when.end_day, e.id),
    )
    ids = [e.id for e in on_lane]
    if not ids:
        return None
    if selected in ids:
        return ids[min(max(ids.index(selected) + direction, 0), len(ids) - 1)]
    return ids[0] if direction > 0 else ids[-1]


def focus_pairs(focus: Focus | None, lanes: Sequence[Pair]) -> list[Pair]:
    """The lanes a focus covers, in lane order: one tie, or every tie of an actor."""
    if focus is None:
        return []
    if focus.kind == "pair":
        pair = Pair.parse(focus.key)
        return [pair]
    return [p for p in lanes if focus.key in (p.a, p.b)]
