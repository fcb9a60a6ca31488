"""Small dialogs: errors, keyboard shortcuts and About. All text is plain (never markup)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from timeline_app import APP_NAME, __version__
from timeline_app.domain import Event
from timeline_app.failure_words import plain_sentence
from timeline_app.ingest.problems import ValidationFailed
from timeline_app.safe_write import write_text
from timeline_app.store.db import StoreError


def _plain_box(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def show_shortcuts(parent: QWidget, text: str) -> QMessageBox:
    """``text``: built from the actions themselves (``keys.shortcut_entries``)."""
    box = _plain_box(parent, "Keyboard shortcuts", text)
    font = box.font()
    font.setFamily("monospace")
    box.setFont(font)
    box.open()
    return box


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


def error_detail(exc: BaseException) -> str:
    """What to tell the user about ``exc``: our own messages as they are, the first
    validation problems with file and line, and never a traceback."""
    if isinstance(exc, ValidationFailed):
        detail = "\n".join(str(p) for p in exc.problems[:30])
        more = len(exc.problems) - 30
        if more > 0:
            detail += f"\n… and {more} more"
        return detail
    if isinstance(exc, (StoreError, OSError)):
        return str(exc)
    return plain_sentence(exc)  # its traceback is in the log (ui/workers.py)


def show_error(parent: QWidget, title: str, exc: BaseException) -> str:
    """A window-modal warning (not blocking the caller); returns the detail shown."""
    detail = error_detail(exc)
    # Plain text: messages quote file contents and must never be read as markup.
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{title}\n\n{detail}")
    box.setModal(True)
    box.open()
    return detail


def export_events(
    parent: QWidget,
    events: Sequence[Event],
    on_error: Callable[[str, BaseException], None],
    protected: Sequence[Path] = (),
) -> Path | None:
    """Ask where, then write ``events`` as JSON or CSV; the file written, if any."""
    from timeline_app.export.events_io import to_csv, to_json

    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export events", str(Path.home() / "events.json"), "JSON (*.json);;CSV (*.csv)"
    )
    if not name:
        return None
    as_csv = name.lower().endswith(".csv") or "CSV" in chosen
    text = to_csv(list(events)) if as_csv else to_json(list(events))
    try:  # as every output: a temporary file renamed over it; a database is refused
        write_text(Path(name), text, protected=protected)
    except OSError as exc:
        on_error("Could not write the file", exc)
        return None
    return Path(name)
