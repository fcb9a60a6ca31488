"""What the analyst does while the database is still being written (a first start
shows the seeds at once and writes them afterwards) is kept: a date range typed then
frames its matches once they are read, and undo brings back that framed view."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from timeline_app.dates import to_day
from timeline_app.ui.prefetch import Prefetch
from timeline_app.ui.window.main_window import MainWindow

from ..conftest import wait_idle


def day(y: int) -> float:
    return float(to_day(date(y, 1, 1)))


class HeldPrefetch(Prefetch):
    """A first start whose database write waits until the test releases it (a slow
    disk): the seeds are on screen, the store is not open yet."""

    def __init__(self, path: Path) -> None:
        self.release = threading.Event()
        super().__init__(path, hold_seed_write=True)

    def go_on(self) -> None:  # the window asks for the write once the seeds are drawn
        threading.Thread(target=self._go_on_when_released, daemon=True).start()

    def _go_on_when_released(self) -> None:
        self.release.wait(10)
        super().go_on()


def start_holding_the_write(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, HeldPrefetch]:
    path = tmp_path / "first.sqlite3"
    prefetch = HeldPrefetch(path)
    window = MainWindow(path, prefetch)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.snapshot is not None, timeout=20000)
    assert window.store is None  # the seeds are shown; the database is being written
    return window, prefetch


def type_dates(qtbot: QtBot, window: MainWindow, start: str, end: str) -> None:
    for box, text in ((window.filter_bar.date_from, start), (window.filter_bar.date_to, end)):
        box.setFocus()
        QTest.keyClicks(box, text)
        window.filter_bar.flush()


def test_a_date_range_typed_while_the_database_is_written_frames_its_matches(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, prefetch = start_holding_the_write(qtbot, tmp_path)
    type_dates(qtbot, window, "2016", "2017")
    prefetch.release.set()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.store is not None and not window.jobs.busy, timeout=20000)
    assert window.view.state.window == (day(2016), day(2018))
    lo, hi = window.timeline.visible_range()
    assert abs(lo - day(2016)) < 1 and abs(hi - day(2018)) < 1
    window.jobs.wait()


def test_undo_of_esc_during_the_write_brings_back_the_framed_range(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, prefetch = start_holding_the_write(qtbot, tmp_path)
    type_dates(qtbot, window, "2016", "2017")
    window.timeline.setFocus()
    QTest.keyClick(window.timeline, Qt.Key.Key_Escape)  # clears the date range
    assert window.view.state.filter.date_from == ""
    QTest.keyClick(window.timeline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.view.state.filter.date_from == "2016"
    prefetch.release.set()
    qtbot.waitUntil(lambda: window.store is not None and not window.jobs.busy, timeout=20000)
    # The restored range's matches are framed once read, on screen as in the state.
    assert window.view.state.window == (day(2016), day(2018))
    lo, hi = window.timeline.visible_range()
    assert abs(lo - day(2016)) < 1 and abs(hi - day(2018)) < 1
    assert len(window.timeline.events()) == len(window.snapshot.events) < 66
    window.jobs.wait()


def test_typing_while_a_query_is_read_loses_no_keystroke(qtbot: QtBot, tmp_path: Path) -> None:
    window, prefetch = start_holding_the_write(qtbot, tmp_path)
    box = window.filter_bar.date_from
    box.setFocus()
    QTest.keyClicks(box, "20")
    # The database's first answer arrives while the rest of the year is typed.
    with qtbot.waitSignal(window.data_shown, timeout=20000):
        prefetch.release.set()
    QTest.keyClicks(box, "16")
    assert box.text() == "2016"
    window.filter_bar.flush()
    wait_idle(qtbot, window)
    assert window.view.state.filter.date_from == "2016"
    window.jobs.wait()
