from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from timeline_app.domain import Pair
from timeline_app.ui.bulk.bulk_table import PAGE, BulkTable


@dataclass
class Columns:
    pairs: list[Pair]
    day: np.ndarray
    pair_id: np.ndarray
    category_id: np.ndarray
    score: np.ndarray
    pk: np.ndarray


def make_columns(n: int) -> Columns:
    rng = np.random.default_rng(5)
    return Columns(
        pairs=[Pair("IND", "VNM"), Pair("IND", "RUS")],
        day=np.sort(rng.integers(0, 20000, n)).astype(np.int32),
        pair_id=rng.integers(0, 2, n).astype(np.int32),
        category_id=rng.integers(0, 11, n).astype(np.int8),
        score=rng.uniform(-10, 10, n).astype(np.float32),
        pk=np.arange(1, n + 1, dtype=np.int64),
    )


def test_a_million_rows_load_lazily_and_sort_fast(qtbot: QtBot) -> None:
    table = BulkTable()
    qtbot.addWidget(table)
    table.resize(600, 400)
    table.show()
    columns = make_columns(1_000_000)
    started = time.perf_counter()
    table.set_columns(columns)
    qtbot.wait(10)
    model = table.bulk_model
    assert model.total() == 1_000_000
    assert model.rowCount() == PAGE, "rows are revealed a page at a time"
    assert time.perf_counter() - started < 2.0
    table.scrollToBottom()
    qtbot.wait(10)
    assert model.rowCount() > PAGE, "scrolling fetches more"
    model.sort(3, Qt.SortOrder.DescendingOrder)
    scores = [float(model.index(r, 3).data()) for r in range(5)]
    assert scores == sorted(scores, reverse=True)
    assert model.index(0, 1).data() in ("IND-VNM", "IND-RUS")


def test_selecting_a_row_reports_its_key(qtbot: QtBot) -> None:
    table = BulkTable()
    qtbot.addWidget(table)
    table.set_columns(make_columns(100))
    with qtbot.waitSignal(table.bulk_event_selected) as signal:
        table.selectRow(7)
    assert signal.args == [table.bulk_model.pk_at(7)]
    assert table.bulk_model.row_of_pk(signal.args[0]) == 7
