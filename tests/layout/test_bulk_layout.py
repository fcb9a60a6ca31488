from __future__ import annotations

import numpy as np
import pytest

from timeline_app.bulk_layout import BulkIndex
from timeline_app.domain import Pair

PAIRS = [Pair("IND", "VNM"), Pair("IND", "RUS"), Pair("CHN", "IND")]


@pytest.fixture
def data() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(3)
    n = 20_000
    return {
        "day": rng.integers(0, 5000, n),
        "pair_id": rng.choice(3, n, p=[0.6, 0.3, 0.1]),
        "score": rng.uniform(-10, 10, n),
        "category_id": rng.integers(0, 11, n),
    }


def test_bins_match_a_naive_count(data: dict[str, np.ndarray]) -> None:
    index = BulkIndex(PAIRS, **data)
    lo, hi, columns = 1234.0, 4321.0, 97
    for lane in range(3):
        bins = index.bins(lane, lo, hi, columns)
        # np.histogram closes its last bin; ours are all half-open [a, b): drop day == hi.
        mask = (data["pair_id"] == lane) & (data["day"] < hi)
        counts, _ = np.histogram(data["day"][mask], bins=bins.edges)
        assert np.array_equal(bins.counts, counts)
        sums, _ = np.histogram(data["day"][mask], bins=bins.edges, weights=data["score"][mask])
        nonzero = counts > 0
        assert np.allclose(bins.mean_scores[nonzero], sums[nonzero] / counts[nonzero])
        assert np.all(np.isnan(bins.mean_scores[~nonzero]))


def test_lane_sizes_and_window(data: dict[str, np.ndarray]) -> None:
    index = BulkIndex(PAIRS, **data)
    assert sum(index.lane_size(i) for i in range(3)) == len(data["day"]) == len(index)
    window = index.window(100, 200)
    for lane, pair in enumerate(PAIRS):
        mask = (data["pair_id"] == lane) & (data["day"] >= 100) & (data["day"] < 200)
        assert window[pair][0] == int(mask.sum())
        assert window[pair][1] == pytest.approx(float(data["score"][mask].sum()))


def test_events_in_returns_the_lanes_rows_sorted_by_day(data: dict[str, np.ndarray]) -> None:
    index = BulkIndex(PAIRS, **data)
    days, _scores, categories, rows = index.events_in(1, 1000, 1010)
    assert np.all(np.diff(days) >= 0)
    assert np.all(data["pair_id"][rows] == 1)
    assert np.array_equal(data["day"][rows], days)
    assert np.array_equal(data["category_id"][rows], categories)


def test_top_categories() -> None:
    index = BulkIndex(
        PAIRS[:1],
        day=[1, 2, 3, 4],
        pair_id=[0, 0, 0, 0],
        score=[0, 0, 0, 0],
        category_id=[5, 5, 2, 5],
    )
    assert index.top_categories(0, 0, 10) == [(5, 3), (2, 1)]
    assert index.top_categories(0, 10, 20) == []
    assert index.lane_of(PAIRS[0]) == 0 and index.lane_of(Pair("A", "B")) is None


def test_empty_index() -> None:
    index = BulkIndex([], day=[], pair_id=[], score=[], category_id=[])
    assert len(index) == 0 and index.window(0, 10) == {}


def test_bins_many_matches_bins_lane_by_lane(data: dict[str, np.ndarray]) -> None:
    index = BulkIndex(PAIRS, **data)
    lo, hi, columns = 1234.5, 4321.25, 61
    counts, means = index.bins_many([2, 0, 1], lo, hi, columns)
    for row, lane in enumerate([2, 0, 1]):
        one = index.bins(lane, np.ceil(lo), hi, columns)
        # bins_many rounds edges up to whole days, as days are whole numbers.
        edges = np.ceil(np.linspace(lo, hi, columns + 1))
        mask = data["pair_id"] == lane
        expected, _ = np.histogram(data["day"][mask], bins=edges)
        expected[-1] -= int(np.sum(data["day"][mask] == edges[-1]))
        assert np.array_equal(counts[row], expected)
        assert counts[row].sum() <= index.lane_size(lane)
        del one
    assert np.all(np.isnan(means[counts == 0]))


def test_subset_of_lanes_matches_an_index_built_from_scratch(data: dict[str, np.ndarray]) -> None:
    index = BulkIndex(PAIRS, **data)
    subset = index.subset_lanes([2, 0])
    mask = np.isin(data["pair_id"], [0, 2])
    remap = np.array([0, -1, 1])
    fresh = BulkIndex(
        [PAIRS[0], PAIRS[2]],
        day=data["day"][mask],
        pair_id=remap[data["pair_id"][mask]],
        score=data["score"][mask],
        category_id=data["category_id"][mask],
        row=np.flatnonzero(mask),
    )
    assert subset.pairs == fresh.pairs and len(subset) == len(fresh)
    for lane in range(2):
        a, b = subset.bins(lane, 100, 4000, 50), fresh.bins(lane, 100, 4000, 50)
        assert np.array_equal(a.counts, b.counts)
        assert np.allclose(np.nan_to_num(a.mean_scores), np.nan_to_num(b.mean_scores))
    assert subset.window(0, 5000).keys() == fresh.window(0, 5000).keys()
    counts, _ = subset.bins_many([0, 1], 100, 4000, 50)
    assert np.array_equal(counts[1], fresh.bins(1, 100, 4000, 50).counts)


def _fresh_index(data: dict[str, np.ndarray], mask: np.ndarray) -> BulkIndex:
    """An index built from scratch over the rows in ``mask``, lanes renumbered."""
    lanes = sorted(set(data["pair_id"][mask].tolist()))
    remap = np.full(len(PAIRS), -1)
    remap[lanes] = np.arange(len(lanes))
    return BulkIndex(
        [PAIRS[lane] for lane in lanes],
        day=data["day"][mask],
        pair_id=remap[data["pair_id"][mask]],
        score=data["score"][mask],
        category_id=data["category_id"][mask],
        row=np.flatnonzero(mask),
    )


def _assert_same(a: BulkIndex, b: BulkIndex) -> None:
    assert a.pairs == b.pairs and len(a) == len(b)
    assert a.day_span() == b.day_span()
    lanes = list(range(len(a.pairs)))
    counts_a, means_a = a.bins_many(lanes, 100, 4000, 37)
    counts_b, means_b = b.bins_many(lanes, 100, 4000, 37)
    assert np.array_equal(counts_a, counts_b)
    assert np.allclose(np.nan_to_num(means_a), np.nan_to_num(means_b))
    window_a, window_b = a.window(0, 5000), b.window(0, 5000)
    assert window_a.keys() == window_b.keys()
    for pair, (count, total) in window_a.items():
        assert count == window_b[pair][0] and np.isclose(total, window_b[pair][1])
    for lane in lanes:
        for got, want in zip(a.events_in(lane, 0, 5000), b.events_in(lane, 0, 5000), strict=True):
            assert np.array_equal(np.sort(got), np.sort(want))


def test_filtered_index_matches_an_index_built_from_scratch(data: dict[str, np.ndarray]) -> None:
    index = BulkIndex(PAIRS, **data)
    filtered = index.filtered(start_day=1500, end_day=3000, categories=[1, 3])
    mask = (data["day"] >= 1500) & (data["day"] <= 3000) & np.isin(data["category_id"], [1, 3])
    assert 0 < mask.sum() < len(mask)
    _assert_same(filtered, _fresh_index(data, mask))


def test_filtering_a_lane_subset_keeps_only_its_lanes(data: dict[str, np.ndarray]) -> None:
    index = BulkIndex(PAIRS, **data)
    view = index.subset_lanes([2, 0])
    _assert_same(view, _fresh_index(data, np.isin(data["pair_id"], [0, 2])))
    filtered = view.filtered(categories=[0])
    mask = np.isin(data["pair_id"], [0, 2]) & (data["category_id"] == 0)
    _assert_same(filtered, _fresh_index(data, mask))


def test_a_filter_that_empties_a_lane_drops_it(data: dict[str, np.ndarray]) -> None:
    index = BulkIndex(PAIRS, **data)
    # A one-day window on a day when only lane 1 has events.
    others = set(data["day"][data["pair_id"] != 1].tolist())
    only = [d for d in data["day"][data["pair_id"] == 1].tolist() if d not in others]
    assert only, "the fixture has such days"
    filtered = index.filtered(start_day=only[0], end_day=only[0])
    assert filtered.pairs == [PAIRS[1]]
    assert filtered.lane_size(0) == int(np.sum((data["day"] == only[0]) & (data["pair_id"] == 1)))
