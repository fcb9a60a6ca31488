"""The GDELT import's report: a dialog that stays until dismissed, with the summary
(or why the import failed) and every skipped row listed by file:line and reason.

A humble view of ``import_outcome.ImportOutcome``: all text is plain (rows quote the
file's own content and must never be read as markup).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from timeline_app.import_outcome import ImportOutcome


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ImportReportDialog(QDialog):
    def __init__(self, outcome: ImportOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.setWindowTitle(outcome.title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        heading = _plain_label(outcome.title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.summary = _plain_label(outcome.summary)
        layout.addWidget(self.summary)
        self.skipped = QTableWidget(len(outcome.skipped), 2)
        self.skipped.setHorizontalHeaderLabels(["Row (file:line)", "Why it was skipped"])
        self.skipped.verticalHeader().setVisible(False)
        self.skipped.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.skipped.setWordWrap(False)
        for row, (where, why) in enumerate(outcome.skipped):
            for column, text in enumerate((where, why)):
                item = QTableWidgetItem(text)  # items are plain text
                item.setToolTip(html.escape(text))  # a tooltip would read markup
                self.skipped.setItem(row, column, item)
        header = self.skipped.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.skipped.setVisible(bool(outcome.skipped))
        layout.addWidget(self.skipped, 1)
        self.unlisted = _plain_label(
            f"… and {outcome.unlisted:,} more malformed row(s), not listed."
        )
        self.unlisted.setVisible(outcome.unlisted > 0)
        layout.addWidget(self.unlisted)
        if not outcome.skipped:  # the words at the top, the button under them
            layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Without rows, as tall as the words need at this width (no empty band).
        self.resize(720, 420 if outcome.skipped else layout.totalHeightForWidth(720))

    def rows(self) -> list[tuple[str, str]]:
        """The skipped rows as shown (tests)."""
        return [(self._cell(r, 0), self._cell(r, 1)) for r in range(self.skipped.rowCount())]

    def _cell(self, row: int, column: int) -> str:
        item = self.skipped.item(row, column)
        return item.text() if item is not None else ""
