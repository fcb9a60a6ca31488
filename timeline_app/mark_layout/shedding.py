"""Shedding: how a figure's lane gives up rows, its least significant events first.

A slide cannot zoom, so a lane that must fit fewer rows than its titled marks need
has to stop titling some events. The screen's answer, wider piles that each become one
cluster, clusters whole piles whatever their events' rank: a pile holding the two most
significant events of the lane becomes a grey pill while lesser events elsewhere keep
their titles. A figure sheds instead: the ``k`` lowest-ranked events of the lane give
up their titles (``k`` = 1, 2, ...), every other event is laid out as before.

The shed events are first bare marks (no title, ``grouping`` 0); where bare marks
would still pile up, the shed events within reach of one another become one cluster
(``grouping`` 1 merges marks that touch, 2, 4 ... merge those that many symbols
apart). A cluster lists the note numbers of its events (the figure's
``cluster_title``), so a reader still finds them. A layout is acceptable only when
its titles follow the ranks (``titles_follow_rank``): no event loses its title while
a lower-ranked one of the lane keeps its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from timeline_app.domain import Event
from timeline_app.mark_layout.clusters import (
    Candidate,
    Rank,
    cluster_candidate,
    single_candidate,
)
from timeline_app.mark_layout.marks import MarkKind, PlacedMark, Style, mark_span_px
from timeline_app.mark_layout.titles import Measure

SHED_GROUPING = (0, 1, 2, 4, 8)  # reach of a cluster of shed events, in symbols

PileCandidates = Callable[[list[int]], list[Candidate]]  # the lane's rule for kept events


def shed_groups(
    shed: Sequence[int],
    spans_px: Callable[[int], tuple[float, float]],
    grouping: int,
    style: Style,
) -> list[list[int]]:
    """The shed events in groups: each alone with ``grouping`` 0; else chains of
    point-like marks (a day, or a bar narrower than ``grouping`` symbols) whose gaps are
    within ``grouping - 1`` symbol widths (plus the gap between two things in a row),
    so 1 joins only marks that touch or overlap. A longer bar stays alone, bare: it
    says when it ran, a cluster's pill would not, and it would chain whole years of
    marks into one pill."""
    if grouping == 0:
        return [[i] for i in shed]
    symbol = 2 * style.point_radius
    reach = style.row_gap + symbol * (grouping - 1)
    alone: list[list[int]] = []
    groups: list[list[int]] = []
    right = float("-inf")
    for i in sorted(shed, key=lambda i: (spans_px(i), i)):
        left, end = spans_px(i)
        if end - left > max(symbol * grouping, symbol):
            alone.append([i])
        elif groups and left <= right + reach:
            groups[-1].append(i)
            right = max(right, end)
        else:
            groups.append([i])
            right = end
    return groups + alone


def shedding_attempts(
    events: Sequence[Event],
    names: Sequence[str],
    days: Sequence[tuple[float, float]],
    ranks: Sequence[Rank],
    dated: Sequence[int],
    dpp: float,
    measure: Measure,
    style: Style,
    selected: str | None,
    kept_candidates: PileCandidates,
    cluster_title: Callable[[Sequence[int]], str] | None,
) -> Iterator[list[Candidate]]:
    """The lane's candidates with 0, 1, 2 ... of its lowest-ranked events shed, each
    way of grouping them that differs from the last (see the module's doc). The
    selected event is never shed."""
    point_w = 2 * style.point_radius

    def spans_px(i: int) -> tuple[float, float]:
        return mark_span_px(events[i].when.is_point, days[i][0], days[i][1], point_w, dpp)

    chosen = [i for i in dated if events[i].id == selected]
    ranked = sorted((i for i in dated if events[i].id != selected), key=lambda i: ranks[i])
    for keep in range(len(ranked), -1, -1):
        kept, shed = [*chosen, *ranked[:keep]], ranked[keep:]
        kept_marks = kept_candidates(kept)
        seen: set[tuple[tuple[int, ...], ...]] = set()
        for grouping in SHED_GROUPING:
            groups = shed_groups(shed, spans_px, grouping, style)
            key = tuple(tuple(g) for g in groups)
            if key in seen:
                continue
            seen.add(key)
            shed_marks = []
            for group in groups:
                if len(group) == 1:
                    mark = single_candidate(events, names, days, ranks, group[0], style)
                else:
                    mark = cluster_candidate(
                        events, days, ranks, group, measure, style, cluster_title
                    )
                mark.shed = True
                shed_marks.append(mark)
            yield [*kept_marks, *shed_marks]


def titles_follow_rank(marks: Sequence[PlacedMark], ranks: Sequence[Rank]) -> bool:
    """Every event that carries a title (whole or shortened) ranks above every event
    that does not (a bare mark, or one in a cluster)."""
    titled: list[Rank] = []
    untitled: list[Rank] = []
    for mark in marks:
        if mark.kind is MarkKind.EVENT and mark.label:
            titled.append(ranks[mark.event_index])
        else:
            untitled.extend(ranks[i] for i in mark.members)
    return not titled or not untitled or max(titled) < min(untitled)
