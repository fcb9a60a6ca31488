"""A figure's lane short of rows sheds its least significant events first: bare marks,
then local clusters, and no event loses its title while a lower-ranked one keeps it."""

from __future__ import annotations

from datetime import date

from timeline_app.dates import to_day
from timeline_app.domain import Event
from timeline_app.layout import order_lanes
from timeline_app.mark_layout import MarkKind, MarksLayout, Style, layout_timeline
from timeline_app.mark_layout.lanes import rank_key
from timeline_app.mark_layout.shedding import shed_groups

from .events import make_event
from .test_mark_layout import measure, overlaps

ROWS = 3


def strong_pile_and_weak_spread() -> list[Event]:
    """Four strong events on four consecutive days (one pile at this zoom) and four weak
    ones a month apart, each with room for its title."""
    strong = [
        make_event(f"strong{i}", f"2020-01-0{1 + i}", score=9.0 - i, sources=2) for i in range(4)
    ]
    weak = [make_event(f"weak{i}", f"2020-{3 + i:02d}-01", score=1.0) for i in range(4)]
    return [*strong, *weak]


def figure_lane(events: list[Event], *, shed_by_rank: bool) -> MarksLayout:
    """The lane as a figure lays it out (same-day piles cluster, piles stack), in at
    most ``ROWS`` rows."""
    return layout_timeline(
        events, order_lanes(events), 1.0, measure, max_rows=ROWS, cluster_same_day=True,
        pile_limit=len(events) + 1, shed_by_rank=shed_by_rank,
    )  # fmt: skip


def titled_and_untitled(layout: MarksLayout, events: list[Event]) -> tuple[set[str], set[str]]:
    titled = {
        events[m.event_index].id for m in layout.marks if m.kind is MarkKind.EVENT and m.label
    }
    every = {events[i].id for m in layout.marks for i in m.members}
    return titled, every - titled


def test_a_lane_short_of_rows_sheds_its_weakest_events_before_a_strong_one() -> None:
    events = strong_pile_and_weak_spread()
    # The pile rule clusters the pile's lesser half while weaker events keep titles.
    piled_titled, piled_untitled = titled_and_untitled(
        figure_lane(events, shed_by_rank=False), events
    )
    assert "strong2" in piled_untitled and "weak0" in piled_titled

    layout = figure_lane(events, shed_by_rank=True)
    titled, untitled = titled_and_untitled(layout, events)
    assert layout.boxes[0].rows <= ROWS and not overlaps(layout)
    # Three rows stack three of the pile: only its weakest and the weaker events are shed.
    assert titled == {"strong0", "strong1", "strong2"}
    rank = {e.id: rank_key(e, None) for e in events}
    assert max(rank[i] for i in titled) < min(rank[i] for i in untitled)
    assert all(not m.label for m in layout.marks if m.kind is MarkKind.EVENT and m.event_index > 2)


def test_a_lane_with_room_sheds_nothing() -> None:
    events = [make_event(f"e{i}", f"20{10 + i}-06-01") for i in range(5)]
    layout = figure_lane(events, shed_by_rank=True)
    assert [m.label for m in layout.marks] == [e.title for e in events]


def test_shed_events_group_only_where_their_marks_touch_and_a_long_bar_stays_alone() -> None:
    style = Style()
    spans = {0: (0.0, 11.0), 1: (5.0, 16.0), 2: (90.0, 101.0), 3: (0.0, 400.0)}
    assert shed_groups([0, 1, 2, 3], spans.__getitem__, 0, style) == [[0], [1], [2], [3]]
    assert shed_groups([0, 1, 2, 3], spans.__getitem__, 1, style) == [[0, 1], [2], [3]]
    # Eight symbols (and a gap) reach 80 px: the mark 74 px on; the 400 px bar is never a pill.
    assert shed_groups([0, 1, 2, 3], spans.__getitem__, 8, style) == [[0, 1, 2], [3]]


def test_a_title_that_would_run_past_a_figures_right_edge_goes_left_of_its_mark() -> None:
    events = [make_event("late", "2020-12-20", title="A title of some length")]
    window = (float(to_day(date(2020, 1, 1))), float(to_day(date(2021, 1, 1))))
    screen = layout_timeline(events, order_lanes(events), 1.0, measure)
    assert not screen.marks[0].label_left  # the screen pans: the title stays right
    figure = layout_timeline(events, order_lanes(events), 1.0, measure, view=window)
    mark = figure.marks[0]
    assert mark.label == events[0].title and mark.label_left
    left, _top, right, _bottom = figure.rects(mark)[1]
    assert window[0] <= left and right <= window[1]
