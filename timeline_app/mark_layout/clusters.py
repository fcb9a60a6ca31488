"""Clusters: piles of point-like marks too close to tell apart at this zoom.

``pile_candidates`` turns a lane's dated events into ``Candidate``s, one per event
except where a pile is too deep to stack and zooming can still separate it: that pile
becomes one cluster candidate, titled by ``cluster_label`` ("6 events · 6 Dec 2021").
Rows are given afterwards (``rows.place_rows``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from timeline_app.dates import from_day
from timeline_app.domain import Event
from timeline_app.mark_layout.marks import MarkKind, Style
from timeline_app.mark_layout.titles import Measure

STACK_LIMIT = 3  # a pile of more events than this becomes a cluster (if zoom can split it)
Rank = tuple[bool, float, int, float, str]  # see ``lanes.rank_key``: the smaller, the better


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
class Candidate:
    """A mark before it has a row: one event, or a cluster of several."""

    members: list[int]
    start: float
    end: float
    is_point: bool
    width_px: float  # symbol width (points, clusters)
    title: str
    rank: Rank
    multilateral: bool
    kind: MarkKind
    # One of several events on one day (zooming cannot split them), or of a figure's
    # stack: it may add rows beyond LABEL_ROWS, each titled.
    same_day: bool = False
    # Shed by a figure that lacks rows (see ``shedding``): an event stays a bare mark
    # (it never keeps a title a better one lost), and a mark without a title takes the
    # lowest row with room, leaving the top rows' room to the titles of the lane's best.
    shed: bool = False


def single_candidate(
    events: Sequence[Event],
    names: Sequence[str],
    days: Sequence[tuple[float, float]],
    ranks: Sequence[Rank],
    i: int,
    style: Style,
) -> Candidate:
    """The candidate of one event, titled ``names[i]``."""
    e = events[i]
    return Candidate(
        [i], days[i][0], days[i][1], e.when.is_point, 2 * style.point_radius,
        names[i], ranks[i], len(e.pairs) > 1, MarkKind.EVENT,
    )  # fmt: skip


def cluster_candidate(
    events: Sequence[Event],
    days: Sequence[tuple[float, float]],
    ranks: Sequence[Rank],
    pile: Sequence[int],
    measure: Measure,
    style: Style,
    cluster_title: Callable[[Sequence[int]], str] | None,
) -> Candidate:
    """One cluster mark of the events at ``pile``: a pill with their count, ranked as
    its best-ranked member, titled by ``cluster_title`` (else ``cluster_label``)."""
    count_w = measure(str(len(pile))) + 12.0
    return Candidate(
        sorted(pile, key=lambda i: (days[i][0], events[i].id)),
        min(days[i][0] for i in pile), max(days[i][1] for i in pile), True,
        max(style.cluster_min_width, count_w),
        cluster_title(pile) if cluster_title else cluster_label([events[i] for i in pile]),
        min(ranks[i] for i in pile), False, MarkKind.CLUSTER,
    )  # fmt: skip


def pile_candidates(
    events: Sequence[Event],
    names: Sequence[str],
    days: Sequence[tuple[float, float]],
    ranks: Sequence[Rank],
    indices: list[int],
    dpp: float,
    measure: Measure,
    selected: str | None,
    style: Style,
    widening: int = 1,
    cluster_same_day: bool = False,
    cluster_title: Callable[[Sequence[int]], str] | None = None,
    pile_limit: int | None = None,
) -> list[Candidate]:
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

    def single(i: int) -> Candidate:
        return single_candidate(events, names, days, ranks, i, style)

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
        out.append(cluster_candidate(events, days, ranks, pile, measure, style, cluster_title))
    return out
