"""Which time window shows a set of events: the rules behind "views frame what you ask for".

Pure functions of the events' dates (day numbers, half-open ``[lo, hi)``), shared by the
window's first view, a search or filter that frames its matches, and ``export-image``
without ``--from``/``--to``, so the screen and a default figure agree.

The *dense period* is the shortest run of time holding most (``DENSE_SHARE``) of the
events, rounded out to whole years. On the bundled seeds that is 2016-2022: the few
events of 1960-2013 would otherwise squeeze the years the articles are about into a
small part of the screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date

from timeline_app.dates import from_day, to_day
from timeline_app.domain import Event

Window = tuple[float, float]
Span = tuple[float, float]  # [start day, end day) of one event

DENSE_SHARE = 0.9
# Up to this many events are all framed: with so few, none is an outlier.
FEW_EVENTS = 5
# A span longer than this is framed by its start (its bar runs on past the edge);
# a shorter one (a month, a year, a visit of a few weeks) is framed whole.
LONG_SPAN_DAYS = 2 * 366
# With no events at all, show a wide modern window rather than nothing.
EMPTY_WINDOW: Window = (float(to_day(date(1960, 1, 1))), float(to_day(date(2030, 1, 1))))


def spans_of(events: Iterable[Event]) -> list[Span]:
    return [(float(e.when.start_day), float(e.when.end_day)) for e in events]


def whole_years(lo: float, hi: float) -> Window:
    """The whole calendar years covering ``[lo, hi)`` (at least one year)."""
    first = from_day(math.floor(lo)).year
    last = from_day(max(math.ceil(hi) - 1, math.floor(lo))).year
    return float(to_day(date(first, 1, 1))), float(to_day(date(last + 1, 1, 1)))


def _reach(span: Span) -> float:
    """Where a span stops counting for framing (see ``LONG_SPAN_DAYS``)."""
    start, end = span
    return end if end - start <= LONG_SPAN_DAYS else start + 1.0


def dense_stretch(spans: Sequence[Span], share: float = DENSE_SHARE) -> Window | None:
    """The shortest stretch holding ``share`` of the spans' starts (to where the last of
    them reaches); None without spans. The latest such stretch wins a tie (recent
    events matter more)."""
    if not spans:
        return None
    ordered = sorted(spans)
    n = len(ordered)
    k = n if n <= FEW_EVENTS else max(1, math.ceil(share * n))
    best = 0
    for i in range(n - k + 1):
        width = ordered[i + k - 1][0] - ordered[i][0]
        if width <= ordered[best + k - 1][0] - ordered[best][0]:
            best = i
    chosen = ordered[best : best + k]
    return chosen[0][0], max(_reach(s) for s in chosen)


def dense_period(spans: Sequence[Span], share: float = DENSE_SHARE) -> Window | None:
    """Whole years around the dense stretch (the first view: a period a reader knows)."""
    stretch = dense_stretch(spans, share)
    return None if stretch is None else whole_years(*stretch)


MATCH_MARGIN = 0.08  # of the matches' stretch, each side: titles near the ends stay in view
MIN_MATCH_DAYS = 45.0


def matches_window(spans: Sequence[Span], share: float = DENSE_SHARE) -> Window | None:
    """The dense stretch of a search's or filter's matches with a margin each side (not
    whole years: matches in December would otherwise sit at the window's very edge)."""
    stretch = dense_stretch(spans, share)
    if stretch is None:
        return None
    lo, hi = stretch
    pad = max((hi - lo) * MATCH_MARGIN, (MIN_MATCH_DAYS - (hi - lo)) / 2, 7.0)
    return lo - pad, hi + pad


def fit_window(spans: Sequence[Span]) -> Window | None:
    """Whole years around every span (the "Show them" of matches outside the window)."""
    if not spans:
        return None
    return whole_years(min(s[0] for s in spans), max(_reach(s) for s in spans))


# The first and the day after the last day a date can name (years 1 to 9999).
FIRST_DAY = float(to_day(date(1, 1, 1)))
AFTER_LAST_DAY = float(to_day(date(9999, 12, 31)) + 1)


def range_window(start: date | None, end: date | None, spans: Sequence[Span]) -> Window:
    """A date range framed exactly: ``[start, end]`` as typed. A missing side follows
    the events' dense period (or the default window without events) when that lies on
    the right side of the typed date; otherwise the dense period of the events on that
    side, and without any there a year from the typed date, so the window still ends
    (or starts) where the user said and a caller can say it holds no event, rather
    than silently showing another period."""
    dense = dense_period(spans) or EMPTY_WINDOW
    lo = float(to_day(start)) if start else None
    hi = float(to_day(end) + 1) if end else None
    if lo is None:
        lo = dense[0] if hi is None else _start_before(hi, spans, dense[0])
    if hi is None:
        hi = _end_after(lo, spans, dense[1])
    return max(lo, FIRST_DAY), min(hi, AFTER_LAST_DAY)


def _start_before(hi: float, spans: Sequence[Span], dense_start: float) -> float:
    """Where a window ending at ``hi`` starts when only its end was given."""
    if dense_start < hi:
        return dense_start
    before = dense_period([s for s in spans if s[0] < hi])
    return before[0] if before and before[0] < hi else _years_from(hi, -1)


def _years_from(day: float, years: int) -> float:
    """The same calendar day ``years`` away (28 February for a 29th), within the
    days a date can name."""
    when = from_day(min(math.floor(day), int(AFTER_LAST_DAY) - 1))
    year = when.year + years
    if year < 1:
        return FIRST_DAY
    if year > 9999:
        return AFTER_LAST_DAY
    return float(to_day(when.replace(year=year, day=min(when.day, 28 if when.month == 2 else 31))))


def _end_after(lo: float, spans: Sequence[Span], dense_end: float) -> float:
    """Where a window starting at ``lo`` ends when only its start was given."""
    if dense_end > lo:
        return dense_end
    after = dense_period([s for s in spans if _reach(s) > lo])
    return after[1] if after and after[1] > lo else _years_from(lo, 1)


def including(window: Window, span: Span | None) -> Window:
    """``window`` widened so that ``span`` starts inside it, with the same margin."""
    if span is None or window[0] <= span[0] < window[1]:
        return window
    lo, hi = min(window[0], span[0]), max(window[1], span[0] + 1.0)
    pad = (hi - lo) * MATCH_MARGIN
    return (lo - pad if lo < window[0] else lo), (hi + pad if hi > window[1] else hi)


def outside(spans: Sequence[Span], window: Window) -> int:
    """How many spans have no day inside ``window``."""
    lo, hi = window
    return sum(1 for start, end in spans if end <= lo or start >= hi)


def window_label(window: Window) -> str:
    """The visible window in words, as fine as it needs to be: ``2013 – 2022``,
    ``Nov 2021 – Feb 2022`` or ``20 Nov – 20 Dec 2021`` (the last day is ``hi - 1``)."""
    lo, hi = window
    first = from_day(max(math.floor(lo), to_day(date(1, 1, 1))))
    last = from_day(min(max(math.ceil(hi) - 1, math.floor(lo)), to_day(date(9999, 12, 31))))
    if hi - lo >= 2 * 365:
        return str(first.year) if first.year == last.year else f"{first.year} – {last.year}"
    if hi - lo >= 62:
        if first.year == last.year:
            return f"{first:%b} – {last:%b} {last.year}"
        return f"{first:%b} {first.year} – {last:%b} {last.year}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b} {last.year}"
    return f"{first.day} {first:%b} {first.year} – {last.day} {last:%b} {last.year}"
