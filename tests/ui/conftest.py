from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from timeline_app.ui.prefetch import Prefetch
from timeline_app.ui.window.main_window import MainWindow


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.snapshot is not None and not window.jobs.busy, timeout=30000)


@pytest.fixture
def open_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def factory(
        db: Path | None = None,
        size: tuple[int, int] = (1366, 768),
        prefetch: Prefetch | None = None,
    ) -> MainWindow:
        window = MainWindow(db or tmp_path / "ui.sqlite3", prefetch)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        wait_idle(qtbot, window)
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.jobs.wait()
