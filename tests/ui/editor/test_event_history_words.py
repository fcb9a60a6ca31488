"""Edit › Event history… reads as a change log: times, verbs and what an event was."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from timeline_app.store.repo import AuditEntry
from timeline_app.ui.editor.audit_view import NO_CHANGE, show_event_history

RECORD = {
    "id": "2023-09-12-pact", "title": "India and Vietnam sign a <b>pact</b>",
    "date_start": "2023-09-12", "lanes": ["IND-VNM"], "category": "agreement",
    "modality": "happened", "dataset": "analyst", "approximate": False,
}  # fmt: skip
EDITED = {**RECORD, "title": "India and Vietnam sign a maritime pact"}


def _cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_the_history_names_the_event_and_says_each_change_in_words(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    entries = [
        AuditEntry("2026-12-02T00:51:46+00:00", "add", "2023-09-12-pact", "", json.dumps(RECORD)),
        AuditEntry("2026-12-02T00:52:03+00:00", "edit", "2023-09-12-pact",
                   json.dumps(RECORD), json.dumps(EDITED)),
        AuditEntry("2026-12-02T00:53:00+00:00", "undo edit", "2023-09-12-pact",
                   json.dumps(EDITED), json.dumps(RECORD)),
    ]  # fmt: skip
    dialog = show_event_history(parent, "2023-09-12-pact", entries, RECORD["title"])  # type: ignore[arg-type]
    assert dialog.windowTitle() == "History of India and Vietnam sign a <b>pact</b>"
    heading = dialog.findChildren(QLabel)[0]
    assert heading.text().splitlines() == [RECORD["title"], "2023-09-12-pact"]
    (table,) = dialog.findChildren(QTableWidget)
    rows = _cells(table)
    assert [r[0] for r in rows] == [
        "2 Dec 2026 00:51:46", "2 Dec 2026 00:52:03", "2 Dec 2026 00:53:00",
    ]  # fmt: skip
    assert [r[1] for r in rows] == ["made", "edited", "undid: edited"]
    # A new event is summed up by what it is, not by every field of its record.
    assert rows[0][2] == (
        "India and Vietnam sign a <b>pact</b> · 2023-09-12 · IND-VNM · agreement · happened"
    )
    assert "dataset" not in rows[0][2]
    assert rows[1][2].startswith("title: ")
    # The latest change is chosen, its every field listed below.
    (detail,) = dialog.findChildren(QPlainTextEdit)
    assert table.currentRow() == 2 and detail.toPlainText().startswith("title: ")
    dialog.close()


def test_an_event_never_changed_in_the_app_says_so(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_event_history(parent, "ind-vnm-pact", [])
    (detail,) = dialog.findChildren(QPlainTextEdit)
    assert detail.toPlainText() == NO_CHANGE and dialog.windowTitle() == "History of ind-vnm-pact"
    dialog.close()
