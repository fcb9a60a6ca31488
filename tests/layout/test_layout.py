from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import pytest

from timeline_app.dates import to_day
from timeline_app.domain import Event, Pair
from timeline_app.layout import (
    EdgeWeight,
    actor_index,
    date_ticks,
    edge_width,
    order_lanes,
    pair_index,
    score_colour_fraction,
)

from .events import make_event


def test_lanes_are_busiest_first_then_by_name() -> None:
    events = [
        make_event("a", "2020", actors=("IND", "RUS")),
        make_event("b", "2020", actors=("VNM", "IND")),
        make_event("c", "2021", actors=("IND", "VNM")),
    ]
    assert order_lanes(events) == (Pair("IND", "VNM"), Pair("IND", "RUS"))


@pytest.mark.parametrize(
    ("first", "last", "expected_labels"),
    [
        (date(1900, 1, 1), date(2000, 1, 1), ["1900", "1910", "1920"]),
        (date(1958, 6, 1), date(1962, 6, 1), ["Jul", "1959", "Jul", "1960"]),
        (date(2021, 1, 1), date(2021, 12, 31), ["2021", "Feb", "Mar"]),
        (date(2021, 12, 1), date(2021, 12, 8), ["Dec 2021", "2", "3"]),
    ],
)
def test_ticks_are_readable_at_every_zoom(
    first: date, last: date, expected_labels: list[str]
) -> None:
    ticks = date_ticks(to_day(first), to_day(last), max_ticks=12)
    assert [t.label for t in ticks[: len(expected_labels)]] == expected_labels
    assert 2 <= len(ticks) <= 13
    days = [t.day for t in ticks]
    assert days == sorted(days)


def test_ticks_before_1970_and_far_future() -> None:
    ticks = date_ticks(to_day(date(1, 1, 1)), to_day(date(9999, 1, 1)), max_ticks=10)
    assert ticks and all(t.label.isdigit() for t in ticks)
    assert date_ticks(5.0, 5.0) == []


def edge_weights_naive(events: Iterable[Event], lo: float, hi: float) -> dict[Pair, EdgeWeight]:
    """Reference for ``pair_index(...).window``: a plain loop over the events."""
    counts: dict[Pair, list[float]] = defaultdict(list)
    for event in events:
        if event.when.start_day < hi and event.when.end_day > lo:
            for pair in event.pairs:
                counts[pair].append(event.score)
    return {pair: EdgeWeight(len(s), float(sum(s))) for pair, s in counts.items()}


def test_pair_index_matches_the_naive_count_for_every_window() -> None:
    rng = random.Random(7)
    pairs = [("IND", "VNM"), ("IND", "RUS"), ("CHN", "IND")]
    events = []
    for i in range(300):
        year = rng.randint(1990, 2030)
        end = str(year + rng.randint(0, 5)) if rng.random() < 0.2 else None
        events.append(
            make_event(
                f"e{i}", str(year), end, actors=rng.choice(pairs), score=rng.uniform(-10, 10)
            )
        )
    index = pair_index(events)
    for _ in range(200):
        lo = to_day(date(rng.randint(1985, 2035), 1, 1)) + rng.randint(0, 364)
        hi = lo + rng.randint(1, 5000)
        fast, slow = index.window(lo, hi), edge_weights_naive(events, lo, hi)
        assert fast.keys() == slow.keys()
        for pair in fast:
            assert fast[pair].count == slow[pair].count
            assert fast[pair].score_sum == pytest.approx(slow[pair].score_sum)


def test_window_changes_the_weights() -> None:
    events = [
        make_event("old", "1995", actors=("IND", "RUS")),
        make_event("new", "2021", actors=("IND", "VNM")),
    ]
    index = pair_index(events)
    assert set(index.window(to_day(date(1990, 1, 1)), to_day(date(2000, 1, 1)))) == {
        Pair("IND", "RUS")
    }
    assert set(index.window(to_day(date(2020, 1, 1)), to_day(date(2022, 1, 1)))) == {
        Pair("IND", "VNM")
    }


def test_panel_scales() -> None:
    assert score_colour_fraction(-10) == 0.0 and score_colour_fraction(0) == 0.5
    assert score_colour_fraction(25) == 1.0
    assert edge_width(0, 10) == 0.0
    assert edge_width(10, 10) == 9.0
    assert edge_width(1, 10) < edge_width(4, 10) < edge_width(10, 10)


def test_actor_counts_count_each_event_once() -> None:
    events = [make_event("tri", "2021", actors=("IND", "RUS", "CHN")), make_event("bi", "2021")]
    counts = actor_index(events).window(to_day(date(2021, 1, 1)), to_day(date(2022, 1, 1)))
    assert {code: w.count for code, w in counts.items()} == {"IND": 2, "RUS": 1, "CHN": 1, "VNM": 1}


def test_vectorised_score_ramp_matches_its_ends() -> None:
    from timeline_app.layout import (
        SCORE_CONFLICT_RGB,
        SCORE_COOPERATION_RGB,
        SCORE_NEUTRAL_RGB,
        score_ramp_rgb,
    )

    rgb = score_ramp_rgb([-10, 0, 10, float("nan"), 50])
    assert [tuple(int(v) for v in row) for row in rgb] == [
        SCORE_CONFLICT_RGB,
        SCORE_NEUTRAL_RGB,
        SCORE_COOPERATION_RGB,
        SCORE_NEUTRAL_RGB,
        SCORE_COOPERATION_RGB,
    ]
