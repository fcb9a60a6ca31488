"""A figure's own placing rules (a slide cannot zoom): deep stacks, coarse dates in the
state rows, pinned events first. The screen never passes these options."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from timeline_app.dates import DateSpan, to_day
from timeline_app.mark_layout import MarkKind, MarksLayout, Style, coarse_for_window

from .events import make_event
from .test_mark_layout import lay, overlaps


def same_day(count: int) -> list:  # type: ignore[type-arg]
    """``count`` events on 6 Dec 2021, the strongest score first (s0 is the weakest)."""
    return [
        make_event(f"s{i}", "2021-12-06", score=float(i % 10), title=f"Event number {i}")
        for i in range(count)
    ]


def test_a_deep_pile_keeps_its_best_ranked_events_titled_and_clusters_the_rest() -> None:
    pile = same_day(10)
    laid = lay(pile, days_per_pixel=0.05, max_rows=8, cluster_same_day=True, pile_limit=8)
    singles = [m for m in laid.marks if m.kind is MarkKind.EVENT]
    (cluster,) = [m for m in laid.marks if m.kind is MarkKind.CLUSTER]
    assert len(singles) == 7 and all(m.label == m.title for m in singles)
    assert {pile[m.event_index].id for m in singles} == {f"s{i}" for i in range(3, 10)}
    assert sorted(cluster.members) == [0, 1, 2]  # the weakest three
    assert laid.boxes[0].rows == 8 and not overlaps(laid)
    # Without a pile limit (the screen's rule in a figure) the same lane is one cluster.
    screen_rule = lay(pile, days_per_pixel=0.05, max_rows=8, cluster_same_day=True)
    assert [m.kind for m in screen_rule.marks] == [MarkKind.CLUSTER]


def test_pinned_events_are_ranked_first_in_a_pile() -> None:
    pile = same_day(10)
    laid = lay(
        pile, days_per_pixel=0.05, max_rows=4, cluster_same_day=True, pile_limit=4,
        ranked_first={"s0"},
    )  # fmt: skip
    titled = {pile[m.event_index].id for m in laid.marks if m.kind is MarkKind.EVENT}
    assert "s0" in titled and len(titled) == 3


def test_a_month_span_over_most_of_the_window_is_coarse_a_day_is_not() -> None:
    window = (float(to_day(date(2021, 11, 25))), float(to_day(date(2021, 12, 16))))
    month = make_event("m", "2021-12")
    implied = replace(
        make_event("c", "2021-11-20", "2021-12-20"),
        when=DateSpan.parse("2021-11-20", "2021-12-20", approximate=True),
    )
    exact_span = make_event("x", "2021-11-20", "2021-12-20")
    short_month = make_event("n", "2021-11")  # only 6 of its days are in the window
    assert coarse_for_window(month, window) and coarse_for_window(implied, window)
    assert not coarse_for_window(exact_span, window)
    assert not coarse_for_window(short_month, window)
    assert not coarse_for_window(make_event("d", "2021-12-06"), window)


def test_state_ids_put_coarse_spans_in_the_state_rows_not_among_the_dated_rows() -> None:
    spans = [make_event(f"m{i}", "2021-12", score=9.0) for i in range(4)]
    pile = same_day(5)
    events = [*spans, *pile]
    plain = lay(events, days_per_pixel=0.05, max_rows=None)
    moved = lay(events, days_per_pixel=0.05, max_rows=None, state_ids={e.id for e in spans})
    kinds = {events[m.event_index].id: m.kind for m in moved.marks}
    assert all(kinds[e.id] is MarkKind.STATE for e in spans)
    assert moved.boxes[0].state_rows == 4 and moved.boxes[0].rows == 5
    assert plain.boxes[0].rows == 9 and moved.height < plain.height
    assert not overlaps(moved)


def two_lanes(busy: int, other: int, other_same_day: bool) -> list:  # type: ignore[type-arg]
    """A same-day pile of ``busy`` events on India-Russia (the strongest score last) and
    ``other`` events on India-Vietnam, on one day or a year apart."""
    pile = [
        make_event(f"r{i}", "2021-12-06", actors=("IND", "RUS"), score=float(i), title=f"R {i}")
        for i in range(busy)
    ]
    others = [
        make_event(f"v{i}", "2021-12-06" if other_same_day else f"20{10 + i}-06-01",
                   score=float(i), title=f"V {i}")
        for i in range(other)
    ]  # fmt: skip
    return pile + others


def figure_lay(events: list, rows: int, **kwargs: object):  # type: ignore[no-untyped-def,type-arg]
    """As a figure lays out its lanes: stacks as deep as it likes, in the height of
    ``rows`` rows of dated marks over two lanes (no state rows)."""
    style = Style()
    fit = 2 * (style.pad_top + style.pad_bottom) + rows * style.row
    return lay(
        events, days_per_pixel=0.05, max_rows=None, cluster_same_day=True,
        pile_limit=len(events) + 1, fit_height=fit, **kwargs,
    )  # fmt: skip


def lane_rows(laid: MarksLayout) -> dict[str, int]:
    return {f"{p.a}-{p.b}": box.rows for p, box in zip(laid.lanes, laid.boxes, strict=True)}


def test_the_busy_lane_keeps_the_rows_a_sparse_lane_does_not_need() -> None:
    events = two_lanes(10, 4, other_same_day=False)
    laid = figure_lay(events, rows=7)
    # India-Vietnam's four events, years apart, need one row; India-Russia gets the six
    # others, where one limit for both lanes (3 rows each) would leave it three.
    assert lane_rows(laid) == {"IND-RUS": 6, "IND-VNM": 1}
    assert laid.height <= 2 * 12 + 7 * 19 and not overlaps(laid)
    titled = {events[m.event_index].id for m in laid.marks if m.kind is MarkKind.EVENT}
    assert titled >= {f"r{i}" for i in range(5, 10)} | {f"v{i}" for i in range(4)}
    (cluster,) = [m for m in laid.marks if m.kind is MarkKind.CLUSTER]
    assert sorted(events[i].id for i in cluster.members) == [f"r{i}" for i in range(5)]


def test_two_busy_lanes_give_up_rows_from_the_taller_one_first() -> None:
    events = two_lanes(10, 6, other_same_day=True)
    natural = figure_lay(events, rows=100)
    assert lane_rows(natural) == {"IND-RUS": 10, "IND-VNM": 6}
    shared = figure_lay(events, rows=12)
    assert lane_rows(shared) == {"IND-RUS": 6, "IND-VNM": 6}  # only the taller lane gave
    even = figure_lay(events, rows=10)
    assert lane_rows(even) == {"IND-RUS": 5, "IND-VNM": 5}
    assert not overlaps(shared) and not overlaps(even)


def test_no_lane_gives_up_rows_below_the_minimum() -> None:
    events = two_lanes(10, 6, other_same_day=True)
    laid = figure_lay(events, rows=2, min_rows=3)
    assert lane_rows(laid) == {"IND-RUS": 3, "IND-VNM": 3}  # too tall: the caller drops lanes


def test_one_row_limit_per_lane() -> None:
    events = two_lanes(10, 6, other_same_day=True)
    laid = lay(
        events, days_per_pixel=0.05, max_rows=[4, None], cluster_same_day=True, pile_limit=17
    )
    assert lane_rows(laid) == {"IND-RUS": 4, "IND-VNM": 6}
