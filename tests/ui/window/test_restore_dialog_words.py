"""File › Restore backup… says why each backup was made, and without any, what makes one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from timeline_app.services import Store
from timeline_app.store.backup import backup_before, backups_folder, list_backups
from timeline_app.ui.window.restore_dialog import RestoreDialog


def _restore_button(dialog: RestoreDialog) -> bool:
    (box,) = dialog.findChildren(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_without_backups_the_dialog_says_what_makes_one(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RestoreDialog([], tmp_path / "t.sqlite3", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.table.isVisible() and dialog.empty_note.isVisible()
    note = dialog.empty_note.text()
    assert "reload of the curated seeds" in note and str(backups_folder()) in note
    assert not _restore_button(dialog)
    assert dialog.height() < 300  # no empty table band


def test_each_backup_says_why_it_was_made(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    Store.open(path).load()
    backup_before(path, "before-load")
    backups = list_backups()
    dialog = RestoreDialog(backups, path, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.isVisible() and not dialog.empty_note.isVisible()
    assert dialog.table.item(0, 1).text() == "before a reload of the seeds"
    assert _restore_button(dialog)
