"""``layout_timeline``: the rules of the package, applied lane by lane.

Each lane's events are split into long-running states and dated events, ranked
(``rank_key``), clustered and given rows; a lane that needs too many rows is tried
again with wider piles. The lanes are then stacked into one ``MarksLayout``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from timeline_app.dates import Precision
from timeline_app.domain import Event, Pair
from timeline_app.mark_layout.clusters import pile_candidates
from timeline_app.mark_layout.marks import LaneBox, MarksLayout, PlacedMark, Style
from timeline_app.mark_layout.rows import place_rows, place_states
from timeline_app.mark_layout.titles import Measure

STATE_MIN_DAYS = 1826.0  # five years or more: a standing relationship, not a dated happening
MAX_ROWS = 6  # a lane taller than this clusters more (see ``layout_timeline``)
_CLUSTER_WIDENING = (1, 2, 4, 8, 16, 32, 64)  # pile widths tried, in symbol widths
DEFAULT_STYLE = Style()  # the screen's sizes; an export passes its scaled ones
COARSE_SHARE = 0.5  # in a figure, an imprecise date covering this much of the window is a state


def rank_key(
    event: Event, selected: str | None, first: Collection[str] = ()
) -> tuple[bool, float, int, float, str]:
    """What an analyst wants labelled first: the selection (and in a figure the pinned
    events, ``first``), then the strongest score (either way), then the best-sourced,
    then the earliest."""
    return (
        event.id != selected and event.id not in first,
        -abs(event.score),
        -len(event.citations),
        float(event.when.start_day),
        event.id,
    )


def coarse_for_window(event: Event, window: tuple[float, float]) -> bool:
    """A date much coarser than a figure's window: a span to the month or year, or one
    the sources only imply, that covers at least ``COARSE_SHARE`` of the window (the
    "c. Nov–Dec 2021" talks across a three-week window). It says little about when
    within the window, so it should not take a titled row ahead of dated events."""
    when = event.when
    if when.is_point or (when.precision is Precision.DAY and not when.approximate):
        return False
    lo, hi = window
    covered = min(float(when.end_day), hi) - max(float(when.start_day), lo)
    return hi > lo and covered >= COARSE_SHARE * (hi - lo)


def layout_timeline(
    events: Sequence[Event],
    lanes: Sequence[Pair],
    days_per_pixel: float,
    measure: Measure,
    *,
    selected: str | None = None,
    measure_small: Measure | None = None,
    titles: Sequence[str] | None = None,
    max_rows: int | None = MAX_ROWS,
    cluster_same_day: bool = False,
    cluster_title: Callable[[Sequence[int]], str] | None = None,
    bulk_lanes: Collection[int] = (),
    style: Style = DEFAULT_STYLE,
    ranked_first: Collection[str] = (),
    state_ids: Collection[str] = (),
    pile_limit: int | None = None,
) -> MarksLayout:
    """Place every event on each of its lanes (see the module's rules).

    ``measure`` gives the width of a title in the label font; ``measure_small`` that
    of a state's title (a smaller font; ``measure`` by default). ``titles`` replaces
    the events' own titles (one per event, e.g. with a note number in front), and
    ``cluster_title`` the title of a cluster of the events at these indices. Lanes in
    ``bulk_lanes`` get a strip for their bulk events under their rows.

    A lane that needs more than ``max_rows`` rows is laid out again with wider piles
    (two, four ... symbol widths), each pile of two or more a cluster, and the layout
    with the fewest rows is kept (the first, on a tie): a sensible limit on lane height
    that still separates as you zoom in. Events all on one day are clustered then only
    with ``cluster_same_day`` (a figure); on screen they stack, and zooming shows them.

    Figures only: ``ranked_first`` ranks these event ids first (pinned, selected); ``state_ids``
    puts these events in the state rows whatever their length; ``pile_limit`` lets a
    pile of marks stack up to that many rows (best-ranked first) before the rest of it
    becomes one cluster, where the screen clusters a pile of more than ``STACK_LIMIT``.
    """
    names = list(titles) if titles is not None else [e.title for e in events]
    # Read once: a date's day numbers are computed, and every widening reads them again.
    days = [(float(e.when.start_day), float(e.when.end_day)) for e in events]
    ranks = [rank_key(e, selected, ranked_first) for e in events]
    dpp = max(days_per_pixel, 1e-9)
    small = measure_small or measure
    lane_index = {pair: i for i, pair in enumerate(lanes)}
    per_lane: dict[int, list[int]] = defaultdict(list)
    first, last = float("inf"), float("-inf")
    for i, event in enumerate(events):
        first = min(first, days[i][0])
        last = max(last, days[i][1])
        for pair in event.pairs:
            lane = lane_index.get(pair)
            if lane is not None:
                per_lane[lane].append(i)
    marks: list[PlacedMark] = []
    boxes: list[LaneBox] = []
    top = 0.0
    for lane in range(len(lanes)):
        states: list[int] = []
        dated: list[int] = []
        for i in per_lane.get(lane, []):
            span = days[i][1] - days[i][0]
            as_state = span >= STATE_MIN_DAYS or events[i].id in state_ids
            (states if as_state else dated).append(i)
        state_marks, state_rows = place_states(
            events, names, states, lane, dpp, small, ranks, style
        )
        best: tuple[list[PlacedMark], int] | None = None
        # A figure first tries its stacks, then the screen's rule, then wider piles.
        attempts: list[tuple[int, int | None]] = [(1, pile_limit)] if pile_limit else []
        attempts += [(widening, None) for widening in _CLUSTER_WIDENING]
        for widening, stack in attempts:
            candidates = pile_candidates(
                events, names, days, ranks, dated, dpp, measure, selected, style, widening,
                cluster_same_day, cluster_title, stack,
            )  # fmt: skip
            found = place_rows(candidates, lane, dpp, measure, style)
            if best is None or found[1] < best[1]:
                best = found
            if max_rows is None or best[1] <= max_rows:
                break
        assert best is not None  # _CLUSTER_WIDENING is not empty
        dated_marks, rows = best
        bulk = style.bulk_row if lane in bulk_lanes else 0.0
        # A lane of states (or of bulk events) only needs no empty row of dated marks.
        rows = rows if rows or state_rows or bulk else 1
        height = style.pad_top + state_rows * style.state_row
        height += rows * style.row + bulk + style.pad_bottom
        rows_top = top + style.pad_top + state_rows * style.state_row
        for m in state_marks:
            marks.append(_at(m, top + style.pad_top + (m.row + 0.5) * style.state_row))
        for m in dated_marks:
            marks.append(_at(m, rows_top + (m.row + 0.5) * style.row))
        boxes.append(LaneBox(top, height, state_rows, rows, bulk))
        top += height
    covered = (first, last) if events else (0.0, 0.0)
    return MarksLayout(tuple(lanes), tuple(boxes), tuple(marks), covered, dpp, style)


def _at(mark: PlacedMark, y: float) -> PlacedMark:
    return replace(mark, y=y)
