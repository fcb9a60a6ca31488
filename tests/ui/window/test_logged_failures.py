"""A background job's failure is logged with its traceback and shown as one plain
sentence; Help › Open log folder opens that folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from timeline_app.app_logging import flush_logs, log_dir, setup_logging
from timeline_app.failure_words import UNEXPECTED
from timeline_app.ui.window.main_window import MainWindow

Factory = Callable[..., MainWindow]


def test_a_failing_job_is_logged_and_shown_plainly(
    qtbot: QtBot, open_window: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = setup_logging()
    window = open_window()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: shown.append(box.text()))

    def broken() -> None:
        return {}["lane"]  # type: ignore[return-value]

    window.jobs.submit("Reading lanes…", broken, lambda _result: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0].endswith(UNEXPECTED) and "KeyError" not in shown[0]
    flush_logs()
    text = log.read_text(encoding="utf-8")
    assert "Background job 'Reading lanes' failed" in text
    assert "Traceback" in text and "KeyError: 'lane'" in text


def test_help_opens_the_log_folder(
    open_window: Factory, monkeypatch: pytest.MonkeyPatch, isolated_user_data: Path
) -> None:
    window = open_window()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    (action,) = [a for a in help_menu.actions() if a.text() == "Open &log folder"]
    action.trigger()
    assert [Path(url.toLocalFile()) for url in opened] == [log_dir()]
    assert log_dir() == isolated_user_data / "logs" and log_dir().is_dir()
