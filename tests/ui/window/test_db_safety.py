"""The window and the database's safety: another process's changes are noticed and
shown, a read-only file says so, and File › Restore backup puts a backup back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.seed_facts import seed_event_count
from tests.ui.conftest import wait_idle
from timeline_app.store import db as db_module
from timeline_app.store.backup import backup_before, list_backups
from timeline_app.ui.window.restore_dialog import RestoreDialog, restore_chosen

FIXTURE = Path(__file__).parents[2] / "fixtures" / "gdelt" / "20211206000000.export.CSV"


def _other_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=120,
    )


def test_an_import_by_another_process_shows_up_in_the_open_window(
    qtbot: QtBot, open_window, tmp_path: Path
) -> None:
    window = open_window(tmp_path / "shared.sqlite3")
    window.db_watch.timer.setInterval(100)
    assert window.bulk.data is None
    done = _other_process("import-gdelt", "--db", str(window.store.path), str(FIXTURE))
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: window.bulk.data is not None, timeout=15000)
    wait_idle(qtbot, window)
    assert "changed by another process" in window.statusBar().currentMessage()


def test_the_window_does_not_reload_for_its_own_writes(
    qtbot: QtBot, open_window, tmp_path: Path
) -> None:
    window = open_window(tmp_path / "own.sqlite3")
    window.db_watch.timer.setInterval(50)
    window.reload_seeds()  # the window's own write, through its own job
    wait_idle(qtbot, window)
    reloads: list[bool] = []
    window.db_watch.changed_elsewhere.connect(lambda: reloads.append(True))
    qtbot.wait(400)
    assert reloads == []


def test_a_read_only_file_opens_and_says_so(
    qtbot: QtBot, open_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ro.sqlite3"
    first = open_window(path)
    first.close()
    real_access = os.access
    monkeypatch.setattr(
        db_module.os, "access", lambda p, mode: mode != os.W_OK and real_access(p, mode)
    )
    window = open_window(path)
    assert window.store is not None and window.store.read_only
    assert window.windowTitle().endswith("(read-only)")
    assert len(window.snapshot.events) == seed_event_count()
    assert "Read-only" in window._counts_text()


def test_restore_backup_lists_and_puts_a_backup_back(
    qtbot: QtBot, open_window, tmp_path: Path
) -> None:
    window = open_window(tmp_path / "restore.sqlite3")
    path = window.store.path
    backup_before(path, "test")
    done = _other_process("import-gdelt", "--db", str(path), str(FIXTURE))
    assert done.returncode == 0, done.stderr
    backups = list_backups()
    dialog = RestoreDialog(backups, path, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == str(seed_event_count())  # curated events only, then
    assert dialog.chosen == backups[0]
    restore_chosen(window, backups[0], path)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.bulk.data is None and not window.jobs.busy, timeout=15000)
    assert len(window.snapshot.events) == seed_event_count()
    assert "Restored the backup" in window.statusBar().currentMessage()
    assert {b.reason for b in list_backups()} == {"test", "before-restore"}
