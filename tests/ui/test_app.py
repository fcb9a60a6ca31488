from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from timeline_app.app_logging import flush_logs, setup_logging
from timeline_app.failure_words import UNEXPECTED
from timeline_app.ui.app import install_error_hook


def test_unexpected_errors_become_a_message_and_a_log(
    isolated_user_data: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_file = setup_logging()
    assert log_file == isolated_user_data / "logs" / "timeline-app.log"
    install_error_hook()
    try:
        raise ValueError("<b>boom</b>")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert shown == [UNEXPECTED]  # one plain sentence: no exception class, no markup
    assert "ValueError" not in shown[0] and "your data is safe" in shown[0]
    flush_logs()
    log = log_file.read_text(encoding="utf-8")
    assert "Traceback" in log and "ValueError: <b>boom</b>" in log
