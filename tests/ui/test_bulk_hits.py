"""Hover and click on the bulk layer: aggregate columns and single events."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF

from timeline_app.bulk_layout import BulkIndex
from timeline_app.domain import Category, Pair
from timeline_app.ui.bulk_hits import bin_tooltip, bin_under, single_event_under
from timeline_app.ui.bulk_painter import BulkLayer

PAIRS = [Pair("IND", "RUS"), Pair("IND", "VNM")]
DISPUTE = list(Category).index(Category.DISPUTE)
VISIT = list(Category).index(Category.VISIT)


def busy_layer() -> BulkLayer:
    """Lane 0 (timeline lane 1): 3,000 events over days 0-999; lane 1 (timeline lane 0):
    three events on days 500, 510 and 700, keys 9001-9003."""
    rng = np.random.default_rng(5)
    days = np.concatenate([rng.integers(0, 1000, 3000), [500, 510, 700]])
    pair_id = np.concatenate([np.zeros(3000, int), np.ones(3, int)])
    score = np.concatenate([np.full(3000, -4.0), [2.0, 2.0, 2.0]])
    category = np.concatenate([np.where(np.arange(3000) % 3, DISPUTE, VISIT), [VISIT] * 3])
    rows = np.concatenate([np.arange(3000), [9001, 9002, 9003]])
    index = BulkIndex(PAIRS, days, pair_id, score, category, row=rows)
    return BulkLayer(index, {1: 0, 0: 1})


def test_a_point_over_a_busy_lane_finds_its_aggregate_column() -> None:
    layer = busy_layer()
    found = bin_under(layer, QPointF(400.3, 1.5), (0.0, 1000.0), 500.0)  # 250 columns of 4 days
    assert found is not None
    lane, lo, hi = found
    assert lane == 1 and lo <= 400.3 < hi and np.isclose(hi - lo, 4.0)
    assert bin_under(layer, QPointF(400.3, 2.5), (0.0, 1000.0), 500.0) is None  # no lane 2


def test_the_tooltip_gives_count_top_categories_and_mean_score() -> None:
    layer = busy_layer()
    text = bin_tooltip(layer, 1, 0.0, 1000.0, "India – Russia")
    assert "3,000 bulk events" in text and "India – Russia" in text
    assert "dispute 2,000" in text and "visit 1,000" in text
    assert "mean score -4.0" in text


def test_a_click_on_a_sparse_lane_picks_the_nearest_single_event() -> None:
    layer = busy_layer()
    hit = single_event_under(layer, QPointF(510.6, 0.5), (0.0, 1000.0), 500.0, slack_days=3.0)
    assert hit == 9002
    assert single_event_under(layer, QPointF(600.0, 0.5), (0.0, 1000.0), 500.0, 3.0) is None


def test_a_click_on_aggregates_is_no_single_event() -> None:
    layer = busy_layer()
    assert single_event_under(layer, QPointF(400.0, 1.5), (0.0, 1000.0), 500.0, 3.0) is None
