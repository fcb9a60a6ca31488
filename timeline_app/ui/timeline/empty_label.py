"""What the timeline says in place of marks when it has none to draw ("Opening the
database…", "No events match the filter." ...): a plain-text label over the plot, clear
of the lane axis and the date axis."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

EMPTY_NO_DATA = "No events to show."


class EmptyLabel(QLabel):
    def __init__(self, plot: QWidget, left_margin: int) -> None:
        super().__init__(plot)
        self._plot, self._left_margin = plot, left_margin
        self.message = EMPTY_NO_DATA
        self.setTextFormat(Qt.TextFormat.PlainText)  # never read as markup
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)

    def show_if(self, empty: bool) -> None:
        """Show the message when the timeline is ``empty``, else hide it."""
        self.setVisible(empty)
        self.setText(self.message)
        self.place()

    def place(self) -> None:
        """Over the plot, clear of the lane axis on the left and the date axis below."""
        self.setGeometry(self._plot.rect().adjusted(self._left_margin, 0, 0, -30))
