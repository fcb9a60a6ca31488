"""A one-line notice above the timeline when matches lie outside the visible window, so
the list and the timeline never disagree silently; "Show them" frames them all."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class OutsideNotice(QFrame):
    show_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outside-notice")
        self.setStyleSheet(
            "#outside-notice { background: #fff4cf; border-bottom: 1px solid #e0c36a; }"
            "#outside-notice QLabel { color: #3a2c00; }"
        )
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton("Show them")
        self.button.setToolTip("Widen the window to every match (Ctrl+Z goes back)")
        self.button.clicked.connect(self.show_requested.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.setVisible(False)

    def set_counts(self, outside: int, total: int) -> None:
        """``outside`` of ``total`` matches lie outside the window (0 hides the notice)."""
        if outside <= 0:
            self.setVisible(False)
            return
        if outside == total:
            text = f"All {total} matches lie outside the visible window."
        else:
            noun = "match lies" if outside == 1 else "matches lie"
            text = f"{outside} of {total} {noun} outside the visible window."
        self.label.setText(text)
        self.setVisible(True)
