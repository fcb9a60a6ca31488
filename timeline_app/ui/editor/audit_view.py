"""The per-event History view: the audit log, one row per change, old → new."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QDialog,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.store.repo import AuditEntry


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


def show_event_history(parent: QWidget, event_id: str, entries: list[AuditEntry]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(f"History of {event_id}")
    table = QTableWidget(len(entries), 3)
    table.setHorizontalHeaderLabels(["When (UTC)", "What", "Changes"])
    for row, entry in enumerate(entries):
        # QTableWidgetItem shows plain text: the record's text is never markup.
        table.setItem(row, 0, QTableWidgetItem(entry.at))
        table.setItem(row, 1, QTableWidgetItem(entry.action))
        table.setItem(row, 2, QTableWidgetItem("; ".join(changed_fields(entry))))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    detail = QPlainTextEdit()
    detail.setReadOnly(True)
    table.currentCellChanged.connect(
        lambda r, _c, _pr, _pc: (
            detail.setPlainText("\n".join(changed_fields(entries[r])))
            if 0 <= r < len(entries)
            else None
        )
    )
    layout = QVBoxLayout(dialog)
    layout.addWidget(table, 2)
    layout.addWidget(detail, 1)
    if not entries:
        detail.setPlainText("No change made in the app: the event is as loaded.")
    dialog.resize(760, 420)
    dialog.show()
    return dialog
