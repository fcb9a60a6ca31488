"""The bulk (GDELT) layer in the real main window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from timeline_app.domain import Pair
from timeline_app.services import Store
from timeline_app.store.db import StoreError
from timeline_app.ui.prefetch import Prefetch
from timeline_app.ui.window.main_window import MainWindow

from ..conftest import wait_idle

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "gdelt"
EXPORT = FIXTURES / "20211206000000.export.CSV"
Factory = Callable[..., MainWindow]


@pytest.fixture
def bulk_db(tmp_path: Path) -> Path:
    path = tmp_path / "bulk.sqlite3"
    store = Store.open(path)
    store.ensure_seeded()
    store.import_gdelt([EXPORT])
    store.close()
    return path


def test_bulk_events_show_as_a_layer_a_tab_and_panel_weight(
    qtbot: QtBot, open_window: Factory, bulk_db: Path
) -> None:
    window = open_window(bulk_db)
    bulk = window.bulk.data
    assert bulk is not None and len(bulk.columns) > 0
    assert window.event_tabs.isTabVisible(1)
    assert window.timeline.bulk_layer() is not None
    assert "bulk events" in window.statusBar().currentMessage()
    # The panel counts curated and bulk events of the window together.
    window.timeline.fit_all()
    qtbot.wait(20)
    pair = Pair("IND", "RUS")
    lo, hi = window.timeline.visible_range()
    curated = window.pair_index.window(lo, hi).get(pair)
    in_bulk = bulk.index.window(lo, hi).get(pair)
    assert in_bulk is not None
    tooltip = window.relations.edge_items()[pair.key].toolTip()
    expected = (curated.count if curated else 0) + in_bulk[0]
    assert f"{expected} events" in tooltip
    # Hiding the layer removes it everywhere.
    window.bulk_action.trigger()
    wait_idle(qtbot, window)
    assert window.bulk.data is None and window.timeline.bulk_layer() is None
    assert not window.event_tabs.isTabVisible(1)


def test_a_start_uses_the_bulk_events_read_ahead(open_window: Factory, bulk_db: Path) -> None:
    prefetch = Prefetch(bulk_db)
    read_ahead = prefetch.bulk()
    assert read_ahead is not None and len(read_ahead) > 0
    window = open_window(bulk_db, prefetch=prefetch)
    assert window.bulk.full is read_ahead, "the window did not read the bulk events again"
    assert window.bulk.data is read_ahead and window.timeline.bulk_layer() is not None
    assert window.store is not None and window.store.path == bulk_db


def test_a_read_ahead_of_another_database_is_not_used(
    open_window: Factory, bulk_db: Path, tmp_path: Path
) -> None:
    other = Prefetch(tmp_path / "other.sqlite3")
    other.bulk()
    window = open_window(bulk_db, prefetch=other)
    assert window.store is not None and window.store.path == bulk_db
    assert window.bulk.full is not None and len(window.bulk.full) > 0


def test_a_read_ahead_that_cannot_open_reports_the_error(tmp_path: Path) -> None:
    broken = tmp_path / "not-a-database.sqlite3"
    broken.write_text("this is not SQLite\n" * 200)
    prefetch = Prefetch(broken)
    with pytest.raises(StoreError, match="not a Bilateral Ties Viewer database"):
        prefetch.store()
    assert prefetch.bulk() is None
    assert broken.read_text().startswith("this is not SQLite"), "the file was left as it was"


def test_selecting_a_bulk_row_shows_its_reference_not_fetched(
    qtbot: QtBot, open_window: Factory, bulk_db: Path
) -> None:
    window = open_window(bulk_db)
    window.event_tabs.setCurrentIndex(1)
    window.bulk.table.selectRow(0)
    qtbot.waitUntil(
        lambda: "Source reference" in window.source.browser().toPlainText(), timeout=5000
    )
    text = window.source.browser().toPlainText()
    assert "(not fetched)" in text
    assert "http" in text
    assert not window.source.browser().openLinks()


def test_gui_import_with_progress(
    qtbot: QtBot, open_window: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    assert window.bulk.data is None
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(EXPORT)], ""))
    window.bulk.import_files()
    qtbot.waitUntil(lambda: window.bulk.data is not None, timeout=20000)
    assert window.event_tabs.isTabVisible(1)
    imported = len(window.store.bulk_columns())
    assert imported > 0 and len(window.bulk.data.columns) == imported


def test_clicking_a_single_bulk_event_up_close_shows_it(
    qtbot: QtBot, open_window: Factory, bulk_db: Path
) -> None:
    window = open_window(bulk_db)
    bulk = window.bulk.data
    timeline = window.timeline
    day = float(bulk.columns.day[0])
    pair = bulk.columns.pairs[int(bulk.columns.pair_id[0])]
    timeline.set_visible_range(day - 10, day + 10)
    qtbot.wait(20)
    lane = timeline.lanes().index(pair)
    from PySide6.QtCore import QPointF

    with qtbot.waitSignal(timeline.bulk_event_selected) as signal:
        _top, bottom = timeline.marks_layout().bulk_band(lane)
        timeline.click_at(QPointF(day + 0.5, bottom - 2))
    assert signal.args[0] in set(int(k) for k in bulk.columns.pk)
    qtbot.waitUntil(
        lambda: "Source reference" in window.source.browser().toPlainText(), timeout=5000
    )


def test_filters_apply_to_bulk_events_in_memory(
    qtbot: QtBot, open_window: Factory, bulk_db: Path
) -> None:
    window = open_window(bulk_db)
    everything = window.bulk.full
    assert everything is not None
    window.filter_bar.actors.set_checked({"VNM"})
    window.filter_bar.actors.changed.emit()
    wait_idle(qtbot, window)
    assert window.bulk.full is everything, "a filter change reuses the events read once"
    picked = window.bulk.data
    assert picked is not None
    assert picked.columns is everything.columns, "a filter shares the columns, never copies"
    assert picked.rows is not None
    pairs = picked.columns.pairs
    assert all(
        "VNM" in (pairs[int(i)].a, pairs[int(i)].b) for i in picked.columns.pair_id[picked.rows]
    )
    assert 0 < len(picked) < len(everything)
    assert len(picked.index) == len(picked)
    assert all("VNM" in (p.a, p.b) for p in picked.index.pairs)
    table = window.bulk.table.bulk_model
    assert table.total() == len(picked)


def test_a_search_says_the_bulk_layer_is_hidden_rather_than_empty(
    qtbot: QtBot, open_window: Factory, bulk_db: Path
) -> None:
    window = open_window(bulk_db)
    assert "bulk events" in window.statusBar().currentMessage()
    window.filter_bar.search.setText("Akash")
    window.filter_bar.flush()
    wait_idle(qtbot, window)
    assert window.bulk.data is None or len(window.bulk.data) == 0
    assert "bulk events hidden while searching" in window.statusBar().currentMessage()
    window.filter_bar.search.setText("")
    window.filter_bar.flush()
    wait_idle(qtbot, window)
    message = window.statusBar().currentMessage()
    assert "hidden while searching" not in message and "bulk events" in message
