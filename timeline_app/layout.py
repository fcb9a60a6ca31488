"""Pure timeline geometry: lanes, stacking, date ticks and per-window edge weights.

Everything here is numbers in, numbers out, unit-tested without Qt. Time is in
day numbers (days since 1970-01-01, see ``timeline_app.dates``); the views map
days to pixels.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

from timeline_app.dates import from_day, to_day
from timeline_app.domain import Event, Pair

K = TypeVar("K")

# -- lanes --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """One event drawn on one lane."""

    event_index: int  # index into the events given to ``layout_marks``
    lane: int
    start: float  # day number of the first covered day
    end: float  # day number just past the last covered day
    row: int  # stacking row inside the lane, 0 at the lane's baseline
    is_point: bool  # a single day: drawn as a symbol, not a bar
    multilateral: bool  # the event has more than two actors (it is on several lanes)


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    lanes: tuple[Pair, ...]
    marks: tuple[Mark, ...]
    rows_per_lane: tuple[int, ...]
    span: tuple[float, float]  # first and last day covered by any event (half-open end)

    def marks_on_lane(self, lane: int) -> list[Mark]:
        return [m for m in self.marks if m.lane == lane]


def order_lanes(
    events: Sequence[Event], extra: Mapping[Pair, int] | None = None
) -> tuple[Pair, ...]:
    """Lanes, busiest first (the relationships the data says most about), then by name.

    ``extra`` adds counts from elsewhere (bulk events) so their lanes sort in too.
    """
    counts: dict[Pair, int] = defaultdict(int)
    for event in events:
        for pair in event.pairs:
            counts[pair] += 1
    for pair, count in (extra or {}).items():
        counts[pair] += count
    return tuple(sorted(counts, key=lambda p: (-counts[p], p.key)))


def layout_marks(
    events: Sequence[Event],
    days_per_pixel: float,
    point_width_px: float = 14.0,
    lanes: Sequence[Pair] | None = None,
) -> TimelineLayout:
    """Place each event on each of its lanes, stacking marks that would overlap.

    Overlap is judged in pixels at the current zoom (``days_per_pixel``): a point
    takes ``point_width_px`` on screen, a bar takes its extent plus a small gap,
    so marks that would touch go to the next row. Greedy interval packing keeps the
    result deterministic: events are placed in (start, end, id) order.
    """
    lane_order = tuple(lanes) if lanes is not None else order_lanes(events)
    lane_index = {pair: i for i, pair in enumerate(lane_order)}
    point_days = point_width_px * days_per_pixel
    gap_days = 3.0 * days_per_pixel
    order = sorted(
        range(len(events)),
        key=lambda i: (events[i].when.start_day, events[i].when.end_day, events[i].id),
    )
    row_ends: dict[int, list[float]] = defaultdict(list)
    marks: list[Mark] = []
    first, last = np.inf, -np.inf
    for i in order:
        event = events[i]
        start, end = float(event.when.start_day), float(event.when.end_day)
        first, last = min(first, start), max(last, end)
        is_point = event.when.is_point
        if is_point:
            centre = start + 0.5
            occupied = (centre - point_days / 2, centre + point_days / 2)
        else:
            occupied = (start, max(end, start + point_days))
        for pair in event.pairs:
            lane = lane_index.get(pair)
            if lane is None:
                continue
            ends = row_ends[lane]
            row = next((r for r, e in enumerate(ends) if e + gap_days <= occupied[0]), len(ends))
            if row == len(ends):
                ends.append(occupied[1])
            else:
                ends[row] = occupied[1]
            marks.append(Mark(i, lane, start, end, row, is_point, len(event.actors) > 2))
    rows = tuple(max(1, len(row_ends[i])) for i in range(len(lane_order)))
    span = (float(first), float(last)) if marks else (0.0, 0.0)
    return TimelineLayout(lane_order, tuple(marks), rows, span)


def mark_at(
    layout: TimelineLayout,
    day: float,
    lane_y: float,
    days_per_pixel: float,
    lane_height: float = 1.0,
    point_width_px: float = 14.0,
) -> Mark | None:
    """The mark under a point given in (day, lane units); lane ``i`` spans y in [i, i+1)."""
    lane = int(np.floor(lane_y))
    if not 0 <= lane < len(layout.lanes):
        return None
    rows = layout.rows_per_lane[lane]
    row_height = lane_height * ROW_BAND / max(rows, 1)
    row = int((lane_y - lane - ROW_MARGIN) / row_height) if lane_y - lane >= ROW_MARGIN else -1
    slack = point_width_px / 2 * days_per_pixel
    best: tuple[float, Mark] | None = None
    for mark in layout.marks:
        if mark.lane != lane or mark.row != row:
            continue
        if mark.is_point:
            distance = abs(day - (mark.start + 0.5))
            hit = distance <= slack
        else:
            distance = (
                0.0
                if mark.start <= day < mark.end
                else min(abs(day - mark.start), abs(day - mark.end))
            )
            hit = distance <= 3 * days_per_pixel
        if hit and (best is None or distance < best[0]):
            best = (distance, mark)
    return best[1] if best else None


# Inside a lane of height 1: marks use the band [ROW_MARGIN, ROW_MARGIN + ROW_BAND);
# the score band sits below the marks.
ROW_MARGIN = 0.22
ROW_BAND = 0.68


def row_centre(lane: int, row: int, rows: int) -> float:
    """Vertical centre of a stacking row, in lane units (lane ``i`` spans [i, i+1))."""
    height = ROW_BAND / max(rows, 1)
    return lane + ROW_MARGIN + (row + 0.5) * height


# -- date ticks -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tick:
    day: int
    label: str
    major: bool


_MONTH_STEPS = (1, 2, 3, 6)
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)
_DAY_STEPS = (1, 2, 7, 14)


def _year_ticks(lo: date, hi: date, step: int) -> list[Tick]:
    first = (lo.year // step) * step
    return [
        Tick(to_day(date(y, 1, 1)), str(y), True)
        for y in range(first, hi.year + 1, step)
        if 1 <= y <= 9999 and date(y, 1, 1) >= lo
    ]


def _month_ticks(lo: date, hi: date, step: int) -> list[Tick]:
    ticks: list[Tick] = []
    year, month = lo.year, 1
    while (year, month) <= (hi.year, hi.month):
        d = date(year, month, 1)
        if lo <= d and (month - 1) % step == 0:
            label = str(year) if month == 1 else calendar.month_abbr[month]
            ticks.append(Tick(to_day(d), label, month == 1))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return ticks


def _day_ticks(lo: date, hi: date, step: int) -> list[Tick]:
    ticks: list[Tick] = []
    for day in range(to_day(lo), to_day(hi) + 1):
        d = from_day(day)
        if d.day == 1:
            label = f"{calendar.month_abbr[d.month]} {d.year}" if d.month != 1 else str(d.year)
            ticks.append(Tick(day, label, True))
        elif (d.day - 1) % step == 0 and d.day <= 29 - step // 2:
            ticks.append(Tick(day, str(d.day), False))
    return ticks


def date_ticks(first_day: float, last_day: float, max_ticks: int = 10) -> list[Tick]:
    """Readable ticks for any window from centuries down to days, any year 1-9999.

    Picks the finest step (days, months or years) that yields at most
    ``max_ticks`` ticks. Labels: years as ``1960``; months as ``Sep`` with the year
    at January; days as ``14`` with the month at the 1st.
    """
    lo_day = max(first_day, to_day(date(1, 1, 1)))
    hi_day = min(last_day, to_day(date(9999, 12, 31)))
    if hi_day <= lo_day:
        return []
    lo, hi = from_day(int(np.ceil(lo_day))), from_day(int(np.floor(hi_day)))
    span_days = hi_day - lo_day
    max_ticks = max(max_ticks, 2)
    for step in _DAY_STEPS:
        if span_days / step <= max_ticks:
            return _day_ticks(lo, hi, step)
    for step in _MONTH_STEPS:
        if span_days / (30.4 * step) <= max_ticks:
            return _month_ticks(lo, hi, step)
    for step in _YEAR_STEPS:
        if span_days / (365.25 * step) <= max_ticks:
            return _year_ticks(lo, hi, step)
    step = int(10 ** np.ceil(np.log10(span_days / 365.25 / max_ticks)))
    return _year_ticks(lo, hi, step)


# -- per-window edge weights ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EdgeWeight:
    count: int
    score_sum: float

    @property
    def mean_score(self) -> float:
        return self.score_sum / self.count if self.count else 0.0


def strongest_ties(
    weights: Mapping[Pair, EdgeWeight], limit: int, keep: Iterable[Pair] = ()
) -> dict[Pair, EdgeWeight]:
    """At most ``limit`` ties, the most events first (then by name), plus any in ``keep``
    (a focused tie stays drawn): a panel of hundreds of bulk ties is a hairball."""
    if len(weights) <= limit:
        return dict(weights)
    ranked = sorted(weights, key=lambda p: (-weights[p].count, p.key))[:limit]
    chosen = set(ranked) | {p for p in keep if p in weights}
    return {p: weights[p] for p in sorted(chosen, key=lambda p: (-weights[p].count, p.key))}


class WindowIndex(Generic[K]):
    """Per-key sorted start and end days with cumulative score sums.

    A window query is two ``searchsorted`` calls per key: the events overlapping
    ``[lo, hi)`` are those starting before ``hi`` minus those ending at or before
    ``lo``. No SQL, no loop over events, whatever the number of events.
    """

    def __init__(self, events: Iterable[Event], keys_of: Callable[[Event], Iterable[K]]) -> None:
        starts: dict[K, list[tuple[float, float]]] = defaultdict(list)
        ends: dict[K, list[tuple[float, float]]] = defaultdict(list)
        for event in events:
            for key in keys_of(event):
                starts[key].append((event.when.start_day, event.score))
                ends[key].append((event.when.end_day, event.score))
        self._keys = tuple(starts)
        self._by_start = {key: _sorted_cumulative(starts[key]) for key in self._keys}
        self._by_end = {key: _sorted_cumulative(ends[key]) for key in self._keys}

    @property
    def keys(self) -> tuple[K, ...]:
        return self._keys

    def window(self, lo: float, hi: float) -> dict[K, EdgeWeight]:
        """Count and score sum of each key's events overlapping ``[lo, hi)``."""
        result: dict[K, EdgeWeight] = {}
        for key in self._keys:
            start_days, start_cum = self._by_start[key]
            end_days, end_cum = self._by_end[key]
            n_started = int(np.searchsorted(start_days, hi, side="left"))
            n_ended = int(np.searchsorted(end_days, lo, side="right"))
            count = n_started - n_ended
            if count > 0:
                result[key] = EdgeWeight(count, float(start_cum[n_started] - end_cum[n_ended]))
        return result


def pair_index(events: Iterable[Event]) -> WindowIndex[Pair]:
    """Edge weights of the relationship panel: one key per lane."""
    return WindowIndex(events, lambda e: e.pairs)


def actor_index(events: Iterable[Event]) -> WindowIndex[str]:
    """Node sizes of the relationship panel: events per actor (each event once)."""
    return WindowIndex(events, lambda e: set(e.actor_codes))


def _sorted_cumulative(
    items: list[tuple[float, float]],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    arr = np.array(sorted(items), dtype=np.float64).reshape(-1, 2)
    cumulative = np.concatenate([[0.0], np.cumsum(arr[:, 1])])
    return arr[:, 0], cumulative


# -- relationship panel -----------------------------------------------------------


# The score ramp: red (conflict) through grey (neutral) to green (cooperation).
SCORE_CONFLICT_RGB = (200, 40, 40)
SCORE_NEUTRAL_RGB = (150, 150, 150)
SCORE_COOPERATION_RGB = (30, 150, 70)


def _score_ramp_exact(scores: npt.ArrayLike) -> npt.NDArray[np.uint8]:
    values = np.nan_to_num(np.asarray(scores, dtype=np.float64), nan=0.0)
    t = np.clip((values + 10.0) / 20.0, 0.0, 1.0)[:, None]
    conflict, neutral, cooperation = (
        np.array(c, dtype=np.float64)
        for c in (SCORE_CONFLICT_RGB, SCORE_NEUTRAL_RGB, SCORE_COOPERATION_RGB)
    )
    low = conflict + (neutral - conflict) * (t / 0.5)
    high = neutral + (cooperation - neutral) * ((t - 0.5) / 0.5)
    return np.rint(np.where(t < 0.5, low, high)).astype(np.uint8)


# 201 steps of 0.1 between -10 and +10: a lookup is much cheaper per frame than the blend.
_SCORE_LUT = _score_ramp_exact(np.linspace(-10.0, 10.0, 201))


def score_ramp_rgb(scores: npt.ArrayLike) -> npt.NDArray[np.uint8]:
    """Vectorised score ramp: an (n, 3) array of RGB for -10..+10 scores (NaN -> neutral),
    to the nearest 0.1 of a point."""
    values = np.nan_to_num(np.asarray(scores, dtype=np.float64), nan=0.0)
    steps = np.clip(np.rint((values + 10.0) * 10.0), 0, 200).astype(np.intp)
    return _SCORE_LUT[steps]


def score_rgb(score: float) -> tuple[int, int, int]:
    """The score ramp for one score (exact, no lookup table)."""
    r, g, b = (int(v) for v in _score_ramp_exact([score])[0])
    return r, g, b


def score_colour_fraction(score: float) -> float:
    """Map a -10..+10 score to 0..1 (0 conflict, 0.5 neutral, 1 cooperation)."""
    return float(np.clip((score + 10.0) / 20.0, 0.0, 1.0))


def edge_width(count: int, max_count: int, thinnest: float = 1.5, widest: float = 9.0) -> float:
    """Edge width grows with the square root of the event count (area-like perception)."""
    if count <= 0 or max_count <= 0:
        return 0.0
    return thinnest + (widest - thinnest) * float(np.sqrt(count / max_count))
