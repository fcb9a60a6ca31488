"""Small builders for the source pane's headers: plain-text labels (article and event
text is never markup), colour swatches, scaled fonts, the source stepper's arrows, and
filling a box layout in one call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocumentFragment
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QToolButton, QWidget


def plain_label(parent: QWidget, *, muted: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # article and event text is never markup
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        label.setProperty("muted", True)
    return label


def label_text(label: QLabel) -> str:
    if label.textFormat() == Qt.TextFormat.RichText:
        return QTextDocumentFragment.fromHtml(label.text()).toPlainText()
    return label.text()


def swatch(parent: QWidget) -> QLabel:
    swatch = QLabel(parent)
    swatch.setFixedSize(10, 10)
    return swatch


def scaled_font(base: QFont, scale: float, bold: bool) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setBold(bold)
    return font


def arrow_button(
    parent: QWidget, arrow: Qt.ArrowType, tip: str, slot: Callable[[], None]
) -> QToolButton:
    button = QToolButton(parent)
    button.setArrowType(arrow)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


def fill(layout: QBoxLayout, *items: QWidget | QLayout | int) -> QBoxLayout:
    """Add widgets, nested layouts and (for ints) fixed spacings, in order."""
    for item in items:
        if isinstance(item, int):
            layout.addSpacing(item)
        elif isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    return layout
