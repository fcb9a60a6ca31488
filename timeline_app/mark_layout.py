"""Where every mark and its title go on the timeline: rows, labels, clusters, lane heights.

Pure geometry with text measuring passed in, so it is unit-tested without Qt and the
painter only draws the result (the screen and the image exports alike).

Coordinates: x in day numbers (the painter maps them), y in layout pixels from the top
of the first lane; widths of symbols and titles are in pixels at ``days_per_pixel``.

The rules, in the order they apply on each lane:

1. **Long-running states** (a span of ``STATE_MIN_DAYS``, five years, or more: decades-long ties,
   memberships, programmes) go in thin state rows at the top of the lane, so they no
   longer crush the dated events.
2. **Clusters.** Point-like marks that would sit on top of one another at this zoom form
   piles; a pile of more than ``STACK_LIMIT`` events that zooming can still separate
   (they are not all on the same day) becomes one cluster mark with its count.
3. **Rows and titles.** Marks are placed in rank order (the selected event, then the
   largest absolute score, then the most sources, then the earliest): each takes the
   first row where its whole title fits beside it, else the row with the most room for
   a shortened title, else a row with room for the bare mark. Nothing placed in a row
   overlaps anything else in it, so no title covers another title or a mark.
4. **Lanes grow** with their rows, up to ``LABEL_ROWS`` rows for titled marks; bare
   marks of one same-day pile may add rows beyond that (never drawn on top of each other).

A figure (a slide cannot zoom) adds three rules: events it names in ``state_ids`` (dates
far coarser than its window, see ``coarse_for_window``) go in the thin state rows too;
events in ``ranked_first`` (pinned, selected) are ranked first; and with ``pile_limit``
a pile stacks up to that many marks, its best-ranked, and only the rest become one cluster.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date

from timeline_app.dates import Precision, from_day
from timeline_app.domain import Event, Pair

Measure = Callable[[str], float]  # text -> width in pixels

STATE_MIN_DAYS = 1826.0  # five years or more: a standing relationship, not a dated happening
STACK_LIMIT = 3  # a pile of more events than this becomes a cluster (if zoom can split it)
LABEL_ROWS = 3  # titled marks use at most this many rows per lane
MAX_ROWS = 6  # a lane taller than this clusters more (see ``layout_timeline``)
_CLUSTER_WIDENING = (1, 2, 4, 8, 16, 32, 64)  # pile widths tried, in symbol widths
STATE_LABEL_ROWS = 3
COARSE_SHARE = 0.5  # in a figure, an imprecise date covering this much of the window is a state
ELLIPSIS = "…"
MIN_LABEL_CHARS = 6  # a shortened title keeps at least this many characters


@dataclass(frozen=True, slots=True)
class Style:
    """Pixel sizes of the marks and rows (the export scales them all together)."""

    row: float = 19.0  # one row of dated marks (titles are 11 px)
    state_row: float = 13.0  # one row of long-running state bands
    pad_top: float = 4.0
    pad_bottom: float = 8.0  # room for the score band under the rows
    bulk_row: float = 19.0  # a strip of bulk-event aggregates, under the titled marks
    point_radius: float = 5.5
    bar_height: float = 14.0
    state_height: float = 10.0
    label_gap: float = 6.0  # between a mark and its title (clear of the selection ring)
    row_gap: float = 3.0  # between two things in one row
    inside_pad: float = 5.0  # a title drawn inside its bar keeps this far from the ends
    cluster_min_width: float = 22.0


class MarkKind(enum.Enum):
    EVENT = "event"
    CLUSTER = "cluster"
    STATE = "state"


@dataclass(frozen=True, slots=True)
class PlacedMark:
    """One thing drawn on one lane: an event, a long-running state or a cluster."""

    kind: MarkKind
    lane: int
    members: tuple[int, ...]  # indices into the events given to ``layout_timeline``
    start: float  # day number of the first covered day
    end: float  # day number just past the last covered day
    is_point: bool  # drawn as a symbol at its centre (a single day, or a cluster)
    row: int  # row inside its band (state rows or event rows), 0 at the top
    y: float  # vertical centre, layout pixels
    width_px: float  # symbol width for points and clusters; 0 for bars
    label: str  # the title as drawn (maybe shortened); "" when there is no room
    label_width: float
    label_inside: bool  # drawn inside the bar, from its visible start
    multilateral: bool
    label_left: bool = False  # beside the mark on its left (at the right edge of the view)
    title: str = ""  # the whole title, of which ``label`` may be a shortened part

    @property
    def event_index(self) -> int:
        return self.members[0]

    def span_px(self, days_per_pixel: float) -> tuple[float, float]:
        """Left and right of the symbol or bar, in absolute pixels (day / days_per_pixel)."""
        return _span_px(self.is_point, self.start, self.end, self.width_px, days_per_pixel)

    def label_span_px(self, days_per_pixel: float, gap: float) -> tuple[float, float] | None:
        """Where the title goes when it is beside the mark (None: no title, or inside)."""
        if not self.label or self.label_inside:
            return None
        x0, x1 = self.span_px(days_per_pixel)
        if self.label_left:
            return x0 - gap - self.label_width, x0 - gap
        return x1 + gap, x1 + gap + self.label_width


def _span_px(
    is_point: bool, start: float, end: float, width_px: float, dpp: float
) -> tuple[float, float]:
    """A mark's left and right in absolute pixels: a symbol ``width_px`` wide centred on
    its day (``start + 0.5``), or a bar over its days, at least 4 px."""
    if is_point:
        centre = (start + 0.5) / dpp
        return centre - width_px / 2, centre + width_px / 2
    x0 = start / dpp
    return x0, max(end / dpp, x0 + 4.0)


@dataclass(frozen=True, slots=True)
class LaneBox:
    top: float
    height: float
    state_rows: int
    rows: int
    bulk: float = 0.0  # height of the lane's strip of bulk events (0: none)

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class MarksLayout:
    lanes: tuple[Pair, ...]
    boxes: tuple[LaneBox, ...]
    marks: tuple[PlacedMark, ...]
    span: tuple[float, float]  # first and last day covered by any event (half-open end)
    days_per_pixel: float
    style: Style

    @property
    def height(self) -> float:
        return self.boxes[-1].bottom if self.boxes else 0.0

    def lane_at(self, y: float) -> int | None:
        for i, box in enumerate(self.boxes):
            if box.top <= y < box.bottom:
                return i
        return None

    def label_y(self, lane: int) -> float:
        """Where the lane's name goes: beside its first row of dated marks."""
        box = self.boxes[lane]
        s = self.style
        first_row = box.top + s.pad_top + box.state_rows * s.state_row + s.row / 2
        return min(first_row, box.top + box.height / 2)

    def rows_band(self, lane: int) -> tuple[float, float]:
        """Top and bottom of the lane's rows (states and events), above the bulk strip."""
        box = self.boxes[lane]
        return box.top + self.style.pad_top, box.bottom - self.style.pad_bottom - box.bulk

    def bulk_band(self, lane: int) -> tuple[float, float]:
        """Top and bottom of the lane's strip of bulk events (empty when it has none):
        under the titled marks, so aggregates never sit behind a title."""
        box = self.boxes[lane]
        bottom = box.bottom - self.style.pad_bottom
        return bottom - box.bulk, bottom

    def score_band_y(self, lane: int) -> float:
        return self.boxes[lane].bottom - self.style.pad_bottom + 3.0

    def mark_height(self, mark: PlacedMark) -> float:
        s = self.style
        if mark.kind is MarkKind.STATE:
            return s.state_height
        if mark.kind is MarkKind.CLUSTER:
            return s.bar_height
        return 2 * s.point_radius if mark.is_point else s.bar_height

    def rects(self, mark: PlacedMark) -> list[tuple[float, float, float, float]]:
        """(left, top, right, bottom) in absolute pixels of the mark and of its title beside
        it: what tests check for overlaps and what hit testing uses."""
        x0, x1 = mark.span_px(self.days_per_pixel)
        h = self.mark_height(mark)
        out = [(x0, mark.y - h / 2, x1, mark.y + h / 2)]
        beside = mark.label_span_px(self.days_per_pixel, self.style.label_gap)
        if beside is not None:
            text_h = min(self.style.row - 6.0, 14.0)
            out.append((beside[0], mark.y - text_h / 2, beside[1], mark.y + text_h / 2))
        return out

    def mark_at(self, day: float, y: float, slack_px: float = 3.0) -> PlacedMark | None:
        """The mark (or the title of the mark) under a point in (day, layout pixels)."""
        lane = self.lane_at(y)
        if lane is None:
            return None
        x = day / self.days_per_pixel
        best: tuple[float, PlacedMark] | None = None
        for mark in self.marks:
            if mark.lane != lane:
                continue
            for left, top, right, bottom in self.rects(mark):
                if top - slack_px <= y <= bottom + slack_px:
                    distance = 0.0 if left <= x <= right else min(abs(x - left), abs(x - right))
                    if distance <= slack_px and (best is None or distance < best[0]):
                        best = (distance, mark)
        return best[1] if best else None


# -- placing ------------------------------------------------------------------------


class _Row:
    """Occupied pixel intervals of one row, kept sorted by their left end."""

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []

    def free(self, left: float, right: float, gap: float) -> bool:
        return all(right + gap <= a or left >= b + gap for a, b in self.spans)

    def room_after(self, left: float, x: float, gap: float) -> float:
        """Free width from ``x`` to the next occupied span (``left`` is the mark's own left)."""
        nxt = min((a for a, _ in self.spans if a >= left), default=float("inf"))
        return nxt - gap - x

    def take(self, left: float, right: float) -> None:
        self.spans.append((left, right))
        self.spans.sort()


def shorten(text: str, width: float, measure: Measure) -> str:
    """The longest prefix of ``text`` (plus an ellipsis) that fits ``width``; "" if even
    ``MIN_LABEL_CHARS`` characters do not fit."""
    if measure(text) <= width:
        return text
    lo, hi = MIN_LABEL_CHARS, len(text) - 1
    if hi < lo or measure(text[:lo].rstrip() + ELLIPSIS) > width:
        return ""
    while lo < hi:  # the largest k whose prefix fits
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


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


def cluster_label(events: Sequence[Event]) -> str:
    """``6 events · 6 Dec 2021``; the date is the period they share (day, month, year)."""
    first = from_day(min(e.when.start_day for e in events))
    last = from_day(max(e.when.end_day for e in events) - 1)
    return f"{len(events)} events · {_shared_period(first, last)}"


def _shared_period(first: date, last: date) -> str:
    if first == last:
        return f"{first.day} {first:%b} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%b} {first.year}"
    if first.year == last.year:
        return str(first.year)
    return f"{first.year}–{last.year}"


@dataclass
class _Candidate:
    """A mark before it has a row: one event, or a cluster of several."""

    members: list[int]
    start: float
    end: float
    is_point: bool
    width_px: float  # symbol width (points, clusters)
    title: str
    rank: tuple[bool, float, int, float, str]
    multilateral: bool
    kind: MarkKind
    # One of several events on one day (zooming cannot split them), or of a figure's
    # stack: it may add rows beyond LABEL_ROWS, each titled.
    same_day: bool = False


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
    style: Style = Style(),
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
        state_marks, state_rows = _place_states(
            events, names, states, lane, dpp, small, ranks, style
        )
        best: tuple[list[PlacedMark], int] | None = None
        # A figure first tries its stacks, then the screen's rule, then wider piles.
        attempts: list[tuple[int, int | None]] = [(1, pile_limit)] if pile_limit else []
        attempts += [(widening, None) for widening in _CLUSTER_WIDENING]
        for widening, stack in attempts:
            candidates = _clusters(
                events, names, days, ranks, dated, dpp, measure, selected, style, widening,
                cluster_same_day, cluster_title, stack,
            )  # fmt: skip
            found = _place_rows(candidates, lane, dpp, measure, style)
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


def _place_states(
    events: Sequence[Event],
    names: Sequence[str],
    indices: list[int],
    lane: int,
    dpp: float,
    measure: Measure,
    ranks: Sequence[tuple[bool, float, int, float, str]],
    style: Style,
) -> tuple[list[PlacedMark], int]:
    """Long-running states in thin rows of their own, titles inside or beside."""
    rows: list[_Row] = []
    placed: list[PlacedMark] = []
    for i in sorted(indices, key=lambda i: ranks[i]):
        event = events[i]
        x0, x1 = event.when.start_day / dpp, event.when.end_day / dpp
        title = names[i]
        inside_room = x1 - x0 - 2 * style.inside_pad
        row, label, inside = None, "", False
        for r, occupied in enumerate(rows):
            if occupied.free(x0, x1, style.row_gap):
                row = r
                break
        if row is None:
            rows.append(_Row())
            row = len(rows) - 1
        label = shorten(title, inside_room, measure) if inside_room > 0 else ""
        inside = bool(label)
        right = x1
        if not inside and row < STATE_LABEL_ROWS:
            room = rows[row].room_after(x0, x1 + style.label_gap, style.row_gap)
            label = shorten(title, room, measure)
            if label:
                right = x1 + style.label_gap + measure(label)
        rows[row].take(x0, right)
        multi = len(event.pairs) > 1  # a subject adds no lane, so no ring
        width = measure(label) if label else 0.0
        placed.append(
            PlacedMark(MarkKind.STATE, lane, (i,), float(event.when.start_day),
                       float(event.when.end_day), False, row, 0.0, 0.0, label, width, inside,
                       multi, title=title)
        )  # fmt: skip
    return placed, len(rows)


def _clusters(
    events: Sequence[Event],
    names: Sequence[str],
    days: Sequence[tuple[float, float]],
    ranks: Sequence[tuple[bool, float, int, float, str]],
    indices: list[int],
    dpp: float,
    measure: Measure,
    selected: str | None,
    style: Style,
    widening: int = 1,
    cluster_same_day: bool = False,
    cluster_title: Callable[[Sequence[int]], str] | None = None,
    pile_limit: int | None = None,
) -> list[_Candidate]:
    """One candidate per event, except piles of point-like marks too deep to stack that
    zooming can still separate: those become one cluster each. With ``widening`` above
    1, piles are that many symbols wide and any pile of two or more is a cluster.

    With ``pile_limit`` (a figure) and no widening, a pile deeper than that keeps its
    ``pile_limit - 1`` best-ranked events as marks of their own, titled, and only the
    rest become a cluster: the heart of a busy day is named, not counted."""
    point_w = 2 * style.point_radius
    window = point_w * widening
    limit = STACK_LIMIT if widening == 1 else 1
    stacking = pile_limit is not None and widening == 1  # a figure's stacks (see above)
    if stacking:
        limit = max(pile_limit or 1, 1)

    def single(i: int) -> _Candidate:
        e = events[i]
        return _Candidate(
            [i], days[i][0], days[i][1], e.when.is_point, point_w,
            names[i], ranks[i], len(e.pairs) > 1, MarkKind.EVENT,
        )  # fmt: skip

    def centre_px(i: int) -> float:
        return (days[i][0] + days[i][1]) / 2 / dpp

    def point_like(i: int) -> bool:
        return events[i].when.is_point or (days[i][1] - days[i][0]) / dpp < window

    # The selected event never hides in a cluster: it stays a mark of its own.
    chosen = [i for i in indices if events[i].id == selected]
    points = sorted(
        (i for i in indices if point_like(i) and i not in chosen), key=lambda i: (centre_px(i), i)
    )
    out = [single(i) for i in indices if not point_like(i) or i in chosen]
    k = 0
    while k < len(points):
        pile = [points[k]]
        anchor = centre_px(points[k])
        while k + len(pile) < len(points) and centre_px(points[k + len(pile)]) - anchor <= window:
            pile.append(points[k + len(pile)])
        k += len(pile)
        separable = cluster_same_day or len({days[i][0] for i in pile}) > 1
        overflow = stacking and len(pile) > limit
        if overflow:  # the best-ranked stay marks, titled; the rest is one cluster
            by_rank = sorted(pile, key=lambda i: ranks[i])
            kept, pile = by_rank[: limit - 1], by_rank[limit - 1 :]
            for i in kept:
                out.append(single(i))
                out[-1].same_day = True  # a stack: it may add rows, each titled
        if not overflow and (len(pile) <= limit or not separable):
            singles = [single(i) for i in pile]
            for c in singles:
                c.same_day = sum(days[i][0] == c.start for i in pile) > 1 or (
                    stacking and len(pile) > 1
                )
            out.extend(singles)
            continue
        members = [events[i] for i in pile]
        start = min(days[i][0] for i in pile)
        end = max(days[i][1] for i in pile)
        count_w = measure(str(len(pile))) + 12.0
        out.append(
            _Candidate(
                sorted(pile, key=lambda i: (days[i][0], events[i].id)),
                start, end, True, max(style.cluster_min_width, count_w),
                cluster_title(pile) if cluster_title else cluster_label(members),
                min(ranks[i] for i in pile),
                False, MarkKind.CLUSTER,
            )
        )  # fmt: skip
    return out


def _place_rows(
    candidates: list[_Candidate], lane: int, dpp: float, measure: Measure, style: Style
) -> tuple[list[PlacedMark], int]:
    rows: list[_Row] = []
    placed: list[PlacedMark] = []
    for c in sorted(candidates, key=lambda c: c.rank):
        start = c.start
        if c.is_point and c.kind is MarkKind.CLUSTER:
            start = (c.start + c.end) / 2 - 0.5  # drawn at the middle of its members
        x0, x1 = _span_px(c.is_point, start, c.end, c.width_px, dpp)
        row, label, inside, right = _choose_row(rows, c, x0, x1, measure, style)
        while row >= len(rows):
            rows.append(_Row())
        rows[row].take(x0, right)
        placed.append(
            PlacedMark(c.kind, lane, tuple(c.members), start, c.end, c.is_point, row, 0.0,
                       c.width_px if c.is_point else 0.0, label,
                       measure(label) if label else 0.0, inside, c.multilateral, title=c.title)
        )  # fmt: skip
    return _title_the_bare(placed, rows, dpp, measure, style), len(rows)


def _title_the_bare(
    placed: list[PlacedMark], rows: list[_Row], dpp: float, measure: Measure, style: Style
) -> list[PlacedMark]:
    """Once every mark has its row, a mark left without a title takes one where its row
    still has room beside it (in rank order: the rows are final, so this costs no row)."""
    out = []
    for mark in placed:
        if not mark.label and mark.title:
            x0, x1 = mark.span_px(dpp)
            text_x = x1 + style.label_gap
            room = rows[mark.row].room_after(x0 + 0.5, text_x, style.row_gap)
            label = shorten(mark.title, room, measure) if room > 0 else ""
            if label:
                width = measure(label)
                rows[mark.row].take(text_x, text_x + width)
                mark = replace(mark, label=label, label_width=width)
        out.append(mark)
    return out


def _choose_row(
    rows: list[_Row], c: _Candidate, x0: float, x1: float, measure: Measure, style: Style
) -> tuple[int, str, bool, float]:
    """(row, title as drawn, inside the bar?, right end taken) for one candidate."""
    gap = style.row_gap
    inside_room = x1 - x0 - 2 * style.inside_pad
    full_w = measure(c.title)
    if not c.is_point and inside_room >= full_w:
        # The whole title fits inside the bar: the bar alone decides the row.
        for r in range(len(rows) + 1):
            if r == len(rows) or rows[r].free(x0, x1, gap):
                return r, c.title, True, x1
    text_x = x1 + style.label_gap
    best_short: tuple[float, int] | None = None
    # Titles use up to LABEL_ROWS rows, or every row the lane already has (a same-day
    # pile may have added rows beyond that).
    label_rows = max(min(len(rows) + 1, LABEL_ROWS), len(rows))
    for r in range(label_rows):
        row = rows[r] if r < len(rows) else _Row()
        if not row.free(x0, x1, gap):
            continue
        room = row.room_after(x0, text_x, gap)
        if room >= full_w:
            return r, c.title, False, text_x + full_w
        if best_short is None or room > best_short[0]:
            best_short = (room, r)
    # No row has room for the whole title: the longer of a title shortened inside the
    # bar (it takes no room of its own, so any row will do) and one shortened beside it.
    inside = shorten(c.title, inside_room, measure) if not c.is_point and inside_room > 0 else ""
    beside, beside_row = "", 0
    if best_short is not None:
        beside, beside_row = shorten(c.title, best_short[0], measure), best_short[1]
    if inside and len(inside) >= len(beside):
        first_free = next(
            r for r in range(len(rows) + 1) if r == len(rows) or rows[r].free(x0, x1, gap)
        )
        return first_free, inside, True, x1
    if beside:
        return beside_row, beside, False, text_x + measure(beside)
    for r in range(len(rows) + 1):  # a bare mark: the first row with room for it
        if r == len(rows) and (r < LABEL_ROWS or c.same_day):
            # A new row, empty: the title fits in it after all (a same-day pile may grow
            # the lane past LABEL_ROWS, and each of its events keeps its title).
            return r, c.title, False, text_x + full_w
        if r == len(rows):
            return r, "", False, x1
        if rows[r].free(x0, x1, gap):
            return r, "", False, x1
    raise AssertionError("unreachable: a new row always has room")


# -- how much the analyst can read -------------------------------------------------------

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
