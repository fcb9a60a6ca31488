"""Where the main window opens: the first size on a roomy screen, and a geometry saved
on a bigger monitor brought back inside a smaller one. The screen's available area is
set per test (the offscreen screen's own size is fixed for the whole run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from timeline_app.screen_fit import DEFAULT_FRAME, PREFERRED_SIZE
from timeline_app.ui.window.main_window import MainWindow
from timeline_app.ui.window.window_geometry import frame_margins, to_rect

from ..conftest import wait_idle

pytestmark = pytest.mark.gui


def set_available(monkeypatch: pytest.MonkeyPatch, area: QRect) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(area))


def open_main(qtbot: QtBot, db: Path) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, window)
    return window


def test_a_roomy_screen_gets_the_preferred_size_centred(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = QRect(0, 0, 1920, 1050)
    set_available(monkeypatch, area)
    window = open_main(qtbot, tmp_path / "a.sqlite3")
    assert not window.isMaximized()
    assert (window.width(), window.height()) == PREFERRED_SIZE
    assert area.contains(window.frameGeometry())
    centre = window.frameGeometry().center()
    assert abs(centre.x() - area.center().x()) <= DEFAULT_FRAME.left + 2
    window.jobs.wait()


def test_a_geometry_saved_on_a_bigger_monitor_is_clamped(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_available(monkeypatch, QRect(0, 0, 1920, 1050))
    first = open_main(qtbot, tmp_path / "a.sqlite3")
    first.setGeometry(30, 40, 1800, 980)
    first.close()  # saves the geometry, as on quitting
    first.jobs.wait()

    # Smaller than the offscreen screen (800x800), so Qt's own check cannot be what
    # clamps it; wider than the window's minimum (the filter bar's, about 700 px).
    small = QRect(20, 10, 760, 520)
    set_available(monkeypatch, small)
    second = open_main(qtbot, tmp_path / "a.sqlite3")
    qtbot.wait(400)  # the check after the first show, when the frame is known
    assert not second.isMaximized()
    frame = frame_margins(second)
    assert frame != DEFAULT_FRAME  # measured: offscreen windows have a thin frame
    outer = frame.around(to_rect(second.geometry()))
    assert to_rect(small).contains(outer), outer
    assert second.width() >= 700 and second.height() >= 450  # it still uses the screen
    second.jobs.wait()
