"""File › Export events writes like every other output: a file it is given gets the
events; the open database, chosen by mistake, is refused and left as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from timeline_app.ui.window import dialogs
from timeline_app.ui.window.main_window import MainWindow


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def test_export_events_writes_the_file_and_refuses_the_open_database(
    open_window: Callable[..., MainWindow], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window()
    assert window.store is not None and window.snapshot is not None
    events = window.snapshot.events
    errors: list[str] = []

    def record(_title: str, exc: BaseException) -> None:
        errors.append(str(exc))

    target = tmp_path / "events.json"
    _choose(monkeypatch, target)
    assert dialogs.export_events(window, events, record, [window.store.path]) == target
    assert len(json.loads(target.read_text(encoding="utf-8"))) == len(events)
    assert errors == []
    database = window.store.path
    before = database.read_bytes()
    _choose(monkeypatch, database)
    assert dialogs.export_events(window, events, record, [database]) is None
    assert database.read_bytes() == before
    assert len(errors) == 1 and "database" in errors[0]
