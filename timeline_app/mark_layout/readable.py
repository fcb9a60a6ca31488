"""How much the analyst can read: titles in view, and titles moved to show more.

``readable_events`` counts the events whose title can be read in a window without
hovering (what the label tests and benchmarks measure); ``titles_inside_view`` moves a
title the view would cut to the left of its mark, or inside its bar, on every pan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from timeline_app.domain import Event
from timeline_app.mark_layout.marks import MarkKind, MarksLayout, PlacedMark
from timeline_app.mark_layout.titles import ELLIPSIS, Measure, shorten

READABLE_CHARS = 12  # a title cut shorter than this (or to less) does not say what happened


def readable_events(
    layout: MarksLayout,
    events: Sequence[Event],
    window: tuple[float, float],
    measure: Measure,
    min_chars: int = READABLE_CHARS,
) -> set[int]:
    """Indices of the events in ``window`` whose title can be read without hovering: a
    mark of theirs (not a cluster) shows the whole title, or at least ``min_chars``
    characters of it, inside the window (a title running off its right edge is cut)."""
    lo, hi = window
    right_px = hi / layout.days_per_pixel
    left_px = lo / layout.days_per_pixel
    found: set[int] = set()
    for mark in layout.marks:
        if mark.kind is MarkKind.CLUSTER or not mark.label or mark.end <= lo or mark.start >= hi:
            continue
        if mark.label_inside:
            x0, x1 = mark.span_px(layout.days_per_pixel)
            room = min(x1, right_px) - max(x0, left_px) - 2 * layout.style.inside_pad
        else:
            beside = mark.label_span_px(layout.days_per_pixel, layout.style.label_gap)
            assert beside is not None
            if beside[0] < left_px:
                continue  # its start is out of view: the painter leaves it out
            room = min(beside[1], right_px) - beside[0]
        shown = shorten(mark.label, room, measure) if room > 0 else ""
        whole = events[mark.event_index].title
        if (shown == mark.label and mark.label == whole) or len(
            shown.rstrip(ELLIPSIS)
        ) >= min_chars:
            found.add(mark.event_index)
    return found


def in_window(events: Sequence[Event], window: tuple[float, float]) -> set[int]:
    lo, hi = window
    return {i for i, e in enumerate(events) if e.when.end_day > lo and e.when.start_day < hi}


def titles_inside_view(
    layout: MarksLayout, window: tuple[float, float], measure: Measure
) -> MarksLayout:
    """The layout with titles moved where the view would otherwise show less of them: a
    title cut by the view's right edge, or one shortened to fit its bar, goes left of
    its mark when the row has room there for more of it, or inside its bar when that
    shows more. Cheap enough
    for every pan (only such titles are looked at), and rows and lanes do not change,
    so nothing jumps as the view moves."""
    dpp, gap, pad = layout.days_per_pixel, layout.style.label_gap, layout.style.inside_pad
    view_left, edge = window[0] / dpp, window[1] / dpp
    changed: dict[int, PlacedMark] = {}
    for n, mark in enumerate(layout.marks):
        if not mark.label or mark.label_left or not mark.title:
            continue
        x0, x1 = mark.span_px(dpp)
        if not view_left < x0 < edge:
            continue  # its left side is out of view: nowhere better to go
        if mark.label_inside:
            room_now = min(x1, edge) - max(x0, view_left) - 2 * pad
        else:
            beside = mark.label_span_px(dpp, gap)
            assert beside is not None
            room_now = edge - beside[0]
        now = (
            mark.label
            if measure(mark.label) <= room_now
            else shorten(mark.label, room_now, measure)
        )
        if now == mark.title:
            continue
        occupied = [
            span
            for other in layout.marks
            if other is not mark and _same_row(other, mark)
            for span in _spans_of(layout, other)
        ]
        left_limit = max((b for a, b in occupied if b <= x0), default=float("-inf"))
        room = x0 - gap - max(left_limit + layout.style.row_gap, view_left)
        flipped = mark.title if measure(mark.title) <= room else shorten(mark.title, room, measure)
        inside = ""
        if not mark.is_point and not mark.label_inside:  # or inside the bar's visible part
            inside_room = min(x1, edge) - max(x0, view_left) - 2 * pad
            inside = shorten(mark.title, inside_room, measure) if inside_room > 0 else ""
        if len(inside) > max(len(flipped), len(now)):
            changed[n] = replace(mark, label=inside, label_width=measure(inside), label_inside=True)
        elif len(flipped) > len(now):
            changed[n] = _with_label(mark, flipped, measure(flipped))
    if not changed:
        return layout
    marks = tuple(changed.get(n, m) for n, m in enumerate(layout.marks))
    return MarksLayout(
        layout.lanes, layout.boxes, marks, layout.span, layout.days_per_pixel, layout.style
    )


def _same_row(a: PlacedMark, b: PlacedMark) -> bool:
    """State rows and dated rows are counted apart: row 0 of each is a different line."""
    return (
        a.lane == b.lane
        and a.row == b.row
        and (a.kind is MarkKind.STATE) == (b.kind is MarkKind.STATE)
    )


def _spans_of(layout: MarksLayout, mark: PlacedMark) -> list[tuple[float, float]]:
    return [(left, right) for left, _top, right, _bottom in layout.rects(mark)]


def _with_label(mark: PlacedMark, label: str, width: float) -> PlacedMark:
    return replace(mark, label=label, label_width=width, label_inside=False, label_left=True)
