"""Pure timeline geometry: lane order, date ticks and per-window edge weights (where
each mark and its title go is ``timeline_app.mark_layout``).

Everything here is numbers in, numbers out, unit-tested without Qt. Time is in
day numbers (days since 1970-01-01, see ``timeline_app.dates``); the views map
days to pixels.
"""

from __future__ import annotations

import calendar
import functools
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
    """Node sizes of the relationship panel: events per actor (each event once). Only
    actors on a lane count: a subject alone would be a node without edges."""
    return WindowIndex(events, lambda e: {code for pair in e.pairs for code in (pair.a, pair.b)})


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


@functools.lru_cache(maxsize=4096)
def score_rgb(score: float) -> tuple[int, int, int]:
    """The score ramp for one score (exact, no lookup table; kept per score, as every
    frame paints each event's score band)."""
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
