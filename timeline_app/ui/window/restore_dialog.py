"""File › Restore backup…: the backups with their date, size and event count; the one
chosen replaces the open database (after a confirmation), which is then reopened.

The work is ``store.backup.restore``: it checks the backup first and keeps the file it
replaces as a backup too, so a restore can itself be undone the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app import APP_NAME
from timeline_app.store.backup import BackupInfo, backups_folder, list_backups, restore

if TYPE_CHECKING:
    from timeline_app.ui.window.main_window import MainWindow

COLUMNS = ("Date", "Made", "Events", "Size", "File")
# The backup's reason as the file name carries it, in words ("before-load" under a
# "Made before" heading read "before load").
REASON_WORDS = {
    "before-load": "before a reload of the seeds",
    "before-restore": "before a restore",
    "requested": "on request (timeline-app backup)",
}
NO_BACKUPS = (
    "There are no backups yet. One is written before each reload of the curated seeds, "
    "each upgrade of the file's format and each restore; `timeline-app backup` writes one "
    "now. They are kept in {folder}."
)


def reason_words(reason: str) -> str:
    if reason.startswith("before-schema-"):
        return "before an upgrade of the file's format"
    return REASON_WORDS.get(reason, reason.replace("-", " "))


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"


class RestoreDialog(QDialog):
    """The list of backups; ``chosen`` is the selected one once accepted."""

    def __init__(self, backups: list[BackupInfo], database: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore backup")
        self.backups = backups
        intro = QLabel(
            f"Choose a backup to put in place of {database.name}. The current file is "
            "kept as a backup too."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for row, info in enumerate(backups):
            cells = (
                info.created.strftime("%Y-%m-%d %H:%M:%S"),
                reason_words(info.reason),
                "unreadable" if info.events is None else f"{info.events:,}",
                _size(info.size),
                info.path.name,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))  # plain text
        self.table.resizeColumnsToContents()
        if backups:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        restore_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        restore_button.setText("Restore…")
        restore_button.setEnabled(bool(backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        # Without backups, no empty table: what makes one and where they are kept.
        self.empty_note = QLabel(NO_BACKUPS.format(folder=backups_folder()))
        self.empty_note.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_note.setWordWrap(True)
        self.empty_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.empty_note)
        self.table.setVisible(bool(backups))
        self.empty_note.setVisible(not backups)
        if not backups:
            intro.setVisible(False)
            layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(720, 360 if backups else layout.totalHeightForWidth(720))

    @property
    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None


def confirm_text(info: BackupInfo, database: Path) -> str:
    events = "an unknown number of" if info.events is None else f"{info.events:,}"
    return (
        f"Replace {database} with the backup of {info.created:%Y-%m-%d %H:%M} "
        f"({events} events)?\n\nThe current file is kept as a backup, so this can be "
        "undone with another restore."
    )


def restore_backup(window: MainWindow) -> None:
    """Ask which backup, confirm, restore it and reopen the database."""
    store = window.store
    if store is None:
        return
    database = store.path
    dialog = RestoreDialog(list_backups(), database, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return
    info = dialog.chosen
    answer = QMessageBox.question(window, APP_NAME, confirm_text(info, database))
    if answer == QMessageBox.StandardButton.Yes:
        restore_chosen(window, info, database)


def restore_chosen(window: MainWindow, info: BackupInfo, database: Path) -> None:
    """Put ``info``'s backup in place of ``database`` and reopen it in ``window``."""
    window.jobs.wait(10000)  # no read of the old file is left running
    try:
        kept = restore(info.path, database)
    except Exception as exc:  # StoreError, OSError: said in one sentence
        window._show_error("The backup was not restored; the database is unchanged", exc)
        return
    window.open_database(database, remember=False)
    note = f"Restored the backup of {info.created:%Y-%m-%d %H:%M}"
    if kept is not None:
        note += f"; the replaced file is kept as {kept.name}"
    window.status.note(note)  # kept over the counts the reopened data brings
