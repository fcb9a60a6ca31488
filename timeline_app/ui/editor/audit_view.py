"""The per-event History view: the audit log, one row per change, old → new.

The log stores machine words (ISO times, "undo add", JSON records); the view says them
as an analyst reads a change log: "2 Dec 2026 00:51 UTC", "undid: made", and for an
event made or deleted, what it was (title, date, pair) rather than every field.
"""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.store.repo import AuditEntry

ACTION_WORDS = {"add": "made", "edit": "edited", "delete": "deleted"}
# What a whole record (an event made or deleted) is summed up by, in this order.
SUMMARY_FIELDS = ("title", "date_start", "date_end", "lanes", "category", "modality")
NO_CHANGE = "No change made in the app: the event is as loaded."


def changed_fields(entry: AuditEntry) -> list[str]:
    """Lines 'field: old → new' for every field the change touched."""
    old = json.loads(entry.old) if entry.old else {}
    new = json.loads(entry.new) if entry.new else {}
    lines = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            before = json.dumps(old.get(key), ensure_ascii=False) if key in old else "—"
            after = json.dumps(new.get(key), ensure_ascii=False) if key in new else "—"
            lines.append(f"{key}: {before} → {after}")
    return lines


def action_words(action: str) -> str:
    """'add' → 'made', 'undo delete' → 'undid: deleted', 'redo edit' → 'redid: edited'."""
    step, _, what = action.rpartition(" ")
    word = ACTION_WORDS.get(what, what)
    return {"undo": f"undid: {word}", "redo": f"redid: {word}"}.get(step, word)


def when_words(at: str) -> str:
    """An ISO 8601 UTC time as '2 Dec 2026 00:51:46' (the column says UTC)."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    return f"{moment.day} {moment:%b %Y %H:%M:%S}"


def change_summary(entry: AuditEntry) -> str:
    """One line for the table: the fields an edit changed, or what a whole record was."""
    if entry.old and entry.new:
        return "; ".join(changed_fields(entry))
    record = json.loads(entry.new or entry.old or "{}")
    parts = []
    for key in SUMMARY_FIELDS:
        value = record.get(key)
        if value:
            parts.append(", ".join(map(str, value)) if isinstance(value, list) else str(value))
    return " · ".join(parts)


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text: the record's text is never markup
    item.setToolTip(text.replace("&", "&amp;").replace("<", "&lt;"))  # a tooltip reads markup
    return item


def show_event_history(
    parent: QWidget, event_id: str, entries: list[AuditEntry], title: str = ""
) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(f"History of {title or event_id}")
    heading = QLabel(f"{title}\n{event_id}" if title else event_id)
    heading.setTextFormat(Qt.TextFormat.PlainText)
    heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    table = QTableWidget(len(entries), 3)
    table.setHorizontalHeaderLabels(["When (UTC)", "What", "Changes"])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    for row, entry in enumerate(entries):
        table.setItem(row, 0, _item(when_words(entry.at)))
        table.setItem(row, 1, _item(action_words(entry.action)))
        table.setItem(row, 2, _item(change_summary(entry)))
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    detail = QPlainTextEdit()
    detail.setReadOnly(True)
    detail.setPlaceholderText("Select a change to see every field it touched.")
    table.currentCellChanged.connect(
        lambda r, _c, _pr, _pc: (
            detail.setPlainText("\n".join(changed_fields(entries[r])))
            if 0 <= r < len(entries)
            else None
        )
    )
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(heading)
    layout.addWidget(table, 2)
    layout.addWidget(detail, 1)
    layout.addWidget(buttons)
    if entries:
        table.setCurrentCell(len(entries) - 1, 0)  # the latest change, its fields below
    else:
        detail.setPlainText(NO_CHANGE)
    dialog.resize(760, 420)
    dialog.show()
    table.resizeRowsToContents()  # after show: the Changes column has its width
    return dialog
