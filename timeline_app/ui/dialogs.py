"""Small dialogs: keyboard shortcuts and About. All text is plain (never markup)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from timeline_app import APP_NAME, __version__

SHORTCUTS = (
    ("Ctrl+F", "Search events and articles"),
    ("Esc", "Clear the selection, then the lane focus, then the filters"),
    ("← / →", "Previous / next event in time on the selected lane"),
    ("Enter", "Show the selected event's source"),
    ("Mouse wheel", "Zoom time around the cursor"),
    ("Shift + wheel", "Scroll lanes"),
    ("Drag", "Pan"),
    ("Double-click, Home, Ctrl+0", "Fit all"),
    ("+ / −", "Zoom in / out"),
    ("Z", "Zoom to the selected event"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo a change of filter, lane focus or window"),
    ("Ctrl+Shift+D", "Light / dark theme"),
    ("F5", "Load / refresh the curated seeds"),
    ("Ctrl+O", "Open another database"),
    ("Ctrl+E", "Export the timeline as PNG, SVG or PDF"),
    ("Ctrl+Shift+C", "Copy the timeline as an image"),
    ("Ctrl+Shift+E", "Export events as JSON or CSV"),
)


def shortcuts_text() -> str:
    width = max(len(keys) for keys, _ in SHORTCUTS)
    return "\n".join(f"{keys.ljust(width)}   {what}" for keys, what in SHORTCUTS)


def _plain_box(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def show_shortcuts(parent: QWidget) -> None:
    box = _plain_box(parent, "Keyboard shortcuts", shortcuts_text())
    font = box.font()
    font.setFamily("monospace")
    box.setFont(font)
    box.open()


def show_about(parent: QWidget, db_path: Path | None) -> None:
    text = (
        f"{APP_NAME} {__version__}\n\n"
        "An offline timeline of relations between countries. Every event links back "
        "to the paragraph of the article it came from.\n\n"
        f"Database: {db_path or 'none'}\n"
        f"SQLite {sqlite3.sqlite_version}\n"
        "No network access is ever made."
    )
    _plain_box(parent, f"About {APP_NAME}", text).open()
