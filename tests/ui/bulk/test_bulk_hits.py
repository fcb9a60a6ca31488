"""Hover and click on the bulk layer: aggregate columns and single events."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from timeline_app.bulk_layout import BulkIndex
from timeline_app.domain import Category, Pair
from timeline_app.ui.bulk.bulk_hits import bin_tooltip, bin_under, single_event_under
from timeline_app.ui.bulk.bulk_painter import BulkLayer

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


def test_a_repaint_of_the_same_view_reuses_the_bulk_image(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from timeline_app.ui.bulk import bulk_painter
    from timeline_app.ui.theme import THEMES

    layer = busy_layer()
    computed: list[tuple[float, float]] = []
    original = bulk_painter._frame

    def counting(*args: Any, **kwargs: Any) -> Any:
        computed.append((args[2], args[3]))
        return original(*args, **kwargs)

    monkeypatch.setattr(bulk_painter, "_frame", counting)
    image = QImage(400, 100, QImage.Format.Format_RGB32)
    rects = {0: QRectF(0, 0, 400, 50), 1: QRectF(0, 50, 400, 50)}

    def paint(lo: float, hi: float, theme: str) -> None:
        image.fill(0)
        painter = QPainter(image)
        bulk_painter.paint_bulk_layer(painter, layer, rects, (lo, hi), THEMES[theme])
        painter.end()

    paint(0, 1000, "light")
    paint(0, 1000, "light")
    assert computed == [(0, 1000)], "the same lanes and days: drawn from the last image"
    paint(10, 1010, "light")
    paint(10, 1010, "dark")
    assert computed == [(0, 1000), (10, 1010), (10, 1010)], "a pan or a new theme draws again"
