from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from timeline_app.ui.app import install_error_hook


def test_unexpected_errors_become_a_message_and_a_log(
    isolated_user_data: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_error_hook()
    try:
        raise ValueError("<b>boom</b>")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert shown and shown[0].startswith("Something went wrong: ValueError: <b>boom</b>")
    assert "Your data is safe." in shown[0]
    log = (isolated_user_data / "error.log").read_text()
    assert "Traceback" in log and "ValueError" in log
