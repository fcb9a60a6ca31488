"""Scrolling many lanes: as many as fit, a scroll bar, and keeping a lane in view."""

from __future__ import annotations

import numpy as np
from pytestqt.qtbot import QtBot

from timeline_app.bulk_layout import BulkIndex
from timeline_app.domain import Pair
from timeline_app.ui.timeline.lane_scroller import MIN_LANE_PX
from timeline_app.ui.timeline.timeline_view import TimelineView

CODES = ["IND", "VNM", "RUS", "CHN", "USA", "JPN", "AUS", "PAK"]
PAIRS = [Pair.of(a, b) for i, a in enumerate(CODES) for b in CODES[i + 1 :]]  # 28 lanes


def crowded_view(qtbot: QtBot) -> TimelineView:
    rng = np.random.default_rng(1)
    n = 20_000
    index = BulkIndex(
        PAIRS,
        rng.integers(18000, 19000, n),
        rng.integers(0, len(PAIRS), n),
        rng.uniform(-10, 10, n),
        rng.integers(0, 11, n),
    )
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(900, 420)
    view.show()
    qtbot.waitExposed(view)
    view.set_events([], {})
    view.set_bulk(index)
    view.fit_all()
    qtbot.wait(20)
    return view


def lanes_in_view(view: TimelineView) -> tuple[float, float]:
    _, (top, bottom) = view.view_box.viewRange()
    return top, bottom


def test_only_the_lanes_that_fit_are_shown_with_a_scroll_bar(qtbot: QtBot) -> None:
    view = crowded_view(qtbot)
    top, bottom = lanes_in_view(view)
    assert top == 0.0
    # One layout pixel per screen pixel: lanes keep their size, the rest scrolls.
    assert bottom - top == view.view_box.height()
    layout = view.marks_layout()
    assert layout.height == sum(box.height for box in layout.boxes) > bottom
    assert all(box.height >= MIN_LANE_PX for box in layout.boxes)
    assert view.lane_scroll.isVisible()
    assert view.lane_scroll.maximum() == round(layout.height - (bottom - top))
    assert 6 <= len(view.lanes_scroller.lanes_in_view(len(view.lanes()))) < len(view.lanes())


def test_scrolling_moves_the_lanes_and_stops_at_the_last(qtbot: QtBot) -> None:
    view = crowded_view(qtbot)
    top, bottom = lanes_in_view(view)
    view.scroll_lanes(90)
    assert lanes_in_view(view) == (top + 90, bottom + 90)
    assert view.lane_scroll.value() == round(top + 90)
    view.scroll_lanes(100_000)
    assert lanes_in_view(view)[1] == view.marks_layout().height
    view.lane_scroll.setValue(0)  # dragging the bar scrolls the lanes
    assert lanes_in_view(view)[0] == 0.0


def test_a_highlighted_lane_out_of_view_is_brought_into_view(qtbot: QtBot) -> None:
    view = crowded_view(qtbot)
    last = view.lanes()[-1]
    box = view.marks_layout().boxes[-1]
    top, bottom = lanes_in_view(view)
    assert bottom < box.top
    view.set_highlighted_pairs({last})
    top, bottom = lanes_in_view(view)
    assert top <= box.top and box.bottom <= bottom
