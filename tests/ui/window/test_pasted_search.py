"""A page pasted into the search box: the filter bar says only its first words are
used, and the window searches with them."""

from __future__ import annotations

import time
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from timeline_app.ui.window.main_window import MainWindow

from ..conftest import wait_idle

Factory = Callable[..., MainWindow]


def test_a_pasted_page_searches_its_first_words_and_says_so(
    qtbot: QtBot, open_window: Factory
) -> None:
    window = open_window()
    page = "Akash " + " ".join(f"filler{i}" for i in range(3000))
    started = time.perf_counter()
    window.filter_bar.search.setText(page)
    window.filter_bar.flush()
    wait_idle(qtbot, window)
    assert time.perf_counter() - started < 10
    status = window.filter_bar.status.text()
    assert "search uses its first 32 words (512 characters at most); the rest is ignored" in status
    assert window.filter_bar.status.isVisible()
    assert window.snapshot is not None and window.snapshot.events == []  # filler0.. match nothing
    window.filter_bar.search.setText("Akash")
    window.filter_bar.flush()
    wait_idle(qtbot, window)
    assert window.filter_bar.status.text() == "" and window.snapshot.events
