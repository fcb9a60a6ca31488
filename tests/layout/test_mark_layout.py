"""Where marks and their titles go: rows, titles, clusters, states, lane heights."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from timeline_app.dates import to_day
from timeline_app.domain import Event, Pair
from timeline_app.layout import order_lanes
from timeline_app.mark_layout import (
    ELLIPSIS,
    LABEL_ROWS,
    MarkKind,
    MarksLayout,
    cluster_label,
    layout_timeline,
    shorten,
    titles_inside_view,
)

from .events import make_event

CHAR_PX = 6.0


def measure(text: str) -> float:
    """A monospaced stand-in for the label font: 6 px a character."""
    return CHAR_PX * len(text)


def lay(events: list[Event], days_per_pixel: float, **kwargs: object) -> MarksLayout:
    return layout_timeline(events, order_lanes(events), days_per_pixel, measure, **kwargs)  # type: ignore[arg-type]


def overlaps(layout: MarksLayout) -> list[tuple[str, str]]:
    """Pairs of drawn rectangles (marks and titles beside them) that intersect."""
    rects = []
    for mark in layout.marks:
        for i, r in enumerate(layout.rects(mark)):
            rects.append((f"{mark.members}/{mark.lane}/{'label' if i else 'mark'}", r))
    clashes = []
    for (a, ra), (b, rb) in itertools.combinations(rects, 2):
        if ra[0] < rb[2] and rb[0] < ra[2] and ra[1] < rb[3] and rb[1] < ra[3]:
            clashes.append((a, b))
    return clashes


def test_a_sparse_lane_shows_every_title_whole() -> None:
    events = [make_event(str(i), f"20{10 + i}-06-01") for i in range(5)]
    layout = lay(events, days_per_pixel=2.0)  # a year is about 180 px: room for each title
    assert [m.label for m in layout.marks] == [e.title for e in events]
    assert {m.row for m in layout.marks} == {0}
    assert layout.boxes[0].rows == 1


def test_events_on_the_same_day_are_stacked_never_on_top_of_each_other() -> None:
    events = [make_event(f"d{i}", "2021-12-06", actors=("IND", "RUS")) for i in range(6)]
    for dpp in (0.05, 1.0, 30.0):  # whatever the zoom: the same day cannot be separated
        layout = lay(events, days_per_pixel=dpp)
        assert len(layout.marks) == 6 and all(m.kind is MarkKind.EVENT for m in layout.marks)
        assert len({m.row for m in layout.marks}) == 6
        assert not overlaps(layout)
    # Up close every one of them carries its title.
    assert all(m.label == events[m.event_index].title for m in lay(events, 0.05).marks)


def test_a_crowd_is_one_cluster_that_separates_as_you_zoom() -> None:
    events = [
        make_event(f"e{i}", f"2021-12-{1 + 2 * i:02d}", actors=("IND", "RUS")) for i in range(8)
    ]
    far = lay(events, days_per_pixel=20.0)  # eight events inside one symbol's width
    assert [m.kind for m in far.marks] == [MarkKind.CLUSTER]
    cluster = far.marks[0]
    assert sorted(cluster.members) == list(range(8))
    assert cluster.label == "8 events · Dec 2021"
    closer = lay(events, days_per_pixel=1.0)  # 2 px between days: smaller clusters
    assert 1 < len(closer.marks) < 8
    near = lay(events, days_per_pixel=0.05)  # 20 px a day: the symbols stand apart
    assert sorted(m.event_index for m in near.marks) == list(range(8))
    assert all(m.kind is MarkKind.EVENT and m.label for m in near.marks)
    assert not overlaps(near) and not overlaps(closer)


def test_cluster_labels_name_the_period_they_share() -> None:
    same_day = [make_event(str(i), "2021-12-06") for i in range(6)]
    assert cluster_label(same_day) == "6 events · 6 Dec 2021"
    years = [make_event("a", "2019-03-01"), make_event("b", "2021-05-01")]
    assert cluster_label(years) == "2 events · 2019–2021"


def test_where_room_is_short_the_strongest_event_keeps_its_title() -> None:
    # Four events a day apart at a zoom where a title needs far more room than that.
    weak = [make_event(f"w{i}", f"2020-01-{2 + i:02d}", score=1.0) for i in range(3)]
    strong = make_event("strong", "2020-01-01", score=-9.0, sources=3)
    layout = lay([*weak, strong], days_per_pixel=0.2)
    by_id = {m.event_index: m for m in layout.marks}
    assert by_id[3].label == strong.title and by_id[3].row == 0
    assert not overlaps(layout)
    assert layout.boxes[0].rows <= LABEL_ROWS + 1


def test_the_selected_event_is_titled_first() -> None:
    events = [make_event(f"e{i}", f"2020-01-{1 + i:02d}", score=9.0 - i) for i in range(4)]
    plain = lay(events, days_per_pixel=0.2)
    chosen = lay(events, days_per_pixel=0.2, selected="e3")
    row0 = {m.event_index for m in plain.marks if m.row == 0}
    assert 3 not in row0
    picked = next(m for m in chosen.marks if m.event_index == 3)
    assert picked.row == 0 and picked.label == events[3].title


def test_long_running_states_get_a_row_of_their_own() -> None:
    cold_war = make_event("cold-war", "1945", "1991", title="Cold War ties")
    dated = [make_event(f"d{i}", f"19{60 + i * 5}-03-01") for i in range(5)]
    layout = lay([cold_war, *dated], days_per_pixel=20.0)
    state = next(m for m in layout.marks if m.event_index == 0)
    assert state.kind is MarkKind.STATE and state.row == 0
    others = [m for m in layout.marks if m.event_index != 0]
    # The dated events sit below the state band, in one row: it no longer crushes them.
    assert all(m.y > state.y for m in others) and {m.row for m in others} == {0}
    assert layout.boxes[0].state_rows == 1
    assert not overlaps(layout)


def test_a_bar_wide_enough_carries_its_title_inside() -> None:
    span = make_event("span", "2016", "2017", title="India offers the Akash")
    layout = lay([span], days_per_pixel=1.0)  # 731 px wide
    (mark,) = layout.marks
    assert mark.label == span.title and mark.label_inside
    narrow = lay([span], days_per_pixel=20.0)  # 37 px: the title goes beside it
    assert not narrow.marks[0].label_inside and narrow.marks[0].label == span.title


def test_lanes_grow_with_their_rows_and_are_capped() -> None:
    one = lay([make_event("a", "2020-01-01")], days_per_pixel=1.0)
    crowded = [make_event(f"c{i}", f"2020-{1 + i % 12:02d}-01", "2021-06-01") for i in range(12)]
    many = lay(crowded, days_per_pixel=0.5)
    assert many.boxes[0].height > one.boxes[0].height
    capped = lay(crowded, days_per_pixel=5.0, max_rows=2, cluster_same_day=True)
    assert capped.boxes[0].rows < many.boxes[0].rows


def test_multilateral_event_is_drawn_on_each_of_its_lanes() -> None:
    layout = lay([make_event("m", "2021-12-06", actors=("IND", "RUS", "CHN"))], 1.0)
    assert {layout.lanes[m.lane] for m in layout.marks} == {
        Pair("CHN", "IND"),
        Pair("CHN", "RUS"),
        Pair("IND", "RUS"),
    }
    assert all(m.multilateral for m in layout.marks)
    tops = [b.top for b in layout.boxes]
    assert tops == sorted(tops) and tops[0] == 0.0


def test_month_and_year_precision_are_bars_over_the_whole_period() -> None:
    layout = lay([make_event("m", "2016-09"), make_event("y", "2016")], days_per_pixel=1)
    by_id = {m.event_index: m for m in layout.marks}
    month, year = by_id[0], by_id[1]
    assert not month.is_point and not year.is_point
    assert (month.start, month.end) == (to_day(date(2016, 9, 1)), to_day(date(2016, 10, 1)))
    assert (year.start, year.end) == (to_day(date(2016, 1, 1)), to_day(date(2017, 1, 1)))


def test_hit_testing_finds_a_mark_and_its_title() -> None:
    events = [make_event("a", "2020-01-01"), make_event("span", "2010", "2012")]
    layout = lay(events, days_per_pixel=1.0)
    for mark in layout.marks:
        x = mark.start + 0.5 if mark.is_point else (mark.start + mark.end) / 2
        assert layout.mark_at(x, mark.y) == mark
    point = next(m for m in layout.marks if m.is_point)
    title_left, _top, title_right, _bottom = layout.rects(point)[1]
    assert layout.mark_at((title_left + title_right) / 2, point.y) == point  # on its title
    assert layout.mark_at(to_day(date(2015, 1, 1)), point.y) is None
    assert layout.mark_at(to_day(date(2020, 1, 1)), layout.height + 5) is None


@pytest.mark.parametrize("seed", range(6))
def test_nothing_overlaps_at_any_zoom(seed: int) -> None:
    rng = random.Random(seed)
    pairs = [("IND", "VNM"), ("IND", "RUS"), ("CHN", "IND")]
    events = []
    for i in range(60):
        year, month, day = rng.randint(2010, 2022), rng.randint(1, 12), rng.randint(1, 28)
        kind = rng.random()
        start = f"{year}-{month:02d}-{day:02d}" if kind < 0.6 else f"{year}-{month:02d}"
        end = None if kind < 0.85 else f"{year + rng.randint(1, 8)}"
        if end is not None:
            start = str(year)
        title = "Title " + "x" * rng.randint(5, 60)
        events.append(make_event(f"e{i}", start, end, rng.choice(pairs), rng.uniform(-9, 9),
                                 title=title))  # fmt: skip
    for dpp in (0.1, 1.0, 5.0, 20.0, 60.0):
        layout = lay(events, dpp)
        assert not overlaps(layout), dpp
        drawn = sorted(i for m in layout.marks for i in m.members)
        assert len(drawn) == sum(len(e.pairs) for e in events)  # every event, on every lane


def test_shorten_keeps_the_longest_prefix_that_fits() -> None:
    text = "India and Russia extend military-technical cooperation"
    assert shorten(text, 1000, measure) == text
    short = shorten(text, 20 * CHAR_PX, measure)
    assert short.endswith(ELLIPSIS) and measure(short) <= 20 * CHAR_PX
    assert text.startswith(short[:-1])
    assert shorten(text, 3 * CHAR_PX, measure) == ""


def test_a_title_cut_by_the_right_edge_moves_left_of_its_mark() -> None:
    late = make_event("late", "2021-12-06", title="India and Russia sign AK-203 rifle contract")
    layout = lay([late], days_per_pixel=1.0)
    mark = layout.marks[0]
    right = mark.start + 30  # the view ends 30 px after the mark: no room for the title
    kept = titles_inside_view(layout, (mark.start - 400, right), measure)
    moved = kept.marks[0]
    assert moved.label_left and moved.label == late.title
    left, _top, right_px, _bottom = kept.rects(moved)[1]
    assert right_px <= moved.span_px(1.0)[0] and left >= (mark.start - 400) / 1.0
    # With the whole title in view nothing moves; rows and lanes never change.
    assert titles_inside_view(layout, (mark.start - 400, mark.start + 2000), measure) is layout
    assert kept.boxes == layout.boxes and [m.row for m in kept.marks] == [
        m.row for m in layout.marks
    ]


def test_a_title_moves_left_only_where_the_row_has_room() -> None:
    before = make_event("before", "2021-11-20", title="x" * 30)
    late = make_event("late", "2021-12-06", title="y" * 30)
    layout = lay([before, late], days_per_pixel=1.0)
    late_mark = next(m for m in layout.marks if m.event_index == 1)
    kept = titles_inside_view(layout, (late_mark.start - 400, late_mark.start + 30), measure)
    assert not overlaps(kept)
