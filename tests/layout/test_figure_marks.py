"""A figure's own placing rules (a slide cannot zoom): deep stacks, coarse dates in the
state rows, pinned events first. The screen never passes these options."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from timeline_app.dates import DateSpan, to_day
from timeline_app.mark_layout import MarkKind, coarse_for_window

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
