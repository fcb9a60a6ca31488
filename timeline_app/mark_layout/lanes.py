"""``layout_timeline``: the rules of the package, applied lane by lane.

Each lane's events are split into long-running states and dated events, ranked
(``rank_key``), clustered and given rows; a lane that needs too many rows is tried
again with wider piles. The lanes are then stacked into one ``MarksLayout``. A figure
may give a height for all the lanes together (``fit_height``): the lanes then share
the rows it holds by need (``_share_rows``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace

from timeline_app.dates import Precision
from timeline_app.domain import Event, Pair
from timeline_app.mark_layout.clusters import Candidate, Rank, pile_candidates
from timeline_app.mark_layout.marks import LaneBox, MarkKind, MarksLayout, PlacedMark, Style
from timeline_app.mark_layout.rows import View, place_rows, place_states
from timeline_app.mark_layout.shedding import shedding_attempts, titles_follow_rank
from timeline_app.mark_layout.titles import Measure

STATE_MIN_DAYS = 1826.0  # five years or more: a standing relationship, not a dated happening
MAX_ROWS = 6  # a lane taller than this clusters more (see ``layout_timeline``)
_CLUSTER_WIDENING = (1, 2, 4, 8, 16, 32, 64)  # pile widths tried, in symbol widths
DEFAULT_STYLE = Style()  # the screen's sizes; an export passes its scaled ones
COARSE_SHARE = 0.5  # in a figure, an imprecise date covering this much of the window is a state

RowLimit = int | None  # most rows of dated marks a lane should take (None: as many as it needs)


def rank_key(event: Event, selected: str | None, first: Collection[str] = ()) -> Rank:
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


@dataclass(frozen=True)
class _Inputs:
    """What every lane's placing reads, computed once for the whole layout."""

    events: Sequence[Event]
    names: Sequence[str]
    days: Sequence[tuple[float, float]]
    ranks: Sequence[Rank]
    dpp: float
    measure: Measure
    small: Measure
    selected: str | None
    style: Style
    cluster_same_day: bool
    cluster_title: Callable[[Sequence[int]], str] | None
    pile_limit: int | None
    shed_by_rank: bool
    view: View  # a figure's edges in pixels: titles stay inside them


@dataclass(frozen=True)
class _Lane:
    """One lane's marks before stacking (y still 0) and the rows they take."""

    states: list[PlacedMark]
    state_rows: int
    dated: list[PlacedMark]
    rows: int
    bulk: float

    @property
    def titled(self) -> int:
        """Events that carry a title of their own (whole or shortened)."""
        return sum(1 for m in self.dated if m.kind is MarkKind.EVENT and m.label)

    def height(self, style: Style) -> float:
        return (
            style.pad_top + self.state_rows * style.state_row
            + self.rows * style.row + self.bulk + style.pad_bottom
        )  # fmt: skip


def layout_timeline(
    events: Sequence[Event],
    lanes: Sequence[Pair],
    days_per_pixel: float,
    measure: Measure,
    *,
    selected: str | None = None,
    measure_small: Measure | None = None,
    titles: Sequence[str] | None = None,
    max_rows: RowLimit | Sequence[RowLimit] = MAX_ROWS,
    cluster_same_day: bool = False,
    cluster_title: Callable[[Sequence[int]], str] | None = None,
    bulk_lanes: Collection[int] = (),
    style: Style = DEFAULT_STYLE,
    ranked_first: Collection[str] = (),
    state_ids: Collection[str] = (),
    pile_limit: int | None = None,
    fit_height: float | None = None,
    min_rows: int = 1,
    shed_by_rank: bool = False,
    view: tuple[float, float] | None = None,
) -> MarksLayout:
    """Place every event on each of its lanes (see the module's rules).

    ``measure`` gives the width of a title in the label font; ``measure_small`` that
    of a state's title (a smaller font; ``measure`` by default). ``titles`` replaces
    the events' own titles (one per event, e.g. with a note number in front), and
    ``cluster_title`` the title of a cluster of the events at these indices. Lanes in
    ``bulk_lanes`` get a strip for their bulk events under their rows.

    A lane that needs more than ``max_rows`` rows (one limit for all lanes, or one per
    lane) is laid out again with wider piles (two, four ... symbol widths), each pile
    of two or more a cluster, and the layout with the fewest rows is kept (the first,
    on a tie): a sensible limit on lane height that still separates as you zoom in.
    Events all on one day are clustered then only with ``cluster_same_day`` (a figure);
    on screen they stack, and zooming shows them.

    Figures only: ``ranked_first`` ranks these event ids first (pinned, selected); ``state_ids``
    puts these events in the state rows whatever their length; ``pile_limit`` lets a
    pile of marks stack up to that many rows (best-ranked first, and never more than
    the lane's limit) before the rest of it becomes one cluster, where the screen
    clusters a pile of more than ``STACK_LIMIT``. With ``fit_height`` the lanes share
    that height by need: the lane with the most rows gives up one row at a time (no
    lane below ``min_rows``) until all fit or none can give more. With ``shed_by_rank`` a
    lane short of rows sheds its lowest-ranked events first (see ``shedding``) instead of
    piling: its other events stack as deep as they need, and no event is left without
    its title while a lower-ranked one of its lane keeps one. ``view`` (a figure's window,
    in days) puts a title that would run past its right edge left of its mark where the
    row has room there, so the rows count the room where titles are drawn.
    """
    names = list(titles) if titles is not None else [e.title for e in events]
    # Read once: a date's day numbers are computed, and every widening reads them again.
    days = [(float(e.when.start_day), float(e.when.end_day)) for e in events]
    dpp = max(days_per_pixel, 1e-9)
    inputs = _Inputs(
        events, names, days, [rank_key(e, selected, ranked_first) for e in events],
        dpp, measure, measure_small or measure, selected, style,
        cluster_same_day, cluster_title, pile_limit, shed_by_rank,
        (view[0] / dpp, view[1] / dpp) if view is not None else None,
    )  # fmt: skip
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
    limits = list(max_rows) if isinstance(max_rows, Sequence) else [max_rows] * len(lanes)
    layers: list[Callable[[RowLimit], _Lane]] = []
    for lane in range(len(lanes)):
        states: list[int] = []
        dated: list[int] = []
        for i in per_lane.get(lane, []):
            span = days[i][1] - days[i][0]
            as_state = span >= STATE_MIN_DAYS or events[i].id in state_ids
            (states if as_state else dated).append(i)
        state_marks, state_rows = place_states(
            events, names, states, lane, inputs.dpp, inputs.small, inputs.ranks, style
        )
        bulk = style.bulk_row if lane in bulk_lanes else 0.0
        layers.append(_lane_layer(inputs, lane, dated, state_marks, state_rows, bulk))
    laid = [lay(limit) for lay, limit in zip(layers, limits, strict=True)]
    if fit_height is not None:
        laid = _share_rows(layers, laid, fit_height, min_rows, style)
    covered = (first, last) if events else (0.0, 0.0)
    return _stack(lanes, laid, covered, inputs.dpp, style)


def _lane_layer(
    inputs: _Inputs,
    lane: int,
    dated: list[int],
    state_marks: list[PlacedMark],
    state_rows: int,
    bulk: float,
) -> Callable[[RowLimit], _Lane]:
    """The lane laid out for a row limit (its states do not depend on the limit)."""
    shedding = _Shedding(inputs, lane, dated) if inputs.shed_by_rank else None

    def lay(limit: RowLimit) -> _Lane:
        if shedding is not None:
            marks, rows = shedding.fewest_shed(limit)
        else:
            marks, rows = _place_dated(inputs, lane, dated, limit)
        # A lane of states (or of bulk events) only needs no empty row of dated marks.
        rows = rows if rows or state_rows or bulk else 1
        return _Lane(state_marks, state_rows, marks, rows, bulk)

    return lay


def _place_dated(
    inputs: _Inputs, lane: int, dated: list[int], limit: RowLimit
) -> tuple[list[PlacedMark], int]:
    """The lane's dated marks in at most ``limit`` rows if any way of piling them fits
    (else in the fewest rows found). A figure first tries its stacks, deepest first
    (a deep pile keeps its best-ranked events titled, one fewer per try), then the
    screen's rule, then wider piles."""
    stack = inputs.pile_limit
    if stack is not None and limit is not None:
        stack = min(stack, limit)
    attempts: list[tuple[int, int | None]] = []
    if stack:
        attempts += [(1, depth) for depth in range(stack, 0, -1)]
    attempts += [(widening, None) for widening in _CLUSTER_WIDENING]
    best: tuple[list[PlacedMark], int] | None = None
    for widening, depth in attempts:
        candidates = pile_candidates(
            inputs.events, inputs.names, inputs.days, inputs.ranks, dated, inputs.dpp,
            inputs.measure, inputs.selected, inputs.style, widening, inputs.cluster_same_day,
            inputs.cluster_title, depth,
        )  # fmt: skip
        found = place_rows(candidates, lane, inputs.dpp, inputs.measure, inputs.style, inputs.view)
        if best is None or found[1] < best[1]:
            best = found
        if limit is None or best[1] <= limit:
            break
    assert best is not None  # _CLUSTER_WIDENING is not empty
    return best


class _Shedding:
    """A lane's ways of shedding its lowest-ranked events, laid out once each as they
    are first needed: the row sharing asks the same lane again for one row fewer."""

    def __init__(self, inputs: _Inputs, lane: int, dated: list[int]) -> None:
        self.inputs, self.lane = inputs, lane
        stack_all = len(dated) + 1  # kept events stack as deep as they pile

        def kept(indices: list[int]) -> list[Candidate]:
            return pile_candidates(
                inputs.events, inputs.names, inputs.days, inputs.ranks, indices, inputs.dpp,
                inputs.measure, inputs.selected, inputs.style, 1, inputs.cluster_same_day,
                inputs.cluster_title, stack_all,
            )  # fmt: skip

        self.pending = shedding_attempts(
            inputs.events, inputs.names, inputs.days, inputs.ranks, dated, inputs.dpp,
            inputs.measure, inputs.style, inputs.selected, kept, inputs.cluster_title,
        )  # fmt: skip
        self.laid: list[tuple[list[PlacedMark], int]] = []  # acceptable ones, in order

    def _laid(self) -> Iterator[tuple[list[PlacedMark], int]]:
        yield from self.laid
        for candidates in self.pending:
            inputs = self.inputs
            found = place_rows(
                candidates, self.lane, inputs.dpp, inputs.measure, inputs.style, inputs.view
            )
            if titles_follow_rank(found[0], inputs.ranks):
                self.laid.append(found)
                yield found

    def fewest_shed(self, limit: RowLimit) -> tuple[list[PlacedMark], int]:
        """The first acceptable layout in at most ``limit`` rows, else the one with the
        fewest rows (the first of those)."""
        best: tuple[list[PlacedMark], int] | None = None
        for found in self._laid():
            if limit is None or found[1] <= limit:
                return found
            if best is None or found[1] < best[1]:
                best = found
        assert best is not None  # shedding every event always follows the ranks
        return best


def _share_rows(
    layers: Sequence[Callable[[RowLimit], _Lane]],
    laid: list[_Lane],
    fit_height: float,
    min_rows: int,
    style: Style,
) -> list[_Lane]:
    """Water-filling: while the lanes are taller than ``fit_height``, a lane with the
    most rows of dated marks is laid out again with one row fewer; of several such
    lanes, the one that loses the fewest titled events by it (then the later, less
    busy, lane). A lane that cannot give up a row (no piling fits fewer) or is down to
    ``min_rows`` keeps what it has; the others go on giving."""
    laid = list(laid)
    fewer: dict[int, _Lane] = {}  # each giving lane's layout with one row fewer

    def one_row_fewer(i: int) -> _Lane:
        if i not in fewer or fewer[i].rows >= laid[i].rows:
            fewer[i] = layers[i](laid[i].rows - 1)
        return fewer[i]

    fixed: set[int] = set()
    while sum(lane.height(style) for lane in laid) > fit_height:
        giving = [i for i in range(len(laid)) if i not in fixed and laid[i].rows > min_rows]
        if not giving:
            break
        most = max(laid[i].rows for i in giving)
        tied = [i for i in giving if laid[i].rows == most]
        lane = min(tied, key=lambda i: (laid[i].titled - one_row_fewer(i).titled, -i))
        trial = one_row_fewer(lane)
        if trial.rows < laid[lane].rows:
            laid[lane] = trial
        else:
            fixed.add(lane)
    return laid


def _stack(
    lanes: Sequence[Pair],
    laid: Sequence[_Lane],
    covered: tuple[float, float],
    dpp: float,
    style: Style,
) -> MarksLayout:
    """The lanes one under the other: every mark gets its y, every lane its box."""
    marks: list[PlacedMark] = []
    boxes: list[LaneBox] = []
    top = 0.0
    for lane in laid:
        height = lane.height(style)
        rows_top = top + style.pad_top + lane.state_rows * style.state_row
        for m in lane.states:
            marks.append(replace(m, y=top + style.pad_top + (m.row + 0.5) * style.state_row))
        for m in lane.dated:
            marks.append(replace(m, y=rows_top + (m.row + 0.5) * style.row))
        boxes.append(LaneBox(top, height, lane.state_rows, lane.rows, lane.bulk))
        top += height
    return MarksLayout(tuple(lanes), tuple(boxes), tuple(marks), covered, dpp, style)
